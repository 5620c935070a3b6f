"""The periodic report: formatting, privacy, period-change tests, and one real run on the sample."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import math
import re
import shutil
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import roi
from roi.cli import main
from roi.errors import RoiError
from roi.report import compare, formatting, privacy
from roi.report.document import export_files, previous_period, year_earlier
from roi.report.run import build, check_self_contained, resolve_periods

PERIOD = "2025-10"  # the bundled sample covers 2025


# -- formatting -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (1234.5, "es", 1, "1.234,5"), (1234.5, "en", 1, "1,234.5"), (1234567, "es", 0, "1.234.567"),
    (-2.25, "es", 1, "−2,2"), (float("nan"), "es", 0, "sin datos"), (float("nan"), "en", 0, "no data"),
])
def test_number(value, lang, decimals, expected):
    assert formatting.number(value, lang, decimals) == expected


def test_percent_period_names_and_durations():
    assert formatting.percent(0.6431, "es") == "64,3\u00a0%"
    assert formatting.percent(0.6431, "en") == "64.3%"
    assert formatting.period_name("2026-10", "es") == "octubre de 2026"
    assert formatting.period_name("2026-10", "en") == "October 2026"
    assert formatting.period_name("2025-Q4", "es") == "4.º trimestre de 2025"
    # RAE abbreviated ordinals: 1.er, 2.º, 3.er, 4.º; inside a sentence the article contracts after "de" and "a"
    assert formatting.period_name("2025-Q3", "es") == "3.er trimestre de 2025"
    assert formatting.contract(f"Índice de {formatting.period_name('2025-Q3', 'es', article=True)} frente a "
                               f"{formatting.period_name('2025-Q2', 'es', article=True)}") == \
        "Índice del 3.er trimestre de 2025 frente al 2.º trimestre de 2025"
    assert formatting.contract("con el 2.º trimestre") == "con el 2.º trimestre"
    assert formatting.date(dt.date(2025, 10, 7), "es") == "7 de octubre de 2025"
    assert formatting.minutes(378, "es") == "6 h 18 min"  # 378 = 6 × 60 + 18
    assert formatting.minutes(math.inf, "en") == "not reached"
    assert formatting.points(2.5, "es") == "+2,5"


# -- privacy --------------------------------------------------------------------------------------

@pytest.mark.parametrize("secret", [
    "ana.garcia@example.org", "612 34 56 78", "+34 612345678", "12345678Z", "X1234567L", "Y-1234567-X",
    "ES91 2100 0418 4502 0005 1332", "ES9121000418450200051332",
])
def test_redact_removes_personal_data(secret):
    assert secret not in privacy.redact(f"mi dato es {secret}, gracias")


@pytest.mark.parametrize(("text", "expected"), [
    # issue 13.8, each expected value worked by hand
    ("mi DNI es 12.345.678-Z, gracias", "mi DNI es [DNI/NIE], gracias"),
    ("mi DNI es 12 345 678 Z, gracias", "mi DNI es [DNI/NIE], gracias"),
    ("escribid a ana(at)example.org o a pep [arroba] example [punto] cat", "escribid a [e-mail] o a [e-mail]"),
    ("pagué con la 4111 1111 1111 1111 ayer", "pagué con la [card] ayer"),
    ("tarjeta 4111-1111-1111-1111", "tarjeta [card]"),
    ("cuenta ES91 2100 0418 4502 0005 1332 para la devolución", "cuenta [IBAN] para la devolución"),
    ("llamad al 612 34 56 78 el día 3", "llamad al [tel.] el día 3"),
    ("el expediente 2025/1234 de 12 de marzo, 3.500 euros", "el expediente 2025/1234 de 12 de marzo, 3.500 euros"),
])
def test_redact_catches_the_variants_and_keeps_the_words_around(text, expected):
    assert privacy.redact(text) == expected


def test_excerpt_escapes_and_respects_the_opt_in():
    assert privacy.excerpt("<script>alert(1)</script>", allowed=True) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert privacy.excerpt("hola", allowed=False) == ""


def test_show_text_defaults_to_false(tmp_path, samples):
    assert privacy.show_text(samples / "roi.toml") is False
    config = tmp_path / "roi.toml"
    config.write_text('name = "X"\n[privacy]\nshow_text = true\n', encoding="utf-8")
    assert privacy.show_text(config) is True


# -- period-change tests --------------------------------------------------------------------------

def test_two_proportions_matches_the_hand_computation():
    # pooled p = 0.5; se = sqrt(0.25 * (1/100 + 1/100)) = 0.0707; z = 0.2 / 0.0707 = 2.828; p = 2 * (1 - Phi(2.828))
    change = compare.two_proportions(60, 100, 40, 100)
    assert change.p_value == pytest.approx(0.004678, abs=1e-5)
    assert compare.wording(change, "en").startswith("significant increase")


def test_same_distribution_gives_no_significant_change():
    rng = np.random.default_rng(2026)
    a, b = rng.binomial(1, 0.64, 400), rng.binomial(1, 0.64, 400)
    rate = compare.two_proportions(a.sum(), len(a), b.sum(), len(b))
    assert compare.wording(rate, "en").startswith("no significant change")
    assert compare.wording(rate, "es").startswith("sin cambios significativos")
    t1, t0 = rng.exponential(10, 300), rng.exponential(10, 300)
    e1, e0 = rng.random(300) < 0.7, rng.random(300) < 0.7
    curve = compare.logrank(t1, e1, t0, e0)
    assert compare.wording(curve, "en", times=True).startswith("no significant change")


def test_logrank_detects_a_real_difference():
    rng = np.random.default_rng(7)
    change = compare.logrank(rng.exponential(2, 300), np.ones(300, bool), rng.exponential(10, 300), np.ones(300, bool))
    assert change.significant
    assert "faster" in compare.wording(change, "en", times=True)


# -- periods --------------------------------------------------------------------------------------

def test_relative_periods_use_the_given_day():
    assert resolve_periods("previous-month", None, "Europe/Madrid", dt.date(2026, 1, 5)) == ["2025-12"]
    assert resolve_periods("previous-quarter", None, "Europe/Madrid", dt.date(2026, 1, 5)) == ["2025-Q4"]
    assert resolve_periods("2025-11", "2026-02", "Europe/Madrid") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert previous_period("2025-Q1") == "2024-Q4" and year_earlier("2025-10") == "2024-10"
    with pytest.raises(RoiError):
        resolve_periods("2025-10", "2025-Q4", "Europe/Madrid")


def test_self_contained_check_rejects_cdn_scripts():
    with pytest.raises(RoiError, match="check HTML"):
        check_self_contained('<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js">')
    check_self_contained('<img src="data:image/png;base64,AAAA" alt="x"><a href="https://example.org">x</a>')


@pytest.mark.parametrize("css", ["<style>body{background:url(https://evil.example/a.png)}</style>",
                                 "<STYLE>@import '//evil.example/x.css';</STYLE>",
                                 '<div class="x" style="background: url( \'//evil.example/a.png\')">x</div>'])
def test_self_contained_check_guards_the_template_css(css):
    with pytest.raises(RoiError, match="check HTML"):
        check_self_contained(f"<html><body>{css}</body></html>")


def test_citizen_text_or_account_with_a_css_url_does_not_block_the_report():
    # issue 13.5: data reaches the page as escaped text; it loads nothing, so the report is written
    text = html.escape("mira url(https://evil.example/a.png) y style='background:url(//evil.example/b.png)'")
    check_self_contained(f"<style>p{{color:#111}}</style><p>{text}</p><table><td>url(//evil.example/c.png)</td></table>")


# -- one real run on the sample -------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory, samples_dir):
    out = tmp_path_factory.mktemp("reports")
    lines = []
    build(config=samples_dir / "roi.toml", period=PERIOD, lang="es", out=out, progress=lines.append)
    return out, lines


def test_the_report_kernel_talks_over_unix_sockets_in_the_build_folder(tmp_path, capfd):
    """papermill reaches the report's kernel through sockets in the build folder (the kernel's
    own connection says ``ipc``), ipykernel has no TCP port to warn about, and the sockets
    are gone with the kernel."""
    import nbformat
    import papermill

    from roi.report.run import _kernel_sockets, ensure_kernel

    source, executed = tmp_path / "probe.ipynb", tmp_path / "probe.out.ipynb"
    probe = "import json, ipykernel.connect as c; print(json.loads(c.get_connection_info())['transport'])"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, source)
    folder = tmp_path / "build"
    folder.mkdir()
    papermill.execute_notebook(str(source), str(executed), kernel_name=ensure_kernel(), progress_bar=False,
                               **_kernel_sockets(folder))
    outputs = nbformat.read(executed, as_version=4).cells[0].outputs
    assert "".join(o.get("text", "") for o in outputs).strip() == "ipc"
    assert "over TCP" not in capfd.readouterr().err
    assert not list(folder.iterdir())


def test_a_build_folder_too_deep_for_a_socket_keeps_tcp(tmp_path):
    from roi.report.run import SOCKET_PATH_MAX, _kernel_sockets

    deep = tmp_path / ("d" * SOCKET_PATH_MAX)
    assert _kernel_sockets(deep) == {}
    assert _kernel_sockets(tmp_path)["config"]["KernelManager"]["ip"] == str(tmp_path.resolve() / "kernel")


@pytest.fixture(scope="module")
def samples_dir():
    from tests.conftest import SAMPLES

    return SAMPLES


def test_report_folder_holds_every_output(built):
    out, lines = built
    folder = out / PERIOD
    for name in ("report.html", "indicators.json", "periodic_report.ipynb", "contributions.csv", "accounts_channels.csv",
                 "files_read.csv", "indicators_by_period.csv"):
        assert (folder / name).is_file(), name
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary folder left
    assert any("executing" in line for line in lines)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{PERIOD}/report.html"' in index and "octubre de 2025" in index


def test_html_is_self_contained_accessible_and_in_spanish(built):
    page = (built[0] / PERIOD / "report.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "require.js" not in page and "mathjax" not in page.lower()
    images = re.findall(r"<img\b[^>]*>", page)
    assert len(images) >= 4
    for img in images:
        alt = re.search(r'\balt="([^"]*)"', img)
        assert alt and alt.group(1).strip(), img[:80]
    assert "octubre de 2025" in page and "Rapidez de respuesta" in page and "Calidad de los datos" in page
    assert "def " not in page and "prepare(" not in page  # no code cells
    levels = [int(h) for h in re.findall(r"<h([1-6])\b", page)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))  # headings in order


def test_indicators_json_equals_roi_indicators(built, samples_dir):
    document = json.loads((built[0] / PERIOD / "indicators.json").read_text(encoding="utf-8"))
    assert document["schema"] == "roi-indicators" and document["schema_version"] == "1.1"
    config = roi.load_config(samples_dir / "roi.toml")
    loaded = roi.load(export_files(samples_dir / "roi.toml"), config)
    expected = roi.indicators(loaded.messages, config, by=("period",), surveys=loaded.surveys, freq="month").table
    row = expected[expected["period"] == PERIOD].iloc[0]
    got = document["indicators"]
    assert set(got) == set(row.index)
    for key, value in row.items():
        if isinstance(value, str):
            assert got[key] == value, key
        elif pd.isna(value):
            assert got[key] is None, key
        elif isinstance(value, float | np.floating) and math.isinf(value):
            assert got[key] == ("inf" if value > 0 else "-inf"), key
        else:
            assert got[key] == pytest.approx(float(value), rel=1e-12), key
    assert document["headline"]["roi_index"] == pytest.approx(row["roi_index"])


def test_a_failing_run_leaves_the_earlier_report_untouched(built, tmp_path, samples_dir, capsys):
    out = tmp_path / "reports"
    shutil.copytree(built[0], out)
    before = {p.name: p.read_bytes() for p in (out / PERIOD).iterdir()}
    corrupt = tmp_path / "broken.json"
    corrupt.write_text('{"data": [ {"id": "1", "text": "unterminated', encoding="utf-8")
    status = main(["report", "--config", str(samples_dir / "roi.toml"), "--period", PERIOD, "--out", str(out),
                   "--inputs", str(corrupt)])
    assert status != 0
    err = capsys.readouterr().err
    assert "execute notebook" in err and "cell" in err
    assert {p.name: p.read_bytes() for p in (out / PERIOD).iterdir()} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


CSV = """Id;Fecha;Remitente;Mensaje;En respuesta a
M1;01/10/2025 09:00;vecino@example.net;"<script>alert('x')</script> DNI 12345678Z, correo ana.garcia@example.org, ¿cuándo me responden?";
M2;02/10/2025 10:00;vecina@example.net;Hola, ¿a qué hora abre el registro?;
R2;02/10/2025 11:00;atencio@ajuntament.example.org;Buenos días, gracias por escribirnos. El registro abre a las 9.;M2
M3;03/09/2025 10:00;otro@example.net;¿Dónde se paga la tasa?;
R3;03/09/2025 12:00;atencio@ajuntament.example.org;Hola, en la sede electrónica. Un saludo.;M3
"""
CONFIG = """name = "Ajuntament inventat"
timezone = "Europe/Madrid"
language = "es"
[accounts]
email = ["atencio@ajuntament.example.org"]
[privacy]
show_text = true
[csv]
channel = "email"
delimiter = ";"
[csv.columns]
message_id = "Id"
created_at = "Fecha"
author_name = "Remitente"
author_id = "Remitente"
text = "Mensaje"
parent_id = "En respuesta a"
"""


def test_citizen_text_is_redacted_and_escaped_in_the_html(tmp_path):
    (tmp_path / "contacto.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "roi.toml").write_text(CONFIG, encoding="utf-8")
    build(config=tmp_path / "roi.toml", period=PERIOD, out=tmp_path / "reports", inputs=[tmp_path / "contacto.csv"],
          earlier_inputs=[tmp_path / "contacto.csv"])
    page = (tmp_path / "reports" / PERIOD / "report.html").read_text(encoding="utf-8")
    # earlier exports reach the notebook: a contact form holds no public comment, so nothing to compare
    assert "no hay nada que comparar" in page
    assert "cuándo me responden" in page  # the opted-in excerpt is there...
    assert "<script>alert" not in page and "&lt;script&gt;" in page  # ...escaped
    assert "12345678Z" not in page and "ana.garcia@example.org" not in page  # ...redacted
    # a handful of messages: nothing reaches [index] min_n, and the summary says so in words
    assert "No hay índice ROI intangible" in page and "sin datos sobre 100" not in page
    for output in (tmp_path / "reports" / PERIOD).iterdir():
        if output.suffix in {".json", ".csv"}:
            text = output.read_text(encoding="utf-8")
            assert "12345678Z" not in text and "vecino@example.net" not in text, output.name


# -- the report's data, checked against independent computations -----------------------------------

@pytest.fixture(scope="module")
def prepared(samples_dir):
    from roi.report import prepare

    return prepare(config=samples_dir / "roi.toml", period=PERIOD, lang="en")


def _km_median_by_hand(times, answered) -> float:
    """Product-limit estimate, written out: the first time at which S(t) <= 0.5 (inf if never)."""
    times, answered = np.asarray(times, float), np.asarray(answered, bool)
    survival = 1.0
    for t in np.unique(times[answered]):
        at_risk = (times >= t).sum()
        events = ((times == t) & answered).sum()
        survival *= 1 - events / at_risk
        if survival <= 0.5 + 1e-12:
            return float(t)
    return math.inf


def test_response_time_heatmap_has_alt_text_and_matches_an_independent_median(prepared):
    from roi.report import charts
    from roi.report import formatting as fmt

    chart = prepared.speed()[-1]
    assert chart.title == "Median first response (office hours) by weekday and hour of arrival"
    assert chart.alt.strip() and "fewer than 5 messages" in chart.alt
    cur = prepared.detail[prepared.detail["period"] == PERIOD]
    local = cur["created_at"].dt.tz_convert(prepared.config.timezone)
    counts = pd.crosstab(local.dt.day_of_week, local.dt.hour).stack()
    (day, hour), n = counts.idxmax(), counts.max()  # the busiest cell
    assert n >= 5
    cell = cur[(local.dt.day_of_week == day) & (local.dt.hour == hour)]
    expected = _km_median_by_hand(cell["response_business_seconds"] / 60, cell["answered"])
    days = chart.table.columns[0]
    row = chart.table[(chart.table[days] == charts.text("weekdays", "en")[day]) & (chart.table["Hour of arrival"] == f"{hour:02d}:00")]
    assert len(row) == 1
    assert row.iloc[0]["Messages"] == fmt.number(n, "en")
    assert row.iloc[0]["Median first response (business hours)"] == fmt.minutes(expected, "en")
    # and the unformatted number behind it; cells under 5 messages are blank (absent from the table)
    grid = charts.response_grid(cur, prepared.config.timezone).set_index(["weekday", "hour"])
    assert grid.loc[(day, hour), "median_minutes"] == pytest.approx(expected)
    assert set(chart.table["Messages"].map(lambda v: int(v.replace(",", "")))) <= set(range(5, 10**6))
    assert prepared.__class__(**{**prepared.__dict__, "lang": "es"}).speed()[-1].alt.strip()


def test_methodology_page_is_written_for_readers_in_the_report_language(prepared, tmp_path):
    from roi.report import methodology

    written = prepared.write_outputs(tmp_path)
    page = (tmp_path / methodology.PAGE).read_text(encoding="utf-8")
    assert tmp_path / methodology.PAGE in written
    assert '<html lang="en">' in page and "<h1>Methodology</h1>" in page and 'href="report.html"' in page
    # the catalogue in force: the response rate's default target (90%) and floor (65%), in the page's language
    row = re.search(r"<th scope=\"row\">Response rate</th>(.*?)</tr>", page).group(1)
    assert "<td>90.0%</td>" in row and "<td>65.0%</td>" in row
    spanish = methodology.page(prepared.config, "es")
    assert '<html lang="es">' in spanish and "<h1>Metodología</h1>" in spanish and "<td>90,0\u00a0%</td>" in spanish
    # written for readers: no source file, function or test of the project is named
    for text in (page, spanish):
        assert not re.search(r"roi/|\.py\b|roi\.\w+\(|tests?/|benchmark", text), re.search(r"roi/|\.py\b", text)
    # the report's own methodology section links to the page
    assert f'href="{methodology.PAGE}"' in prepared.methodology().html


def test_markdown_subset_is_rendered_safely(tmp_path):
    from roi.report import methodology

    changed = tmp_path / "methodology.md"
    changed.write_text("# M\n\n## Response speed (x)\n\nA **new** `rule` with <script>x</script>.\n\n- one\n- two\n\n"
                       "| a | b |\n|---|---|\n| 1 | 2 |\n\n    score = 1\n", encoding="utf-8")
    (heading, body), = methodology.methodology_sections(changed).values()
    rendered = methodology.markdown_to_html(body)
    assert heading == "Response speed (x)"
    assert "<p>A <strong>new</strong> <code>rule</code> with &lt;script&gt;x&lt;/script&gt;.</p>" in rendered
    assert "<ul><li>one</li><li>two</li></ul>" in rendered and "<td>2</td>" in rendered
    assert "<pre><code>score = 1</code></pre>" in rendered and "<script>" not in rendered


def test_summary_score_changes_equal_an_independent_indicators_run(prepared, samples_dir):
    # An independent roi.indicators run on the sample; its rows for the period and the previous one give the
    # expected changes. (Re-running it on each period's messages alone is not the same computation: it would drop
    # answers given after the month's end and move the censoring point.)
    from roi.report import formatting as fmt

    config = roi.load_config(samples_dir / "roi.toml")
    loaded = roi.load(export_files(samples_dir / "roi.toml"), config)
    table = roi.indicators(loaded.messages, config, by=("period",), surveys=loaded.surveys, freq="month").table
    now, before = (table[table["period"] == p].iloc[0] for p in (PERIOD, previous_period(PERIOD)))
    changes = prepared.score_changes()
    keys = ["roi_index", "score_speed", "score_empathy", "score_satisfaction", "score_transparency"]
    assert list(changes.index) == keys
    headline = prepared.headline()[0].html
    for key in keys:
        expected = now[key] - before[key]
        assert changes.loc[key, "change_before"] == pytest.approx(expected, abs=1e-9), key
        # the number shown in the key figure's box
        assert f"{fmt.points(expected, 'en')} points against September 2025" in headline, key
    assert changes["change_year"].isna().all()  # the sample holds no 2024 data
    assert headline.count("October 2024: no data to compare with") == 8  # one line per key figure
    drop = before["roi_index"] - now["roi_index"]
    assert (f"{fmt.number(now['roi_index'], 'en', 1)} out of 100, {fmt.number(drop, 'en', 1)} points lower than in "
            "September 2025") in headline


def test_long_chart_tables_are_folded_but_kept_in_the_page():
    from roi.report.charts import LONG_TABLE, Chart

    short = Chart("t", "alt", pd.DataFrame({"hour": range(LONG_TABLE), "n": range(LONG_TABLE)}), b"png")
    long = Chart("t", "alt", pd.DataFrame({"hour": range(LONG_TABLE + 1), "n": range(100, 101 + LONG_TABLE)}), b"png")
    assert "<details>" not in short._repr_html_()
    page = long._repr_html_()
    assert page.count('<details><summary>t</summary><div class="roi-table-wrap"><table') == 1
    assert f'<td data-label="n">{100 + LONG_TABLE}</td>' in page  # the last row is there, folded


def test_earlier_exports_add_the_comments_that_disappeared(samples_dir, tmp_path):
    from helpers import facebook_export_without_a_comment

    from roi.periods import period_labels
    from roi.report import prepare

    later = tmp_path / "facebook_comments.json"
    removed = facebook_export_without_a_comment(samples_dir, later)
    period = period_labels(pd.Series(pd.to_datetime([removed["created_time"]], utc=True)), "month",
                           "Europe/Madrid").iloc[0]
    inputs = [str(later if p.name == later.name else p) for p in sorted(samples_dir.iterdir()) if p.suffix != ".toml"]
    report = prepare(config=samples_dir / "roi.toml", period=period, inputs=inputs, lang="en",
                     earlier_inputs=[str(samples_dir / "facebook_comments.json")])
    row = report.disappeared.set_index("period").loc[period]
    replies = [c for c in removed.get("comments", {}).get("data", []) if c["from"]["id"] != "104729384756120"]
    assert row["n_disappeared"] == 1 + sum(1 for c in replies
                                            if period_labels(pd.Series(pd.to_datetime([c["created_time"]], utc=True)),
                                                             "month", "Europe/Madrid").iloc[0] == period)
    html_text = "".join(block._repr_html_() for block in report.transparency())
    assert f"{int(row['n_disappeared'])} of {int(row['n_compared'])}" in html_text
    # the same report without earlier exports says nothing about it
    plain = prepare(config=samples_dir / "roi.toml", period=period, inputs=inputs, lang="en")
    assert "earlier exports held" not in "".join(block._repr_html_() for block in plain.transparency())


# -- page one: the trend and what moved the index; one language per report -------------------------

@pytest.fixture(scope="module")
def independent(samples_dir):
    """An independent roi.indicators run on the sample, grouped by month."""
    config = roi.load_config(samples_dir / "roi.toml")
    loaded = roi.load(export_files(samples_dir / "roi.toml"), config)
    return roi.indicators(loaded.messages, config, by=("period",), surveys=loaded.surveys, freq="month")


def test_indicators_json_has_the_13_period_trend_and_what_moved(built, independent):
    document = json.loads((built[0] / PERIOD / "indicators.json").read_text(encoding="utf-8"))
    trend = document["trend"]
    # 13 months ending at October 2025, oldest first: October 2024 .. October 2025
    assert [row["period"] for row in trend] == [f"2024-{m}" for m in ("10", "11", "12")] + [f"2025-{m:02d}" for m in range(1, 11)]
    table = independent.table.set_index("period")
    for row in trend:
        if row["period"] not in table.index:  # the sample starts in January 2025: no data, null, never 0
            assert row["roi_index"] is None and all(v is None for v in row["scores"].values()), row["period"]
            continue
        expected = table.loc[row["period"]]
        assert row["roi_index"] == pytest.approx(expected["roi_index"]), row["period"]
        assert row["scores"]["transparency"] == pytest.approx(expected["score_transparency"]), row["period"]
        assert row["n_inbound"] == expected["speed_n_inbound"] and row["response_rate"] == pytest.approx(
            expected["speed_response_rate"]), row["period"]
    assert set(trend[-1]) == {"period", *document["headline"]} - {"comparison_roi_index", "year_earlier_roi_index"}
    assert sum(row["roi_index"] is not None for row in trend) == 10

    # what moved, computed apart: each indicator's contribution in October minus September (0 when left out)
    c = independent.contributions
    wide = c.pivot_table(index="indicator", columns="period", values="contribution", aggfunc="sum").fillna(0.0)
    delta = wide[PERIOD] - wide["2025-09"]
    # the changes of the contributions add up to the change of the index (roi/index.py: contributions sum to it)
    assert delta.sum() == pytest.approx(table.loc[PERIOD, "roi_index"] - table.loc["2025-09", "roi_index"], abs=1e-9)
    largest = list(delta.abs().sort_values(ascending=False).index[:3])
    moved = document["what_moved"]
    assert [m["indicator"] for m in moved] == largest
    for m in moved:
        assert m["change"] == pytest.approx(delta[m["indicator"]], abs=1e-9)
    # and the page names them, in that order, with their values before and after
    from roi.report.labels import indicator_label, indicator_value

    page = (built[0] / PERIOD / "report.html").read_text(encoding="utf-8")
    block = re.search(r'<ul class="roi-moved">(.*?)</ul>', page, re.S).group(1)
    lines = re.findall(r"<li>(.*?)</li>", block, re.S)
    assert len(lines) == 3
    for line, m in zip(lines, moved, strict=True):
        label = indicator_label(m["indicator"], "es")
        assert label[1:] in line, (label, line)
        arrow = f"{indicator_value(m['indicator'], m['value_before'], 'es')} → {indicator_value(m['indicator'], m['value'], 'es')}"
        assert arrow in html.unescape(line), (arrow, line)


#: Function words that only one of the two languages has (none is a word of the other).
ENGLISH = frozenset([
    "the", "of", "and", "to", "in", "is", "are", "was", "were", "be", "been", "for", "with", "on", "by",
    "from", "that", "this", "these", "those", "which", "it", "its", "an", "as", "at", "or", "not",
    "than", "into", "their", "there", "have", "has", "had", "will", "would", "can", "could", "should",
    "what", "when", "where", "who", "how", "all", "any", "each", "other", "such", "only", "also",
    "after", "before", "between", "while"
])
SPANISH = frozenset([
    "el", "la", "los", "las", "del", "al", "que", "por", "para", "con", "una", "unos", "unas", "es",
    "son", "fue", "está", "están", "se", "su", "sus", "lo", "como", "más", "pero", "sin", "sobre",
    "entre", "cuando", "donde", "quien", "también", "porque", "muy", "ya", "hay", "este", "esta",
    "estos", "estas", "ese", "esa", "cada", "desde", "hasta", "ni"
])


class _Visible(HTMLParser):
    """The words a reader sees: no style, script or head, nor quoted citizen excerpts (``blockquote.roi-excerpt``)."""

    def __init__(self):
        super().__init__()
        self.depth, self.words, self.open = 0, [], []

    def handle_starttag(self, tag, attrs):
        skip = tag in ("style", "script", "head") or (tag == "blockquote" and ("class", "roi-excerpt") in attrs)
        if tag in ("style", "script", "head", "blockquote"):
            self.open.append(skip)
            self.depth += skip

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "blockquote") and self.open:
            self.depth -= self.open.pop()

    def handle_data(self, data):
        if not self.depth:
            self.words += re.findall(r"[^\W\d_]+", data.lower())


def _visible_words(page: str) -> list[str]:
    parser = _Visible()
    parser.feed(page)
    return parser.words


@pytest.fixture(scope="module")
def built_en(tmp_path_factory, samples_dir):
    out = tmp_path_factory.mktemp("reports_en")
    build(config=samples_dir / "roi.toml", period=PERIOD, lang="en", out=out)
    return out


def test_each_report_speaks_one_language(built, built_en):
    from roi.report import methodology

    for folder, lang in ((built[0] / PERIOD, "es"), (built_en / PERIOD, "en")):
        for name in ("report.html", methodology.PAGE):
            words = _visible_words((folder / name).read_text(encoding="utf-8"))
            own, other = (SPANISH, ENGLISH) if lang == "es" else (ENGLISH, SPANISH)
            foreign = [w for w in words if w in other]
            assert len(words) > 500, (name, lang)  # the extractor sees the body's text
            assert sum(w in own for w in words) / len(words) > 0.10, (name, lang)  # and it is in its language
            # no sentence of the other language: at most 1% of the words are its function words
            assert len(foreign) / len(words) <= 0.01, (name, lang, sorted(set(foreign)))


def test_index_page_orders_periods_in_time_and_lists_quarters_apart(tmp_path):
    from roi.report.run import write_index

    for period, freq in (("2025-Q3", "quarter"), ("2025-10", "month"), ("2025-09", "month"), ("2025-Q2", "quarter")):
        (tmp_path / period).mkdir()
        (tmp_path / period / "indicators.json").write_text(json.dumps(
            {"period": period, "freq": freq, "language": "es", "administration": "X", "headline": {}}), encoding="utf-8")
    page = write_index(tmp_path).read_text(encoding="utf-8")
    months, quarters = page.index("Informes mensuales"), page.index("Informes trimestrales")
    order = [page.index(f'href="{p}/report.html"') for p in ("2025-09", "2025-10", "2025-Q2", "2025-Q3")]
    assert months < order[0] < order[1] < quarters < order[2] < order[3]
    assert "3.er trimestre de 2025" in page


def test_doctests_of_the_report_modules():
    import doctest

    from roi.report import compare, labels, summary

    for module in (formatting, compare, summary, labels):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_what_moved_by_hand():
    from roi.report.summary import what_moved

    # two indicators in September and October; b is left out in October (contribution 0, not NaN)
    c = pd.DataFrame({"period": ["2025-09", "2025-09", "2025-10", "2025-10"], "family": ["speed"] * 4,
                      "indicator": ["a", "b", "a", "b"], "value": [0.5, 0.2, 0.6, np.nan], "n": [40, 30, 40, 0],
                      "included": [True, True, True, False], "contribution": [10.0, 5.0, 12.0, 0.0]})
    moved = what_moved(c, "2025-10", "2025-09")
    # b: 0 - 5 = -5; a: 12 - 10 = +2; largest |change| first
    assert list(moved["indicator"]) == ["b", "a"] and list(moved["change"]) == [-5.0, 2.0]
    assert list(moved["included_before"]) == [True, True] and list(moved["included"]) == [False, True]
    assert moved["change"].sum() == pytest.approx((12.0 + 0.0) - (10.0 + 5.0))  # the index moved by -3
    assert what_moved(c, "2025-10", "2025-09", top=1)["indicator"].tolist() == ["b"]


def test_sparkline_breaks_at_missing_periods_and_names_itself():
    from roi.report.charts import sparkline

    svg = sparkline([np.nan, 1.0, 2.0, np.nan, 3.0, 1.0], "Últimos 6 periodos: mínimo 1, máximo 3.")
    assert svg.count("<polyline") == 2  # periods 2-3 and 5-6: no line drawn across the missing 4th
    assert 'role="img"' in svg and 'aria-label="Últimos 6 periodos: mínimo 1, máximo 3."' in svg
    assert "<polyline" not in sparkline([np.nan] * 3, "x")


def test_spanish_and_english_methodologies_are_kept_alike():
    from roi.report import methodology

    es, en = methodology.reader_text("es"), methodology.reader_text("en")
    heads = [re.findall(r"^(#+) ", text, re.M) for text in (es, en)]
    items = [len(re.findall(r"^(?:- |\d+\. )", text, re.M)) for text in (es, en)]
    # the same sections, at the same levels, with the same number of list items: a change in one is made in the other
    assert heads[0] == heads[1] and len(heads[0]) >= 8
    assert items[0] == items[1] > 10


def test_without_comparison_data_nothing_is_said_to_have_moved(prepared):
    report = prepared.__class__(**{**prepared.__dict__, "before": "2024-09"})  # the sample starts in January 2025
    assert report.what_moved().empty
    page = report.headline()[0].html
    assert "There are no data for September 2024: nothing to compare with." in page
    assert "no earlier period has data" in page  # the verdict says so too
    assert page.count("September 2024: no data to compare with") == 8  # every key figure


def test_report_without_accounts_or_official_messages_is_written(samples_dir, tmp_path):
    # issue 13.3: [accounts] is optional; with none, the sample's X and Facebook exports hold no official message
    from roi.report.document import prepare

    text = (samples_dir / "roi.toml").read_text(encoding="utf-8")
    config = tmp_path / "roi.toml"
    config.write_text(re.sub(r"\[accounts\].*?\n\n", "", text, flags=re.S), encoding="utf-8")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the no-accounts note is said in the report, not as a Python warning
        report = prepare(config=str(config), period=PERIOD, inputs=[str(samples_dir / "x_api_v2.jsonl"),
                         str(samples_dir / "facebook_comments.json")], comparison="", lang="es", accounts=[])
    assert not report.loaded.messages["is_official"].any()
    page = "".join(block._repr_html_() for block in report.headline())
    assert "no indica las cuentas de la administración ([accounts])" in page
    for section in ("title", "headline", "speed", "empathy", "satisfaction", "transparency", "breakdown", "data_quality"):
        assert getattr(report, section)() is not None
    written = report.write_outputs(str(tmp_path / "out"))
    document = json.loads((tmp_path / "out" / "indicators.json").read_text(encoding="utf-8"))
    assert any(p.name == "accounts_channels.csv" for p in written)
    assert any("no official accounts are configured" in note for note in document["notes"])


@pytest.mark.parametrize("step", ["execute", "convert", "write", "index"])
def test_a_killed_run_leaves_the_earlier_report_and_the_next_run_cleans_up(built, tmp_path, samples_dir, step):
    # issue 13.7: SIGKILL at each step of `roi report`; the earlier report stays byte-identical (or, killed after
    # the swap, the new complete one is in place); the next run removes what the killed one left
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path / "reports"
    shutil.copytree(built[0], out)
    before = {p.name: p.read_bytes() for p in (out / PERIOD).iterdir()}
    script = Path(__file__).with_name("killed_report.py")
    temp = tmp_path / "system-temp"
    temp.mkdir()
    env = {**__import__("os").environ, "TMPDIR": str(temp)}

    def run(at):
        return subprocess.run([sys.executable, str(script), at, str(built[0] / PERIOD), str(samples_dir / "roi.toml"),
                               str(out)], env=env, capture_output=True, text=True, timeout=300)

    killed = run(step)
    assert killed.returncode == -9, killed.stderr[-2000:]
    if step == "index":
        assert {"report.html", "indicators.json"} <= {p.name for p in (out / PERIOD).iterdir()}
    else:
        assert {p.name: p.read_bytes() for p in (out / PERIOD).iterdir()} == before
    assert list(temp.iterdir()) == []  # no kernel connection file left in the system's temporary folder
    assert run("none").returncode == 0
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("octubre de 2025") == 1 and index.count(f'href="{PERIOD}/report.html"') == 1


def test_a_group_without_account_shows_a_dash_not_nan(samples_dir, tmp_path):
    # issue 13.12: survey answers whose thread is not in the export have no account (and one no channel)
    from roi.report.document import prepare

    (tmp_path / "x.jsonl").write_bytes((samples_dir / "x_api_v2.jsonl").read_bytes())
    (tmp_path / "survey.csv").write_text("response_id;thread_id;channel;answered_at;score;scale\n"
                                         "S1;999999;twitter;03/10/2025 16:04;3;csat5\n"
                                         "S2;999998;;04/10/2025 16:04;5;csat5\n", encoding="utf-8")
    shutil.copyfile(samples_dir / "roi.toml", tmp_path / "roi.toml")
    report = prepare(config=str(tmp_path / "roi.toml"), period=PERIOD, lang="es")
    table = report.breakdown_result.table
    assert table.loc[table["period"] == PERIOD, "account"].isna().sum() == 2  # the two answers' groups
    page = report.breakdown()._repr_html_()
    assert ">nan<" not in page and "<NA>" not in page and ">—<" in page


def test_a_report_written_beside_the_config_does_not_read_its_own_index_next_time(samples_dir, tmp_path):
    # issue 13.12: with --out in the config's folder, the next run read index.html as an export and stopped
    from roi.report.document import prepare

    for name in ("roi.toml", "x_api_v2.jsonl", "facebook_comments.json"):
        shutil.copyfile(samples_dir / name, tmp_path / name)
    (tmp_path / "index.html").write_text("<!DOCTYPE html><html><body>Informes</body></html>\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT License\n", encoding="utf-8")
    report = prepare(config=str(tmp_path / "roi.toml"), period=PERIOD, lang="es")
    files = report.loaded.counts().set_index("file")
    assert files.loc[["index.html", "LICENSE"], "format"].tolist() == ["skipped", "skipped"]
    assert files.loc["x_api_v2.jsonl", "messages"] == 902  # the sample's X export: 902 posts (roi validate)


def test_the_page_never_shows_what_the_kernel_wrote_on_stderr(tmp_path):
    # a warning printed while the notebook ran names files of the machine: it must not reach report.html
    import nbformat

    from roi.report.run import render_html

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="/somewhere/roi/threads.py:1: UserWarning: x\n"),
                    nbformat.v4.new_output("display_data", data={"text/html": "<p>Informe visible</p>"})]
    nb.cells = [cell]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    page = render_html(path, "es")
    assert "Informe visible" in page
    assert "UserWarning" not in page and "/somewhere/" not in page
