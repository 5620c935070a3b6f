"""Reader for a CSV of citizen satisfaction survey answers (CSAT, NPS, good/bad).

Each data row is one answer. The result has an empty message table and the answers in
``ReadResult.surveys`` (columns of :data:`roi.schema.SURVEY_COLUMNS`);
``counts["messages"]`` counts the answers kept, so that ``records == messages +
rejects + duplicates`` holds as for every reader.

Columns (headers matched case- and accent-insensitively; spaces and hyphens count as
``_``; the first header in each list that is present is used):

=================  ===========================================================  =========
survey table       CSV header                                                   required
=================  ===========================================================  =========
``survey_id``      response_id, survey_id, id, respuesta, id_respuesta,          yes
                   answer_id
``thread_id``      thread_id, hilo, conversacion, id_conversacion,               no
                   conversation_id
``message_id``     message_id, id_mensaje                                        no
``channel``        channel, canal                                                no
``account``        account, cuenta                                               no
``answered_at``    answered_at, fecha, fecha_respuesta, date, timestamp,         yes
                   respondido
``score``          score, puntuacion, valoracion, nota, rating, calificacion,    yes
                   or a header naming its scale (csat, nps, good_bad, ...)
``scale``          scale, escala                                                 no
=================  ===========================================================  =========

Scales (:data:`roi.schema.SURVEY_SCALES`): ``csat5`` 1-5, ``nps10`` 0-10,
``good_bad`` 1 (good) or 0 (bad). A scale cell may say ``csat5``/``csat``/``1-5``,
``nps10``/``nps``/``0-10`` or ``good_bad``/``good/bad``/``bueno/malo``/``thumbs``.
``good_bad`` scores may be written good/bad, bueno/malo, 1/0 or 👍/👎.

Without a scale column (or for blank scale cells) the scale is inferred once for the
whole file, and ``ReadResult.notes`` says how: from the score header's name when it
names a scale (``csat``, ``nps``, ``good_bad``, ``pulgar``/``thumb``), else from the
values: good/bad words or only 0 and 1 -> ``good_bad``; any 0 or any value above 5 ->
``nps10``; otherwise ``csat5``.

Rejects (reason, field): a score outside its scale (``out_of_range``, ``score``); a
score that is not a number or a good/bad word (``bad_value``, ``score``); an unknown
scale (``bad_value``, ``scale``) or channel (``bad_value``, ``channel``); an
unparseable date (``bad_timestamp``, ``answered_at``); a blank id, date or score
(``missing_field``); a response id already used with different content
(``duplicate_id``). A row repeated exactly is kept once and the copy counted as a
duplicate (reason ``duplicate``), as :func:`roi.io.base.build_result` does for messages.

Dates are read day-first (``31/10/2026 14:05``) or ISO 8601, naive times in the config's
time zone. Encoding (UTF-8, BOM, Windows-1252) and delimiter (``,`` ``;`` tab ``|``) are
detected by :func:`roi.io.csvtext.read_csv_records`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from roi.config import Config
from roi.errors import MissingColumnError, RecordError, RoiError
from roi.io.base import ReadResult, parse_timestamps
from roi.io.csvtext import header_fields, read_csv_records
from roi.io.text import REPLACEMENT
from roi.schema import CHANNELS, REJECT_COLUMNS, SURVEY_COLUMNS, SURVEY_SCALES, empty_messages, validate_surveys

__all__ = ["ALIASES", "DESCRIPTION", "FORMAT", "read", "sniff"]

FORMAT = "survey_csv"
DESCRIPTION = "CSV of citizen satisfaction survey answers (CSAT 1-5, NPS 0-10, good/bad)"

#: Survey-table column -> accepted CSV headers (normalised: lower case, no accents, ``_``).
ALIASES: dict[str, tuple[str, ...]] = {
    "survey_id": ("response_id", "survey_id", "id", "respuesta", "id_respuesta", "answer_id"),
    "thread_id": ("thread_id", "hilo", "conversacion", "id_conversacion", "conversation_id"),
    "message_id": ("message_id", "id_mensaje"),
    "channel": ("channel", "canal"),
    "account": ("account", "cuenta"),
    "answered_at": ("answered_at", "fecha", "fecha_respuesta", "date", "timestamp", "respondido"),
    "score": ("score", "puntuacion", "valoracion", "nota", "rating", "calificacion"),
    "scale": ("scale", "escala"),
}
REQUIRED = ("survey_id", "answered_at", "score")

#: Words in a score header that name its scale.
_HEADER_SCALES = (("good_bad", "good_bad"), ("pulgar", "good_bad"), ("thumb", "good_bad"),
                  ("csat", "csat5"), ("nps", "nps10"))
#: Scale cell text (normalised) -> scale.
_SCALE_NAMES = {
    "csat5": "csat5", "csat": "csat5", "csat_5": "csat5", "1_5": "csat5", "1/5": "csat5",
    "nps10": "nps10", "nps": "nps10", "nps_10": "nps10", "0_10": "nps10", "0/10": "nps10",
    "good_bad": "good_bad", "good/bad": "good_bad", "goodbad": "good_bad", "bueno/malo": "good_bad",
    "bueno_malo": "good_bad", "thumbs": "good_bad", "pulgar": "good_bad", "binary": "good_bad",
}
#: good/bad answers -> score.
_GOOD_BAD = {"good": 1.0, "bad": 0.0, "bueno": 1.0, "buena": 1.0, "malo": 0.0, "mala": 0.0,
             "\U0001f44d": 1.0, "\U0001f44e": 0.0}
# emoji skin tones and the emoji variation selector, dropped before matching 👍/👎
_EMOJI_MODIFIERS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f]")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_TEXT_HEADERS = ("text", "texto", "message", "mensaje")


def _normalise(name: str) -> str:
    """``" Puntuación "`` -> ``"puntuacion"``; spaces and hyphens become ``_``; an
    undecodable character (U+FFFD, e.g. a Windows-1252 header read as UTF-8) becomes ``?``."""
    plain = unicodedata.normalize("NFKD", str(name).replace(REPLACEMENT, "?")).encode("ascii", "ignore").decode()
    return re.sub(r"[\s\-]+", "_", plain.strip().strip('"').strip().lower())


def _find_columns(headers, columns: dict[str, str] | None) -> dict[str, str]:
    """Survey column -> actual header; ``columns`` overrides the aliases."""
    by_norm = {}
    for header in headers:
        by_norm.setdefault(_normalise(header), header)
    # "puntuaci?n" (a header with an undecodable letter) matches "puntuacion"
    patterns = [(re.compile(re.escape(norm).replace(r"\?", ".")), header) for norm, header in by_norm.items()
                if "?" in norm]
    found = {}
    for target, aliases in ALIASES.items():
        wanted = (columns[target],) if columns and target in columns else aliases
        for alias in map(_normalise, wanted):
            header = by_norm.get(alias) or next((h for p, h in patterns if p.fullmatch(alias)), None)
            if header is not None:
                found[target] = header
                break
    if "score" not in found and not (columns and "score" in columns):
        for norm, header in by_norm.items():
            if header in found.values():
                continue
            if any(word in norm for word, _ in _HEADER_SCALES):
                found["score"] = header
                break
    return found


def sniff(head: str, path: Path, config: Config | None = None) -> bool:
    """True when the header line has an id, a date and a score column and no message
    text column (neither a usual one nor the config's ``[csv.columns] text``)."""
    fields = header_fields(head)
    found = _find_columns(fields, None)
    text_headers = set(_TEXT_HEADERS)
    if config is not None and config.csv.columns.get("text"):
        text_headers.add(_normalise(config.csv.columns["text"]))
    has_text = any(_normalise(f) in text_headers for f in fields)
    return all(c in found for c in REQUIRED) and not has_text


def _scale_from_header(header: str) -> str | None:
    norm = _normalise(header)
    for word, scale in _HEADER_SCALES:
        if word in norm:
            return scale
    return None


def _numbers(text: pd.Series) -> pd.Series:
    """Numbers written with ``.`` or ``,`` as decimal mark; anything else NaN."""
    numeric = text.where(text.str.match(_NUMBER.pattern)).str.replace(",", ".", regex=False)
    return pd.to_numeric(numeric, errors="coerce").astype(float)


def _infer_scale(header: str, words: pd.Series, numbers: pd.Series) -> tuple[str, str]:
    """The file's scale and a note saying how it was chosen."""
    named = _scale_from_header(header)
    if named:
        return named, f"scale {named} inferred from the score column's name {header!r}"
    values = numbers.dropna()
    if words.notna().any():
        return "good_bad", "scale good_bad inferred from the values (good/bad words)"
    if len(values) and values.isin([0.0, 1.0]).all():
        return "good_bad", "scale good_bad inferred from the values (only 0 and 1)"
    if ((values == 0) | ((values > 5) & (values <= 10))).any():
        return "nps10", "scale nps10 inferred from the values (0 or values above 5 present)"
    return "csat5", "scale csat5 inferred from the values (all within 1-5)"


def read(path, config: Config | None = None, *, errors: str = "collect",
         columns: dict[str, str] | None = None) -> ReadResult:
    """Read a CSV of survey answers into ``ReadResult.surveys``.

    Parameters
    ----------
    path
        The CSV file.
    config
        Gives the time zone of naive dates (default Europe/Madrid).
    errors
        ``"collect"`` lists bad rows as rejects; ``"raise"`` stops at the first.
    columns
        Survey-table column -> CSV header, overriding :data:`ALIASES`.

    Returns
    -------
    ReadResult
        ``messages`` empty; ``surveys`` with ``survey_id``, ``thread_id``,
        ``message_id``, ``channel``, ``account``, ``answered_at`` (UTC), ``score``,
        ``scale`` and ``source`` (``file:row``); ``counts["messages"]`` = answers kept.

    Raises
    ------
    MissingColumnError
        When no header matches the id, the date or the score.
    """
    if errors not in ("collect", "raise"):
        raise RoiError(f"errors={errors!r} is not allowed", field="errors", fix="use 'collect' or 'raise'")
    config = config or Config()
    path = Path(path)
    csv = read_csv_records(path, errors=errors)
    frame = csv.frame.reset_index(drop=True)
    headers = [c for c in frame.columns if c != "record"]
    found = _find_columns(headers, columns)
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        names = {c: [columns[c]] if columns and c in columns else list(ALIASES[c]) for c in missing}
        expected = "; ".join(f"{c}: {' / '.join(names[c])}" for c in missing)
        raise MissingColumnError(
            f"no column for {', '.join(missing)} (expected {expected}); the header has {headers}",
            file=path, record="header", field=missing[0],
            fix="rename the column, or pass columns={'score': 'Your header'} to the survey reader",
        )

    def cell(target):
        if target not in found:
            return pd.Series("", index=frame.index, dtype="string")
        return frame[found[target]].astype("string").fillna("").str.strip()

    survey_id, score_text, date_text = cell("survey_id"), cell("score"), cell("answered_at")
    channel = cell("channel").str.lower()
    scale_text = cell("scale").str.lower().str.replace(r"[\s\-]+", "_", regex=True)

    # scores: numbers, or good/bad words and thumbs
    plain = score_text.str.replace(_EMOJI_MODIFIERS.pattern, "", regex=True).str.lower()
    words = plain.map(_GOOD_BAD).astype(float)
    numbers = _numbers(score_text)
    word_rows = words.notna()

    # scales: the scale column, else one inferred for the file
    scale = scale_text.map(_SCALE_NAMES).astype("string")
    unknown_scale = (scale_text != "") & scale.isna()
    blank_scale = scale_text == ""
    notes = list(csv.notes)
    if blank_scale.any():
        guess, how = _infer_scale(found["score"], words[blank_scale], numbers[blank_scale])
        scale = scale.mask(blank_scale, guess)
        where = "" if "scale" not in found else f" for {int(blank_scale.sum())} row(s) with a blank scale"
        notes.append(f"{path.name}: {how}{where}")
    score = numbers.where(~word_rows, words)
    # good/bad words are only valid on the good_bad scale
    word_elsewhere = word_rows & (scale != "good_bad").fillna(False).astype(bool)

    answered_at = parse_timestamps(date_text, fmt=None, dayfirst=True, timezone=config.timezone)

    reason = pd.Series(pd.NA, index=frame.index, dtype="object")
    field_ = pd.Series(pd.NA, index=frame.index, dtype="object")
    detail = pd.Series(pd.NA, index=frame.index, dtype="object")

    def flag(mask, code, column, text):
        mask = (mask & reason.isna()).astype(bool)
        reason[mask] = code
        field_[mask] = column
        detail[mask] = text if isinstance(text, str) else text[mask]

    flag(survey_id == "", "missing_field", "survey_id", "the answer has no response id")
    flag(date_text == "", "missing_field", "answered_at", "the answer has no date")
    flag(score_text == "", "missing_field", "score", "the answer has no score")
    flag(unknown_scale, "bad_value", "scale", "unknown scale '" + cell("scale") + "'")
    flag(answered_at.isna(), "bad_timestamp", "answered_at", "date '" + date_text + "' cannot be parsed")
    flag(score.isna() | word_elsewhere, "bad_value", "score",
         "score '" + score_text + "' is not a number" + pd.Series(
             np.where(word_elsewhere, " on the " + scale.fillna("") + " scale", ""), index=frame.index))
    low = scale.map({k: v[0] for k, v in SURVEY_SCALES.items()}).astype(float)
    high = scale.map({k: v[1] for k, v in SURVEY_SCALES.items()}).astype(float)
    not_binary = (scale == "good_bad").fillna(False).astype(bool) & ~score.isin([0.0, 1.0])
    flag(((score < low) | (score > high)).fillna(False).astype(bool) | (not_binary & score.notna()),
         "out_of_range", "score",
         "score " + score_text + " is outside the " + scale.fillna("") + " range "
         + low.astype("Int64").astype("string") + "-" + high.astype("Int64").astype("string"))
    flag(channel.ne("") & ~channel.isin(CHANNELS), "bad_value", "channel", "unknown channel '" + channel + "'")

    # duplicates: an exact copy is kept once; the same id with other content is a reject
    ok = reason.isna()
    content = pd.DataFrame({t: cell(t) for t in ALIASES if t in found})
    repeated = ok & survey_id.where(ok).duplicated(keep="first")
    duplicate = pd.Series(False, index=frame.index)
    if repeated.any():
        signature = pd.Series(pd.util.hash_pandas_object(content, index=False).to_numpy(), index=frame.index)
        firsts = pd.DataFrame({"id": survey_id, "sig": signature, "record": frame["record"]})[ok & ~repeated]
        firsts = firsts.set_index("id")
        same = (firsts["sig"].reindex(survey_id[repeated]).to_numpy() == signature[repeated].to_numpy())
        duplicate[repeated[repeated].index[same]] = True
        conflict = repeated & ~duplicate
        earlier = firsts["record"].reindex(survey_id[conflict]).to_numpy()
        flag(conflict, "duplicate_id", "survey_id",
             pd.Series("id '" + survey_id[conflict] + "' was already used by row "
                       + pd.Series(earlier, index=conflict[conflict].index).astype("string")
                       + " with different content").reindex(frame.index))

    bad = reason.notna()
    if errors == "raise" and bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise RecordError(f"{detail.iloc[i]} ({reason.iloc[i]})", file=path, record=int(frame["record"].iloc[i]),
                          field=field_.iloc[i], fix=_FIXES[reason.iloc[i]])

    rows = [csv.rejects.frame()]

    def raw_text(mask):
        cells = frame.loc[mask, headers].astype("string").fillna("")
        first, rest = cells.iloc[:, 0], [cells.iloc[:, i] for i in range(1, cells.shape[1])]
        return first.str.cat(rest, sep=csv.delimiter) if rest else first
    for mask, codes, fields, details in (
        (bad, reason, field_, detail),
        (duplicate, "duplicate", "survey_id", "same id and content as an earlier row; kept once"),
    ):
        if mask.any():
            records = frame.loc[mask, "record"]
            rows.append(pd.DataFrame({
                "source": path.name + ":" + records.astype("string"),
                "record": records,
                "reason": codes[mask] if isinstance(codes, pd.Series) else codes,
                "field": fields[mask] if isinstance(fields, pd.Series) else fields,
                "detail": details[mask] if isinstance(details, pd.Series) else details,
                "raw": raw_text(mask),
            }).astype(REJECT_COLUMNS))
    rows = [r for r in rows if len(r)]
    rejects = (pd.concat(rows, ignore_index=True).sort_values("record", kind="stable").reset_index(drop=True)
               if rows else csv.rejects.frame())

    keep = ~bad & ~duplicate
    optional = {t: cell(t)[keep].mask(cell(t)[keep] == "") for t in ("thread_id", "message_id", "account")}
    surveys = pd.DataFrame({
        "survey_id": survey_id[keep],
        "thread_id": optional["thread_id"],
        "message_id": optional["message_id"],
        "channel": channel[keep].mask(channel[keep] == ""),
        "account": optional["account"],
        "answered_at": answered_at[keep],
        "score": score[keep],
        "scale": scale[keep],
        "source": path.name + ":" + frame.loc[keep, "record"].astype("string"),
    }).reset_index(drop=True)
    surveys = pd.DataFrame({c: surveys[c].astype(d) for c, d in SURVEY_COLUMNS.items()})
    validate_surveys(surveys)
    counts = {
        "records": int(csv.records),
        "messages": len(surveys),
        "rejects": int(len(csv.rejects) + bad.sum()),
        "duplicates": int(duplicate.sum()),
    }
    return ReadResult(messages=empty_messages(), rejects=rejects, counts=counts, format=FORMAT,
                      path=str(path), surveys=surveys, notes=notes)


_FIXES = {
    "missing_field": "fill in the cell, or remove the row",
    "bad_timestamp": "write dates day-first (31/10/2026 14:05) or as ISO 8601 (2026-10-31T14:05:00+01:00)",
    "bad_value": "use a number on the row's scale, good/bad, bueno/malo, 1/0 or 👍/👎, and a known scale or channel",
    "out_of_range": "check the score against the scale (csat5 1-5, nps10 0-10, good_bad 0/1) or fix the scale column",
    "duplicate_id": "each answer needs its own response id; remove the repeated row or fix its id",
}
