"""Report charts: matplotlib figures embedded as PNG, each with an alt text and its data table.

Every chart is a :class:`Chart`: the image, an alt text that states the chart's main
finding in the report's language (WCAG 2.1 success criterion 1.1.1) and the table of the
numbers drawn, shown beside it. Colours come from the Okabe-Ito palette, safe for the
common colour-vision deficiencies; the previous period is also drawn dashed, so that no
information depends on colour alone.

Figures are drawn 5.6 inches wide with 15-point text, so that on a 390-pixel phone screen,
where the image is scaled to a little more than half its size, a label is still about 11 pixels high.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import textwrap
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import rc_context

from roi.report import formatting as fmt
from roi.report.texts import text
from roi.stats import km_quantiles, km_survival_at

__all__ = ["OKABE_ITO", "Chart", "answered_by_hour", "bars", "html_table", "response_grid", "response_heatmap",
           "sparkline", "trend_lines", "volume_heatmap"]

#: Okabe & Ito (2008) colour-blind-safe palette; the first two are the report's main colours
#: (contrast against white 5.1:1 and 3.9:1, above WCAG's 3:1 for graphics).
OKABE_ITO = {"blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "purple": "#CC79A7",
             "orange": "#E69F00", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000"}
_CURRENT, _EARLIER = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
#: Figure width (inches) and text size (points) of every chart.
WIDTH, FONT = 5.6, 15
_RC = {"font.size": FONT, "axes.labelsize": FONT, "xtick.labelsize": FONT - 1, "ytick.labelsize": FONT - 1,
       "legend.fontsize": FONT - 1}


#: A chart's data table longer than this many rows is folded under its caption.
LONG_TABLE = 12


@dataclass
class Chart:
    """A figure with its alt text and data table; displays as HTML in a notebook."""

    title: str
    alt: str
    table: pd.DataFrame
    png: bytes = field(repr=False)  # shown once, by _repr_html_; not again as text
    table_caption: str = ""

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        caption = self.table_caption or self.title
        table = html_table(self.table, caption)
        if len(self.table) > LONG_TABLE:  # the chart's data, folded: one click away, still in the page
            table = f"<details><summary>{html.escape(caption)}</summary>{table}</details>"
        return (f'<figure class="roi-chart"><img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}">'
                f"<figcaption>{html.escape(self.alt)}</figcaption>{table}</figure>")


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)


def _styled(draw):
    """Draw with the report's text sizes (:data:`FONT`), leaving matplotlib's global settings alone."""
    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with rc_context(_RC):
            return draw(*args, **kwargs)
    return wrapper


def _figure(width: float, height: float):
    return plt.subplots(figsize=(width, height))


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def html_table(table: pd.DataFrame, caption: str, *, index: bool = False, stack: bool = True,
               row_class: pd.Series | None = None) -> str:
    """An accessible HTML table (caption, column headers with ``scope``); every cell is escaped.

    Each cell carries its column's name (``data-label``), so that on a narrow screen the
    report's style sheet shows the table as one card per row (``stack=False``: never).
    ``row_class`` gives a CSS class per row (e.g. a row left out of the index).
    """
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.columns)
    labels = [f' data-label="{html.escape(str(c), quote=True)}"' if stack else "" for c in table.columns]
    classes = list(row_class) if row_class is not None else [""] * len(table)
    rows = []
    for (_, row), css in zip(table.iterrows(), classes, strict=True):
        cells = [html.escape(str(v)) for v in row]
        first = f'<th scope="row">{cells[0]}</th>' if cells else ""
        attr = f' class="{html.escape(css, quote=True)}"' if css else ""
        rows.append(f"<tr{attr}>" + first + "".join(f'<td{label}>{c}</td>'
                                                     for label, c in zip(labels[1:], cells[1:], strict=True)) + "</tr>")
    kind = "roi-table roi-stack" if stack else "roi-table"
    # a table that may scroll sideways is a named region the keyboard can reach (WCAG 2.1.1)
    wrap = "" if stack else f' tabindex="0" role="region" aria-label="{html.escape(caption, quote=True)}"'
    return (f'<div class="roi-table-wrap"{wrap}><table class="{kind}"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def sparkline(values, label: str, *, width: int = 132, height: int = 36) -> str:
    """A small inline SVG line of ``values`` (oldest first; NaN breaks the line), the last point marked.

    ``label`` is its accessible name (``role="img"``): say what the line shows in words.
    """
    v = np.asarray(values, dtype=float)
    finite = np.isfinite(v)
    pad = 4.0
    body = ""
    if finite.any():
        low, high = float(v[finite].min()), float(v[finite].max())
        span = high - low or 1.0
        x = pad + np.arange(len(v)) * (width - 2 * pad) / max(len(v) - 1, 1)
        y = height - pad - (np.where(finite, v, low) - low) / span * (height - 2 * pad)
        runs, run = [], []
        for i in range(len(v)):  # at most 13 points: segments between missing periods
            if finite[i]:
                run.append(f"{x[i]:.1f},{y[i]:.1f}")
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        body = "".join(f'<polyline fill="none" stroke="{_CURRENT}" stroke-width="2" points="{" ".join(r)}"/>'
                       for r in runs)
        last = int(np.flatnonzero(finite)[-1])
        body += f'<circle cx="{x[last]:.1f}" cy="{y[last]:.1f}" r="3.5" fill="{_CURRENT}"/>'
    return (f'<svg class="roi-spark" role="img" aria-label="{html.escape(label, quote=True)}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{body}</svg>')


_FAMILY_STYLE = {"speed": (OKABE_ITO["vermillion"], "--", "o"), "empathy": (OKABE_ITO["green"], "-.", "s"),
                 "satisfaction": (OKABE_ITO["purple"], ":", "^"), "transparency": (OKABE_ITO["orange"], (0, (5, 1, 1, 1)), "D")}


@_styled
def trend_lines(trend: pd.DataFrame, lang: str, *, names: dict[str, str], ticks: list[str], rows: list[str],
                current: int, title: str, alt: str) -> Chart:
    """The index (thick line) and the family scores (each its colour, dash and marker) over the trend's periods.

    ``trend`` is :func:`roi.report.summary.trend`; ``names`` maps ``roi_index`` and
    ``score_<family>`` to their names, ``ticks`` are the short axis labels and ``rows``
    the full period names of the data table; ``current`` is the position of the report
    period, marked by a vertical band.
    """
    fig, ax = _figure(WIDTH, 3.9)
    x = np.arange(len(trend))
    ax.axvspan(current - 0.4, current + 0.4, color="#e6eef6", zorder=0)
    for family, (colour, dash, marker) in _FAMILY_STYLE.items():
        col = f"score_{family}"
        ax.plot(x, trend[col].to_numpy(float), color=colour, linestyle=dash, marker=marker, markersize=4.5,
                linewidth=1.6, label=names[col])
    ax.plot(x, trend["roi_index"].to_numpy(float), color="#1a1a1a", linewidth=3.2, marker="o", markersize=6,
            label=names["roi_index"])
    ax.set_ylim(0, 100)
    ax.set_xlim(-0.5, len(trend) - 0.5)
    ax.set_xticks(x, ticks)
    _style(ax)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, handlelength=2.6)
    table = pd.DataFrame({"": rows})
    for col in ("roi_index", *[f"score_{f}" for f in _FAMILY_STYLE]):
        table[names[col]] = [fmt.number(v, lang, 1) for v in trend[col]]
    return Chart(title, alt, table, _png(fig))


@_styled
def answered_by_hour(now: pd.DataFrame, before: pd.DataFrame | None, lang: str, *, labels: tuple[str, str],
                     hours: float = 40.0, marks=(2, 8, 24)) -> Chart:
    """Kaplan-Meier curve "share answered by business hour N" of the period (and the comparison period).

    ``now`` and ``before`` are :func:`roi.speed.detail` rows (``response_business_seconds``,
    ``answered``); unanswered messages are censored at the end of their window.
    """
    grid = np.linspace(0, hours, 161)
    fig, ax = _figure(WIDTH, 3.8)
    curves = {}
    for frame, label, colour, style in ((now, labels[0], _CURRENT, "-"), (before, labels[1], _EARLIER, "--")):
        if frame is None or not len(frame):
            continue
        t = frame["response_business_seconds"].to_numpy(float) / 3600
        e = frame["answered"].to_numpy(bool)
        share = 1 - km_survival_at(t, e, grid)
        curves[label] = 1 - km_survival_at(t, e, np.asarray(marks, float))
        ax.step(grid, 100 * share, where="post", color=colour, linestyle=style, linewidth=2.2, label=label)
    response_axes(ax, lang, hours, marks)
    if curves:  # a period without answered messages draws no curve, so has no legend
        ax.legend(frameon=False, loc="lower right")
    table = pd.DataFrame({text("within", lang): [f"{m:g} h" for m in marks]})
    for label, values in curves.items():
        table[label] = [fmt.percent(v, lang) for v in values]
    first = curves.get(labels[0])
    if first is None:
        alt = text("alt_km_empty", lang)
    else:
        alt = text("alt_km", lang).format(h=f"{marks[0]:g}", share=fmt.percent(first[0], lang),
                                          h2=f"{marks[-1]:g}", share2=fmt.percent(first[-1], lang))
        if labels[1] in curves:
            alt += " " + text("alt_km_before", lang).format(share=fmt.percent(curves[labels[1]][0], lang),
                                                            h=f"{marks[0]:g}")
    return Chart(text("km_title", lang), alt, table, _png(fig))


@_styled
def volume_heatmap(detail: pd.DataFrame, timezone: str, lang: str) -> Chart:
    """Inbound messages by weekday and hour (local time), with the share answered per weekday in the table."""
    local = detail["created_at"].dt.tz_convert(timezone)
    counts = pd.crosstab(local.dt.day_of_week, local.dt.hour).reindex(index=range(7), columns=range(24), fill_value=0)
    days = text("weekdays", lang)
    fig, ax = _figure(WIDTH, 3.6)
    image = ax.imshow(counts.to_numpy(), aspect="auto", cmap="cividis")
    ax.set_yticks(range(7), days)
    ax.set_xticks(range(0, 24, 3), [f"{h:02d}" for h in range(0, 24, 3)])
    ax.set_xlabel(text("hour_axis", lang))
    fig.colorbar(image, ax=ax, label=text("messages", lang))
    answered = detail.groupby(local.dt.day_of_week)["answered"].agg(["size", "mean"]).reindex(range(7))
    busiest = np.unravel_index(np.argmax(counts.to_numpy()), counts.shape)
    table = pd.DataFrame({
        text("weekday", lang): days,
        text("messages", lang): [fmt.number(v, lang) for v in answered["size"].fillna(0)],
        text("busiest_hour", lang): [f"{int(counts.loc[d].idxmax()):02d}:00" if counts.loc[d].sum() else "—" for d in range(7)],
        text("response_rate", lang): [fmt.percent(v, lang) for v in answered["mean"]],
    })
    weekdays = counts.iloc[:5].to_numpy().sum()
    alt = text("alt_heatmap", lang).format(day=days[busiest[0]], hour=f"{busiest[1]:02d}",
                                          share=fmt.percent(weekdays / max(counts.to_numpy().sum(), 1), lang))
    return Chart(text("heatmap_title", lang), alt, table, _png(fig))


def response_grid(detail: pd.DataFrame, timezone: str, *, min_n: int = 5) -> pd.DataFrame:
    """Kaplan-Meier median first response (business minutes) per weekday x hour of arrival (local time).

    One row per weekday (0 = Monday) and hour with ``n`` (inbound messages) and
    ``median_minutes``: the Kaplan-Meier median of ``response_business_seconds`` with the
    unanswered censored (``inf`` when fewer than half were answered), NaN where ``n < min_n``.
    """
    local = detail["created_at"].dt.tz_convert(timezone)
    frame = pd.DataFrame({"weekday": local.dt.day_of_week.to_numpy(), "hour": local.dt.hour.to_numpy(),
                          "t": detail["response_business_seconds"].to_numpy(float) / 60,
                          "e": detail["answered"].to_numpy(bool)})
    rows = []
    for (day, hour), cell in frame.groupby(["weekday", "hour"]):
        n = len(cell)
        median = float(km_quantiles(cell["t"], cell["e"], (0.5,))[0]) if n >= min_n else float("nan")
        rows.append({"weekday": int(day), "hour": int(hour), "n": n, "median_minutes": median})
    return pd.DataFrame(rows, columns=["weekday", "hour", "n", "median_minutes"])


@_styled
def response_heatmap(detail: pd.DataFrame, timezone: str, lang: str, *, min_n: int = 5) -> Chart:
    """Median first-response time (business hours, Kaplan-Meier) by weekday and hour of arrival.

    Cells with fewer than ``min_n`` messages are left blank; a cell where fewer than half of the
    messages were answered (median not reached) is grey, hatched and marked "∞", apart from the
    colour scale of the medians that were reached.
    """
    grid = response_grid(detail, timezone, min_n=min_n)
    shown = grid.dropna(subset=["median_minutes"])
    days = text("weekdays", lang)
    hours = pd.DataFrame(np.nan, index=range(7), columns=range(24))
    for row in shown.itertuples():
        if np.isfinite(row.median_minutes):
            hours.loc[row.weekday, row.hour] = row.median_minutes / 60
    fig, ax = _figure(WIDTH, 3.6)
    image = ax.imshow(np.ma.masked_invalid(hours.to_numpy(float)), aspect="auto", cmap="cividis_r")
    for row in shown.itertuples():
        if not np.isfinite(row.median_minutes):  # not reached: outside the colour scale
            ax.add_patch(plt.Rectangle((row.hour - 0.5, row.weekday - 0.5), 1, 1, facecolor="#d9d9d9",
                                       edgecolor="#7f7f7f", hatch="///", linewidth=0.5))
            ax.text(row.hour, row.weekday, "∞", ha="center", va="center", color="black", fontsize=9)
    ax.set_yticks(range(7), days)
    ax.set_xticks(range(0, 24, 3), [f"{h:02d}" for h in range(0, 24, 3)])
    ax.set_xlabel(text("hour_axis", lang))
    ax.set_facecolor("white")
    fig.colorbar(image, ax=ax, label=text("median_hours_axis", lang))
    table = pd.DataFrame({
        text("weekday", lang): [days[d] for d in shown["weekday"]],
        text("hour_col", lang): [f"{h:02d}:00" for h in shown["hour"]],
        text("messages", lang): [fmt.number(v, lang) for v in shown["n"]],
        text("frt_business", lang): [fmt.minutes(v, lang, business=True) for v in shown["median_minutes"]],
    })
    if not len(shown):
        alt = text("alt_response_heatmap_empty", lang).format(n=min_n)
    elif not np.isfinite(shown["median_minutes"]).any():
        alt = text("alt_response_heatmap_unreached", lang).format(n=min_n)
    else:
        fast = shown.sort_values(["median_minutes", "n"], ascending=[True, False]).iloc[0]
        slow = shown.sort_values(["median_minutes", "n"], ascending=[False, False]).iloc[0]  # ties: the busiest cell
        alt = text("alt_response_heatmap", lang).format(
            day=days[int(slow["weekday"])], hour=f"{int(slow['hour']):02d}",
            slow=fmt.minutes(slow["median_minutes"], lang, business=True),
            day2=days[int(fast["weekday"])], hour2=f"{int(fast['hour']):02d}",
            fast=fmt.minutes(fast["median_minutes"], lang, business=True), n=min_n)
    return Chart(text("response_heatmap_title", lang), alt, table, _png(fig))


@_styled
def bars(values: pd.Series, lang: str, *, title: str, alt: str, earlier: pd.Series | None = None,
         labels: tuple[str, str] = ("", ""), percent: bool = False, xmax: float | None = None,
         value_header: str = "") -> Chart:
    """Horizontal bars of ``values`` (index = row labels), with ``earlier`` as a hatched second bar."""
    values = values.astype(float)
    if earlier is not None:
        earlier = earlier.reindex(values.index)
    names = [textwrap.fill(str(name), 22) for name in values.index]
    lines = max((name.count("\n") + 1 for name in names), default=1)
    scale = 100 if percent else 1
    # each bar's slot is tall enough for its label's lines (FONT points each, about 0.25 inch with spacing)
    fig, ax = _figure(WIDTH, max(0.62, 0.25 * lines + 0.15) * len(values) + 1.4)
    y = np.arange(len(values))
    height = 0.38 if earlier is not None else 0.6
    ax.barh(y - (height / 2 if earlier is not None else 0), scale * values.to_numpy(), height, color=_CURRENT,
            label=labels[0])
    if earlier is not None:
        ax.barh(y + height / 2, scale * earlier.astype(float).to_numpy(), height, color="white",
                edgecolor=_EARLIER, hatch="///", label=labels[1])
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    if xmax is not None:
        ax.set_xlim(0, xmax)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_axisbelow(True)
    if percent:
        ax.set_xlabel("%")
    show = (lambda v: fmt.percent(v, lang)) if percent else (lambda v: fmt.number(v, lang, 1))
    table = pd.DataFrame({"": list(values.index), value_header or labels[0] or title: [show(v) for v in values]})
    if earlier is not None:
        table[labels[1]] = [show(v) for v in earlier]
    return Chart(title, alt, table, _png(fig))


def response_axes(ax, lang: str, hours: float, marks) -> None:
    """Axes of a response curve: office hours across, share answered up (0-100), dotted lines at the SLA marks."""
    ax.set_xlabel(text("business_hours_axis", lang))
    ax.set_ylabel(text("share_answered_axis", lang))
    ax.set_ylim(0, 100)
    ax.set_xlim(0, hours)
    for mark in marks:
        ax.axvline(mark, color="#999999", linewidth=0.8, linestyle=":")
    _style(ax)
