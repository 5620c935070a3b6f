"""The Intangible ROI Index: every indicator scored 0-100 against a target and a floor, then combined.

Anchors (``roi/methodology.md``): the targets and floors of :data:`CATALOGUE` come from
the speed, empathy, satisfaction and transparency anchors (Facebook's "very responsive"
badge, Socialbakers' "Socially Devoted", the Generalitat de Catalunya guide's 2-hour
reply, CSAT and NPS conventions, Ley 19/2013); composite indices in the public sector
(Transparency International's ITA, CAF practice) publish their weights and sub-scores,
so the index is never shown without :attr:`IndexResult.contributions`.

The rules:

- **indicator score** = ``100 × clip((value - floor) / (target - floor), 0, 1)``: 100
  at or beyond the target, 0 at or beyond the floor, linear between. The same formula
  serves "lower is better" indicators, whose target lies below their floor.
- **family score** = weighted mean of the family's *included* indicator scores
  (indicator weights default 1, ``[index.<indicator>] weight`` in the config).
- **index** = weighted mean of the *included* family scores (family weights default
  equal, ``[index.weights]``).
- An indicator that cannot be computed in a group (the family was not run, its column is
  absent, the group has no row, its denominator is 0 or below ``[index] min_n``, the
  value is NaN, or a required flag such as ``hidden_flag_available`` is false) is
  **left out**: its weight is redistributed over the included indicators of its family,
  and a family without any included indicator is left out of the index with its weight
  redistributed over the other families. Each exclusion is a row of the contributions
  table with its reason, and :attr:`IndexResult.notes` says so in words. Nothing that
  could not be computed is ever scored 0.

An infinite value is computed, not missing: a Kaplan-Meier median first-response time
of ``inf`` (fewer than half the messages answered within the window) scores 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from roi.config import INDEX_FAMILIES, Config, as_config
from roi.errors import RoiError
from roi.periods import GROUPS, check_by

__all__ = ["CATALOGUE", "FAMILIES", "REASONS", "IndexResult", "Indicator", "catalogue", "indicator_score", "summarize"]

#: The four indicator families, in report order.
FAMILIES = INDEX_FAMILIES

_SHARE = (0.0, 1.0)


@dataclass(frozen=True)
class Indicator:
    """One indicator of the index.

    Attributes
    ----------
    name
        The column of the family table that holds the value (``roi.<family>.summarize``).
    family
        ``speed``, ``empathy``, ``satisfaction`` or ``transparency``.
    denominator
        The column holding the number of messages, threads or answers the value is
        computed on (``n`` in the contributions table).
    target, floor
        The default value scoring 100 and the value scoring 0. ``target > floor`` when
        higher is better, ``target < floor`` when lower is better.
    bounds
        The range the value can take; config overrides must stay in it.
    label_en, label_es
        The indicator's name in English and Spanish.
    anchor
        Where the target and floor come from.
    requires
        A boolean column that must be true for the value to mean anything
        (``hidden_flag_available``), or None.
    absent
        Why the column may be absent from the family table (e.g. no surveys given).
    """

    name: str
    family: str
    denominator: str
    target: float
    floor: float
    bounds: tuple[float, float]
    label_en: str
    label_es: str
    anchor: str
    requires: str | None = None
    absent: str = "the family table does not carry it"

    @property
    def higher_is_better(self) -> bool:
        return self.target > self.floor

    @property
    def direction(self) -> str:
        return "higher" if self.higher_is_better else "lower"


_NO_SURVEYS = "no survey answers were given, or the groups are topics (a survey answer has no topic)"

#: Every indicator of the index, with its default target and floor and their anchor.
CATALOGUE: tuple[Indicator, ...] = (
    # speed: roi.speed.summarize
    Indicator("response_rate", "speed", "n_inbound", 0.90, 0.65, _SHARE,
              "Response rate", "Tasa de respuesta",
              "target: Facebook's 'very responsive' page badge (at least 90% answered); "
              "floor: Socialbakers' 'Socially Devoted' threshold (65%)"),
    Indicator("question_response_rate", "speed", "n_questions", 0.90, 0.65, _SHARE,
              "Question response rate", "Tasa de respuesta a preguntas",
              "target: Facebook's 'very responsive' badge (90%); floor: Socialbakers' 'Socially Devoted' "
              "question response rate (65%); the Generalitat de Catalunya guide: always answer questions"),
    Indicator("share_within_2h_business", "speed", "n_inbound", 0.90, 0.50, _SHARE,
              "Answered within 2 business hours", "Respondidos en 2 horas hábiles",
              "the Generalitat de Catalunya social-media guide's 2-hour reply; floor: half of the messages",
              absent="the configuration's [sla] business_hours does not include 2"),
    Indicator("frt_median_business_minutes", "speed", "n_inbound", 120.0, 1440.0, (0.0, math.inf),
              "Median first-response time (office hours)",
              "Mediana del tiempo de primera respuesta (horario hábil)",
              "target: the Generalitat de Catalunya guide's 2 hours; floor: 24 business hours "
              "(about three working days of office hours)"),
    # empathy: roi.empathy.summarize
    Indicator("empathy_mean", "empathy", "n_scored", 60.0, 25.0, (0.0, 100.0),
              "Empathy and courtesy score (mean)", "Puntuación de empatía y cortesía (media)",
              "roi's 0-100 reply score, the mean of the courtesy and EPITOME mechanism judgments: a curt "
              "refusal scores about 20, a bare informative reply about 27 (the floor is 25), a reply that "
              "greets, thanks, restates the subject and offers help, as the Generalitat guide asks, about 50; "
              "60 adds an EPITOME mechanism (acknowledging the citizen's situation or asking about it)"),
    # satisfaction: roi.satisfaction.summarize
    Indicator("csat", "satisfaction", "n_csat", 0.90, 0.60, _SHARE,
              "Satisfaction (CSAT, share of 4-5 of 5)", "Satisfacción (CSAT, proporción de 4-5 sobre 5)",
              "CSAT top-2-box; roi convention: 90% satisfied is excellent, 60% the least acceptable",
              absent=_NO_SURVEYS),
    Indicator("csat_good", "satisfaction", "n_csat_good_bad", 0.90, 0.60, _SHARE,
              "Satisfaction (good / (good + bad))", "Satisfacción (buena / (buena + mala))",
              "Zendesk's CSAT good / (good + bad); same convention as csat", absent=_NO_SURVEYS),
    Indicator("nps", "satisfaction", "n_nps", 50.0, 0.0, (-100.0, 100.0),
              "Net Promoter Score", "Net Promoter Score (índice de recomendación)",
              "Reichheld (2003): 0 = as many detractors as promoters (floor); 50 is commonly called excellent",
              absent=_NO_SURVEYS),
    Indicator("thanks_after_answer", "satisfaction", "n_answered_threads", 0.30, 0.05, _SHARE,
              "Thanks after an answer", "Agradecimiento tras la respuesta",
              "log proxy (CAF 2020 criterion 6.2); no published benchmark: roi convention, set it from your history"),
    Indicator("recontact_7d", "satisfaction", "n_recontact_observable", 0.05, 0.25, _SHARE,
              "Re-contact within 7 days (lower is better)", "Nuevo contacto en 7 días (mejor cuanto menor)",
              "log proxy of an unresolved issue (CAF 2020 criterion 6.2); roi convention"),
    Indicator("followup_polarity_mean", "satisfaction", "n_followup_polarity", 0.5, -0.5, (-1.0, 1.0),
              "Polarity of the citizen's follow-up (-1 to 1)", "Polaridad del mensaje posterior del ciudadano (-1 a 1)",
              "log proxy (CAF 2020 criterion 6.2) on the -1..1 polarity scale; a neutral follow-up scores 50"),
    # transparency: roi.transparency.summarize
    Indicator("share_answered_in_public", "transparency", "n_answered", 0.90, 0.50, _SHARE,
              "Answers given in public", "Respuestas dadas en público",
              "Ley 19/2013 (active publicity): a public answer informs everyone who reads the thread; roi convention"),
    Indicator("share_private_channel", "transparency", "n_official_replies", 0.05, 0.30, _SHARE,
              "Replies moving the citizen to a private channel (lower is better)",
              "Respuestas que derivan a un canal privado (mejor cuanto menor)",
              "Ley 19/2013 (active publicity); roi convention"),
    Indicator("share_official_link", "transparency", "n_official_replies", 0.30, 0.0, _SHARE,
              "Replies linking to an official source", "Respuestas con enlace a una fuente oficial",
              "Transparency International's ITA (information on the web and social networks); roi convention"),
    Indicator("share_formal_referral", "transparency", "n_official_replies", 0.15, 0.0, _SHARE,
              "Referrals to the formal channel", "Derivaciones al canal formal (sede, registro, 010)",
              "Ley 19/2013 arts. 12-22: a social-media reply does not replace a formal request; roi convention"),
    Indicator("share_hidden", "transparency", "n_citizen_public", 0.0, 0.05, _SHARE,
              "Citizen comments hidden or deleted (lower is better)",
              "Comentarios ciudadanos ocultados o borrados (mejor cuanto menor)",
              "the Generalitat de Catalunya guide: hide comments only under published participation norms",
              requires="hidden_flag_available"),
    Indicator("share_information_requests_answered", "transparency", "n_information_requests", 0.90, 0.65, _SHARE,
              "Information requests answered", "Solicitudes de información respondidas",
              "Transparency International's ITA (questions received and answered); targets as the response rate"),
    Indicator("share_open311_status_update", "transparency", "n_open311_requests", 0.90, 0.50, _SHARE,
              "Open311 requests with a public status update", "Avisos Open311 con actualización pública de estado",
              "Transparency International's ITA (informs of service incidents); roi convention"),
    Indicator("share_plain_language", "transparency", "n_readable", 0.80, 0.40, _SHARE,
              "Replies in plain language", "Respuestas en lenguaje claro",
              "INFLESZ 'normal' or easier (Szigriszt-Pazos >= 55; Flesch for English); roi convention"),
    Indicator("share_informing_posts", "transparency", "n_proactive_posts", 0.50, 0.10, _SHARE,
              "Proactive posts that inform (decisions, service status, results)",
              "Publicaciones propias que informan (decisiones, estado del servicio, resultados)",
              "Transparency International's ITA (informs of service incidents) and Infoparticipa (informs about "
              "the council's decisions and management); roi convention: half of the posts informing is the target, "
              "one in ten the floor"),
)

_BY_NAME = {ind.name: ind for ind in CATALOGUE}

#: Reason codes of an excluded indicator (the ``reason`` column of the contributions).
REASONS = {
    "family_missing": "the family was not computed",
    "family_weight_zero": "the family's weight is 0 in the configuration",
    "weight_zero": "the indicator's weight is 0 in the configuration",
    "column_missing": "the family table has no such column",
    "no_row": "the family table has no row for this group",
    "flag_unavailable": "the export carries no such flag",
    "denominator_zero": "its denominator is 0",
    "denominator_small": "its denominator is below [index] min_n",
    "value_missing": "the value could not be computed (NaN)",
}


def indicator_score(value, target: float, floor: float):
    """Score values 0-100: ``100 × clip((value - floor) / (target - floor), 0, 1)``; NaN stays NaN.

    Examples
    --------
    >>> float(indicator_score(0.775, target=0.90, floor=0.65))
    50.0
    >>> float(indicator_score(780.0, target=120.0, floor=1440.0))  # lower is better
    50.0
    >>> float(indicator_score(float("inf"), target=120.0, floor=1440.0))
    0.0
    """
    v = np.asarray(value, dtype=float)
    with np.errstate(invalid="ignore"):
        return 100.0 * np.clip((v - floor) / (target - floor), 0.0, 1.0)


def catalogue(config: Config | str | None = None) -> pd.DataFrame:
    """The indicators of the index with the targets, floors and weights in force.

    Returns
    -------
    DataFrame
        One row per indicator: ``indicator``, ``family``, ``label_en``, ``label_es``,
        ``direction`` (``higher`` or ``lower`` is better), ``target``, ``floor``,
        ``weight`` (within its family), ``family_weight``, ``denominator``, ``anchor``,
        ``overridden`` (the config changed its target, floor or weight).
    """
    config = as_config(config)
    settings = config.index
    rows = []
    for ind in CATALOGUE:
        over = settings.indicators.get(ind.name, {})
        rows.append({
            "indicator": ind.name, "family": ind.family, "label_en": ind.label_en, "label_es": ind.label_es,
            "direction": ind.direction, "target": float(over.get("target", ind.target)),
            "floor": float(over.get("floor", ind.floor)), "weight": float(over.get("weight", 1.0)),
            "family_weight": float(settings.weights.get(ind.family, 1.0)), "denominator": ind.denominator,
            "anchor": ind.anchor, "overridden": bool(over),
        })
    return pd.DataFrame(rows)


@dataclass
class IndexResult:
    """The index, its family scores and its decomposition.

    Attributes
    ----------
    index
        One row per group: the ``by`` columns, ``roi_index`` (0-100), ``score_<family>``
        for the four families (NaN when the family is left out), ``weight_<family>`` (its
        share of the index in that group after redistribution, 0 when left out),
        ``n_families`` and ``n_indicators`` included, ``n_indicators_excluded``.
    contributions
        One row per group and indicator: the ``by`` columns, ``family``, ``indicator``,
        ``label``, ``direction``, ``value``, ``n`` (its denominator), ``target``, ``floor``,
        ``score``, ``weight_in_family`` (its share of the family score), ``family_weight``
        (the family's share of the index), ``weight`` (their product: its share of the
        index), ``contribution`` (``weight × score``; they add up to ``roi_index``),
        ``included`` and, when excluded, ``reason`` (a code of :data:`REASONS`) and
        ``detail`` (the same in words).
    notes
        Every exclusion, summarised in sentences for the report.
    """

    index: pd.DataFrame
    contributions: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def _keys(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return frame[by].astype("string") if by else pd.DataFrame(index=frame.index)


def _check_tables(tables: Mapping[str, pd.DataFrame], by: list[str]) -> dict[str, pd.DataFrame]:
    if not isinstance(tables, Mapping):
        raise RoiError(f"expected a mapping of family name to its summary table, got {type(tables).__name__}",
                       field="tables", fix="pass e.g. {'speed': roi.speed.summarize(messages), ...} or call roi.indicators")
    out = {}
    for family, table in tables.items():
        if family not in FAMILIES:
            raise RoiError(f"unknown family {family!r}", field="tables", fix=f"use keys among {list(FAMILIES)}")
        if table is None:
            continue
        if not isinstance(table, pd.DataFrame):
            raise RoiError(f"the {family} table is a {type(table).__name__}, not a DataFrame", field=f"tables.{family}",
                           fix=f"pass the DataFrame returned by roi.{family}.summarize")
        missing = [b for b in by if b not in table.columns]
        if missing:
            raise RoiError(f"the {family} table lacks the group columns {missing}", field=f"tables.{family}",
                           fix="summarize every family with the same by=")
        if by and table.duplicated(by).any():
            raise RoiError(f"the {family} table has several rows for one group", field=f"tables.{family}",
                           fix="summarize every family with the same by=")
        out[family] = table.reset_index(drop=True)
    return out


def _groups(tables: dict[str, pd.DataFrame], by: list[str]) -> pd.DataFrame:
    if not by:
        return pd.DataFrame(index=[0])
    keys = [_keys(t, by) for t in tables.values()]
    if not keys:
        return pd.DataFrame({b: pd.Series(dtype="string") for b in by})
    return pd.concat(keys, ignore_index=True).drop_duplicates().sort_values(by).reset_index(drop=True)


def _aligned(groups: pd.DataFrame, table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """The family table's row of each group of ``groups`` (one merge per family, not per indicator):
    its columns, NaN where it has no row for the group, and ``_row`` True where it has one."""
    side = pd.concat([_keys(table, by), table.drop(columns=by)], axis=1)
    side["_row"] = True
    return groups.merge(side, on=by, how="left") if by else pd.concat([groups, side.iloc[:1]], axis=1)


def _indicator_rows(ind: Indicator, n: int, tables, aligned, target, floor, weight, family_weight,
                    min_n) -> dict[str, object]:
    """One indicator's value, n, score and why it is left out in each of the ``n`` groups (``aligned``:
    :func:`_aligned` of each family table), as arrays; the indicator's own fields as they are."""
    value = np.full(n, np.nan)
    denom = np.full(n, np.nan)
    reason = np.full(n, "", dtype=object)
    detail = np.full(n, "", dtype=object)

    def exclude(mask, code, text):
        mask = np.asarray(mask, dtype=bool) & (reason == "")
        reason[mask] = code
        detail[mask] = text

    table = tables.get(ind.family)
    if table is None:
        exclude(np.ones(n), "family_missing", f"the {ind.family} family was not computed")
    else:
        merged = aligned[ind.family]
        has_row = merged["_row"].eq(True).to_numpy(dtype=bool)
        if family_weight == 0:
            exclude(np.ones(n), "family_weight_zero", f"[index.weights] {ind.family} = 0")
        if weight == 0:
            exclude(np.ones(n), "weight_zero", f"[index.{ind.name}] weight = 0")
        if ind.name not in table.columns:
            exclude(np.ones(n), "column_missing", f"no column {ind.name} in the {ind.family} table: {ind.absent}")
        exclude(~has_row, "no_row", f"the {ind.family} table has no row for this group")
        if ind.name in table.columns:
            value = pd.to_numeric(merged[ind.name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        if ind.denominator in table.columns:
            denom = pd.to_numeric(merged[ind.denominator], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        if ind.requires is not None:
            flag = merged[ind.requires].astype("boolean").fillna(False) if ind.requires in merged else pd.Series(False, index=merged.index)
            exclude(~flag.to_numpy(dtype=bool), "flag_unavailable",
                    f"{ind.requires} is false: the export does not say which comments were hidden")
        if ind.denominator in table.columns:
            exclude(np.nan_to_num(denom, nan=0.0) == 0, "denominator_zero", f"{ind.denominator} = 0")
            exclude(denom < min_n, "denominator_small", f"{ind.denominator} below [index] min_n = {min_n}")
        exclude(np.isnan(value), "value_missing", f"{ind.name} is NaN")
    included = reason == ""
    return {"family": ind.family, "indicator": ind.name, "label": ind.label_en, "direction": ind.direction,
            "value": value, "n": np.where(np.isfinite(denom), np.round(denom), np.nan), "target": target,
            "floor": floor, "score": np.where(included, indicator_score(value, target, floor), np.nan),
            "_w": np.where(included, weight, 0.0), "_fw": family_weight, "included": included,
            "reason": np.where(included, None, reason), "detail": np.where(included, None, detail)}


def _long(groups: pd.DataFrame, rows: list[dict[str, object]]) -> pd.DataFrame:
    """One row per indicator (in :data:`CATALOGUE` order) and group (in ``groups`` order): the group's
    keys, then the columns of :func:`_indicator_rows`, built once for all the indicators."""
    n = len(groups)
    long = groups.iloc[np.tile(np.arange(n), len(rows))].reset_index(drop=True)

    def column(name: str) -> np.ndarray:  # an array per indicator, or one value repeated over its groups
        return np.concatenate([np.asarray(r[name]) if np.ndim(r[name]) else np.repeat(np.asarray([r[name]]), n)
                               for r in rows]) if rows else np.zeros(0)

    each = np.repeat(np.arange(len(rows)), n)  # the indicator of every row
    for name in ("family", "indicator", "label", "direction"):  # text: each indicator's written once
        long[name] = pd.Series([r[name] for r in rows]).array.take(each)
    long["value"] = column("value")
    long["n"] = pd.array(column("n"), dtype="Float64").astype("Int64")
    for name in ("target", "floor", "score", "_w", "_fw", "included"):
        long[name] = column(name)
    long["reason"] = pd.array(column("reason"), dtype="string")
    long["detail"] = pd.array(column("detail"), dtype="string")
    return long


def summarize(
    tables: Mapping[str, pd.DataFrame],
    by: Sequence[str] = GROUPS,
    config: Config | str | None = None,
) -> IndexResult:
    """The Intangible ROI Index (0-100) per group, its family scores and every indicator's contribution.

    Parameters
    ----------
    tables
        Family name -> that family's summary table, one row per ``by`` group:
        ``{"speed": roi.speed.summarize(m), "empathy": roi.empathy.summarize(m),
        "satisfaction": roi.satisfaction.summarize(m, surveys),
        "transparency": roi.transparency.summarize(m)}``. A family left out of the
        mapping (or given as None) is reported as not computed, never scored 0.
        :func:`roi.indicators` builds this mapping in one call.
    by
        The group columns every table shares (default account, channel, period; ``topic``
        too when the families were grouped by it).
    config
        ``[index]`` targets, floors, indicator weights, family weights and ``min_n``
        (:func:`catalogue` shows the values in force).

    Returns
    -------
    IndexResult
        ``index`` (one row per group), ``contributions`` (one row per group and
        indicator) and ``notes``. See :class:`IndexResult` and the module docstring for
        the formulas and the redistribution rule.

    Examples
    --------
    >>> speed = pd.DataFrame({"response_rate": [0.775], "n_inbound": [40]})
    >>> result = summarize({"speed": speed}, by=())
    >>> float(result.index.loc[0, "roi_index"]), int(result.index.loc[0, "n_families"])
    (50.0, 1)
    """
    config = as_config(config)
    by = check_by(by, topic=True)
    tables = _check_tables(tables, by)
    groups = _groups(tables, by)
    cat = catalogue(config)
    settings = config.index
    aligned = {family: _aligned(groups, table, by) for family, table in tables.items()}
    long = _long(groups, [_indicator_rows(ind, len(groups), tables, aligned, row.target, row.floor, row.weight,
                                          row.family_weight, settings.min_n)
                          for ind, row in zip(CATALOGUE, cat.itertuples(index=False), strict=True)])
    long["_group"] = np.tile(np.arange(len(groups)), len(CATALOGUE))

    # within family: weight_in_family = w / sum(w) over included indicators
    fam_key = [long["_group"], long["family"]]
    w_sum = long["_w"].groupby(fam_key).transform("sum")
    long["weight_in_family"] = np.where(long["included"], long["_w"] / w_sum.where(w_sum > 0), 0.0)
    fam = long.assign(_part=long["weight_in_family"] * long["score"].fillna(0.0)).groupby(
        ["_group", "family"], sort=False).agg(score=("_part", "sum"), n_included=("included", "sum"),
                                               fw=("_fw", "first")).reset_index()
    fam["in_index"] = (fam["n_included"] > 0) & (fam["fw"] > 0)
    fam["score"] = fam["score"].where(fam["n_included"] > 0)
    fam_total = fam["fw"].where(fam["in_index"], 0.0).groupby(fam["_group"]).transform("sum")
    fam["family_weight"] = np.where(fam["in_index"], fam["fw"] / fam_total.where(fam_total > 0), 0.0)
    long = long.merge(fam[["_group", "family", "family_weight"]], on=["_group", "family"], how="left")
    long["weight"] = long["weight_in_family"] * long["family_weight"]
    long["contribution"] = np.where(long["included"], long["weight"] * long["score"], 0.0)

    index = groups.copy()
    wide = fam.pivot(index="_group", columns="family", values="score").reindex(columns=list(FAMILIES))
    weights = fam.pivot(index="_group", columns="family", values="family_weight").reindex(columns=list(FAMILIES))
    n_fam = fam.groupby("_group")["in_index"].sum()
    total = long.groupby("_group")["contribution"].sum()
    index["roi_index"] = np.where(n_fam.reindex(range(len(groups))).to_numpy() > 0,
                                  total.reindex(range(len(groups))).to_numpy(), np.nan)
    for family in FAMILIES:
        index[f"score_{family}"] = wide[family].reindex(range(len(groups))).to_numpy(dtype=float)
    for family in FAMILIES:
        index[f"weight_{family}"] = weights[family].reindex(range(len(groups))).fillna(0.0).to_numpy(dtype=float)
    index["n_families"] = n_fam.reindex(range(len(groups))).fillna(0).astype("int64").to_numpy()
    counted = long["included"] & (long["family_weight"] > 0)
    index["n_indicators"] = counted.groupby(long["_group"]).sum().reindex(range(len(groups))).astype("int64").to_numpy()
    index["n_indicators_excluded"] = (~long["included"]).groupby(long["_group"]).sum().reindex(
        range(len(groups))).astype("int64").to_numpy()

    columns = [*by, "family", "indicator", "label", "direction", "value", "n", "target", "floor", "score",
               "weight_in_family", "family_weight", "weight", "contribution", "included", "reason", "detail"]
    order = {name: i for i, name in enumerate(FAMILIES)}
    # the rows are still indicator after indicator, each over the groups (the merge kept their order)
    long["_family_order"] = np.repeat([order[ind.family] for ind in CATALOGUE], len(groups))
    long["_ind_order"] = np.repeat(np.arange(len(CATALOGUE)), len(groups))
    long = long.sort_values(["_group", "_family_order", "_ind_order"], kind="stable")
    contributions = long[columns].reset_index(drop=True)
    notes = _notes(long, fam, tables, len(groups))
    return IndexResult(index=index, contributions=contributions, notes=notes)


def _notes(long: pd.DataFrame, fam: pd.DataFrame, tables: dict, n_groups: int) -> list[str]:
    notes = []
    for family in FAMILIES:
        if family not in tables:
            notes.append(f"The {family} family was not computed: it is left out of the index in every group and its "
                         "weight is redistributed over the other families (it is not scored 0).")
    excluded = long[~long["included"] & ~long["reason"].isin(["family_missing"])]
    excluded = excluded.sort_values(["_family_order", "_ind_order", "_group"], kind="stable")
    for (family, name, code), rows in excluded.groupby(["family", "indicator", "reason"], sort=False):
        example = rows["detail"].iloc[0]
        notes.append(f"{family}.{name} is left out in {len(rows)} of {n_groups} group(s) ({code}: {example}); "
                     f"its weight is redistributed over the other {family} indicators.")
    empty = fam[(fam["n_included"] == 0) & fam["family"].isin(list(tables))]
    for family, rows in empty.groupby("family", sort=False):
        notes.append(f"The {family} family has no computable indicator in {len(rows)} of {n_groups} group(s): "
                     "there it is left out of the index and its weight is redistributed over the other families.")
    none = fam.groupby("_group")["in_index"].sum()
    if (none == 0).any():
        notes.append(f"{int((none == 0).sum())} of {n_groups} group(s) have no computable family: their index is NaN.")
    return notes
