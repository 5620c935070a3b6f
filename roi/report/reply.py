"""What the analyst sees of one reply and of one walk down from the index (:mod:`roi.report.explore`).

:class:`ReplyView` shows an official reply with its empathy score (:func:`roi.empathy.score`),
its markers highlighted in the text (:func:`roi.empathy.evidence`, with what each earns) and
the features behind each judgment (:func:`roi.empathy.explanations`). :class:`Walk` shows
index -> family -> indicator -> messages for one group. Both display as HTML in a notebook;
every text they show is escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from roi.report import labels
from roi.report.explore_table import table_html
from roi.report.texts import text

__all__ = ["ReplyView", "Walk", "highlight"]

#: The scores of a reply, in the order shown, with their names in each language.
SCORES = {
    "empathy_score": ("Nota de empatía y cortesía (0-100)", "Empathy and courtesy mark (0-100)"),
    "courtesy": ("Cortesía (0-100)", "Courtesy (0-100)"),
    "p_emotional_reaction": ("P(reacción emocional)", "P(emotional reaction)"),
    "p_interpretation": ("P(interpretación)", "P(interpretation)"),
    "p_exploration": ("P(exploración)", "P(exploration)"),
    "marker_score": ("Puntos de los actos (0-100)", "Points of the acts (0-100)"),
}
#: Rows of messages a :class:`Walk` shows inline (``.messages`` holds them all).
SHOWN = 20


def highlight(text_: str, markers: pd.DataFrame) -> str:
    """``text_`` as HTML with each marker span (``start``, ``end``, ``family``) in a ``<mark>``; overlaps keep the first.

    >>> highlight("Hola, <gracias>", pd.DataFrame({"start": [0, 7], "end": [4, 14], "family": ["greeting", "gratitude"]}))
    '<mark title="greeting">Hola</mark>, &lt;<mark title="gratitude">gracias</mark>&gt;'
    """
    out, at = [], 0
    for start, end, family in markers.sort_values("start")[["start", "end", "family"]].itertuples(index=False):
        start, end = int(start), int(end)
        if start < at:
            continue
        out.append(html.escape(text_[at:start]))
        out.append(f'<mark title="{html.escape(str(family))}">{html.escape(text_[start:end])}</mark>')
        at = end
    out.append(html.escape(text_[at:]))
    return "".join(out)


@dataclass
class ReplyView:
    """One official reply: ``score`` (its :func:`roi.empathy.score` row), ``markers`` and ``reasons``."""

    message_id: str
    channel: str
    account: str
    sent: pd.Timestamp
    text: str
    score: pd.Series = field(repr=False)
    markers: pd.DataFrame = field(repr=False)
    reasons: pd.DataFrame = field(repr=False)
    in_reply_to: str | None = field(default=None, repr=False)
    lang: str = "en"

    def scores(self) -> pd.Series:
        """The reply's scores, named in its language."""
        i = 0 if self.lang == "es" else 1
        return pd.Series({names[i]: self.score[name] for name, names in SCORES.items()}, name=self.message_id)

    def _repr_html_(self) -> str:
        es = self.lang == "es"
        head = (f"<h4>{html.escape(self.account)} · {html.escape(self.channel)} · {html.escape(self.message_id)} · "
                f"{self.sent:%Y-%m-%d %H:%M}</h4>")
        cited = ("" if self.in_reply_to is None else
                 f"<blockquote>{html.escape(self.in_reply_to)}</blockquote>")
        body = f"<p>{highlight(self.text, self.markers)}</p>"
        scores = self.scores()
        scores = pd.Series([f"{v:.3f}" if str(k).startswith("P(") else f"{v:.1f}" for k, v in scores.items()],
                           index=scores.index).rename_axis("").reset_index()
        scores.columns = ["", "valor" if es else "value"]
        markers = self.markers[["family", "matched_text", "strong", "points", "counts"]]
        reasons = self.reasons[["judgment", "rank", "feature", "value", "weight", "contribution"]].round(3)
        return (head + cited + body + table_html(scores, "Puntuaciones" if es else "Scores", lang=self.lang)
                + table_html(markers, "Marcadores y sus puntos" if es else "Markers and their points", lang=self.lang)
                + table_html(reasons, "Por qué: rasgos que más pesan en cada juicio (w: palabra, p: comienzo de "
                             "palabra, b: par de palabras, c: familia de pistas, s: forma; contribution = value × "
                             "weight, y su suma por juicio da el logit de su probabilidad)" if es
                             else "Why: the features that weigh most in each judgment (w: word, p: word beginning, "
                             "b: word pair, c: cue family, s: shape; contribution = value × weight, summed per "
                             "judgment it gives the log-odds of its probability)", lang=self.lang))


@dataclass
class Walk:
    """Index -> family -> indicator -> messages of one group (:meth:`roi.report.explore.Exploration.explain`)."""

    indicator: str
    family: str
    group: dict
    index: pd.DataFrame = field(repr=False)
    contributions: pd.DataFrame = field(repr=False)
    row: pd.DataFrame = field(repr=False)
    messages: pd.DataFrame = field(repr=False)
    lang: str = "en"

    def _repr_html_(self) -> str:
        lang = self.lang
        names = {"roi_index": text("index", lang), **{f"score_{f}": n for f, n in text("families", lang).items()}}
        idx = self.index[["account", "channel", *names]].rename(columns=names).round(1)
        contrib = self.contributions.assign(
            indicator=self.contributions["indicator"].map(lambda n: labels.indicator_label(n, lang)),
            value=[labels.indicator_value(n, v, lang) for n, v in zip(self.contributions["indicator"],
                                                                    self.contributions["value"], strict=True)])
        reasons = text("reasons", lang)
        contrib = contrib.assign(score=contrib["score"].round(1), weight=contrib["weight"].round(3),
                                 contribution=contrib["contribution"].round(2),
                                 reason=[reasons.get(str(r), str(r)) if pd.notna(r) and str(r) else ""
                                         for r in contrib["reason"]])
        contrib = contrib[["account", "channel", "indicator", "value", "n", "score", "weight", "contribution",
                           "included", "reason"]]
        where = " · ".join(html.escape(str(v)) for v in self.group.values())
        family = text("families", lang)[self.family]
        label = labels.indicator_label(self.indicator, lang)
        shown = self.messages.head(SHOWN)
        more = (f"<p>{len(self.messages)} {'mensajes; .messages los tiene todos' if lang == 'es' else 'rows; .messages has them all'}</p>")
        return (f"<h4>{where}</h4>" + table_html(idx, f"1. {text('index', lang)}", lang=lang)
                + table_html(contrib, f"2. {family}", lang=lang)
                + table_html(contrib[contrib["indicator"] == label], f"3. {label}", lang=lang)
                + table_html(shown, f"4. {'Mensajes' if lang == 'es' else 'Messages'}", lang=lang) + more)
