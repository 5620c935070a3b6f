"""Sentiment rules on N generated citizen messages: messages per second and peak memory
of ``roi.sentiment.polarity``.

Usage: python bench/sentiment_speed.py --messages 1000000

The messages are citizen-service texts in Spanish, Catalan, Galician and English (about
20 words each, with mentions, links, hashtags, emoji and punctuation), each made unique
with a number, scored with the per-message ``lang`` column, as the satisfaction family
calls it. Target: at least 50,000 messages per second.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from memory import peak_mib

from roi import sentiment

TEXTS = {
    "es": [
        "Buenos días, llevo tres semanas esperando que arreglen la farola de la calle Mayor y nadie contesta. ¡Qué vergüenza!",
        "¿Cuándo abre el registro del distrito? Necesito empadronarme antes del viernes, gracias",
        "Muchas gracias por la rápida respuesta, muy amables 😊 ya está solucionado",
        "Gracias pero sigue sin funcionar la app de cita previa... otra vez",
        "Gracias por nada. Otra vez sin luz en el parque @ayto https://t.co/xyz #vergüenza",
        "No está mal el nuevo horario de la biblioteca, aunque podría abrir antes los sábados",
    ],
    "ca": ["Moltes gràcies per la resposta tan ràpida!", "Encara esperant que vinguin a recollir els mobles, quina vergonya"],
    "gl": ["Grazas pola axuda, moi amables", "Segue sen funcionar a fonte da praza, aínda agardando resposta 😡"],
    "en": ["Thanks, very helpful!", "Still waiting for someone to fix the pothole. Useless."],
}


def generate(n: int, seed: int = 3) -> tuple[pd.Series, pd.Series]:
    rng = np.random.default_rng(seed)
    langs = rng.choice(["es", "ca", "gl", "en"], size=n, p=[0.7, 0.15, 0.1, 0.05])
    texts = np.empty(n, dtype=object)
    for lang, options in TEXTS.items():
        rows = np.flatnonzero(langs == lang)
        texts[rows] = np.asarray(options, dtype=object)[rng.integers(0, len(options), len(rows))]
    numbers = rng.integers(0, 10_000, n).astype(str)
    return pd.Series(texts + " " + numbers, dtype="string"), pd.Series(langs, dtype="string")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    args = parser.parse_args()
    texts, langs = generate(args.messages)
    sentiment.polarity(texts.iloc[:100], lang=langs.iloc[:100])  # load the lexicons
    start = time.perf_counter()
    scores = sentiment.polarity(texts, lang=langs)
    seconds = time.perf_counter() - start
    print(f"messages: {len(texts):,}")
    print(f"seconds: {seconds:.2f}")
    print(f"messages per second: {len(texts) / seconds:,.0f}")
    print(f"share negative / neutral / positive: {(scores < -0.05).mean():.2f} / "
          f"{scores.abs().le(0.05).mean():.2f} / {(scores > 0.05).mean():.2f}")
    print(f"peak memory: {peak_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
