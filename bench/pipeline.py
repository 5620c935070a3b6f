"""The whole pipeline on N realistic messages: ``roi.load``, every family, ``roi.indicators``
and ``roi report``, each in a fresh process, with DuckDB SQL of the same speed definitions.

Usage: python bench/pipeline.py --messages 1000000 [--repeat 3]

The table is the project's own sample generator (:func:`roi.sample.write_samples`) scaled
up: one fictional council-year per seed (about 21,000 messages at ``scale=2.5``: threads
and texts in es, ca and en on six channels over 13 months), read with ``roi.load``, its
ids made unique (``<unit>:`` before every message, thread, parent and citizen id) and its
accounts renamed ``<account> [c<council>-<k>]`` for 4 councils, until the table holds N
messages. It is cached under ``bench/.cache/`` as Parquet (the messages, as ``roi ingest
--out`` writes them) with the survey answers and the sample ``roi.toml``.

Each step then runs ``--repeat`` times, each time in a fresh Python process (the message
table is read there first, untimed, where a step needs it), in rounds: every step once, then
every step again, so that a step and the reference it is compared with (pyarrow's read,
DuckDB's query) run under the same conditions of the machine. The table shows the
median wall-clock time, the median CPU time (user + system: on a machine shared with
other jobs it stays put while the wall clock grows; DuckDB's may exceed its wall clock,
as it uses every core) and the median peak memory (``VmHWM``; for ``roi report`` the
largest process it started, the notebook's kernel included):

- ``pyarrow read``: ``pyarrow.parquet.read_table`` of the file (the floor of any reader);
- ``roi.load``: the same file through roi's reader and checks;
- ``speed``, ``empathy``, ``satisfaction``, ``transparency``: each family's ``summarize``;
- ``roi.indicators``: the four families and the index in one call (with the surveys);
- ``roi report``: the command, for one month (``--period``, default the busiest);
- ``duckdb speed``: SQL of the speed definitions that SQL expresses directly (inbound,
  answered, response rate, answered-only median first response per account x channel x
  month), on the table already in memory (DuckDB is a bench extra, not a roi dependency).

``observed_until`` is fixed to the latest message for every step. Each ratio is the
median of the rounds' own ratios (a step over its reference in the same round), with the
ratio of the medians beside it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
UNIT_SCALE = 2.5
COUNCILS = 4
ID_COLUMNS = ("message_id", "thread_id", "parent_id")


def _unit(k: int, folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, Path]:
    """One fictional council-year (seed ``1000 + k``), ids and accounts made unique."""
    import roi
    from roi.sample import write_samples

    out = folder / f"unit{k}"
    paths = write_samples(out, seed=1000 + k, scale=UNIT_SCALE)
    config = paths.pop("config")
    loaded = roi.load(sorted(paths.values()), config=config)
    m, s = loaded.messages, loaded.surveys.copy()
    prefix = f"{k}:"
    for column in ID_COLUMNS:
        m[column] = prefix + m[column]
    citizen = ~m["is_official"]
    m["author_id"] = m["author_id"].where(~citizen, prefix + m["author_id"])
    m["account"] = m["account"] + f" [c{k % COUNCILS}-{k // COUNCILS}]"
    for column in ("thread_id", "message_id"):
        s[column] = prefix + s[column]
    s["account"] = s["account"] + f" [c{k % COUNCILS}-{k // COUNCILS}]"
    s["survey_id"] = prefix + s["survey_id"]
    return m, s, config


def build(n_messages: int, cache: Path = CACHE) -> dict[str, Path]:
    """The cached table of at least ``n_messages`` messages (cut to exactly that many)."""
    cache.mkdir(parents=True, exist_ok=True)
    paths = {"messages": cache / f"pipeline_{n_messages}.parquet",
             "surveys": cache / f"pipeline_{n_messages}.surveys.parquet",
             "config": cache / "roi.toml"}
    if all(p.exists() for p in paths.values()):
        return paths
    from roi.schema import validate

    frames, surveys, total, k = [], [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        while total < n_messages:
            try:
                m, s, config = _unit(k, Path(tmp))
            except IndexError:  # a drawn office delay beyond the generator's calendar (roi.sample.timing.Clock.add)
                print(f"  seed {1000 + k} skipped: the sample generator fails on it", file=sys.stderr, flush=True)
                k += 1
                continue
            frames.append(m)
            surveys.append(s)
            total += len(m)
            k += 1
            print(f"  council-year {k}: {total:,} messages", file=sys.stderr, flush=True)
        paths["config"].write_bytes(config.read_bytes())
    messages = pd.concat(frames, ignore_index=True)
    # whole council-years first, then the last one cut (by time, so its threads stay whole up to the cut)
    if len(messages) > n_messages:
        last = messages.index[-len(frames[-1]):]
        keep = frames[-1]["created_at"].rank(method="first").to_numpy() <= n_messages - (len(messages) - len(last))
        messages = pd.concat([messages.iloc[: -len(last)], frames[-1][keep]], ignore_index=True)
    messages = validate(messages)
    messages.to_parquet(paths["messages"], index=False)
    pd.concat(surveys, ignore_index=True).to_parquet(paths["surveys"], index=False)
    print(f"{len(messages):,} messages of {k} council-years written to {paths['messages']}", file=sys.stderr)
    return paths


# --- steps, each run in a fresh process ---------------------------------------------------------------

def _cpu() -> float:
    """User + system CPU seconds of this process so far (what a busy machine does not inflate)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _tree_memory(itself: bool = True):
    """A :class:`memory.TreeMemory` sampler: the peak of this process (unless not ``itself``) and
    every process it starts."""
    sys.path.insert(0, str(HERE))
    from memory import TreeMemory

    return TreeMemory(itself=itself)


def _messages(paths: dict) -> tuple:
    import roi

    config = roi.load_config(paths["config"])
    messages = roi.load(paths["messages"], config=config).messages
    return config, messages, messages["created_at"].max()


def step(name: str, paths: dict, month: str) -> dict:
    """Run one step in this process: its seconds and peak memory."""
    if name == "pyarrow read":
        import pyarrow.parquet as pq

        with _tree_memory() as memory:
            c, t = _cpu(), time.perf_counter()
            pq.read_table(paths["messages"])
            seconds, cpu = time.perf_counter() - t, _cpu() - c
        return {"seconds": seconds, "cpu": cpu, "peak_mib": memory.peak_mib}
    if name == "roi.load":
        import roi

        config = roi.load_config(paths["config"])
        with _tree_memory() as memory:
            c, t = _cpu(), time.perf_counter()
            roi.load(paths["messages"], config=config)
            seconds, cpu = time.perf_counter() - t, _cpu() - c
        return {"seconds": seconds, "cpu": cpu, "peak_mib": memory.peak_mib}
    if name == "roi report":
        out = Path(tempfile.mkdtemp())
        command = [str(Path(sys.executable).with_name("roi")), "report", "--config", str(paths["config"]),
                   "--period", month, "--lang", "es", "--inputs", str(paths["messages"]), "--out", str(out)]
        with _tree_memory(itself=False) as memory:  # the command and what it starts, not this script
            t = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - t
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        # the processes side by side (command, notebook kernel, its forked worker): their summed
        # proportional sizes, or the largest one alone when that is larger
        return {"seconds": seconds, "cpu": children.ru_utime + children.ru_stime,
                "peak_mib": max(memory.tree_peak_kib / 1024, children.ru_maxrss / 1024)}
    from roi import empathy, indicators, satisfaction, speed, transparency

    config, messages, until = _messages(paths)
    if name == "duckdb speed":
        return _duckdb(messages, config)
    surveys = pd.read_parquet(paths["surveys"])
    calls = {
        "speed": lambda: speed.summarize(messages, config=config, observed_until=until),
        "empathy": lambda: empathy.summarize(messages, config=config),
        "satisfaction": lambda: satisfaction.summarize(messages, surveys, config=config, observed_until=until),
        "transparency": lambda: transparency.summarize(messages, config=config, observed_until=until),
        "roi.indicators": lambda: indicators(messages, config, surveys=surveys, observed_until=until),
    }
    with _tree_memory() as memory:
        c, t = _cpu(), time.perf_counter()
        result = calls[name]()
        seconds, cpu = time.perf_counter() - t, _cpu() - c
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += children.ru_utime + children.ru_stime  # a forked worker's (roi.indicators with two workers)
    extra = {}
    if name == "speed":
        extra = {"n_inbound": int(result["n_inbound"].sum()), "n_answered": int(result["n_answered"].sum())}
    return {"seconds": seconds, "cpu": cpu, "peak_mib": memory.peak_mib, **extra}


SQL = """
WITH m AS (
    SELECT *, strftime(created_at AT TIME ZONE '{tz}', '%Y-%m') AS period FROM messages
),
official_threads AS (SELECT DISTINCT channel, thread_id FROM m WHERE is_official),
parents AS (SELECT channel, account, message_id, author_id, is_official FROM m),
inbound AS (
    SELECT c.* FROM m c
    LEFT JOIN official_threads o ON o.channel = c.channel AND o.thread_id = c.thread_id
    LEFT JOIN parents p ON p.channel = c.channel AND p.account = c.account AND p.message_id = c.parent_id
    WHERE NOT c.is_official
      AND (o.thread_id IS NOT NULL OR NOT c.is_public OR c.channel IN ('open311', 'email', 'web')
           OR regexp_matches(c.text, '{mention}', 'i'))
      AND NOT coalesce(NOT p.is_official AND p.author_id <> c.author_id, false)
),
answers AS (
    -- an official reply to the inbound message, or to a later message of its author in the thread
    SELECT i.channel, i.account, i.message_id, min(r.created_at) AS answered_at
    FROM inbound i
    JOIN m q ON q.channel = i.channel AND q.thread_id = i.thread_id AND q.author_id = i.author_id
            AND q.created_at >= i.created_at AND NOT q.is_official
    JOIN m r ON r.channel = q.channel AND r.parent_id = q.message_id AND r.is_official AND r.created_at > i.created_at
    GROUP BY i.channel, i.account, i.message_id
)
SELECT i.account, i.channel, i.period, count(*) AS n_inbound, count(a.answered_at) AS n_answered,
       count(a.answered_at) / count(*) AS response_rate,
       median(epoch(a.answered_at - i.created_at) / 60) AS frt_median_answered_minutes
FROM inbound i LEFT JOIN answers a USING (channel, account, message_id)
GROUP BY i.account, i.channel, i.period ORDER BY 1, 2, 3
"""


def _duckdb(messages: pd.DataFrame, config) -> dict:
    import re

    try:
        import duckdb
    except ImportError:
        raise SystemExit("duckdb is not installed: it is a bench extra (pip install -e '.[bench]', or make bench)") from None

    handles = sorted({h.strip().lstrip("@") for hs in config.accounts.values() for h in hs if h.strip().lstrip("@")})
    mention = "@(" + "|".join(re.escape(h) for h in handles) + ")"
    con = duckdb.connect()
    con.register("messages", messages.assign(channel=messages["channel"].astype(str)))
    with _tree_memory() as memory:
        c, t = _cpu(), time.perf_counter()
        out = con.execute(SQL.format(tz=config.timezone, mention=mention.replace("'", "''"))).df()
        seconds, cpu = time.perf_counter() - t, _cpu() - c
    return {"seconds": seconds, "cpu": cpu, "peak_mib": memory.peak_mib, "n_inbound": int(out["n_inbound"].sum()),
            "n_answered": int(out["n_answered"].sum())}


STEPS = ("pyarrow read", "roi.load", "speed", "empathy", "satisfaction", "transparency", "roi.indicators",
         "roi report", "duckdb speed")


def _run(name: str, paths: dict, month: str) -> dict:
    """One step in a fresh process: its figures, or ``{"error": ...}`` with the last line the process wrote."""
    command = [sys.executable, str(Path(__file__).resolve()), "--step", name, "--month", month,
               *[f"--{k}={v}" for k, v in paths.items()]]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        said = (done.stderr.strip() or done.stdout.strip() or f"exit status {done.returncode}").splitlines()[-1]
        return {"error": said}
    return json.loads(done.stdout.strip().splitlines()[-1])


def busiest_month(path: Path, timezone: str) -> str:
    created = pd.read_parquet(path, columns=["created_at"])["created_at"]
    return created.dt.tz_convert(timezone).dt.strftime("%Y-%m").value_counts().idxmax()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (fresh processes); the median is shown")
    parser.add_argument("--steps", default=",".join(STEPS), help="comma-separated subset of: " + ", ".join(STEPS))
    parser.add_argument("--month", default="", help="period of the roi report step (default: the busiest month)")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    for key in ("messages-path", "surveys", "config"):
        parser.add_argument(f"--{key}", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:  # a child process: one step, one JSON line
        paths = {"messages": args.messages_path, "surveys": args.surveys, "config": args.config}
        print(json.dumps(step(args.step, paths, args.month)))
        return
    paths = build(args.messages, args.cache)
    import roi

    config = roi.load_config(paths["config"])
    month = args.month or busiest_month(paths["messages"], config.timezone)
    n = len(pd.read_parquet(paths["messages"], columns=["message_id"]))
    child = {"messages-path": paths["messages"], "surveys": paths["surveys"], "config": paths["config"]}
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    print(f"{n:,} messages ({paths['messages'].name}); report period {month}; median of {args.repeat} runs, "
          f"each in a fresh process; {os.cpu_count()} cores", flush=True)
    print(f"{'step':<16} {'seconds':>8} {'runs (s)':<26} {'cpu s':>7} {'msg/s':>10} {'peak MiB':>9}", flush=True)
    rounds = {name: [] for name in steps}
    for number in range(args.repeat):  # every step once a round: a step and its reference side by side in time
        for name in steps:
            rounds[name].append(_run(name, child, month))
        if args.repeat > 1:
            print(f"  round {number + 1} of {args.repeat} done", file=sys.stderr, flush=True)
    results, failed = {}, []
    for name in steps:
        runs = rounds[name]
        errors = [r["error"] for r in runs if "error" in r]
        if errors:  # said, and the other steps still run
            failed.append(name)
            print(f"{name:<16} failed: {errors[0]}", flush=True)
            continue
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = statistics.median(r["peak_mib"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        results[name] = {"seconds": seconds, "runs": runs}
        shown = ", ".join(f"{r['seconds']:.2f}" for r in runs)
        rate = f"{n / seconds:,.0f}" if seconds > 0 else ""
        print(f"{name:<16} {seconds:>8.2f} {shown:<26} {cpu:>7.2f} {rate:>10} {peak:>9,.0f}", flush=True)
    ratios = [("roi.load / pyarrow read", "roi.load", "pyarrow read"),
              ("roi.indicators / duckdb speed", "roi.indicators", "duckdb speed"),
              ("speed / duckdb speed", "speed", "duckdb speed")]
    for label, a, b in ratios:
        if a in results and b in results and results[b]["seconds"] > 0:
            paired = statistics.median(x["seconds"] / y["seconds"] for x, y in
                                       zip(results[a]["runs"], results[b]["runs"], strict=True) if y["seconds"] > 0)
            print(f"{label}: {paired:.1f}x (median of the rounds' ratios; "
                  f"{results[a]['seconds'] / results[b]['seconds']:.1f}x of the medians)")
    if "speed" in results and "duckdb speed" in results:
        ours, sql = results["speed"]["runs"][0], results["duckdb speed"]["runs"][0]
        print(f"inbound: roi {ours['n_inbound']:,}, SQL {sql['n_inbound']:,}; answered: roi {ours['n_answered']:,} "
              f"(within period end + grace), SQL {sql['n_answered']:,} (any time)")
    if failed or not math.isfinite(sum(r["seconds"] for r in results.values())):
        raise SystemExit(f"a step did not finish: {', '.join(failed)}")


if __name__ == "__main__":
    main()
