"""The periodic report's content: data preparation and one HTML block per section.

The notebook ``notebooks/periodic_report.ipynb`` only calls :func:`prepare` and the
methods of :class:`PeriodicReport`; every figure comes from :func:`roi.indicators` and
:func:`roi.speed.detail`, every sentence from :mod:`roi.report.texts`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from roi import exports, speed
from roi.config import Config, load_config
from roi.errors import RoiError
from roi.index import CATALOGUE, FAMILIES, catalogue
from roi.indicators import Indicators
from roi.indicators import indicators as compute_indicators
from roi.load import Loaded, files_in, load
from roi.periods import parse_period
from roi.report import charts, compare, methodology, privacy
from roi.report import formatting as fmt
from roi.report.texts import text

__all__ = ["HTMLBlock", "PeriodicReport", "export_files", "find_path", "prepare", "previous_period", "year_earlier"]


@dataclass
class HTMLBlock:
    """A piece of report HTML; displays as such in a notebook."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def find_path(path: str | Path) -> Path:
    """``path`` as given, or found relative to a parent folder (a notebook runs from its own folder)."""
    path = Path(path)
    if path.is_absolute() or path.exists():
        return path
    for parent in Path.cwd().parents:
        if (parent / path).exists():
            return parent / path
    return path


def export_files(config_path: str | Path) -> list[Path]:
    """Every export file beside the configuration (the bundled sample's layout)."""
    config_path = find_path(config_path)
    folder = config_path.parent
    files = files_in(folder, exclude=[config_path.name])
    if not files:
        raise RoiError("no export files found", file=folder, fix="pass the export files as inputs (roi report --inputs ...)")
    return files


def previous_period(period: str) -> str:
    """``"2025-10"`` -> ``"2025-09"``; ``"2025-Q1"`` -> ``"2024-Q4"``; ``"2025"`` -> ``"2024"``."""
    label, freq = parse_period(period)
    code = {"month": "M", "quarter": "Q", "year": "Y"}[freq]
    return _label(pd.Period(label.replace("-Q", "Q"), freq=code) - 1, freq)


def year_earlier(period: str) -> str:
    """The same period a year earlier: ``"2025-10"`` -> ``"2024-10"``."""
    label, _ = parse_period(period)
    return str(int(label[:4]) - 1) + label[4:]


def _label(p: pd.Period, freq: str) -> str:
    return str(p).replace("Q", "-Q") if freq == "quarter" else str(p)


@dataclass
class PeriodicReport:
    """Everything one report shows; build it with :func:`prepare`."""

    config: Config
    lang: str
    period: str
    freq: str
    before: str
    year: str
    loaded: Loaded
    messages: pd.DataFrame
    result: Indicators
    breakdown_result: Indicators
    detail: pd.DataFrame
    show_text: bool = False
    sections: list[str] = field(default_factory=list)
    disappeared: pd.DataFrame | None = None  # per period, when earlier exports were given (roi.exports)

    # -- data -----------------------------------------------------------------------------
    def row(self, period: str) -> pd.Series | None:
        table = self.result.table
        rows = table[table["period"] == period]
        return rows.iloc[0] if len(rows) else None

    @property
    def now(self) -> pd.Series:
        return self.row(self.period)

    def _t(self, key: str):
        return text(key, self.lang)

    def _name(self, period: str) -> str:
        return fmt.period_name(period, self.lang)

    def _indicator_label(self, name: str) -> str:
        for ind in CATALOGUE:
            if ind.name == name:
                return ind.label_es if self.lang == "es" else ind.label_en
        return name

    def _value(self, name: str, value) -> str:
        ind = next((i for i in CATALOGUE if i.name == name), None)
        if ind is not None and ind.bounds == (0.0, 1.0):
            return fmt.percent(value, self.lang)
        if name.endswith("_minutes"):
            return fmt.minutes(value, self.lang, business="business" in name)
        return fmt.number(value, self.lang, 1)

    def _heading(self, key: str, level: int = 2) -> str:
        return f"<h{level}>{html.escape(self._t(key))}</h{level}>"

    # -- sections ---------------------------------------------------------------------------
    def title(self) -> HTMLBlock:
        until = self.messages["created_at"].max().tz_convert(self.config.timezone).date()
        year = self._t("year_clause").format(year=self._name(self.year)) if self.row(self.year) is not None else ""
        subtitle = self._t("subtitle").format(name=self.config.name, period=self._name(self.period))
        generated = self._t("generated").format(until=fmt.date(until, self.lang), before=self._name(self.before), year=year)
        return HTMLBlock(f"<h1>{html.escape(self._t('title'))}</h1>"
                         f'<p class="roi-subtitle">{html.escape(subtitle)}</p><p>{html.escape(generated)}</p>')

    def score_changes(self) -> pd.DataFrame:
        """The index and family scores shown in the summary, with their changes (points).

        One row per ``roi_index`` and ``score_<family>``; columns ``now``, ``before`` (the
        comparison period), ``change_before`` = ``now - before``, ``year`` (a year earlier) and
        ``change_year``; NaN where the period has no data.
        """
        now, before, year = self.now, self.row(self.before), self.row(self.year)
        keys = ["roi_index", *[f"score_{f}" for f in FAMILIES]]
        frame = pd.DataFrame({"now": [float(now[k]) for k in keys]}, index=keys)
        for name, other in (("before", before), ("year", year)):
            frame[name] = [float(other[k]) if other is not None else np.nan for k in keys]
            frame[f"change_{name}"] = frame["now"] - frame[name]
        return frame

    def headline(self) -> list:
        now, before, year = self.now, self.row(self.before), self.row(self.year)
        keys = ["roi_index", *[f"score_{f}" for f in FAMILIES]]
        names = [self._t("index"), *[self._t("families")[f] for f in FAMILIES]]
        table = pd.DataFrame({self._t("indicator"): names,
                              self._name(self.period): [fmt.number(now[k], self.lang, 1) for k in keys]})
        changes = self.score_changes()
        for other, label, col in ((before, self._name(self.before), "before"), (year, self._name(self.year), "year")):
            if other is None:
                continue
            table[label] = [fmt.number(v, self.lang, 1) for v in changes[col]]
            table[f"{self._t('change_col')}: {label}"] = [fmt.points(v, self.lang) for v in changes[f"change_{col}"]]
        change = fmt.points(changes.loc["roi_index", "change_before"], self.lang) if before is not None else "—"
        key = "headline_lead" if not pd.isna(now["roi_index"]) else "headline_lead_none"
        lead = self._t(key).format(period=self._name(self.period), value=fmt.number(now["roi_index"], self.lang, 1),
                                   change=change, before=self._name(self.before), min_n=self.config.index.min_n)
        scores = pd.Series({self._t("families")[f]: now[f"score_{f}"] for f in FAMILIES})
        earlier = (pd.Series({self._t("families")[f]: before[f"score_{f}"] for f in FAMILIES})
                   if before is not None else None)
        valid = scores.dropna()
        alt = self._t("alt_families").format(period=self._name(self.period), best=valid.idxmax(),
                                             best_value=fmt.number(valid.max(), self.lang, 1), worst=valid.idxmin(),
                                             worst_value=fmt.number(valid.min(), self.lang, 1)) \
            if len(valid) else self._t("alt_no_data").format(period=self._name(self.period))
        chart = charts.bars(scores, self.lang, title=self._t("family_chart_title"), alt=alt, earlier=earlier,
                            labels=(self._name(self.period), self._name(self.before)), xmax=100)
        block = HTMLBlock(self._heading("headline") + f'<p class="roi-lead">{html.escape(lead)}</p>'
                          + charts.html_table(table, self._t("score_col")))
        return [block, chart]

    def _indicator_rows(self, family: str) -> pd.DataFrame:
        now, before = self.now, self.row(self.before)
        rows = []
        for ind in CATALOGUE:
            if ind.family != family:
                continue
            col = f"{family}_{ind.name}" if not ind.name.startswith(f"{family}_") else ind.name
            if col not in self.result.table.columns:
                continue
            value = now[col]
            low, high = now.get(f"{col}_ci_low"), now.get(f"{col}_ci_high")
            n = now.get(f"{family}_{ind.denominator}")
            ci = (f"{self._value(ind.name, low)} – {self._value(ind.name, high)}"
                  if low is not None and not pd.isna(low) else "—")
            change, words = "—", self._t("not_tested")
            if before is not None:
                prev = before[col]
                if pd.isna(value) or pd.isna(prev):
                    change = "—"
                elif ind.bounds == (0.0, 1.0):
                    change = fmt.points(100 * (value - prev), self.lang) + " pp"
                    prev_n = before.get(f"{family}_{ind.denominator}")
                    test = compare.two_proportions(_count(value, n), n, _count(prev, prev_n), prev_n)
                    words = compare.wording(test, self.lang)
                elif ind.name.endswith("_minutes"):
                    delta = value - prev
                    sign = "+" if delta > 0 else "−"
                    change = (sign + fmt.minutes(abs(delta), self.lang, business="business" in ind.name)
                              if np.isfinite(delta) else "—")
                else:
                    change = fmt.points(value - prev, self.lang)
            rows.append({self._t("indicator"): self._indicator_label(ind.name), self._t("value"): self._value(ind.name, value),
                         self._t("ci"): ci, self._t("n"): fmt.number(n, self.lang),
                         self._t("change").format(before=self._name(self.before)): change, self._t("test"): words})
        return pd.DataFrame(rows)

    def speed(self) -> list:
        now = self.now
        d = self.detail
        cur, prev = d[d["period"] == self.period], d[d["period"] == self.before]
        table = self._indicator_rows("speed")
        extra = []
        for key, col in (("frt_calendar", "speed_frt_median_minutes"),):
            low, high = now[f"{col}_ci_low"], now[f"{col}_ci_high"]
            extra.append({self._t("indicator"): self._t(key), self._t("value"): fmt.minutes(now[col], self.lang),
                          self._t("ci"): f"{fmt.minutes(low, self.lang)} – {fmt.minutes(high, self.lang)}",
                          self._t("n"): fmt.number(now["speed_n_inbound"], self.lang)})
        table = pd.concat([table, pd.DataFrame(extra)], ignore_index=True).fillna("—")
        test = compare.logrank(cur["response_business_seconds"], cur["answered"],
                               prev["response_business_seconds"], prev["answered"]) if len(prev) else None
        km = charts.answered_by_hour(cur, prev if len(prev) else None, self.lang,
                                     labels=(self._name(self.period), self._name(self.before)))
        lead = self._t("speed_lead").format(n=fmt.number(now["speed_n_inbound"], self.lang))
        km_words = self._t("km_test").format(before=self._name(self.before), words=compare.wording(test, self.lang, times=True))
        return [HTMLBlock(self._heading("speed") + f"<p>{html.escape(lead)}</p>"
                          + charts.html_table(table, self._t("speed"))),
                HTMLBlock(f"<h3>{html.escape(self._t('km_title'))}</h3><p>{html.escape(km_words)}</p>"), km,
                HTMLBlock(f"<h3>{html.escape(self._t('heatmap_title'))}</h3>"),
                charts.volume_heatmap(cur, self.config.timezone, self.lang),
                HTMLBlock(f"<h3>{html.escape(self._t('response_heatmap_title'))}</h3>"),
                charts.response_heatmap(cur, self.config.timezone, self.lang)]

    def empathy(self) -> list:
        now, before = self.now, self.row(self.before)
        markers = self._t("markers")
        values = pd.Series({label: now[f"empathy_share_{key}"] for key, label in markers.items()})
        earlier = (pd.Series({label: before[f"empathy_share_{key}"] for key, label in markers.items()})
                   if before is not None else None)
        alt = self._t("alt_markers").format(period=self._name(self.period), best=values.idxmax(),
                                            value=fmt.percent(values.max(), self.lang)) \
            if values.notna().any() else self._t("alt_no_data").format(period=self._name(self.period))
        chart = charts.bars(values, self.lang, title=self._t("markers_title"), alt=alt, earlier=earlier, percent=True,
                            labels=(self._name(self.period), self._name(self.before)), xmax=100)
        lead = self._t("empathy_lead").format(n=fmt.number(now["empathy_n_scored"], self.lang))
        return [HTMLBlock(self._heading("empathy") + f"<p>{html.escape(lead)}</p>"
                          + charts.html_table(self._indicator_rows("empathy"), self._t("empathy"))), chart]

    def satisfaction(self) -> HTMLBlock:
        return HTMLBlock(self._heading("satisfaction") + f"<p>{html.escape(self._t('satisfaction_lead'))}</p>"
                         + charts.html_table(self._indicator_rows("satisfaction"), self._t("satisfaction")))

    def transparency(self) -> list:
        now = self.now
        shares, higher = {}, {}
        for ind in CATALOGUE:
            col = f"transparency_{ind.name}"
            if ind.family == "transparency" and ind.bounds == (0.0, 1.0) and not pd.isna(now.get(col)):
                shares[self._indicator_label(ind.name)] = now[col]
                if ind.direction == "higher":  # the caption ranks only shares where more is better
                    higher[self._indicator_label(ind.name)] = now[col]
        values, ranked = pd.Series(shares, dtype=float), pd.Series(higher, dtype=float)
        before = self.row(self.before)
        earlier = None if before is None else pd.Series(
            {label: before.get(f"transparency_{ind.name}") for ind in CATALOGUE for label in [self._indicator_label(ind.name)]
             if label in shares}, dtype=float)
        alt = self._t("alt_transparency").format(best=ranked.idxmax(), value=fmt.percent(ranked.max(), self.lang),
                                                 worst=ranked.idxmin(), value2=fmt.percent(ranked.min(), self.lang)) \
            if len(ranked) else self._t("alt_no_data").format(period=self._name(self.period))
        chart = charts.bars(values, self.lang, title=self._t("transparency_title"), alt=alt, percent=True, xmax=100,
                            earlier=earlier, labels=(self._name(self.period), self._name(self.before)))
        lead = self._t("transparency_lead").format(period=self._name(self.period))
        return [HTMLBlock(self._heading("transparency") + f"<p>{html.escape(lead)}</p>"
                          + charts.html_table(self._indicator_rows("transparency"), self._t("transparency"))
                          + self._disappeared()), chart]

    def _disappeared(self) -> str:
        """A paragraph on the comments that disappeared since the earlier exports ("" without them)."""
        if self.disappeared is None:
            return ""
        rows = self.disappeared[self.disappeared["period"] == self.period]
        if not len(rows) or not rows["n_compared"].sum():
            return f"<p>{html.escape(self._t('disappeared_none').format(period=self._name(self.period)))}</p>"
        row = rows.iloc[0]
        words = self._t("disappeared_lead").format(
            period=self._name(self.period), k=fmt.number(row["n_disappeared"], self.lang),
            n=fmt.number(row["n_compared"], self.lang), share=fmt.percent(row["share_disappeared"], self.lang),
            low=fmt.percent(row["share_disappeared_ci_low"], self.lang),
            high=fmt.percent(row["share_disappeared_ci_high"], self.lang))
        return f"<p>{html.escape(words)}</p>"

    def excerpts(self, limit: int = 5) -> HTMLBlock:
        """A few unanswered messages of the period, redacted and escaped; nothing unless the config opts in."""
        if not self.show_text:
            return HTMLBlock("")
        d = self.detail
        waiting = d[(d["period"] == self.period) & ~d["answered"]].sort_values("created_at").head(limit)
        texts = self.messages.set_index("message_id")["text"]
        items = []
        for row in waiting.itertuples():
            when = fmt.date(row.created_at.tz_convert(self.config.timezone).date(), self.lang)
            body = privacy.excerpt(texts.get(row.message_id), allowed=True)
            items.append(f"<li><strong>{html.escape(str(row.channel))}, {html.escape(when)}:</strong> {body}</li>")
        lead = self._t("excerpts_lead")
        return HTMLBlock(self._heading("excerpts") + f"<p>{html.escape(lead)}</p><ul>{''.join(items)}</ul>")

    def breakdown(self) -> HTMLBlock:
        t = self.breakdown_result.table
        t = t[t["period"] == self.period].sort_values(["account", "channel"])
        table = pd.DataFrame({
            # a survey answer that names no account or channel: a dash, never "nan"
            self._t("account"): t["account"].astype("string").fillna("—"),
            self._t("channel"): t["channel"].astype("string").fillna("—"),
            self._t("inbound"): [fmt.number(v, self.lang) for v in t["speed_n_inbound"]],
            self._t("response_rate"): [fmt.percent(v, self.lang) for v in t["speed_response_rate"]],
            self._t("frt_short"): [fmt.minutes(v, self.lang, business=True) for v in t["speed_frt_median_business_minutes"]],
            self._t("replies"): [fmt.number(v, self.lang) for v in t["empathy_n_replies"]],
            self._t("empathy_mean"): [fmt.number(v, self.lang, 1) for v in t["empathy_mean"]],
            self._t("index_short"): [fmt.number(v, self.lang, 1) for v in t["roi_index"]],
        })
        lead = self._t("breakdown_lead").format(period=self._name(self.period))
        return HTMLBlock(self._heading("breakdown") + f"<p>{html.escape(lead)}</p>"
                         + charts.html_table(table, self._t("breakdown")))

    def data_quality(self) -> HTMLBlock:
        counts = self.loaded.counts()
        totals = counts[["records", "messages", "rejects", "duplicates"]].sum()
        duplicates = int(totals["duplicates"]) + int(self.loaded.cross_file_duplicates)
        lead = self._t("quality_lead").format(**{k: fmt.number(totals[k], self.lang) for k in ("records", "messages", "rejects")},
                                              duplicates=fmt.number(duplicates, self.lang))
        files = pd.DataFrame({self._t(k): counts[k] if k in ("file", "format") else [fmt.number(v, self.lang) for v in counts[k]]
                              for k in ("file", "format", "records", "messages", "rejects", "duplicates")}
                             ).rename(columns={"messages": self._t("messages")})
        files.columns = [self._t("file"), self._t("format"), self._t("records"), self._t("messages"), self._t("rejects"),
                         self._t("duplicates")]
        body = self._heading("quality") + f"<p>{html.escape(lead)}</p>" + charts.html_table(files, self._t("quality"))
        rejects = self.loaded.rejects
        if len(rejects):
            by_reason = rejects["reason"].astype(str).value_counts()
            body += charts.html_table(pd.DataFrame({self._t("reason"): by_reason.index,
                                                    self._t("count"): [fmt.number(v, self.lang) for v in by_reason]}),
                                      self._t("rejects"))
        else:
            body += f"<p>{html.escape(self._t('no_rejects'))}</p>"
        contrib = self.result.contributions
        out = contrib[(contrib["period"] == self.period) & ~contrib["included"].astype(bool)]
        if len(out):
            reasons = self._t("reasons")
            items = "".join(f"<li>{html.escape(self._indicator_label(r.indicator))}: "
                            f"{html.escape(reasons.get(str(r.reason), str(r.reason)))}</li>" for r in out.itertuples())
            body += f"<p>{html.escape(self._t('excluded').format(period=self._name(self.period)))}</p><ul>{items}</ul>"
        else:
            body += f"<p>{html.escape(self._t('no_excluded').format(period=self._name(self.period)))}</p>"
        return HTMLBlock(body)

    def methodology(self) -> HTMLBlock:
        """The appendix: the catalogue in force (``roi.index.catalogue``) and the sections of ``roi/methodology.md``.

        The definitions are rendered from the document itself, so a change there changes the
        appendix (should the document be missing, the catalogue is shown alone).
        """
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in self._t("methodology_text"))
        rows = []
        for ind in catalogue(self.config).itertuples():
            row = {self._t("family"): self._t("families")[ind.family],
                   self._t("indicator"): ind.label_es if self.lang == "es" else ind.label_en,
                   self._t("other_name"): ind.label_en if self.lang == "es" else ind.label_es,
                   self._t("direction"): self._t(ind.direction), self._t("target"): self._value(ind.indicator, ind.target),
                   self._t("floor"): self._value(ind.indicator, ind.floor)}
            if self.lang == "en":  # the anchors are written in English only
                row[self._t("anchor")] = ind.anchor
            rows.append(row)
        body = (self._heading("methodology") + paragraphs + f"<h3>{html.escape(self._t('catalogue'))}</h3>"
                + charts.html_table(pd.DataFrame(rows), self._t("catalogue")))
        sections = methodology.methodology_sections()
        if not sections:
            return HTMLBlock(body + f"<p>{html.escape(self._t('methodology_no_doc'))}</p>")
        body += f"<p>{html.escape(self._t('methodology_doc'))}</p>"
        for heading, markdown in sections.values():
            body += (f'<section class="roi-methodology" lang="en">'
                     f"{methodology.markdown_to_html(f'## {heading}', heading_offset=1)}"
                     f"{methodology.markdown_to_html(markdown, heading_offset=1)}</section>")
        return HTMLBlock(body)

    def write_outputs(self, folder: str | Path | None) -> list[Path]:
        """Write ``indicators.json`` and the CSV tables into ``folder`` (nothing when empty or None)."""
        from roi.report.json_export import write_indicators, write_tables

        if not folder:
            return []
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return [write_indicators(self, folder / "indicators.json"), *write_tables(self, folder)]


def _count(share, n) -> float:
    if pd.isna(share) or pd.isna(n):
        return float("nan")
    return round(float(share) * float(n))


def prepare(*, config: str | Path, period: str, inputs: list[str] | None = None, comparison: str | None = None,
            lang: str | None = None, accounts: list[str] | None = None,
            earlier_inputs: list[str] | None = None) -> PeriodicReport:
    """Load the exports and compute everything the report shows for ``period``.

    ``earlier_inputs``, when given, are earlier exports of the same pages: the report
    then says how many citizen comments they hold that the exports read no longer do
    (:mod:`roi.exports`).

    Indicators are computed on the whole data set with one row per period
    (``roi.indicators(..., by=("period",))``), so that the period, its comparison period and
    the same period a year earlier come from one call; the per-account table comes from a
    second call grouped by account, channel and period.
    """
    config_path = find_path(config)
    cfg = load_config(config_path)
    lang = fmt.check_language(lang or cfg.language)
    label, freq = parse_period(period)
    # without inputs, the config's folder: a file in it that is no export (index.html, a README) is skipped with a note
    paths = [find_path(p) for p in inputs] if inputs else [config_path.parent]
    loaded = load(paths, cfg)
    messages = loaded.messages
    if accounts:
        messages = messages[messages["account"].isin(accounts)].reset_index(drop=True)
    if not len(messages):
        raise RoiError("no messages to report on", field="inputs", fix="check the input files and the accounts filter")
    result = compute_indicators(messages, cfg, by=("period",), surveys=loaded.surveys, freq=freq)
    if label not in set(result.table["period"]):
        periods = sorted(result.table["period"])
        raise RoiError(f"no data for the period {label}", field="period",
                       fix=f"the data cover {periods[0]} to {periods[-1]}; choose a period in that range")
    breakdown = compute_indicators(messages, cfg, by=("account", "channel", "period"), surveys=loaded.surveys, freq=freq)
    detail = speed.detail(messages, cfg, freq=freq)
    gone = None
    if earlier_inputs:
        earlier = load([find_path(p) for p in earlier_inputs], cfg).messages
        if accounts:
            earlier = earlier[earlier["account"].isin(accounts)].reset_index(drop=True)
        gone = exports.summarize(earlier, messages, by=("period",), config=cfg, freq=freq)
    return PeriodicReport(config=cfg, lang=lang, period=label, freq=freq,
                          before=parse_period(comparison)[0] if comparison else previous_period(label),
                          year=year_earlier(label), loaded=loaded, messages=messages, result=result,
                          breakdown_result=breakdown, detail=detail, show_text=privacy.show_text(cfg),
                          disappeared=gone)
