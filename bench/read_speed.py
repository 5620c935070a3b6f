"""Reading speed: N generated messages from CSV and from Parquet.

Usage: python bench/read_speed.py --messages 1000000 [--keep DIR]

Generates a message table with numpy (threads of a citizen question and an official
answer, Spanish text of realistic length), writes it once as a generic CSV (``;``,
day-first local timestamps, as an Excel export in Spain) and once as Parquet, then reads
each with ``roi.io.read`` in a fresh process and prints wall time, messages per second
and the reading process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

CONFIG = """
timezone = "Europe/Madrid"
[accounts]
email = ["ayto"]
[csv]
channel = "email"
delimiter = ";"
dayfirst = true
[csv.columns]
message_id = "Id"
created_at = "Fecha"
text = "Mensaje"
author_id = "Remitente"
parent_id = "En respuesta a"
"""

VOCABULARY = (
    "el la de que y a en un ser se no haber por con su para como estar tener le lo todo pero más "
    "hacer o poder decir este ir otro ese calle farola contenedor basura ruido parque cita registro "
    "padrón licencia horario ayuntamiento vecino gracias buenos días por favor"
)
WORDS = np.array(VOCABULARY.split())


def generate(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    is_answer = ids % 2 == 0
    start = np.datetime64("2026-01-01T08:00")
    minutes = np.sort(rng.integers(0, 365 * 24 * 60, n))
    created = start + minutes.astype("timedelta64[m]")
    lengths = rng.integers(5, 30, n)
    words = rng.choice(WORDS, size=(n, 30))
    mask = np.arange(30)[None, :] < lengths[:, None]
    text = pd.Series([" ".join(w[m]) for w, m in zip(words[:1000], mask[:1000], strict=True)])
    text = text.iloc[ids % 1000].reset_index(drop=True)
    return pd.DataFrame({
        "Id": ids.astype(str),
        "Fecha": pd.Series(created).dt.strftime("%d/%m/%Y %H:%M"),
        "Remitente": np.where(is_answer, "ayto", "vecino" + (ids % 50_000).astype(str)),
        "Mensaje": text,
        "En respuesta a": np.where(is_answer, (ids - 1).astype(str), ""),
    })


def measure(path: Path, config: Path) -> dict:
    # a fresh process per file, so that each peak is the reader's own
    code = (
        "from memory import peak_mib\n"        "import json, time, roi.io\n"
        f"t = time.perf_counter(); r = roi.io.read({str(path)!r}, config={str(config)!r}); dt = time.perf_counter() - t\n"
        "print(json.dumps({'seconds': dt, 'messages': r.counts['messages'], 'rejects': r.counts['rejects'],"
        " 'format': r.format, 'peak_mib': peak_mib()}))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         cwd=Path(__file__).parent)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--keep", help="write the generated files here and keep them")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="roi-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    frame = generate(args.messages)
    config = folder / "roi.toml"
    config.write_text(CONFIG, encoding="utf-8")
    csv_path = folder / "messages.csv"
    frame.to_csv(csv_path, sep=";", index=False)
    print(f"generated {len(frame):,} messages in {time.perf_counter() - t:.1f} s "
          f"(CSV {csv_path.stat().st_size / 2**20:.0f} MiB)", flush=True)
    csv_result = measure(csv_path, config)
    parquet_path = folder / "messages.parquet"
    subprocess.run([sys.executable, "-m", "roi.cli", "ingest", str(csv_path), "--config", str(config),
                    "--out", str(parquet_path)], check=True, capture_output=True)
    parquet_result = measure(parquet_path, config)
    for result in (csv_result, parquet_result):
        rate = result["messages"] / result["seconds"]
        print(f"{result['format']:>8}: {result['messages']:,} messages in {result['seconds']:.2f} s = "
              f"{rate:,.0f} messages/s; peak memory {result['peak_mib']:.0f} MiB; rejects {result['rejects']}")


if __name__ == "__main__":
    main()
