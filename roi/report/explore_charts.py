"""The charts of ``notebooks/explore.ipynb``: the index's trend and the response-time curve of each account.

Both are :class:`roi.report.charts.Chart` objects (a PNG with its alt text and data table),
drawn with the report's styles; the response curves are Kaplan-Meier estimates in which an
unanswered message is censored at the end of its window, never dropped.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from roi.index import FAMILIES
from roi.report import charts, summary
from roi.report import formatting as fmt
from roi.report.texts import text
from roi.stats import km_survival_at

__all__ = ["response_curves", "trend_chart"]


def trend_chart(table: pd.DataFrame, period: str, lang: str, *, n: int = 13) -> charts.Chart:
    """The index and the family scores of the ``n`` periods ending at ``period`` (``table`` grouped by period only).

    Periods before the first one with data are left out (the axis starts where the
    exports do); a period without data after it stays on the axis as a gap, and the text
    under the chart names it.
    """
    trend = summary.trend(table, period, n)
    names = {"roi_index": text("index", lang), **{f"score_{f}": text("families", lang)[f] for f in FAMILIES}}
    has_data = trend[list(names)].notna().any(axis=1).to_numpy()
    if has_data.any():
        first = int(np.argmax(has_data))
        trend, has_data = trend.iloc[first:].reset_index(drop=True), has_data[first:]
    periods = list(trend["period"])
    step = 1 if len(periods) <= 10 else 2  # every period labelled when they fit, else every other one
    labelled = [i for i in range(len(periods)) if i % step == (len(periods) - 1) % step]
    ticks = [""] * len(periods)
    for j, i in enumerate(labelled):  # the year under the first label and where it changes
        ticks[i] = fmt.period_short(periods[i], lang, with_year=j == 0 or periods[i][:4] != periods[labelled[j - 1]][:4])
    values = trend["roi_index"]
    alt = text("trend_title", lang) + ": " + "; ".join(
        f"{fmt.period_name(p, lang)} {fmt.number(v, lang, 1)}" for p, v in zip(periods, values, strict=True) if not np.isnan(v))
    gaps = [fmt.period_name(p, lang) for p, ok in zip(periods, has_data, strict=True) if not ok]
    if gaps:
        alt += (". Sin datos (hueco en las líneas): " if lang == "es" else ". No data (a gap in the lines): ") + ", ".join(gaps)
    return charts.trend_lines(trend, lang, names=names, ticks=ticks, rows=[fmt.period_name(p, lang) for p in periods],
                              current=len(trend) - 1, title=text("trend_title", lang), alt=alt)


@charts._styled
def response_curves(detail: pd.DataFrame, lang: str, *, hours: float = 40.0, marks=(2, 8, 24)) -> charts.Chart:
    """Share of inbound messages answered by business hour N, one Kaplan-Meier curve per account.

    ``detail`` is :func:`roi.speed.detail` of one period (``account``,
    ``response_business_seconds``, ``answered``).
    """
    grid = np.linspace(0, hours, 161)
    fig, ax = charts._figure(charts.WIDTH, 3.8)
    table = pd.DataFrame({text("within", lang): [f"{m:g} h" for m in marks]})
    colours = list(charts.OKABE_ITO.values())
    styles = ("-", "--", ":", "-.")
    accounts = sorted(detail["account"].dropna().astype(str).unique())
    for i, account in enumerate(accounts):  # one curve per account, not per message
        rows = detail[(detail["account"] == account).fillna(False).to_numpy(dtype=bool)]
        t = rows["response_business_seconds"].to_numpy(float) / 3600
        e = rows["answered"].to_numpy(bool)
        ax.step(grid, 100 * (1 - km_survival_at(t, e, grid)), where="post", color=colours[(i + 1) % len(colours)],
                linestyle=styles[i % len(styles)], linewidth=2.0, label=f"{account} ({len(rows)})")
        table[account] = [fmt.percent(v, lang) for v in 1 - km_survival_at(t, e, np.asarray(marks, float))]
    charts.response_axes(ax, lang, hours, marks)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=charts.FONT - 4)
    first = table.columns[1:]
    alt = "; ".join(f"{a}: {table[a].iloc[0]} ≤ {marks[0]} h, {table[a].iloc[-1]} ≤ {marks[-1]} h" for a in first)
    return charts.Chart(text("km_title", lang), alt or text("alt_km_empty", lang), table, charts._png(fig))
