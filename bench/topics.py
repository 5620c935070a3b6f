"""Topic assignment on N messages: wall and CPU time of ``roi.topics.assign``.

Usage: python bench/topics.py --messages 1000000

Messages are invented citizen requests in Spanish, Catalan, Galician and English (10%
without ``lang``, read as Spanish): an opening, a body naming a municipal matter (or
none) and a number drawn from short fragments, so texts repeat as in real feeds. The
budget (issue 14) is 1,000,000 messages within 5 s on one core. ``roi.topics.assign``
scores each distinct (text, language) once, so ``--distinct`` gives every message a
request number of its own (no text repeats): the worst case.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from memory import peak_mib

from roi.topics import assign

FRAGMENTS = {
    "es": (("Hola,", "Buenos días.", "", "Por favor:"),
           ("la farola del portal {n} está fundida", "hay bolsas de basura junto al contenedor",
            "un bache en la calzada de la calle Olmo {n}", "ratas en el parque infantil",
            "el semáforo del cruce {n} no funciona", "ruido de un bar hasta la madrugada",
            "no consigo cita previa para el padrón", "¿a qué hora abre la piscina?", "gracias por todo",
            "la fuente de la plaza pierde agua")),
    "ca": (("Bon dia,", ""), ("el fanal del carrer {n} està apagat", "el contenidor és ple", "molt soroll a la plaça")),
    "gl": (("Ola,", ""), ("a farola da rúa {n} está apagada", "hai unha fochanca na beirarrúa", "grazas")),
    "en": (("Hi,", ""), ("the street light at {n} is out", "a pothole on the pavement", "loud music every night")),
}


def messages(n: int, seed: int = 1, distinct: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    langs = rng.choice(list(FRAGMENTS), size=n, p=[0.7, 0.1, 0.1, 0.1])
    texts = np.empty(n, dtype=object)
    for lang, (openings, bodies) in FRAGMENTS.items():
        at = np.flatnonzero(langs == lang)
        o = np.asarray(openings, dtype=object)[rng.integers(len(openings), size=len(at))]
        b = np.asarray(bodies, dtype=object)[rng.integers(len(bodies), size=len(at))]
        number = rng.integers(1, 200, size=len(at)).astype(str)
        texts[at] = [f"{x} {y.format(n=k)}" for x, y, k in zip(o, b, number, strict=True)]
    if distinct:  # "... (aviso 123456)": every text its own
        texts = np.char.add(np.char.add(texts.astype(str), " (aviso "), np.char.add(np.arange(n).astype(str), ")"))
        texts = texts.astype(object)
    lang = pd.Series(langs, dtype="string").mask(rng.random(n) < 0.1)
    return pd.DataFrame({"message_id": np.arange(n).astype(str), "text": texts, "lang": lang})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--distinct", action="store_true", help="no text repeats (the worst case)")
    args = parser.parse_args()
    table = messages(args.messages, distinct=args.distinct)
    wall, cpu = time.perf_counter(), time.process_time()
    found = assign(table)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    kind = "distinct texts" if args.distinct else "messages"
    print(f"{args.messages:,} {kind} -> {len(found):,} topic rows: {wall:.2f} s wall, {cpu:.2f} s CPU, "
          f"{args.messages / wall:,.0f} messages/s, peak {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
