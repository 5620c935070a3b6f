"""A tiny language guesser for messages without ``lang``: counts of distinctive function words.

For each language with a lexicon, a short list of frequent words that the other
languages do not share (Spanish *los*, *para*, *pero*; Catalan *els*, *amb*, *molt*;
Galician *os*, *non*, *moi*; English *the*, *and*, *you*; Basque *eta*, *da*, *ez*) is
counted in the normalised text, one vectorised ``str.count`` per language. The language
with the most hits wins; ties and texts without hits get the default. It is meant for
short service messages where a wrong guess costs little; a ``lang`` given by the export
always wins.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from roi.text.normalize import normalize

__all__ = ["CUES", "detect", "resolve"]

#: Language -> distinctive words (normalised: lower case, no accents).
CUES: dict[str, tuple[str, ...]] = {
    "es": ("los", "las", "del", "para", "pero", "muy", "esta", "este", "gracias", "usted", "hola", "su", "nos",
           "y", "una", "con", "por", "hemos", "puede"),
    "ca": ("els", "les", "amb", "per", "pero", "molt", "aquesta", "aquest", "gracies", "bon", "dia", "i", "es", "hem",
           "pot", "l'", "d'", "seva", "vostra"),
    "gl": ("os", "as", "do", "da", "dos", "das", "non", "moi", "unha", "grazas", "coa", "polo", "pola", "ola", "e",
           "vostede", "podes", "sua"),
    "en": ("the", "and", "you", "your", "we", "to", "of", "is", "for", "please", "thanks", "thank", "our", "this",
           "with", "have", "are"),
    "eu": ("eta", "da", "ez", "bat", "zure", "eskerrik", "dugu", "duzu", "egun", "kaixo", "mesedez", "ere", "baina"),
}


def detect(texts: pd.Series, default: str | None = None) -> pd.Series:
    """The most likely language of each text, or ``default`` when no cue is found (or a tie).

    >>> detect(pd.Series(["Gracias por avisar, lo revisamos", "Moltes gràcies per l'avís", "Thanks, we are on it"]),
    ...        default="es").tolist()
    ['es', 'ca', 'en']
    """
    normal = normalize(texts)
    names = list(CUES)
    counts = np.column_stack([
        normal.str.count(r"(?<![\w'])(?:" + "|".join(w.replace("'", r"'(?=\w)") for w in CUES[name]) + r")(?![\w'])")
        .to_numpy(dtype=np.int64)
        for name in names
    ]) if len(normal) else np.zeros((0, len(names)), dtype=np.int64)
    best = counts.argmax(axis=1) if len(normal) else np.zeros(0, dtype=np.int64)
    top = counts.max(axis=1) if len(normal) else np.zeros(0, dtype=np.int64)
    tie = (counts == top[:, None]).sum(axis=1) > 1 if len(normal) else np.zeros(0, dtype=bool)
    guess = np.asarray(names, dtype=object)[best]
    guess = np.where((top > 0) & ~tie, guess, default)
    return pd.Series(guess, index=texts.index, dtype="string")


def resolve(texts: pd.Series, langs: pd.Series | None, default: str | None, *, guess: bool = True) -> pd.Series:
    """The language to match each text in: its ``lang`` (``es-ES`` -> ``es``), else a guess, else ``default``."""
    if langs is None:
        langs = pd.Series(pd.NA, index=texts.index, dtype="string")
    code = langs.astype("string").str.lower().str.split(r"[-_]", n=1, regex=True).str[0]
    code = code.where(code.str.len() > 0)
    missing = code.isna().to_numpy()
    if missing.any():
        code = code.copy()
        code[missing] = detect(texts[missing], default).to_numpy() if guess else default
    return code.astype("string")
