"""Speed family on N generated messages: time and peak memory of ``roi.speed.summarize``,
and, in the same run, an equivalent DuckDB SQL query for comparison.

Usage: python bench/speed_summary.py --messages 1000000

The table: e-mail threads (a citizen message, answered by the council in 70% of cases
after a log-normal delay) over one year for three accounts. roi computes everything the
speed family reports (Wilson intervals, Kaplan-Meier medians with censoring on two
clocks, bootstrap intervals, SLA shares, buckets, reply latency). The SQL query computes
what a plain SQL report would: response rate and the median first-response time of
*answered* messages per account and month (no censoring, no business clock), so it does
less work than roi; it is here to show the order of magnitude. DuckDB is a bench extra
(``pip install duckdb``), not a dependency of roi.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from memory import peak_mib

from roi import speed
from roi.config import config_from_dict
from roi.schema import coerce_messages


def generate(n_messages: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_threads = int(n_messages / 1.7)
    answered = rng.random(n_threads) < 0.7
    start = pd.Timestamp("2026-01-01", tz="UTC").value
    asked = start + rng.integers(0, 365 * 86400, n_threads) * 10**9
    delay = (rng.lognormal(np.log(3 * 3600), 1.2, n_threads) * 10**9).astype(np.int64)
    accounts = np.array(["ayto", "policia", "turismo"])[rng.integers(0, 3, n_threads)]
    citizen_ids = np.char.add("c", np.arange(n_threads).astype(str))
    reply_ids = np.char.add("r", np.arange(n_threads).astype(str))[answered]
    n_replies = int(answered.sum())
    frame = pd.DataFrame({
        "message_id": np.concatenate([citizen_ids, reply_ids]),
        "channel": "email",
        "account": np.concatenate([accounts, accounts[answered]]),
        "thread_id": np.concatenate([citizen_ids, citizen_ids[answered]]),
        "parent_id": np.concatenate([np.full(n_threads, None, dtype=object), citizen_ids[answered]]),
        "author_id": np.concatenate([np.char.add("v", (np.arange(n_threads) % 90_000).astype(str)),
                                     accounts[answered]]),
        "is_official": np.r_[np.zeros(n_threads, bool), np.ones(n_replies, bool)],
        "created_at": pd.to_datetime(np.concatenate([asked, asked[answered] + delay[answered]]), utc=True),
        "text": np.where(rng.random(n_threads + n_replies) < 0.4, "¿Cuándo abre el registro?", "La farola no funciona"),
        "lang": "es",
        "is_public": False,
        "is_hidden": False,
        "likes": None,
        "source": "bench",
    })
    return coerce_messages(frame)


SQL = """
WITH inbound AS (
    SELECT c.account, strftime(c.created_at AT TIME ZONE 'Europe/Madrid', '%Y-%m') AS period,
           epoch(min(r.created_at) - c.created_at) / 60 AS minutes
    FROM messages c
    LEFT JOIN messages r ON r.parent_id = c.message_id AND r.is_official AND r.created_at > c.created_at
    WHERE NOT c.is_official
    GROUP BY c.account, period, c.message_id, c.created_at
)
SELECT account, period, count(*) AS n_inbound, count(minutes) AS n_answered,
       count(minutes) / count(*) AS response_rate, median(minutes) AS frt_median_answered_minutes
FROM inbound GROUP BY account, period ORDER BY account, period
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--resamples", type=int, default=200, help="bootstrap resamples per median")
    args = parser.parse_args()
    messages = generate(args.messages)
    config = config_from_dict({"timezone": "Europe/Madrid", "accounts": {"email": ["ayto", "policia", "turismo"]}})
    print(f"{len(messages):,} messages generated; peak memory so far {peak_mib():.0f} MiB", flush=True)
    t = time.perf_counter()
    out = speed.summarize(messages, by=("account", "channel", "period"), config=config, n_resamples=args.resamples)
    roi_seconds = time.perf_counter() - t
    print(f"roi.speed.summarize: {len(out)} groups in {roi_seconds:.2f} s; peak memory {peak_mib():.0f} MiB")
    try:
        import duckdb
    except ImportError:
        print("duckdb not installed (pip install duckdb): SQL comparison skipped")
        return
    con = duckdb.connect()
    con.register("messages", messages.assign(channel=messages["channel"].astype(str)))
    t = time.perf_counter()
    sql = con.execute(SQL).df()
    sql_seconds = time.perf_counter() - t
    print(f"DuckDB SQL (response rate + answered-only median): {len(sql)} groups in {sql_seconds:.2f} s; "
          f"peak memory {peak_mib():.0f} MiB")
    joined = out.merge(sql, on=["account", "period"], suffixes=("", "_sql"))
    same_inbound = bool((joined["n_inbound"] == joined["n_inbound_sql"]).all())
    late = int((joined["n_answered_sql"] - joined["n_answered"]).sum())
    print(f"inbound counts agree with SQL in all {len(joined)} groups: {same_inbound}; SQL counts {late} more answers:"
          " answers that came after their period's end + grace, which roi censors")
    ratio = (joined["frt_median_answered_minutes"] / joined["frt_median_minutes"]).median()
    print(f"answered-only median (SQL) / Kaplan-Meier median over all inbound (roi), median over groups: {ratio:.2f}")

if __name__ == "__main__":
    main()
