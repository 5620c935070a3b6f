"""Marker engine on N messages: messages per second and peak memory of ``roi.text.evidence``.

Usage: python bench/text_markers.py --messages 1000000 [--texts generated|real]

``generated`` (default): official replies and citizen messages in Spanish, Catalan,
Galician and English (10% without ``lang``, so the language guesser runs too), built by
drawing an opening, a body and a closing from short invented fragments, with mentions,
links and numbers mixed in. ``real``: the real texts of the shared data folder beside the
project (customer-service tweets, Spanish politicians' tweets, Reddit replies, Wikipedia
and Stack Exchange requests, Spanish forum utterances), repeated up to N, with their
language given. Every family is matched: the ten empathy families and the two
transparency ones.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd
from memory import peak_mib

from roi.text import evidence
from roi.text.lexicon import ALL_FAMILIES

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

FRAGMENTS = {
    "es": (
        ("Hola @vecina_{n},", "Buenos días.", "", "Consulte la web.", "Estimada vecina:"),
        ("gracias por avisar de la farola de la calle Olmo {n}.", "lamentamos el retraso en la recogida de enseres.",
         "ya hemos trasladado el aviso al servicio de limpieza.", "no es nuestra competencia.",
         "¿nos podría indicar el número de expediente?", "la piscina abre a las 10 h https://ayto.example/p{n}",
         "entendemos su malestar por el ruido de la obra.", "sin ningún problema puede pedir cita en el 010."),
        ("Quedamos a su disposición.", "Un saludo.", "", "No dude en escribirnos.", "#Participa"),
    ),
    "ca": (
        ("Bon dia @veí{n},", "Hola!", "", "Benvolguda,"),
        ("moltes gràcies per l'avís del carrer Major {n}.", "ens sap greu la molèstia, ho estem revisant.",
         "ens podria indicar el número de la parada?", "la biblioteca obre a les 9 h.", "no és la nostra competència."),
        ("Salutacions.", "", "Restem a la seva disposició."),
    ),
    "gl": (
        ("Ola @veciña{n},", "Bo día.", ""),
        ("grazas pola túa mensaxe sobre a rúa Nova {n}.", "sentimos moito o ocorrido co autobús.",
         "xa trasladamos a incidencia ao servizo de augas.", "poderías indicarnos a parada exacta?"),
        ("Un saúdo.", "", "Non dubides en escribirnos."),
    ),
    "en": (
        ("Hi @resident{n},", "Good morning.", "", "Dear resident,"),
        ("thanks for reporting the pothole on Elm Street {n}.", "we're sorry to hear the bin was missed.",
         "could you tell us the exact address?", "the library opens at 9am https://council.example/l{n}",
         "we understand this must be frustrating."),
        ("Kind regards.", "", "Let us know if you need anything else."),
    ),
}


def generate(n_messages: int, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    langs = rng.choice(["es", "ca", "gl", "en"], size=n_messages, p=[0.55, 0.2, 0.1, 0.15])
    texts = np.empty(n_messages, dtype=object)
    numbers = rng.integers(1, 200, n_messages).astype(str)
    for lang, (opening, body, closing) in FRAGMENTS.items():
        rows = np.flatnonzero(langs == lang)
        k = len(rows)
        parts = [np.asarray(opening, dtype=object)[rng.integers(0, len(opening), k)],
                 np.asarray(body, dtype=object)[rng.integers(0, len(body), k)],
                 np.asarray(body, dtype=object)[rng.integers(0, len(body), k)],
                 np.asarray(closing, dtype=object)[rng.integers(0, len(closing), k)]]
        joined = pd.Series(parts[0]).str.cat([pd.Series(p) for p in parts[1:]], sep=" ").str.strip()
        texts[rows] = joined.str.replace("{n}", "", regex=False).to_numpy(dtype=object)
        texts[rows] = pd.Series(texts[rows]).str.cat(numbers[rows], sep=" ").to_numpy(dtype=object)
    lang_col = pd.Series(langs, dtype="string").mask(rng.random(n_messages) < 0.1)
    return pd.DataFrame({"message_id": np.char.add("m", np.arange(n_messages).astype(str)),
                         "text": pd.Series(texts, dtype="string"), "lang": lang_col})


def real(n_messages: int) -> pd.DataFrame:
    """The shared folder's real texts with their language, repeated up to ``n_messages``."""
    sources = [
        ("twcs/monalisapatra26_twcs_head.csv", "text", "en"),
        ("es/SentiMP21_sp_extended_without_discarded.csv", "full_text", "es"),
        ("labelled/epitome/emotional-reactions-reddit.csv", "response_post", "en"),
        ("labelled/stanford_politeness/wikipedia.annotated.csv", "Request", "en"),
        ("labelled/politeness_es/spanish_train_4-14.csv", "Utterance", "es"),
    ]
    if not SHARED.is_dir():
        raise SystemExit(f"--texts real needs the shared data folder at {SHARED}")
    pool = pd.concat([pd.DataFrame({"text": pd.read_csv(SHARED / path)[column].dropna().astype(str), "lang": lang})
                      for path, column, lang in sources], ignore_index=True)
    take = np.arange(n_messages) % len(pool)
    return pd.DataFrame({"message_id": np.char.add("m", np.arange(n_messages).astype(str)),
                         "text": pd.Series(pool["text"].to_numpy()[take], dtype="string"),
                         "lang": pd.Series(pool["lang"].to_numpy()[take], dtype="string")})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--texts", choices=("generated", "real"), default="generated")
    args = parser.parse_args()
    messages = generate(args.messages) if args.texts == "generated" else real(args.messages)
    chars = int(messages["text"].str.len().sum())
    print(f"{len(messages):,} messages, {chars / len(messages):.0f} characters on average")
    began = time.perf_counter()
    found = evidence(messages, families=ALL_FAMILIES)
    seconds = time.perf_counter() - began
    print(f"evidence(), all {len(ALL_FAMILIES)} families: {len(found):,} markers in {seconds:.2f} s = "
          f"{len(messages) / seconds:,.0f} messages/second (one process, one core; compiling the lexicons included)")
    print(f"peak memory: {peak_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
