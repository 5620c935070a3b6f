"""Property: whatever citizens write, no personal data and no citizen handle reaches a report's files (issue 13)."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roi.report.document import prepare

WORDS = ["hola", "farola", "rota", "en", "la", "calle", "Major", "¿cuándo", "arreglan?", "gracias", "mi", "número", "es",
         "urgente", "el", "contenedor", "<script>alert(1)</script>", "url(https://evil.example/a.png)", "=1+1", "😀"]
SECRETS = {
    "e-mail": st.from_regex(r"[a-z]{3,8}\.[a-z]{3,8}@[a-z]{4,8}\.(es|org|cat)", fullmatch=True),
    "obfuscated e-mail": st.from_regex(r"[a-z]{3,8}\(at\)[a-z]{4,8}\.(es|org)", fullmatch=True),
    "phone": st.from_regex(r"(\+34 )?6[0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}", fullmatch=True),
    "DNI": st.from_regex(r"[0-9]{8}[A-Z]|[0-9]{2}\.[0-9]{3}\.[0-9]{3}-[A-Z]|[0-9]{2} [0-9]{3} [0-9]{3} [A-Z]", fullmatch=True),
    "NIE": st.from_regex(r"[XYZ]-?[0-9]{7}-?[A-Z]", fullmatch=True),
    "IBAN": st.from_regex(r"ES[0-9]{2}( [0-9]{4}){5}|ES[0-9]{22}", fullmatch=True),
    "card": st.from_regex(r"4[0-9]{3}( [0-9]{4}){3}|5[0-9]{3}-[0-9]{4}-[0-9]{4}-[0-9]{4}", fullmatch=True),
    "handle": st.from_regex(r"@[a-z]{3,8}_[a-z0-9]{4,8}", fullmatch=True),
}
HEADER = "Id;Fecha;Remitente;Mensaje;En respuesta a\n"
OFFICIAL = "atencio@ajuntament.example.org"


@st.composite
def exports(draw):
    """A contact-form export of October 2025: citizen messages made of words and secrets, some answered."""
    rows, secrets, authors = [], [], []
    for i in range(draw(st.integers(3, 8))):
        tokens = draw(st.lists(st.one_of(st.sampled_from(WORDS), *SECRETS.values()), min_size=1, max_size=8))
        secret = draw(st.one_of(*SECRETS.values()))  # at least one in every message
        tokens.insert(draw(st.integers(0, len(tokens))), secret)
        secrets += [t for t in tokens if t not in WORDS]
        author = draw(st.from_regex(r"vecin[ao]_[a-z0-9]{6}", fullmatch=True))
        authors.append(author)
        day = 1 + i * 3
        rows.append(f"M{i};{day:02d}/10/2025 09:{i:02d};{author};{' '.join(tokens)};")
        if draw(st.booleans()):
            rows.append(f"R{i};{day:02d}/10/2025 12:00;{OFFICIAL};Buenos días, lo revisamos. Gracias.;M{i}")
    account = draw(st.sampled_from(['Ajuntament <b>inventat</b>', "=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")",
                                    "url(https://evil.example/a.png)", "Concello de Proba"]))
    return HEADER + "\n".join(rows) + "\n", secrets, authors, account


def config(show_text: bool, account: str) -> str:
    """The invented council of the report tests, with ``account`` as its e-mail account's name."""
    from tests.test_report import CONFIG

    text = CONFIG.replace(f'email = ["{OFFICIAL}"]', f'email = [["{account}", "{OFFICIAL}"]]')
    assert f'[["{account}"' in text and "show_text = true" in text  # both settings are where this expects them
    return text.replace("show_text = true", f"show_text = {str(show_text).lower()}")


@pytest.mark.parametrize("show_text", [False, True])
@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(export=exports())
def test_no_personal_data_or_citizen_handle_in_any_report_file(tmp_path_factory, show_text, export):
    text, secrets, authors, account = export
    folder = tmp_path_factory.mktemp("privacy")
    (folder / "contacto.csv").write_text(text, encoding="utf-8")
    (folder / "roi.toml").write_text(config(show_text, account), encoding="utf-8")
    report = prepare(config=str(folder / "roi.toml"), period="2025-10", inputs=[str(folder / "contacto.csv")],
                     comparison="", lang="es", accounts=[])
    # what the notebook displays, cell by cell, as the HTML report and the executed notebook hold it
    shown = [report.title(), *report.headline(), *report.speed(), *report.empathy(), report.satisfaction(),
             *report.transparency(), report.excerpts(), report.breakdown(), report.data_quality()]
    page = "\n".join(getattr(block, "_repr_html_", lambda b=block: str(b))() or "" for block in shown)
    files = {"report.html": page}
    files.update({p.name: p.read_text(encoding="utf-8") for p in report.write_outputs(str(folder / "out"))})
    assert json.loads(files["indicators.json"])  # a real document was written
    for name, content in files.items():
        unescaped = html.unescape(content)
        for secret in [*secrets, *authors]:
            assert secret not in content and secret not in unescaped, f"{secret!r} in {name} (show_text={show_text})"
    if show_text:  # the opted-in excerpts are there, redacted
        assert "[" in report.excerpts()._repr_html_() or not report.excerpts()._repr_html_()
