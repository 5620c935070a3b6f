"""Transparency: answers in public, private-channel moves, official links, formal referrals,
moderation, information requests answered, proactive posts, Open311 status updates and
plain language.

Anchors (``roi/methodology.md``): Ley 19/2013 (active publicity, right of access; a reply
on social media does not replace a formal request, so pointing to the formal channel is
part of transparency); Transparency International España's ITA indicators (statistics of
questions received and answered, incidents reported on social networks, active profiles);
Infoparticipa (UAB); the Generalitat de Catalunya social-media guide (hide comments only
under published rules); plain language read on the INFLESZ scale (:mod:`roi.readability`).

Every indicator is a count of messages over a stated denominator, built from one of four
per-message tables (:func:`detail`):

============  =====================================  ======================================
table         one row per                            indicators
============  =====================================  ======================================
inbound       inbound message (:func:`roi.threads.   answered in public, information
              inbound`)                              requests answered
official      official message                       private channel, official / unknown
                                                     links, formal referral, proactive
                                                     share, plain language
citizen       public citizen message                 hidden by moderation
open311       Open311 service request                public status update, time to it
============  =====================================  ======================================

The text markers (``private_channel``, ``formal_referral``) come from the versioned
lexicons in ``roi/text/lexicons/<lang>/``; links are classified by host. :func:`evidence`
lists every marker and link with its position in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from roi import official_texts, readability
from roi.columns import as_text
from roi.config import Config, as_config
from roi.periods import GROUPS, TOPIC, check_by, first_of_each, periods_or_all
from roi.stats import GroupTimes, bootstrap_km_quantiles_by_group, bootstrap_mean_intervals, km_points_by_group, row_keys, wilson_interval
from roi.text.engine import match_texts
from roi.text.language import resolve
from roi.text.lexicon import TRANSPARENCY_FAMILIES
from roi.text.normalize import text_array
from roi.threads import Threads, inbound, replies
from roi.topics import INFORMING, main_purposes, topic_column

__all__ = [
    "DEFAULT_OFFICIAL_LABELS",
    "DEFAULT_OFFICIAL_SUFFIXES",
    "HIDDEN_FLAG_CHANNELS",
    "LINKS_KEY",
    "PLAIN_LANGUAGE_THRESHOLDS",
    "SHORTENERS",
    "citizen_detail",
    "classify_hosts",
    "detail",
    "evidence",
    "inbound_detail",
    "links",
    "official_detail",
    "official_links",
    "open311_detail",
    "summarize",
]

#: Official without configuration: a host equal to one of these or under it (``sede.madrid.gob.es``).
DEFAULT_OFFICIAL_SUFFIXES = ("gob.es", "boe.es", "gov", "gov.uk", "europa.eu")

#: Official without configuration: a host with one of these labels before its last one:
#: electronic offices (``sede.*``, Catalan ``seu.*``) and open-data portals (``datos.*``,
#: ``*.datos.*``, ``dades.*``, ``opendata.*``).
DEFAULT_OFFICIAL_LABELS = ("sede", "seu", "datos", "dades", "opendata", "datosabiertos", "dadesobertes")

#: Link shorteners: where the link leads cannot be read from the text, so it is *unknown*, not official.
SHORTENERS = ("t.co", "bit.ly", "ow.ly", "goo.gl", "tinyurl.com", "buff.ly", "is.gd", "lnkd.in", "fb.me", "dlvr.it",
              "shorturl.at", "cutt.ly", "rebrand.ly", "tiny.cc", "trib.al", "ift.tt", "s.id", "rb.gy", "t.ly", "v.gd")

#: Channels whose exports carry a hidden flag (Facebook and Instagram comments). Another
#: channel carries it only when at least one of its messages in the table is hidden.
HIDDEN_FLAG_CHANNELS = ("facebook", "instagram")

#: Language -> (formula, lowest score counted as plain language): INFLESZ "normal" (55)
#: for Spanish, Flesch "standard" (60) for English. Other languages are not scored.
PLAIN_LANGUAGE_THRESHOLDS = {"es": ("szigriszt", 55.0), "en": ("flesch", 60.0)}

_URL = r"(?:https?://|www\.)[^\s<>\"'()\[\]\x00]*[^\s<>\"'()\[\]\x00.,;:!?]"
#: What every match of :data:`_URL` begins with (a cheap test of which texts to scan).
_URL_START = r"https?://|www\."


def _strip_www(hosts: pd.Series) -> pd.Series:
    return hosts.str.lower().str.rstrip(".").str.replace(r"^www\d*\.", "", regex=True)


def classify_hosts(hosts: pd.Series, config: Config | str | None = None) -> pd.DataFrame:
    """Class of each link host: ``official``, ``unknown`` (a shortener) or ``other``.

    Official: the host is one of the config's ``official_domains`` or under one
    (``www.`` ignored), or under a :data:`DEFAULT_OFFICIAL_SUFFIXES` domain, or has a
    :data:`DEFAULT_OFFICIAL_LABELS` label before its last one. Else a
    :data:`SHORTENERS` host is unknown; anything else is other.

    Returns
    -------
    DataFrame
        ``host`` (lower case, without ``www.``), ``link_class`` and ``rule``
        (``config``, ``default_suffix``, ``default_label``, ``shortener`` or ``none``).

    >>> classify_hosts(pd.Series(["www.madrid.es", "sede.madrid.es", "bit.ly", "example.org"]),
    ...                Config(official_domains=("madrid.es",)))["link_class"].tolist()
    ['official', 'official', 'unknown', 'other']
    """
    config = as_config(config)
    host = _strip_www(hosts.astype("string").fillna(""))
    own = sorted({re.sub(r"^www\d*\.", "", d.strip().lower().rstrip(".")) for d in config.official_domains} - {""})

    def under(domains) -> pd.Series:
        if not domains:
            return pd.Series(False, index=host.index)
        alternatives = "|".join(re.escape(d) for d in domains)
        return host.str.contains(rf"(?:^|\.)(?:{alternatives})$", regex=True).fillna(False).astype(bool)

    by_config = under(own)
    by_suffix = under(DEFAULT_OFFICIAL_SUFFIXES)
    labels = "|".join(DEFAULT_OFFICIAL_LABELS)
    by_label = host.str.contains(rf"(?:^|\.)(?:{labels})\.", regex=True).fillna(False).astype(bool)
    shortener = host.isin(SHORTENERS).fillna(False).astype(bool)
    rule = np.select([by_config, by_suffix, by_label, shortener],
                     ["config", "default_suffix", "default_label", "shortener"], "none")
    link_class = np.select([by_config | by_suffix | by_label, shortener], ["official", "unknown"], "other")
    return pd.DataFrame({"host": host, "link_class": pd.array(link_class, dtype="string"),
                         "rule": pd.array(rule, dtype="string")}, index=hosts.index)


def links(messages: pd.DataFrame, config: Config | str | None = None, *, positions: bool = True) -> pd.DataFrame:
    """Every link (``http(s)://`` or ``www.``) in the messages' texts, with its class.

    The links are found by one ``re.finditer`` over the texts that can hold one, joined by
    NUL (which no link can contain, so no match reaches across two texts): the matches of
    each text, in order, as a scan of that text alone finds them.

    Returns
    -------
    DataFrame
        ``row`` (position of the message in ``messages``), ``message_id``, ``url``,
        ``start``, ``end`` (``text[start:end] == url``; with ``positions``), ``host``,
        ``link_class`` (``official``, ``unknown``, ``other``; see :func:`classify_hosts`)
        and ``rule``.
    """
    text = pd.Series(pd.arrays.ArrowStringArray(text_array(messages["text"])))  # missing as "", a NUL as a space
    # only the texts that can hold a link are scanned (every match of _URL begins with one of these)
    may = np.flatnonzero(pc.match_substring_regex(pa.array(text.array), _URL_START).to_numpy(zero_copy_only=False))
    local, start, end, found = _link_matches(text.iloc[may].reset_index(drop=True))
    row = may[local]
    url = pd.Series(found, dtype="string")
    raw_host = url.str.extract(r"^(?:https?://)?(?:[^@/\s]*@)?([^/:?#\s]+)", expand=False)
    classes = classify_hosts(raw_host, config).reset_index(drop=True)
    ids = messages["message_id"].astype("string").array.take(row)
    out = pd.DataFrame({"row": row, "message_id": ids, "url": url})
    if positions:
        out["start"], out["end"] = start, end
    for column in ("host", "link_class", "rule"):
        out[column] = classes[column].astype("string")
    return out


def _link_matches(text: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Every match of :data:`_URL` in the texts (none holds a NUL): ``(text, start, end, url)``,
    the position of its text, where it starts and ends in it, and the link as written."""
    joined = "\x00".join(text.tolist())
    spans, urls = [], []
    for match in re.finditer(_URL, joined):  # one scan; a loop over the links found, not the texts
        spans.append(match.span())
        urls.append(match.group())
    spans = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    lengths = text.str.len().to_numpy(dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64)
    owner = np.searchsorted(offsets, spans[:, 0], side="right") - 1
    return owner, spans[:, 0] - offsets[owner], spans[:, 1] - offsets[owner], urls


#: The :meth:`roi.threads.Threads.memo` key of the official messages' links and purposes
#: (:func:`_links_and_purposes`), which need no language: ``roi.indicators`` finds them while the
#: languages are being guessed.
LINKS_KEY = ("transparency.links_and_purposes",)


def official_links(threads: Threads, config: Config) -> pd.DataFrame:
    """:func:`_links_and_purposes` of the official messages of ``threads``, kept in it
    (:data:`LINKS_KEY`) for :func:`official_detail`."""
    return threads.memo(LINKS_KEY, config, lambda: _links_and_purposes(_official_messages(threads.table)[1], config))


def _official_messages(messages: pd.DataFrame, *, texts: bool = True) -> tuple[np.ndarray, pd.DataFrame]:
    """The official messages' positions and the columns :func:`official_detail` reads, 0..n-1 indexed
    (without ``text`` and ``lang`` unless ``texts``: with the shared threads their markers, counts and
    languages are found apart)."""
    rows = np.flatnonzero(messages["is_official"].to_numpy())
    columns = ["message_id", "channel", "account", "thread_id", "created_at", "is_public", "parent_id"]
    return rows, messages[columns + (["text", "lang"] if texts else [])].iloc[rows].reset_index(drop=True)


def _links_and_purposes(official: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Per official message (``official``: :func:`_official_messages`), by position: for a
    proactive post its main ``purpose`` (:func:`roi.topics.main_purposes`, read with the
    message's own ``lang``) and whether it ``informs`` (:data:`roi.topics.INFORMING`; NA and
    False for a reply); ``n_links``, ``has_official_link``, ``has_unknown_link`` and
    ``has_other_link`` (:func:`links`, found once per distinct text)."""
    out = pd.DataFrame(index=official.index)
    posts = main_purposes(official.assign(is_official=True), config)
    out["purpose"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out.loc[posts.index, "purpose"] = posts.to_numpy()
    out["informs"] = out["purpose"].isin(INFORMING).to_numpy(dtype=bool)
    text_code, distinct = pd.factorize(official["text"].astype("string").fillna(""))
    distinct = pd.Series(distinct, dtype="string")
    found = links(pd.DataFrame({"message_id": distinct, "text": distinct}), config, positions=False)
    out["n_links"] = np.bincount(found["row"].to_numpy(), minlength=len(distinct))[text_code]
    for name in ("official", "unknown", "other"):
        has = np.zeros(len(distinct), dtype=bool)
        has[found.loc[(found["link_class"] == name).to_numpy(), "row"].to_numpy()] = True
        out[f"has_{name}_link"] = has[text_code]
    return out


def official_detail(messages: pd.DataFrame, config: Config | str | None = None, *, freq: str | None = "month",
                    min_words: int = readability.MIN_WORDS, threads: Threads | None = None) -> pd.DataFrame:
    """One row per official message: what kind it is, its links, markers and readability.

    Returns
    -------
    DataFrame
        ``message_id``, ``channel``, ``account``, ``thread_id``, ``created_at``,
        ``period`` (of ``created_at``, local time), ``is_public``, ``is_reply`` (has a
        ``parent_id``; without one it is a proactive post), ``lang`` (given, else
        guessed, else the config's), ``n_links``, ``has_official_link``,
        ``has_unknown_link``, ``has_other_link``, ``has_private_channel``,
        ``has_formal_referral`` (a lexicon marker of the family), ``purpose`` (of a
        proactive post, its main purpose, :func:`roi.topics.main_purposes`; NA for a
        reply), ``informs`` (that purpose is among :data:`roi.topics.INFORMING`), ``words``,
        ``sentences``, ``syllables``, ``readable`` (Spanish or English with at least
        ``min_words`` words), ``szigriszt``, ``fernandez_huerta`` (Spanish),
        ``flesch`` (English), ``readability`` (the language's score:
        Szigriszt-Pazos or Flesch), ``readability_band`` (INFLESZ or Flesch band) and
        ``plain_language`` (score at or above :data:`PLAIN_LANGUAGE_THRESHOLDS`; NA
        when not readable). ``threads``: :func:`roi.threads.threads` of ``messages``, when
        the caller already has it (the languages are then not guessed again).
    """
    config = as_config(config)
    rows, m = _official_messages(messages, texts=threads is None)
    out = m[["message_id", "channel", "account", "thread_id", "created_at"]].copy()
    out["period"] = periods_or_all(m["created_at"], freq, config.timezone).to_numpy()
    out["is_public"] = m["is_public"].to_numpy()
    out["is_reply"] = m["parent_id"].notna().to_numpy()
    if threads is not None:  # the languages, links, markers and counts found once, in the shared threads
        text = None
        lang = pd.Series(threads.check(messages).official_language[rows], dtype="string")
    else:
        text = m["text"].astype("string").fillna("")
        lang = resolve(text, m["lang"], config.language)
    out["lang"] = lang.to_numpy()
    # links and purposes need no language: roi.indicators finds them while the languages are guessed
    kinds = official_links(threads, config) if threads is not None else _links_and_purposes(m, config)
    out = out.join(kinds)  # both indexed 0..n-1
    # official texts repeat (templates, signatures): markers are found once per distinct text and
    # language, readability counted once per distinct text, then read back for every message
    n = len(m)
    shared = None
    if threads is not None:  # the official texts' markers and counts, found once for empathy and transparency
        shared = threads.memo(official_texts.KEY, config, lambda: official_texts.find(threads))
        pair_code, n_pairs, markers = shared.pairs_at(rows), shared.n_pairs, shared.transparency
    else:
        pair_code, first = first_of_each(pd.factorize(text)[0], lang)
        n_pairs = len(first)
        markers = match_texts(text.iloc[first].reset_index(drop=True), lang.iloc[first].reset_index(drop=True),
                              TRANSPARENCY_FAMILIES)  # one pass for every family
    marker_family = markers["family"].astype("string").to_numpy(dtype=object)
    for family in TRANSPARENCY_FAMILIES:
        has = np.zeros(n_pairs, dtype=bool)
        has[markers["row"].to_numpy()[marker_family == family]] = True
        out[f"has_{family}"] = has[pair_code]

    for column in ("words", "sentences", "syllables"):
        out[column] = np.zeros(n, dtype=np.int64)
    for column in ("szigriszt", "fernandez_huerta", "flesch", "readability"):
        out[column] = np.full(n, np.nan)
    band = pd.Series(pd.NA, index=out.index, dtype="string")
    for code in official_texts.READABLE_LANGUAGES:
        pick = (lang == code).to_numpy()
        if not pick.any():
            continue
        if shared is not None:
            c = shared.counts.iloc[pair_code[pick]]
        else:
            codes, texts = pd.factorize(text[pick])
            c = readability.counts(pd.Series(texts, dtype="string"), code).iloc[codes]
        c.index = out.index[pick]
        for column in ("words", "sentences", "syllables"):
            out.loc[pick, column] = c[column].to_numpy()
        if code == "es":
            score = readability.szigriszt(c)
            out.loc[pick, "szigriszt"] = score.to_numpy()
            out.loc[pick, "fernandez_huerta"] = readability.fernandez_huerta(c).to_numpy()
            band[pick] = readability.inflesz_band(score).to_numpy()
        else:
            score = readability.flesch(c)
            out.loc[pick, "flesch"] = score.to_numpy()
            band[pick] = readability.flesch_band(score).to_numpy()
        out.loc[pick, "readability"] = score.to_numpy()
    readable = lang.isin(list(PLAIN_LANGUAGE_THRESHOLDS)).fillna(False).to_numpy() & (out["words"] >= min_words).to_numpy()
    out["readable"] = readable
    for column in ("szigriszt", "fernandez_huerta", "flesch", "readability"):
        out.loc[~readable, column] = np.nan
    out["readability_band"] = band.where(readable)
    threshold = lang.map({k: v[1] for k, v in PLAIN_LANGUAGE_THRESHOLDS.items()}).astype("Float64").to_numpy(
        dtype=float, na_value=np.nan)
    plain = out["readability"].to_numpy() >= threshold
    out["plain_language"] = pd.array(np.where(readable, plain, None), dtype="boolean")
    return out


def inbound_detail(messages: pd.DataFrame, config: Config | str | None = None, *, freq: str | None = "month",
                   official_replies: pd.DataFrame | None = None, threads: Threads | None = None) -> pd.DataFrame:
    """One row per inbound message: the columns of :func:`roi.threads.inbound`, plus
    ``period``, ``answered`` (an answer exists in the data, at any time) and
    ``answered_in_public`` (answered, and the answer is public; NA unless the inbound
    message itself was public: a private message answered privately is not counted
    either way). ``threads``: :func:`roi.threads.threads` of ``messages``, when the caller
    already has it.
    """
    config = as_config(config)
    out = (threads.check(messages).inbound.copy(deep=False) if threads is not None
           else inbound(messages, config, official_replies=official_replies))
    out.insert(out.columns.get_loc("created_at") + 1, "period", periods_or_all(out["created_at"], freq, config.timezone).to_numpy())
    out["answered"] = out["answer_id"].notna().to_numpy()
    public_answer = out["answer_is_public"].fillna(False).to_numpy(dtype=bool)
    counted = out["answered"].to_numpy() & out["is_public"].to_numpy()
    out["answered_in_public"] = pd.array(np.where(counted, public_answer, None), dtype="boolean")
    return out


def citizen_detail(messages: pd.DataFrame, config: Config | str | None = None, *, freq: str | None = "month"
                   ) -> pd.DataFrame:
    """One row per public citizen message: ``message_id``, ``channel``, ``account``,
    ``thread_id``, ``created_at``, ``period``, ``is_hidden`` and
    ``hidden_flag_available`` (its channel is in :data:`HIDDEN_FLAG_CHANNELS`, or some
    message of its channel in the table is hidden).
    """
    config = as_config(config)
    channel = messages["channel"]
    flagged = set(HIDDEN_FLAG_CHANNELS) | set(channel[messages["is_hidden"].to_numpy()].dropna().astype(str).unique())
    rows = np.flatnonzero((~messages["is_official"] & messages["is_public"]).to_numpy())
    m = messages[["message_id", "channel", "account", "thread_id", "created_at", "is_hidden"]].iloc[rows].reset_index(
        drop=True)
    out = m[["message_id", "channel", "account", "thread_id", "created_at"]].copy()
    out["period"] = periods_or_all(m["created_at"], freq, config.timezone).to_numpy()
    out["is_hidden"] = m["is_hidden"].to_numpy()
    out["hidden_flag_available"] = as_text(m["channel"]).isin(flagged).fillna(False).to_numpy(dtype=bool)
    return out


def open311_detail(messages: pd.DataFrame, config: Config | str | None = None, *, freq: str | None = "month",
                   observed_until=None, official_replies: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per Open311 service request (a citizen message on ``open311`` without a parent).

    The status update is the first public official message that replies to the request
    (the Open311 reader writes the request's public status as such a message, dated by
    ``updated_datetime``). A request without one is right-censored at ``observed_until``
    (default the latest message in ``messages``).

    Returns
    -------
    DataFrame
        ``message_id``, ``account``, ``created_at``, ``period``, ``status_id``,
        ``status_at``, ``has_status_update``, ``hours_to_status`` (to the update, or
        to ``observed_until`` when censored; never negative) and ``censored``.
    """
    config = as_config(config)
    until = messages["created_at"].max() if observed_until is None else pd.Timestamp(observed_until)
    if until is not pd.NaT and until.tzinfo is None:
        until = until.tz_localize("UTC")
    channel = as_text(messages["channel"])
    is_request = ((channel == "open311").fillna(False) & ~messages["is_official"] & messages["parent_id"].isna())
    req = messages.loc[is_request.to_numpy(), ["message_id", "channel", "account", "created_at"]].reset_index(drop=True)
    rep = replies(messages) if official_replies is None else official_replies
    rep = rep[(as_text(rep["channel"]) == "open311").fillna(False).to_numpy() & rep["is_public"].to_numpy()]
    rep = rep.sort_values("created_at", kind="stable").drop_duplicates(["account", "parent_id"])
    status = rep[["account", "parent_id", "message_id", "created_at"]].rename(
        columns={"parent_id": "message_id", "message_id": "status_id", "created_at": "status_at"})
    out = req.merge(status, on=["account", "message_id"], how="left")
    out["period"] = periods_or_all(out["created_at"], freq, config.timezone).to_numpy()
    out["has_status_update"] = out["status_id"].notna().to_numpy()
    stop = out["status_at"].where(out["has_status_update"], until)
    hours = (stop - out["created_at"]).dt.total_seconds().to_numpy(dtype=float, na_value=np.nan) / 3600
    out["hours_to_status"] = np.clip(hours, 0, None)
    out["censored"] = ~out["has_status_update"]
    return out[["message_id", "channel", "account", "created_at", "period", "status_id", "status_at",
                "has_status_update", "hours_to_status", "censored"]]


def detail(messages: pd.DataFrame, config: Config | str | None = None, *, freq: str | None = "month",
           observed_until=None, min_words: int = readability.MIN_WORDS, threads: Threads | None = None
           ) -> dict[str, pd.DataFrame]:
    """The four per-message tables every transparency indicator is counted from.

    Returns
    -------
    dict
        ``"inbound"`` (:func:`inbound_detail`), ``"official"`` (:func:`official_detail`),
        ``"citizen"`` (:func:`citizen_detail`) and ``"open311"`` (:func:`open311_detail`).
        ``threads``: :func:`roi.threads.threads` of ``messages``, when the caller already
        has it.
    """
    config = as_config(config)
    if threads is not None:  # found once per table and settings, whatever the grouping
        return threads.check(messages).memo(("transparency.detail", freq, str(observed_until), min_words), config,
                                            lambda: _details(messages, config, freq, observed_until, min_words,
                                                             threads))
    return _details(messages, config, freq, observed_until, min_words, None)


def _details(messages, config, freq, observed_until, min_words, threads) -> dict[str, pd.DataFrame]:
    rep = threads.replies if threads is not None else replies(messages)
    return {
        "inbound": inbound_detail(messages, config, freq=freq, official_replies=rep, threads=threads),
        "official": official_detail(messages, config, freq=freq, min_words=min_words, threads=threads),
        "citizen": citizen_detail(messages, config, freq=freq),
        "open311": open311_detail(messages, config, freq=freq, observed_until=observed_until, official_replies=rep),
    }


def evidence(messages: pd.DataFrame, config: Config | str | None = None) -> pd.DataFrame:
    """Every transparency marker and link in official messages, one row each.

    Returns
    -------
    DataFrame
        ``message_id``, ``channel``, ``account``, ``lang``, ``family``
        (``private_channel``, ``formal_referral``, ``official_link``, ``unknown_link``,
        ``other_link``), ``entry`` (the lexicon entry, ``es/private_channel#1``, or the
        link rule, ``link/config``), ``matched_text``, ``start``, ``end``
        (``text[start:end] == matched_text``) and ``lexicon_version`` (empty for links).
    """
    config = as_config(config)
    rows = np.flatnonzero(messages["is_official"].to_numpy())
    m = messages.iloc[rows].reset_index(drop=True)
    text = m["text"].astype("string").fillna("")
    lang = resolve(text, m["lang"], config.language)
    frames = []
    for family in TRANSPARENCY_FAMILIES:
        found = match_texts(text, lang, (family,))
        frames.append(pd.DataFrame({"row": found["row"].to_numpy(), "family": family, "entry": found["entry"],
                                    "matched_text": found["matched_text"], "start": found["start"].to_numpy(),
                                    "end": found["end"].to_numpy(), "lexicon_version": found["lexicon_version"]}))
    found = links(m, config)
    frames.append(pd.DataFrame({"row": found["row"].to_numpy(), "family": found["link_class"] + "_link",
                                "entry": "link/" + found["rule"], "matched_text": found["url"],
                                "start": found["start"].to_numpy(), "end": found["end"].to_numpy(),
                                "lexicon_version": ""}))
    ev = pd.concat(frames, ignore_index=True).sort_values(["row", "start"], kind="stable").reset_index(drop=True)
    r = ev.pop("row").to_numpy(dtype=np.int64)
    out = pd.DataFrame({"message_id": m["message_id"].to_numpy()[r], "channel": m["channel"].to_numpy()[r],
                        "account": m["account"].to_numpy()[r], "lang": lang.to_numpy()[r]})
    out["message_id"] = out["message_id"].astype("string")
    out["channel"] = out["channel"].astype(m["channel"].dtype)
    out["account"] = out["account"].astype("string")
    out["lang"] = out["lang"].astype("string")
    for column in ev.columns:
        out[column] = ev[column].to_numpy()
    for column in ("family", "entry", "matched_text", "lexicon_version"):
        out[column] = out[column].astype("string")
    for column in ("start", "end"):
        out[column] = out[column].astype(np.int64)
    return out


def _counts(frame: pd.DataFrame, by: list[str], columns: dict[str, pd.Series]) -> pd.DataFrame:
    """Sum of each boolean column per group (one grouped pass)."""
    data = pd.DataFrame({name: values.to_numpy(dtype=float, na_value=0.0) if hasattr(values, "to_numpy") else values
                         for name, values in columns.items()}, index=frame.index)
    keys = [as_text(frame[b]) for b in by]
    return data.groupby(keys, dropna=False, sort=True).sum().astype("int64").reset_index()


def _read(keys: list[str], columns: list[str]) -> list[str]:
    """The group keys and ``columns``, each once (a key may be one of the columns)."""
    return list(dict.fromkeys([*keys, *columns]))


def _share(out: pd.DataFrame, name: str, numerator: str, denominator: str) -> None:
    k, n = out[numerator].to_numpy(dtype=float), out[denominator].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out[name] = np.where(n > 0, k / n, np.nan)
    out[f"{name}_ci_low"], out[f"{name}_ci_high"] = wilson_interval(k, n)


def summarize(
    messages: pd.DataFrame,
    by: Sequence[str] = GROUPS,
    config: Config | str | None = None,
    *,
    freq: str | None = "month",
    observed_until=None,
    min_words: int = readability.MIN_WORDS,
    n_resamples: int = 200,
    seed: int = 0,
    threads: Threads | None = None,
) -> pd.DataFrame:
    """Transparency per group: one row per ``by`` group.

    Every share comes with its denominator ``n_*`` and a Wilson 95% interval
    (``<share>_ci_low`` / ``<share>_ci_high``); a share is NaN when its denominator is 0.
    ``period`` is the month, quarter or year (``freq``; None puts all in ``"all"``) of
    the message each row counts: the inbound message, the official message, the citizen
    message or the Open311 request.

    Columns
    -------
    - ``n_answered``: inbound messages posted in public that have an answer;
      ``n_answered_in_public``; ``share_answered_in_public`` = n_answered_in_public /
      n_answered.
    - ``n_official_replies``: official messages with a parent (public or private);
      ``n_private_channel``, ``n_official_link``, ``n_unknown_link``, ``n_formal_referral``;
      ``share_private_channel``, ``share_official_link``, ``share_unknown_link``
      (a link shortener: where it leads is unknown), ``share_formal_referral``, each over
      n_official_replies.
    - ``n_citizen_public``: public citizen messages on channels whose export carries a
      hidden flag; ``n_hidden``; ``share_hidden`` = n_hidden / n_citizen_public;
      ``hidden_flag_available`` (False: the group's exports cannot show hidden
      comments, ``share_hidden`` is NaN and must be left out, not read as 0).
    - ``n_information_requests`` (inbound questions), ``n_information_requests_answered``,
      ``share_information_requests_answered``.
    - ``n_proactive_posts`` (official messages without a parent), ``n_replies``
      (official messages with one), ``n_official_messages``, ``proactive_share`` =
      n_proactive_posts / n_official_messages.
    - ``n_informing_posts`` (proactive posts whose main purpose informs: decisions,
      service status or results, :func:`roi.topics.informing_share`),
      ``share_informing_posts`` = n_informing_posts / n_proactive_posts.
    - ``n_open311_requests``, ``n_open311_status_update``, ``share_open311_status_update``,
      ``open311_status_median_hours`` (Kaplan-Meier median, requests without an update
      censored at ``observed_until``; ``inf`` when fewer than half are ever updated) with
      ``open311_status_median_hours_ci_low`` / ``_ci_high`` (bootstrap).
    - ``n_readable`` (official replies in Spanish or English with at least
      ``min_words`` words), ``n_plain_language``, ``share_plain_language`` (INFLESZ
      "normal" or easier, Szigriszt-Pazos >= 55, for Spanish; Flesch >= 60 for
      English), ``readability_mean`` (mean of those scores) with a bootstrap interval,
      ``szigriszt_mean``, ``fernandez_huerta_mean`` (Spanish replies),
      ``flesch_mean`` (English replies), ``n_readable_es``, ``n_readable_en``.

    ``by`` may also hold ``"topic"``: every row counted under its thread's topic
    (:func:`roi.topics.message_topics`; an Open311 request under its own).

    ``threads`` is :func:`roi.threads.threads` of ``messages``, shared with other
    families by :func:`roi.indicators`.

    Examples
    --------
    >>> import roi
    >>> loaded = roi.load(["data/samples/facebook_comments.json"], config="data/samples/roi.toml")  # doctest: +SKIP
    >>> summarize(loaded.messages, config="data/samples/roi.toml")  # doctest: +SKIP
    """
    config = as_config(config)
    by = check_by(by, topic=True)
    keys = by or ["_all"]
    d = detail(messages, config, freq=freq, observed_until=observed_until, min_words=min_words, threads=threads)
    for frame in d.values():
        frame["_all"] = "all"
        if TOPIC in by:  # every row under its thread's topic (roi.topics.message_topics)
            frame["topic"] = topic_column(frame, messages, config, threads=threads)

    inb = d["inbound"]
    t_inbound = _counts(inb, keys, {
        "n_answered": inb["answered_in_public"].notna(),
        "n_answered_in_public": inb["answered_in_public"].fillna(False),
        "n_information_requests": inb["is_question"],
        "n_information_requests_answered": inb["is_question"] & inb["answered"],
    })

    off = d["official"]
    # only the columns read are taken with the rows (the ids are Arrow text: the bulk of a row)
    rep = off.loc[off["is_reply"].to_numpy(dtype=bool), _read(keys, [
        "is_reply", "has_private_channel", "has_official_link", "has_unknown_link", "has_formal_referral", "readable",
        "plain_language", "lang", "readability", "szigriszt", "fernandez_huerta", "flesch", "channel", "message_id"])]
    t_official = _counts(off, keys, {
        "n_proactive_posts": ~off["is_reply"],
        "n_informing_posts": ~off["is_reply"] & off["informs"],
        "n_replies": off["is_reply"],
    })
    t_replies = _counts(rep, keys, {
        "n_official_replies": pd.Series(True, index=rep.index),
        "n_private_channel": rep["has_private_channel"],
        "n_official_link": rep["has_official_link"],
        "n_unknown_link": rep["has_unknown_link"],
        "n_formal_referral": rep["has_formal_referral"],
        "n_readable": rep["readable"],
        "n_plain_language": rep["plain_language"].fillna(False),
        "n_readable_es": rep["readable"] & (rep["lang"] == "es").fillna(False),
        "n_readable_en": rep["readable"] & (rep["lang"] == "en").fillna(False),
    })
    readable = rep.loc[rep["readable"].to_numpy(dtype=bool), _read(keys, [
        "readability", "szigriszt", "fernandez_huerta", "flesch", "channel", "message_id"])]
    grouped = readable.groupby([as_text(readable[k]) for k in keys], dropna=False, sort=True)
    means = grouped.agg(readability_mean=("readability", "mean"), szigriszt_mean=("szigriszt", "mean"),
                        fernandez_huerta_mean=("fernandez_huerta", "mean"), flesch_mean=("flesch", "mean")).reset_index()
    # every group's interval at once, each reply weighted by its (channel, message_id)
    low, high = bootstrap_mean_intervals(grouped.ngroup().to_numpy(), readable["readability"].to_numpy(dtype=float),
                                         len(means), keys=row_keys(readable["channel"], readable["message_id"]),
                                         n_resamples=n_resamples, seed=seed)
    means["readability_mean_ci_low"], means["readability_mean_ci_high"] = low, high

    cit = d["citizen"]
    flagged = cit.loc[cit["hidden_flag_available"].to_numpy(dtype=bool), _read(keys, ["is_hidden"])]
    t_citizen = _counts(flagged, keys, {
        "n_citizen_public": pd.Series(True, index=flagged.index),
        "n_hidden": flagged["is_hidden"],
    })
    t_citizen["hidden_flag_available"] = True

    o311 = d["open311"]
    t_open311 = _counts(o311, keys, {
        "n_open311_requests": pd.Series(True, index=o311.index),
        "n_open311_status_update": o311["has_status_update"],
    })
    o311 = o311.reset_index(drop=True)
    grouped = o311.groupby([as_text(o311[k]) for k in keys], dropna=False, sort=True)
    hours, updated = o311["hours_to_status"].to_numpy(dtype=float), o311["has_status_update"].to_numpy(dtype=bool)
    codes = grouped.ngroup().to_numpy(dtype=np.int64)
    # every group's curve at once (scipy.stats.ecdf's, group by group) and its bootstrap interval
    cut = GroupTimes(codes, grouped.ngroups, hours, updated)  # the rows sorted once for both
    t_open311["open311_status_median_hours"] = km_points_by_group(codes, grouped.ngroups, hours, updated, (0.5,),
                                                                  cut=cut)[0][:, 0]
    intervals = bootstrap_km_quantiles_by_group(codes, grouped.ngroups, [(hours, updated)], (0.5,),
                                                keys=row_keys(o311["channel"], o311["message_id"]),
                                                n_resamples=n_resamples, seed=seed, cuts=[cut])[0]
    t_open311["open311_status_median_hours_ci_low"] = intervals[:, 0, 0]
    t_open311["open311_status_median_hours_ci_high"] = intervals[:, 0, 1]

    out = None
    for table in (t_inbound, t_official, t_replies, means, t_citizen, t_open311):
        out = table if out is None else out.merge(table, on=keys, how="outer")
    counts = [c for c in out.columns if c.startswith("n_")]
    out[counts] = out[counts].fillna(0).astype("int64")
    out["hidden_flag_available"] = out["hidden_flag_available"].astype("boolean").fillna(False).astype(bool)
    out["n_official_messages"] = out["n_proactive_posts"] + out["n_replies"]

    _share(out, "share_answered_in_public", "n_answered_in_public", "n_answered")
    _share(out, "share_private_channel", "n_private_channel", "n_official_replies")
    _share(out, "share_official_link", "n_official_link", "n_official_replies")
    _share(out, "share_unknown_link", "n_unknown_link", "n_official_replies")
    _share(out, "share_formal_referral", "n_formal_referral", "n_official_replies")
    _share(out, "share_hidden", "n_hidden", "n_citizen_public")
    _share(out, "share_information_requests_answered", "n_information_requests_answered", "n_information_requests")
    _share(out, "proactive_share", "n_proactive_posts", "n_official_messages")
    _share(out, "share_informing_posts", "n_informing_posts", "n_proactive_posts")
    _share(out, "share_open311_status_update", "n_open311_status_update", "n_open311_requests")
    _share(out, "share_plain_language", "n_plain_language", "n_readable")
    for column in ("share_hidden", "share_hidden_ci_low", "share_hidden_ci_high"):
        out[column] = out[column].where(out["hidden_flag_available"])

    order = [
        "n_answered", "n_answered_in_public", "share_answered_in_public",
        "n_official_replies", "n_private_channel", "share_private_channel", "n_official_link", "share_official_link",
        "n_unknown_link", "share_unknown_link", "n_formal_referral", "share_formal_referral",
        "n_citizen_public", "n_hidden", "share_hidden", "hidden_flag_available",
        "n_information_requests", "n_information_requests_answered", "share_information_requests_answered",
        "n_proactive_posts", "n_replies", "n_official_messages", "proactive_share",
        "n_informing_posts", "share_informing_posts",
        "n_open311_requests", "n_open311_status_update", "share_open311_status_update",
        "open311_status_median_hours",
        "n_readable", "n_plain_language", "share_plain_language", "readability_mean",
        "szigriszt_mean", "fernandez_huerta_mean", "flesch_mean", "n_readable_es", "n_readable_en",
    ]
    columns = []
    for name in order:
        columns.append(name)
        for suffix in ("_ci_low", "_ci_high"):
            if f"{name}{suffix}" in out:
                columns.append(f"{name}{suffix}")
    out = out[keys + columns].sort_values(keys, kind="stable").reset_index(drop=True)
    for key in keys:
        out[key] = out[key].astype(object)
    return out.drop(columns="_all") if not by else out
