"""The periodic report's content: data preparation and one HTML block per section.

The notebook ``notebooks/periodic_report.ipynb`` only calls :func:`prepare` and the
methods of :class:`PeriodicReport`; every figure comes from :func:`roi.indicators` and
:func:`roi.speed.detail`, every sentence from :mod:`roi.report.texts`.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from roi import exports, parallel, speed, threads, transparency
from roi.config import Config, load_config
from roi.errors import ConfigError, RoiError
from roi.index import CATALOGUE, FAMILIES
from roi.indicators import Indicators
from roi.indicators import indicators as compute_indicators
from roi.load import Loaded, files_in, load
from roi.periods import parse_period
from roi.report import charts, compare, labels, methodology, privacy, summary
from roi.report import formatting as fmt
from roi.report import topics as report_topics
from roi.report.texts import text
from roi.topics import shared_topics, topic_column

__all__ = ["HTMLBlock", "PeriodicReport", "export_files", "find_config", "find_path", "prepare", "previous_period", "year_earlier"]


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


def find_config(path: str | Path) -> Path:
    """The configuration file ``path`` (as :func:`find_path`); if it is nowhere, an error naming every place tried.

    A notebook has no ``--config``: the message says which line of its parameters cell to change.
    """
    found = find_path(path)
    if found.is_file():
        return found
    path = Path(path)
    tried = [path] if path.is_absolute() else [Path.cwd() / path, *(parent / path for parent in Path.cwd().parents)]
    raise ConfigError(f"configuration file not found; looked at {', '.join(str(t) for t in tried)}", file=path,
                      field="config",
                      fix='write its full path in the notebook\'s parameters cell, e.g. config = "/srv/roi/roi.toml" '
                          "(roi notebooks --out DIR --config FILE writes notebooks with it filled in)")


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
    shared: threads.Threads | None = field(default=None, repr=False)  # one threads result for every call on the messages
    by_topic: pd.DataFrame | None = None  # speed and satisfaction by topic and period, for the "temas" section
    official: pd.DataFrame | None = None  # roi.transparency.detail(...)["official"]: proactive posts and purposes

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

    def _say(self, key: str, **values) -> str:
        """The sentence ``key`` filled in, Spanish contractions made ("del 3.er trimestre") and its first letter capital."""
        sentence = self._t(key).format(**values)
        if self.lang == "es":
            sentence = fmt.contract(sentence)
        return sentence[:1].upper() + sentence[1:]

    def _name(self, period: str) -> str:
        return fmt.period_name(period, self.lang)

    def _in(self, period: str) -> str:
        """The period's name inside a sentence ("el 3.er trimestre de 2025"; a month as it is)."""
        return fmt.period_name(period, self.lang, article=True)

    def _indicator_label(self, name: str) -> str:
        return labels.indicator_label(name, self.lang)

    def _channel(self, code) -> str:
        return self._t("channels").get(str(code), str(code))

    def _value(self, name: str, value) -> str:
        return labels.indicator_value(name, value, self.lang)

    def _heading(self, key: str, level: int = 2, *, keep: bool = False) -> str:
        """A heading; a section heading starts a new printed page unless ``keep`` (a short section)."""
        css = ' class="roi-keep"' if keep else ""
        return f"<h{level}{css}>{html.escape(self._t(key))}</h{level}>"

    def _p(self, sentence: str, css: str = "") -> str:
        attr = f' class="{css}"' if css else ""
        return f"<p{attr}>{html.escape(sentence)}</p>"

    def _days(self, period: str) -> float:
        """The length of ``period`` in days (month, quarter or year)."""
        code = {"month": "M", "quarter": "Q", "year": "Y"}[self.freq]
        p = pd.Period(period.replace("-Q", "Q"), freq=code)
        return float(p.days_in_month) if code == "M" else float((p.end_time - p.start_time).days + 1)

    def _test(self, column: str, now: pd.Series, other: pd.Series | None, other_period: str) -> compare.Change | None:
        """The period-change test of one column of the indicator table (None: no test applies, e.g. a score or a mean)."""
        if other is None:
            return None
        ind = next((i for i in CATALOGUE if _column(i) == column), None)
        family, name = (ind.family, ind.name) if ind is not None else (column.partition("_")[0], "")
        if column == "speed_n_inbound":
            return compare.counts(now[column], other[column], self._days(self.period), self._days(other_period))
        if name == "frt_median_business_minutes":
            d = self.detail
            cur, prev = d[d["period"] == self.period], d[d["period"] == other_period]
            if not len(prev):
                return compare.Change(np.nan, np.nan, "logrank")
            return compare.logrank(cur["response_business_seconds"], cur["answered"],
                                   prev["response_business_seconds"], prev["answered"])
        if ind is not None and ind.bounds == (0.0, 1.0):
            n_now, n_other = now.get(f"{family}_{ind.denominator}"), other.get(f"{family}_{ind.denominator}")
            return compare.two_proportions(_count(now[column], n_now), n_now, _count(other[column], n_other), n_other)
        return None

    def _change_text(self, kind: str, column: str, value, other) -> str:
        """A figure's change in the reader's words: points, percentage points, messages or minutes."""
        if pd.isna(value) or pd.isna(other):
            return self._t("no_change_data")
        if kind == "share":
            return self._t("pp").format(fmt.points(100 * (value - other), self.lang))
        if kind == "minutes":
            delta = float(value) - float(other)
            if not np.isfinite(delta):
                return self._t("no_change_data")
            key = "minutes_less" if delta < 0 else "minutes_more"
            return self._t(key).format(fmt.minutes(abs(delta), self.lang, business=True))
        if kind == "count":
            return self._t("messages_change").format(fmt.points(float(value) - float(other), self.lang, 0))
        return self._t("points_change").format(fmt.points(float(value) - float(other), self.lang))

    def _figure_value(self, kind: str, value) -> str:
        if kind == "share":
            return fmt.percent(value, self.lang)
        if kind == "minutes":
            return fmt.minutes(value, self.lang, business=True)
        return fmt.number(value, self.lang, 0 if kind == "count" else 1)

    def _figure_name(self, column: str) -> str:
        if column == "roi_index":
            return self._t("index")
        if column.startswith("score_"):
            return self._t("families")[column[6:]]
        return self._t("figures")[column]

    def trend(self) -> pd.DataFrame:
        """The key figures of the year ending at the report period (:func:`roi.report.summary.trend`)."""
        return summary.trend(self.result.table, self.period)

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

    def what_moved(self, top: int = 3) -> pd.DataFrame:
        """The indicators whose contribution to the index changed most against the comparison period (none without it)."""
        moved = summary.what_moved(self.result.contributions, self.period, self.before, top)
        return moved if self.row(self.before) is not None else moved.iloc[:0]

    # -- sections ---------------------------------------------------------------------------
    def title(self) -> HTMLBlock:
        until = self.messages["created_at"].max().tz_convert(self.config.timezone).date()
        year = (self._t("year_clause").format(year=self._in(self.year)) if self.row(self.year) is not None
                else self._t("no_year").format(year=self._in(self.year)))
        subtitle = self._t("subtitle").format(name=self.config.name, period=self._name(self.period))
        generated = self._say("generated", until=fmt.date(until, self.lang), before=self._in(self.before), year=year)
        return HTMLBlock(f"<h1>{html.escape(self._t('title'))}</h1>"
                         f'<p class="roi-subtitle">{html.escape(subtitle)}</p>{self._p(generated)}')

    def verdict(self) -> str:
        """The one-sentence answer to "how are we doing and why", from the trend and the family changes."""
        now = self.now
        if pd.isna(now["roi_index"]):
            return self._say("headline_lead_none", period=self._in(self.period), min_n=self.config.index.min_n)
        value = fmt.number(now["roi_index"], self.lang, 1)
        before = self.row(self.before)
        if before is None or pd.isna(before["roi_index"]):
            return self._say("verdict_alone", period=self._in(self.period), value=value)
        diff = float(now["roi_index"]) - float(before["roi_index"])
        size = fmt.number(abs(diff), self.lang, 1)
        direction = self._t("less" if diff < 0 else "more").format(size) if round(abs(diff), 1) else self._t("same")
        history = self.trend().iloc[:-1]["roi_index"].dropna()
        peak = (self._t("peak") if len(history) >= 3 and float(before["roi_index"]) >= history.max() else
                self._t("trough") if len(history) >= 3 and float(before["roi_index"]) <= history.min() else "")
        mean = ""
        if len(history) >= 3:
            avg = float(history.mean())
            mean = self._t("above_mean" if float(now["roi_index"]) >= avg else "below_mean").format(
                k=len(history), unit=self._t("units")[self.freq], mean=fmt.number(avg, self.lang, 1))
        changes = self.score_changes()["change_before"].drop("roi_index").dropna()
        family = ""
        if len(changes):
            key = changes.abs().idxmax()
            family = self._t("largest_family").format(family=self._t("families")[key[6:]],
                                                      change=fmt.points(changes[key], self.lang))
        return self._say("verdict", period=self._in(self.period), value=value, direction=direction,
                         before=self._in(self.before), peak=peak, mean=mean, family=family)

    def tiles(self) -> str:
        """The key figures (:data:`roi.report.summary.KEY_FIGURES`): value, changes, their test in words, a sparkline."""
        now, before, year = self.now, self.row(self.before), self.row(self.year)
        trend = self.trend()
        first, last = self._name(trend["period"].iloc[0]), self._name(trend["period"].iloc[-1])
        items = []
        for column, kind in summary.KEY_FIGURES:
            lines = []
            for other, period in ((before, self.before), (year, self.year)):
                if other is None:
                    lines.append(self._say("tile_no_data", period=self._name(period)))
                    continue
                change = self._change_text(kind, column, now[column], other[column])
                words = compare.plain(self._test(column, now, other, period), self.lang)
                lines.append(self._say("tile_change", change=change, period=self._in(period), words=words))
            series = trend[column].to_numpy(float)
            shown = np.where(np.isfinite(series), series, np.nan)
            label = self._say("spark_alt", k=len(series), first=first, last=last,
                              low=self._figure_value(kind, np.nanmin(shown)) if np.isfinite(shown).any() else "—",
                              high=self._figure_value(kind, np.nanmax(shown)) if np.isfinite(shown).any() else "—",
                              n=int(np.isfinite(shown).sum()))
            items.append(f'<li class="roi-tile"><p class="roi-tile-name">{html.escape(self._figure_name(column))}</p>'
                         f'<p class="roi-tile-value">{html.escape(self._figure_value(kind, now[column]))}</p>'
                         + "".join(self._p(line, "roi-tile-change") for line in lines)
                         + charts.sparkline(series, label) + "</li>")
        return f'<ul class="roi-tiles">{"".join(items)}</ul>'

    def moved_lines(self) -> list[str]:
        """The "what moved" sentences: one per indicator of :meth:`what_moved`."""
        now, before = self.now, self.row(self.before)
        changes = self.score_changes()["change_before"]
        lines = []
        for r in self.what_moved().itertuples():
            column = _column(next(i for i in CATALOGUE if i.name == r.indicator))
            test = self._test(column, now, before, self.before) if column in now.index else None
            words = compare.plain(test, self.lang)
            if not (r.included and r.included_before):
                words = self._t("moved_in" if r.included else "moved_out")
            key = "index_up" if r.change > 0 else "index_down"
            lines.append(self._say("moved_line", family=self._t("families")[r.family],
                                   family_change=fmt.points(changes[f"score_{r.family}"], self.lang),
                                   indicator=_lower_first(self._indicator_label(r.indicator), self.lang),
                                   before=self._value(r.indicator, r.value_before), now=self._value(r.indicator, r.value),
                                   words=words, effect=self._t(key).format(fmt.number(abs(r.change), self.lang, 1))))
        return lines

    def headline(self) -> list:
        """Page one: the verdict, the key-figure tiles, what moved the index and the 13-period trend chart."""
        lines = self.moved_lines()
        empty = "moved_none" if self.row(self.before) is not None else "moved_no_before"
        moved = (f'<ul class="roi-moved">{"".join(f"<li>{html.escape(x)}</li>" for x in lines)}</ul>' if lines
                 else self._p(self._say(empty, before=self._in(self.before))))
        heading = f'<h2 class="roi-first">{html.escape(self._t("headline"))}</h2>'  # no page break before it in print
        warning = "" if self.config.accounts else self._p(self._t("no_accounts"), "roi-note")
        block = HTMLBlock(heading + self._p(self.verdict(), "roi-lead") + warning + self.tiles()
                          + self._p(self._say("tiles_note", k=len(self.trend())), "roi-note")
                          + self._heading("moved_title", 3) + self._p(self._say("moved_lead", before=self._in(self.before)))
                          + moved)
        trend = self.trend()
        names = {"roi_index": self._t("index"), **{f"score_{f}": self._t("families")[f] for f in FAMILIES}}
        periods = list(trend["period"])
        step = 2 if len(periods) > 7 else 1  # 13 months: every other one named, the report's month always
        named = [p if (len(periods) - 1 - i) % step == 0 else "" for i, p in enumerate(periods)]
        shown = [p for p in named if p]
        ticks = [fmt.period_short(p, self.lang, with_year=p == shown[0] or p[:4] != shown[shown.index(p) - 1][:4])
                 if p else "" for p in named]  # the year under the first name and where it changes
        values = trend["roi_index"]
        alt = (self._say("alt_trend", k=len(trend), first=self._in(trend["period"].iloc[0]),
                         period=self._in(self.period), value=fmt.number(values.iloc[-1], self.lang, 1),
                         best=self._in(trend.loc[values.idxmax(), "period"]), best_value=fmt.number(values.max(), self.lang, 1),
                         worst=self._in(trend.loc[values.idxmin(), "period"]),
                         worst_value=fmt.number(values.min(), self.lang, 1))
               if values.notna().any() else self._say("alt_no_data", period=self._in(self.period)))
        chart = charts.trend_lines(trend, self.lang, names=names, ticks=ticks,
                                   rows=[self._name(p) for p in trend["period"]], current=len(trend) - 1,
                                   title=self._t("trend_title"), alt=alt)
        return [block, HTMLBlock(self._heading("trend_title", 3)), chart]

    def indicator_table(self) -> HTMLBlock:
        """Every indicator of the period: value, base, change and its test, score, weight and contribution.

        Rows left out of the index say why in words; a last row adds the contributions up to
        the index. Two notes define apart the figures a reader may take for one another.
        """
        now, before = self.now, self.row(self.before)
        contrib = self.result.contributions
        contrib = contrib[contrib["period"] == self.period].set_index("indicator")
        reasons, min_n = self._t("reasons"), self.config.index.min_n
        rows, classes = [], []
        for ind in CATALOGUE:
            column = _column(ind)
            if ind.name not in contrib.index:
                continue
            c = contrib.loc[ind.name]
            value = now.get(column, np.nan)
            n = c["n"]
            change, words = "—", self._t("not_compared")
            if before is not None and column in now.index:
                kind = ("share" if ind.bounds == (0.0, 1.0) else "minutes" if ind.name.endswith("_minutes") else "score")
                change = self._change_text(kind, column, value, before.get(column, np.nan))
                words = compare.plain(self._test(column, now, before, self.before), self.lang)
            if bool(c["included"]):
                score = fmt.number(c["score"], self.lang, 1)
                weight = fmt.percent(c["weight"], self.lang)
                part = fmt.number(c["contribution"], self.lang, 1)
                classes.append("")
            else:
                why = (self._t("reason_small").format(n=fmt.number(n, self.lang), min_n=min_n)
                       if c["reason"] == "denominator_small" else reasons.get(str(c["reason"]), str(c["reason"])))
                score, weight, part = self._t("left_out").format(why), "0", "0"
                classes.append("roi-excluded")
            rows.append({self._t("indicator"): self._indicator_label(ind.name), self._t("family"): self._t("families")[ind.family],
                         self._t("value"): self._value(ind.name, value),
                         self._t("n"): fmt.number(n, self.lang) if not pd.isna(n) else "—",
                         self._say("change", before=self._in(self.before)): change,
                         self._t("test"): words, self._t("score"): score, self._t("weight"): weight,
                         self._t("contribution"): part})
        total = {k: "" for k in rows[0]} if rows else {}
        if rows:
            total[self._t("indicator")] = self._t("index")
            total[self._t("value")] = fmt.number(now["roi_index"], self.lang, 1)
            total[self._t("weight")] = fmt.percent(contrib["weight"].sum(), self.lang)
            total[self._t("contribution")] = fmt.number(contrib["contribution"].sum(), self.lang, 1)
            rows.append(total)
            classes.append("roi-total")
        table = pd.DataFrame(rows)
        lead = self._say("table_lead", period=self._in(self.period), before=self._in(self.before), min_n=min_n)
        mean = contrib.loc["empathy_mean"] if "empathy_mean" in contrib.index else None
        notes = [self._say("empathy_note", value=fmt.number(now.get("empathy_mean"), self.lang, 1),
                           score=fmt.number(now.get("score_empathy"), self.lang, 1),
                           floor=fmt.number(mean["floor"] if mean is not None else np.nan, self.lang),
                           target=fmt.number(mean["target"] if mean is not None else np.nan, self.lang)),
                 self._say("questions_note", n=fmt.number(now.get("speed_n_questions"), self.lang)),
                 self._t("significance_note")]
        return HTMLBlock(self._heading("table_title") + self._p(lead)
                         + charts.html_table(table, self._t("table_title"), row_class=pd.Series(classes))
                         + "".join(self._p(x, "roi-note") for x in notes))

    def speed(self) -> list:
        now = self.now
        d = self.detail
        cur, prev = d[d["period"] == self.period], d[d["period"] == self.before]
        test = compare.logrank(cur["response_business_seconds"], cur["answered"],
                               prev["response_business_seconds"], prev["answered"]) if len(prev) else None
        km = charts.answered_by_hour(cur, prev if len(prev) else None, self.lang,
                                     labels=(self._name(self.period), self._name(self.before)))
        lead = self._say("speed_lead", n=fmt.number(now["speed_n_inbound"], self.lang),
                         calendar=fmt.minutes(now["speed_frt_median_minutes"], self.lang),
                         business=fmt.minutes(now["speed_frt_median_business_minutes"], self.lang, business=True))
        km_words = self._say("km_test", before=self._in(self.before), words=compare.plain(test, self.lang, times=True))
        return [HTMLBlock(self._heading("speed") + self._p(lead)),
                HTMLBlock(self._heading("km_title", 3) + self._p(km_words)), km,
                HTMLBlock(self._heading("heatmap_title", 3)),
                charts.volume_heatmap(cur, self.config.timezone, self.lang),
                HTMLBlock(self._heading("response_heatmap_title", 3)),
                charts.response_heatmap(cur, self.config.timezone, self.lang)]

    def empathy(self) -> list:
        now, before = self.now, self.row(self.before)
        markers = self._t("markers")
        values = pd.Series({label: now[f"empathy_share_{key}"] for key, label in markers.items()})
        earlier = (pd.Series({label: before[f"empathy_share_{key}"] for key, label in markers.items()})
                   if before is not None else None)
        alt = self._say("alt_markers", period=self._in(self.period), best=values.idxmax(),
                        value=fmt.percent(values.max(), self.lang)) \
            if values.notna().any() else self._say("alt_no_data", period=self._in(self.period))
        chart = charts.bars(values, self.lang, title=self._t("markers_title"), alt=alt, earlier=earlier, percent=True,
                            labels=(self._name(self.period), self._name(self.before)), xmax=100)
        lead = self._say("empathy_lead", n=fmt.number(now["empathy_n_scored"], self.lang),
                         score=fmt.number(now["score_empathy"], self.lang, 1))
        return [HTMLBlock(self._heading("empathy") + self._p(lead)), chart]

    def satisfaction(self) -> HTMLBlock:
        now = self.now
        lead = self._say("satisfaction_lead", csat=fmt.number(now.get("satisfaction_n_csat", 0), self.lang),
                         nps=fmt.number(now.get("satisfaction_n_nps", 0), self.lang), min_n=self.config.index.min_n)
        return HTMLBlock(self._heading("satisfaction", keep=True) + self._p(lead))

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
        alt = self._say("alt_transparency", best=ranked.idxmax(), value=fmt.percent(ranked.max(), self.lang),
                        worst=ranked.idxmin(), value2=fmt.percent(ranked.min(), self.lang)) \
            if len(ranked) else self._say("alt_no_data", period=self._in(self.period))
        chart = charts.bars(values, self.lang, title=self._t("transparency_title"), alt=alt, percent=True, xmax=100,
                            earlier=earlier, labels=(self._name(self.period), self._name(self.before)))
        lead = self._say("transparency_lead", period=self._in(self.period))
        return [HTMLBlock(self._heading("transparency", keep=True) + self._p(lead) + self._disappeared()), chart]

    def topics(self) -> list:
        """The "temas" section (:mod:`roi.report.topics`): figures per topic, then what proactive posts are for."""
        d = self.detail.assign(topic=topic_column(self.detail, self.messages, self.config, threads=self.shared))
        return report_topics.section(self, self.by_topic, d, self.official)

    def _disappeared(self) -> str:
        """A paragraph on the comments that disappeared since the earlier exports ("" without them)."""
        if self.disappeared is None:
            return ""
        rows = self.disappeared[self.disappeared["period"] == self.period]
        if not len(rows) or not rows["n_compared"].sum():
            return self._p(self._say("disappeared_none", period=self._in(self.period)))
        row = rows.iloc[0]
        words = self._say(
            "disappeared_lead", period=self._in(self.period), k=fmt.number(row["n_disappeared"], self.lang),
            n=fmt.number(row["n_compared"], self.lang), share=fmt.percent(row["share_disappeared"], self.lang),
            low=fmt.percent(row["share_disappeared_ci_low"], self.lang),
            high=fmt.percent(row["share_disappeared_ci_high"], self.lang))
        return self._p(words)

    def excerpts(self, limit: int = 5) -> HTMLBlock:
        """A few unanswered messages of the period, redacted and escaped; nothing unless the config opts in.

        Each excerpt is a ``<blockquote class="roi-excerpt">``: citizens' own words, in their language.
        """
        if not self.show_text:
            return HTMLBlock("")
        d = self.detail
        waiting = d[(d["period"] == self.period) & ~d["answered"]].sort_values("created_at").head(limit)
        texts = self.messages.set_index("message_id")["text"]
        items = []
        for row in waiting.itertuples():
            when = fmt.date(row.created_at.tz_convert(self.config.timezone).date(), self.lang)
            body = privacy.excerpt(texts.get(row.message_id), allowed=True)
            items.append(f"<li><strong>{html.escape(self._channel(row.channel))}, {html.escape(when)}:</strong> "
                         f'<blockquote class="roi-excerpt">{body}</blockquote></li>')
        return HTMLBlock(self._heading("excerpts") + self._p(self._t("excerpts_lead")) + f"<ul>{''.join(items)}</ul>")

    def breakdown(self) -> HTMLBlock:
        t = self.breakdown_result.table
        t = t[t["period"] == self.period].sort_values(["account", "channel"])
        table = pd.DataFrame({
            # a survey answer that names no account or channel: a dash, never "nan"
            self._t("account"): t["account"].astype("string").fillna("—"),
            self._t("channel"): [self._channel(c) if pd.notna(c) else "—" for c in t["channel"]],
            self._t("inbound"): [fmt.number(v, self.lang) for v in t["speed_n_inbound"]],
            self._t("response_rate_col"): [fmt.percent(v, self.lang) for v in t["speed_response_rate"]],
            self._t("frt_short"): [fmt.minutes(v, self.lang, business=True) for v in t["speed_frt_median_business_minutes"]],
            self._t("families")["empathy"]: [fmt.number(v, self.lang, 1) for v in t["score_empathy"]],
            self._t("n_indicators"): [fmt.number(v, self.lang) for v in t["n_indicators"]],
            self._t("index_short"): [fmt.number(v, self.lang, 1) for v in t["roi_index"]],
        })
        now = self.now
        counts = t["n_indicators"].dropna()
        lead = self._say("breakdown_lead", period=self._in(self.period))
        why = self._say("breakdown_why", overall=fmt.number(now["roi_index"], self.lang, 1),
                        n=fmt.number(now["n_indicators"], self.lang),
                        low=fmt.number(counts.min() if len(counts) else np.nan, self.lang),
                        high=fmt.number(counts.max() if len(counts) else np.nan, self.lang),
                        min_n=self.config.index.min_n,
                        frt=fmt.minutes(now["speed_frt_median_business_minutes"], self.lang, business=True))
        return HTMLBlock(self._heading("breakdown") + self._p(lead) + self._p(why)
                         + charts.html_table(table, self._t("breakdown")))

    def data_quality(self) -> HTMLBlock:
        counts = self.loaded.counts()
        totals = counts[["records", "messages", "rejects", "duplicates"]].sum()
        duplicates = int(totals["duplicates"]) + int(self.loaded.cross_file_duplicates)
        lead = self._say("quality_lead", **{k: fmt.number(totals[k], self.lang) for k in ("records", "messages", "rejects")},
                         duplicates=fmt.number(duplicates, self.lang))
        formats = self._t("formats")
        files = pd.DataFrame({self._t("file"): counts["file"],
                              self._t("format"): [formats.get(str(f), str(f)) for f in counts["format"]],
                              **{self._t(k): [fmt.number(v, self.lang) for v in counts[k]]
                                 for k in ("records", "messages", "rejects", "duplicates")}})
        body = self._heading("quality", keep=True) + self._p(lead) + charts.html_table(files, self._t("quality"))
        rejects = self.loaded.rejects
        if len(rejects):
            by_reason = rejects["reason"].astype(str).value_counts()
            body += charts.html_table(pd.DataFrame({self._t("reason"): by_reason.index,
                                                    self._t("count"): [fmt.number(v, self.lang) for v in by_reason]}),
                                      self._t("rejects"))
        else:
            body += self._p(self._t("no_rejects"))
        return HTMLBlock(body)

    def methodology(self) -> HTMLBlock:
        """The short methodology in the report's language, with the link to the full methodology page beside it."""
        paragraphs = "".join(self._p(p) for p in self._t("methodology_text"))
        link = (f'<p><a href="{methodology.PAGE}">{html.escape(self._t("methodology_link"))}</a> '
                f"{html.escape(self._t('methodology_link_after'))}</p>")
        return HTMLBlock(self._heading("methodology") + paragraphs + link)

    def write_outputs(self, folder: str | Path | None) -> list[Path]:
        """Write ``indicators.json``, the CSV tables and the methodology page into ``folder`` (nothing when empty or None)."""
        from roi.report.json_export import write_indicators, write_tables
        from roi.report.run import check_self_contained

        if not folder:
            return []
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        page = methodology.page(self.config, self.lang)
        check_self_contained(page)
        (folder / methodology.PAGE).write_text(page, encoding="utf-8")
        return [write_indicators(self, folder / "indicators.json"), *write_tables(self, folder), folder / methodology.PAGE]


def _column(ind) -> str:
    """The column of ``roi.indicators(...).table`` that holds an indicator (``speed_response_rate``, ``empathy_mean``)."""
    return ind.name if ind.name.startswith(f"{ind.family}_") else f"{ind.family}_{ind.name}"


def _lower_first(label: str, lang: str) -> str:
    """An indicator's name inside a Spanish sentence: "Tasa de respuesta" -> "tasa de respuesta" (English keeps it)."""
    return label[:1].lower() + label[1:] if lang == "es" and label[1:2].islower() else label


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
    second call grouped by account, channel and period; the "temas" section's speed and
    satisfaction figures by topic and period come from those two families alone
    (:func:`roi.report.topics.figures_by_topic`). The calls, and the per-message speed detail, share one
    :func:`roi.threads.threads` of the messages (topics are found once, in it).
    """
    config_path = find_config(config)
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
    shared = threads.threads(messages, cfg)  # who answers whom, found once for the three calls below
    with warnings.catch_warnings():  # said on page one in the report's words (no_accounts), not as a Python warning
        warnings.filterwarnings("ignore", message=re.escape(threads.NO_ACCOUNTS[:40]), category=UserWarning)
        return _compute(cfg, lang, label, freq, comparison, loaded, messages, shared, accounts, earlier_inputs)


def _compute(cfg, lang, label, freq, comparison, loaded, messages, shared, accounts, earlier_inputs) -> PeriodicReport:
    result = compute_indicators(messages, cfg, by=("period",), surveys=loaded.surveys, freq=freq, threads=shared)
    if label not in set(result.table["period"]):
        periods = sorted(result.table["period"])
        raise RoiError(f"no data for the period {label}", field="period",
                       fix=f"the data cover {periods[0]} to {periods[-1]}; choose a period in that range")

    def per_account():
        with parallel.limit(1):  # the per-message tables are found: grouping them is quick
            return compute_indicators(messages, cfg, by=("account", "channel", "period"), surveys=loaded.surveys,
                                      freq=freq, threads=shared)

    # the "temas" section: speed and satisfaction per topic. The topics are found once, in the shared threads,
    # in a second process beside the per-account call when the machine has two cores (and come back with it);
    # then the two families by topic side by side
    def find_topics() -> None:  # kept in the shared threads (sent back from a child with its tables)
        shared_topics(shared)

    found = parallel.run_parts([{"breakdown": per_account}, {"topics": find_topics}], **shared.sharing(cfg))
    breakdown = found["breakdown"]
    families = [{name: task} for name, task in report_topics.family_tasks(messages, cfg, freq, shared).items()]
    by_topic = report_topics.figures_by_topic(messages, cfg, freq, shared,
                                              tables=parallel.run_parts(families, **shared.sharing(cfg)))
    detail = speed.detail(messages, cfg, freq=freq, threads=shared)
    official = transparency.detail(messages, cfg, freq=freq, threads=shared)["official"]
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
                          disappeared=gone, by_topic=by_topic, official=official, shared=shared)
