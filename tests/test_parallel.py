"""Families side by side (:mod:`roi.parallel`): the same figures as one process, and nothing lost on failure.

The expected values are the same calls run in one process (``workers=1``): the split may
change where a figure is computed, never the figure.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import roi
from roi import parallel
from roi import threads as threads_
from roi.errors import RoiError

pytestmark = pytest.mark.skipif(not parallel.available(), reason="forked workers need Linux")


def _pid():
    return os.getpid()


def test_the_second_part_runs_in_another_process_and_the_order_is_kept():
    found = parallel.run_parts([{"a": _pid, "b": lambda: 2}, {"c": _pid}], workers=2)
    assert list(found) == ["a", "b", "c"]
    assert found["a"] == os.getpid() and found["b"] == 2
    assert found["c"] != os.getpid()  # computed in the forked child


def test_one_worker_runs_every_part_here():
    found = parallel.run_parts([{"a": _pid}, {"c": _pid}], workers=1)
    assert found == {"a": os.getpid(), "c": os.getpid()}


def test_a_part_that_fails_in_the_child_is_computed_here():
    parent = os.getpid()

    def only_here():
        if os.getpid() != parent:
            raise MemoryError("the child ran out of memory")
        return "computed here"

    assert parallel.run_parts([{"a": lambda: 1}, {"b": only_here}], workers=2) == {"a": 1, "b": "computed here"}


def test_a_child_killed_midway_is_computed_here():
    """As the system's out-of-memory killer would end it: no result comes back, the parent computes."""
    import signal

    parent = os.getpid()

    def killed_in_the_child():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "computed here"

    assert parallel.run_parts([{"a": lambda: 1}, {"b": killed_in_the_child}], workers=2) == {"a": 1,
                                                                                          "b": "computed here"}


def test_an_error_of_a_task_is_raised_here_with_its_own_message():
    def bad():
        raise RoiError("the column 'text' is missing", field="text", fix="add it")

    with pytest.raises(RoiError, match="the column 'text' is missing"):
        parallel.run_parts([{"a": lambda: 1}, {"b": bad}], workers=2)


def test_the_child_s_warnings_are_issued_here():
    def warns():
        warnings.warn("few replies in this group", UserWarning, stacklevel=1)
        return 3

    with pytest.warns(UserWarning, match="few replies in this group"):
        assert parallel.run_parts([{"a": lambda: 1}, {"b": warns}], workers=2)["b"] == 3


def test_a_child_does_not_split_again():
    nested = parallel.run_parts([{"a": lambda: 1}, {"b": parallel.available}], workers=2)
    assert nested["b"] is False


def _processes_and_threads():
    return parallel.processes(), parallel.threads()


def test_a_child_never_forks_again_but_its_statistics_may_use_two_threads(monkeypatch):
    """The bootstrap's compiled loops release the GIL: in a child (empathy's intervals, computed last)
    they may use the core the parent leaves when it ends first, while the parent's part keeps to one;
    a limit of one keeps one thread."""
    monkeypatch.setenv("ROI_WORKERS", "2")
    found = parallel.run_parts([{"here": _processes_and_threads}, {"child": _processes_and_threads}], workers=2)
    assert found == {"here": (1, 1), "child": (1, 2)}  # the parent keeps to its core while the child works
    with parallel.limit(1):
        assert parallel.threads() == 1
        assert parallel.run_parts([{"child": _processes_and_threads}], workers=2)["child"] == (1, 1)


def test_what_the_child_collects_reaches_the_parent():
    kept = []
    parallel.run_parts([{"a": lambda: 1}, {"b": lambda: 2}], workers=2, collect=os.getpid, adopt=kept.append)
    assert len(kept) == 1 and kept[0] != os.getpid()


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("3", 3)])
def test_roi_workers_sets_the_default(monkeypatch, value, expected):
    monkeypatch.setenv("ROI_WORKERS", value)
    assert parallel.default_workers() == expected


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_bad_roi_workers_says_what_to_set(monkeypatch, value):
    monkeypatch.setenv("ROI_WORKERS", value)
    with pytest.raises(RoiError, match="ROI_WORKERS") as error:
        parallel.default_workers()
    assert "unset it" in str(error.value)


@pytest.fixture(scope="module")
def sample_year(samples):
    config = roi.load_config(samples / "roi.toml")
    loaded = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config)
    return loaded.messages, loaded.surveys, config


def test_indicators_in_two_processes_equal_one_process_exactly(sample_year):
    messages, surveys, config = sample_year
    one = roi.indicators(messages, config, surveys=surveys, workers=1)
    two = roi.indicators(messages, config, surveys=surveys, workers=2)
    pd.testing.assert_frame_equal(one.table, two.table, check_exact=True)
    for family, table in one.families.items():
        pd.testing.assert_frame_equal(table, two.families[family], check_exact=True)
    assert one.notes == two.notes


def test_a_second_call_reuses_what_the_child_found_and_equals_one_process(sample_year):
    messages, surveys, config = sample_year
    shared = threads_.threads(messages, config)
    roi.indicators(messages, config, surveys=surveys, by=("period",), threads=shared, workers=2)
    # empathy ran in the child (speed before it, here; the official texts beside the threads): every per-message
    # table came back to this process
    assert {"empathy.score", "speed.detail", "satisfaction.detail", "transparency.detail", "official.texts"} <= {
        key[0] for key in shared.memo_keys()}
    second = roi.indicators(messages, config, surveys=surveys, threads=shared, workers=1)
    alone = roi.indicators(messages, config, surveys=surveys, workers=1)
    pd.testing.assert_frame_equal(second.table, alone.table, check_exact=True)


def test_empathy_alone_finds_the_reuse_in_a_child_with_the_same_scores_and_evidence(sample_year, monkeypatch,
                                                                                   tmp_path):
    from roi import empathy

    messages, _, config = sample_year
    with parallel.limit(1):
        one_score, one_evidence = empathy.score(messages, config), empathy.evidence(messages, config)
    reuse = empathy._reuse

    def reuse_noting_the_process(rep):
        (tmp_path / "pid").write_text(str(os.getpid()))
        return reuse(rep)

    monkeypatch.setattr(empathy, "SPLIT_MIN_REPLIES", 0)  # the sample year has fewer replies than the threshold
    monkeypatch.setattr(empathy, "_reuse", reuse_noting_the_process)
    two_score, two_evidence = empathy.score(messages, config), empathy.evidence(messages, config)
    assert int((tmp_path / "pid").read_text()) != os.getpid()
    pd.testing.assert_frame_equal(one_score, two_score, check_exact=True)
    pd.testing.assert_frame_equal(one_evidence, two_evidence, check_exact=True)


def test_one_worker_in_indicators_keeps_empathy_in_one_process(sample_year, monkeypatch, tmp_path):
    from roi import empathy

    messages, surveys, config = sample_year
    reuse = empathy._reuse

    def reuse_noting_the_process(rep):
        (tmp_path / "pid").write_text(str(os.getpid()))
        return reuse(rep)

    monkeypatch.setattr(empathy, "SPLIT_MIN_REPLIES", 0)
    monkeypatch.setattr(empathy, "_reuse", reuse_noting_the_process)
    roi.indicators(messages, config, surveys=surveys, workers=1)
    assert int((tmp_path / "pid").read_text()) == os.getpid()


def test_an_inner_limit_never_raises_an_outer_one(monkeypatch):
    monkeypatch.delenv("ROI_WORKERS", raising=False)
    with parallel.limit(1):
        assert parallel.processes(2) == 1
        with parallel.limit(2):
            assert parallel.processes(None) == 1
            assert parallel.run_parts([{"a": _pid}, {"b": _pid}], workers=2) == {"a": os.getpid(), "b": os.getpid()}
    with parallel.limit(2):
        assert parallel.processes(3) == 2
    assert parallel.processes(3) == 3


def _warn_three_times():
    for _ in range(3):
        warnings.warn("the same place three times", UserWarning, stacklevel=1)
    return 1


def test_the_child_s_warnings_follow_the_parent_s_filters_and_show_once_per_place():
    """As in one process: the default action shows a place's warning once; a filter by module applies."""
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("default")
        parallel.run_parts([{"a": lambda: 0}, {"b": _warn_three_times}], workers=2)
    assert [str(w.message) for w in shown] == ["the same place three times"]
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("default")
        warnings.filterwarnings("ignore", module=__name__)
        parallel.run_parts([{"a": lambda: 0}, {"b": _warn_three_times}], workers=2)
    assert shown == []


def test_a_fork_that_fails_leaves_the_part_to_this_process(monkeypatch):
    import multiprocessing

    def refused(self):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", refused)
    assert parallel.run_parts([{"a": _pid}, {"b": _pid}], workers=2) == {"a": os.getpid(), "b": os.getpid()}


def _parts_in_a_pool_worker(_):
    return parallel.available(), parallel.run_parts([{"a": _pid}, {"b": _pid}], workers=2)


def test_a_pool_worker_runs_every_part_itself():
    """Pool workers are daemonic and may not start children: everything runs in the worker."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        can_fork, found = pool.map(_parts_in_a_pool_worker, [0])[0]
    assert can_fork is False
    assert found["a"] == found["b"] != os.getpid()


def test_no_child_is_left_when_this_process_s_part_fails():
    import multiprocessing

    def slow():
        import time

        time.sleep(30)
        return 1

    def bad():
        raise ValueError("this process's part failed")

    with pytest.raises(ValueError, match="part failed"):
        parallel.run_parts([{"a": bad}, {"b": slow}], workers=2)
    assert multiprocessing.active_children() == []


def test_a_cpu_quota_under_two_keeps_one_process(monkeypatch):
    monkeypatch.delenv("ROI_WORKERS", raising=False)
    monkeypatch.setattr(parallel, "_cpu_quota", lambda: 1.5)
    assert parallel.default_workers() == 1
    monkeypatch.setattr(parallel, "_cpu_quota", lambda: float("inf"))
    assert parallel.default_workers() == (2 if len(os.sched_getaffinity(0)) >= 2 else 1)


def test_prepare_guesses_the_languages_in_a_child_beside_the_threads_with_the_same_result(sample_year, monkeypatch,
                                                                                           tmp_path):
    from roi.text import language

    messages, _, config = sample_year
    alone = threads_.threads(messages, config).prepare(workers=1)
    resolve = language.resolve

    def resolve_noting_the_process(*args, **kwargs):
        (tmp_path / "pid").write_text(str(os.getpid()))
        return resolve(*args, **kwargs)

    monkeypatch.setattr(language, "resolve", resolve_noting_the_process)
    split = threads_.threads(messages, config).prepare(workers=2)
    assert int((tmp_path / "pid").read_text()) != os.getpid()
    assert "official_language" in vars(split)  # kept here: the families read it without guessing again
    assert split.official_language.equals(alone.official_language)
    pd.testing.assert_frame_equal(split.inbound, alone.inbound, check_exact=True)
    pd.testing.assert_frame_equal(split.replies, alone.replies, check_exact=True)


def test_the_language_guess_counts_two_halves_side_by_side_with_the_same_guesses(sample_year, monkeypatch, tmp_path):
    from roi.text import language

    messages, _, _ = sample_year
    texts = messages["text"].astype("string").fillna("")
    with parallel.limit(1):
        one = language.detect(texts, default="es")
    counts = language._counts
    pids = tmp_path / "pids"

    def counts_noting_the_process(array):
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return counts(array)

    monkeypatch.setattr(language, "SPLIT_MIN_TEXTS", 0)  # the sample year has fewer texts than the threshold
    monkeypatch.setattr(language, "_counts", counts_noting_the_process)
    two = language.detect(texts, default="es")
    processes = set(pids.read_text().split())
    assert len(processes) == 2 and str(os.getpid()) in processes  # one half here, one in a child
    pd.testing.assert_series_equal(one, two, check_exact=True)
    assert one.nunique() >= 3  # the sample year writes in several languages: the guesses are not all the default


def test_arrow_allocates_from_the_c_heap_in_the_block_and_its_tables_outlive_it(monkeypatch):
    import pyarrow as pa
    import pyarrow.compute as pc

    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    before = pa.default_memory_pool().backend_name
    with parallel.arrow_on_c_heap():
        assert pa.default_memory_pool().backend_name == "system"
        made = pc.utf8_upper(pa.array(["plaza", "mayor", None]))  # a new buffer, from the block's pool
    assert pa.default_memory_pool().backend_name == before
    assert made.to_pylist() == ["PLAZA", "MAYOR", None]


def test_a_pool_the_user_chose_is_kept_and_an_error_restores_the_default(monkeypatch):
    import pyarrow as pa

    before = pa.default_memory_pool().backend_name
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", before)
    with parallel.arrow_on_c_heap():
        assert pa.default_memory_pool().backend_name == before
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL")
    with pytest.raises(RoiError, match="stopped midway"), parallel.arrow_on_c_heap():
        raise RoiError("stopped midway")
    assert pa.default_memory_pool().backend_name == before


class _Libc:
    """Stands for the C library: notes every ``mallopt`` call."""

    def __init__(self):
        self.calls = []

    def mallopt(self, parameter, value):
        self.calls.append((parameter, value))
        return 1


def test_the_heap_keeps_freed_memory_in_the_block_and_gets_glibc_s_thresholds_back(monkeypatch):
    libc = _Libc()
    monkeypatch.setattr(parallel.ctypes, "CDLL", lambda name: libc)
    monkeypatch.setattr(parallel.sys, "platform", "linux")
    for name in [name for name in os.environ if name.startswith("MALLOC_")] + ["GLIBC_TUNABLES"]:
        monkeypatch.delenv(name, raising=False)
    with parallel.arrow_on_c_heap():
        with parallel.arrow_on_c_heap():  # a block within a block changes nothing again
            pass
        assert libc.calls == [(-1, 256 << 20), (-3, 32 << 20)]  # glibc's M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
    assert libc.calls[2:] == [(-1, 128 << 10), (-3, 128 << 10)]  # glibc's defaults (its mallopt(3) page)
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "system")  # the user's Arrow pool: the heap still tuned
    with parallel.arrow_on_c_heap():
        pass
    assert len(libc.calls) == 8


@pytest.mark.parametrize("variable, value", [("MALLOC_ARENA_MAX", "2"), ("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")])
def test_a_heap_the_user_tuned_is_left_alone(monkeypatch, variable, value):
    libc = _Libc()
    monkeypatch.setattr(parallel.ctypes, "CDLL", lambda name: libc)
    monkeypatch.setenv(variable, value)
    with parallel.arrow_on_c_heap():
        pass
    assert libc.calls == []


_FAULTS = """
import resource, numpy as np
from roi import parallel

def faults():  # page faults of 20 blocks of 16 MiB, each written whole and freed
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(20):
        block = np.ones(2 << 20)
        del block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

parallel._heap_thresholds(parallel.GLIBC_HEAP)
outside = faults()
with parallel.arrow_on_c_heap():
    faults()  # the heap grows once
    inside = faults()
print(outside, inside)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the thresholds are glibc's")
def test_in_the_block_a_freed_block_is_reused_without_faulting_its_pages_again():
    env = {name: value for name, value in os.environ.items() if not name.startswith("MALLOC_") and name != "GLIBC_TUNABLES"}
    run = subprocess.run([sys.executable, "-c", _FAULTS], capture_output=True, text=True, env=env, check=True)
    outside, inside = map(int, run.stdout.split())
    # mapped afresh, every block faults its pages again (4,096 of 4 KiB, or 8 huge pages where NumPy
    # gets them); taken from the heap that kept it, none
    assert outside >= 20
    assert inside * 10 < outside


def test_indicators_compute_the_families_with_arrow_on_the_c_heap(sample_year, monkeypatch):
    import pyarrow as pa

    from roi import speed

    messages, surveys, config = sample_year
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    seen = []
    summarize = speed.summarize

    def noting_the_pool(*args, **kwargs):
        seen.append(pa.default_memory_pool().backend_name)
        return summarize(*args, **kwargs)

    monkeypatch.setattr(speed, "summarize", noting_the_pool)
    roi.indicators(messages, config, surveys=surveys, workers=1)
    assert seen == ["system"]


def test_the_official_texts_found_beside_the_threads_equal_each_family_s_own(sample_year, monkeypatch, tmp_path):
    from roi import empathy, official_texts, transparency

    messages, _, config = sample_year
    with parallel.limit(1):  # each family matching its own texts, with its own families of the lexicons
        alone = empathy.score(messages, config), transparency.official_detail(messages, config)
    find = official_texts.find

    def find_noting_the_process(shared):
        with (tmp_path / "pids").open("a") as out:
            out.write(f"{os.getpid()}\n")
        return find(shared)

    monkeypatch.setattr(official_texts, "find", find_noting_the_process)
    shared = threads_.threads(messages, config).prepare(workers=2, beside=official_texts.beside_threads(config))
    found_in = [int(p) for p in (tmp_path / "pids").read_text().split()]
    assert len(found_in) == 1 and found_in[0] != os.getpid()  # found once, in the child
    with parallel.limit(1):
        beside = (empathy.score(messages, config, threads=shared),
                  transparency.official_detail(messages, config, threads=shared))
    assert len((tmp_path / "pids").read_text().split()) == 1  # both families read them and matched nothing
    for expected, got in zip(alone, beside, strict=True):
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    # the rows empathy reads are, frame for frame, the markers of its own pass over the replies' texts
    # (the columns the scores read, with the categories of the whole official texts)
    _, rep = empathy._reply_table(messages, config, shared)
    own = empathy._markers(rep["text"], rep["lang"])[["row", *official_texts.EMPATHY_COLUMNS]]
    read = shared.memo(official_texts.KEY, config, None).empathy_at(rep["_pos"].to_numpy())
    pd.testing.assert_frame_equal(read, own, check_categorical=False)
    assert read["family"].astype(str).tolist() == own["family"].astype(str).tolist()
    other = roi.load_config(config.source)  # another configuration's markers are not taken for these
    with parallel.limit(1):
        transparency.official_detail(messages, other, threads=shared)
    assert len((tmp_path / "pids").read_text().split()) == 2


def test_the_official_texts_refuse_a_position_that_is_not_an_official_message(sample_year):
    from roi import official_texts

    messages, _, config = sample_year
    shared = threads_.threads(messages, config)
    texts = official_texts.find(shared)
    official = texts.rows[[0, len(texts.rows) // 2, -1]]
    assert texts.pairs_at(official).tolist() == texts.pair[[0, len(texts.rows) // 2, -1]].tolist()
    citizen = int(np.flatnonzero(~shared.table["is_official"].to_numpy(dtype=bool))[0])
    with pytest.raises(ValueError, match=f"table position {citizen} is not an official message"):
        texts.pairs_at(np.array([official[0], citizen]))
    with pytest.raises(ValueError, match="not an official message"):
        texts.pairs_at(np.array([len(shared.table) + 5]))  # past every row


def test_prepare_runs_meanwhile_in_this_process_beside_the_languages_child(sample_year, monkeypatch, tmp_path):
    messages, _, config = sample_year
    seen = []

    def meanwhile():
        seen.append((os.getpid(), parallel.processes(2)))

    shared = threads_.threads(messages, config).prepare(workers=2, meanwhile=meanwhile)
    # here: what it loads (the compiled loops) is then shared by later forks; on one core, beside the child
    assert seen == [(os.getpid(), 1)]
    assert "official_language" in shared.__dict__ and "_inbound_and_rows" in shared.__dict__
    shared.prepare(workers=2, meanwhile=meanwhile)  # nothing left for a child: both cores are its own
    assert seen[1] == (os.getpid(), 2)


def test_blocks_on_the_c_heap_in_two_threads_leave_the_default_pool_as_they_found_it(monkeypatch):
    import threading

    import pyarrow as pa

    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    before = pa.default_memory_pool().backend_name
    inside, leave = threading.Event(), threading.Event()

    def other():
        with parallel.arrow_on_c_heap():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    with parallel.arrow_on_c_heap():  # opened first, closed while the other thread's block is open
        thread.start()
        inside.wait(10)
    assert pa.default_memory_pool().backend_name == "system"  # the other block still allocates there
    leave.set()
    thread.join()
    assert pa.default_memory_pool().backend_name == before  # and nothing is left switched


def test_memory_released_within_the_block_reaches_the_pool_it_replaced(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    released = []

    class Pool:  # stands for mimalloc, which holds what roi.load read and freed
        def release_unused(self):
            released.append("before")

    with parallel.arrow_on_c_heap():
        real = parallel._POOL_BEFORE
        monkeypatch.setattr(parallel, "_POOL_BEFORE", Pool())
        parallel.release_memory()
        monkeypatch.setattr(parallel, "_POOL_BEFORE", real)
    assert released == ["before"]
    assert parallel._POOL_BEFORE is None  # out of the block: nothing replaced, nothing to release


def test_prepare_finds_the_beside_tables_again_for_another_configuration(sample_year):
    messages, _, config = sample_year
    other = roi.load_config(config.source)
    shared = threads_.threads(messages, config)
    shared.prepare(workers=1, beside={("probe",): (config, lambda t: "first")})
    shared.prepare(workers=1, beside={("probe",): (config, lambda t: "not asked again")})
    assert shared._memo[("probe",)] == (config, "first")
    shared.prepare(workers=1, beside={("probe",): (other, lambda t: "second")})
    assert shared._memo[("probe",)] == (other, "second")


@pytest.mark.parametrize("how", ["one process", "two processes", "the fork refused"])
def test_the_tables_several_families_read_are_found_once_per_call_and_dropped_after_the_last(sample_year, monkeypatch,
                                                                                             tmp_path, how):
    import multiprocessing

    from roi import official_texts, topics, transparency

    messages, _, config = sample_year
    calls = tmp_path / "calls"
    find, message_topics, made = official_texts.find, topics.message_topics, []
    links_and_purposes = transparency._links_and_purposes

    def noted(name, compute):
        def run(*args):
            with calls.open("a") as out:  # a file: the child's calls count too
                out.write(f"{name} {os.getpid()}\n")
            return compute(*args)
        return run

    def threads_kept_for_the_test(*args):
        made.append(threads_.Threads(*args))
        return made[-1]

    monkeypatch.setattr(official_texts, "find", noted("texts", find))
    monkeypatch.setattr(topics, "message_topics", noted("topics", message_topics))
    monkeypatch.setattr(transparency, "_links_and_purposes", noted("links", links_and_purposes))
    monkeypatch.setattr(threads_, "threads", threads_kept_for_the_test)
    if how == "the fork refused":  # every part then runs here, empathy after transparency
        def refused(self):
            raise BlockingIOError(11, "Resource temporarily unavailable")
        monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", refused)
    roi.indicators(messages, config, by=("account", "topic"), workers=1 if how == "one process" else 2)
    names = sorted(line.split()[0] for line in calls.read_text().splitlines())
    # speed found the topics before the fork and every family read them; empathy and transparency read one
    # set of official texts, whichever process found it; the links and purposes were found once, here
    # (before the fork with two processes, by transparency itself in one)
    assert names == ["links", "texts", "topics"]
    pids = {name: int(pid) for name, pid in (line.split() for line in calls.read_text().splitlines())}
    assert (pids["texts"] != os.getpid()) == (how == "two processes")  # beside the threads, in the child
    assert pids["topics"] == pids["links"] == os.getpid()
    # and with no caller to reuse them, nothing is held once the families are done
    assert made[0].memo_keys() == set()


def test_the_replies_told_apart_by_their_pair_numbers_as_by_their_texts_and_languages(sample_year):
    """Empathy numbers the replies' distinct (text, language) from the pair numbers the official texts
    hold (``_pair``): the same numbers, in the same order of first appearance, as
    ``first_of_each`` of the texts and languages themselves, over any subset of the replies."""
    from roi import empathy, official_texts
    from roi.periods import first_of_each

    messages, _, config = sample_year
    shared = threads_.threads(messages, config)
    texts = shared.memo(official_texts.KEY, config, lambda: official_texts.find(shared))
    _, rep = empathy._reply_table(messages, config, shared)
    rep["_pair"] = texts.pairs_at(rep["_pos"].to_numpy())
    every, some = np.arange(len(rep)), np.flatnonzero(rep["answers_citizen"].to_numpy(dtype=bool))[::-1]
    for rows in (every, some):
        want = first_of_each(rep["text"].iloc[rows], rep["lang"].iloc[rows])
        got = empathy._distinct_texts(rep, rows, rep["text"].iloc[rows], rep["lang"].iloc[rows])
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])
        assert want[0].max() + 1 < len(rows)  # texts repeat: the numbering is not the rows'
