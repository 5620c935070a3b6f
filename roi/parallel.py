"""Independent parts of one call run side by side, one part per process.

``roi.indicators`` computes four families that share only the threads found before them
(:class:`roi.threads.Threads`). On a machine with two cores or more it runs them in two
parts: the parent computes one part while a child process, forked after the shared tables
were built, computes the other and sends back its tables; when the caller keeps the
threads for a second call on the same table (the report), also the per-message tables
it found (:meth:`roi.threads.Threads.memo`), as if they had been found in the parent.

The split changes no figure: each task runs the same code on the same table in either
process, and its result is sent back as it is (pickled). Should the child fail for any
reason (an error in a task, a result that cannot be sent, the process killed), the parent
computes the child's tasks itself, so an error is raised where it would have been without
the split, with the same message.

Workers: ``workers=None`` reads the ``ROI_WORKERS`` environment variable, else uses two
when the process may run on at least two cores and no container limit allows fewer CPUs.
``1`` runs everything in this process. The split needs ``fork`` (Linux, not in a daemonic
``multiprocessing`` worker); elsewhere, or when the fork is refused, every part runs here. A task
that itself runs in a child never splits again, and :func:`limit` caps the processes of every
split within a block. Other calls split too: ``roi.empathy`` called alone on a large table
(the reuse of the citizen's words beside the markers and judgments),
:meth:`roi.threads.Threads.prepare` (the official messages' languages, then in
``roi.indicators`` their markers, beside the inbound search and the speed family) and
:func:`roi.text.language.detect` (two halves of many distinct texts).
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import gc
import math
import multiprocessing
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from roi.errors import RoiError

__all__ = ["arrow_on_c_heap", "available", "default_workers", "limit", "processes", "release_memory", "run_parts",
           "threads"]

#: Set in a child process: parts never split again there.
_IN_CHILD = False

#: The most processes any :func:`run_parts` may use in the current context (:func:`limit`).
_CAP: contextvars.ContextVar[int | None] = contextvars.ContextVar("roi_parallel_cap", default=None)


@contextlib.contextmanager
def limit(workers: int | None):
    """Within the block, no :func:`run_parts` uses more than ``workers`` processes (None: no limit).

    ``roi.indicators(..., workers=1)`` runs its families under ``limit(1)``, so that the
    families' own splits (:func:`roi.empathy.score`) keep to one process as well.
    """
    current = _CAP.get()
    token = _CAP.set(workers if current is None else current if workers is None else min(current, workers))
    try:
        yield
    finally:
        _CAP.reset(token)


def available() -> bool:
    """Whether parts can run in forked child processes here: Linux, not already in a child, and not
    in a daemonic process (a ``multiprocessing.Pool`` worker, which may not start children)."""
    return (sys.platform.startswith("linux") and not _IN_CHILD and not multiprocessing.current_process().daemon
            and "fork" in multiprocessing.get_all_start_methods())


def default_workers() -> int:
    """``ROI_WORKERS`` when set, else 2 when this process may run on two cores or more and a container's
    CPU limit, if any, allows two (:func:`_cpu_quota`), else 1."""
    value = os.environ.get("ROI_WORKERS", "").strip()
    if value:
        try:
            workers = int(value)
        except ValueError:
            workers = 0
        if workers < 1:
            raise RoiError(f"ROI_WORKERS={value!r} is not a whole number of processes", field="ROI_WORKERS",
                           fix="set ROI_WORKERS to 1 (everything in one process) or more, or unset it")
        return workers
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 if min(cores, _cpu_quota()) >= 2 else 1


def _cpu_quota() -> float:
    """The CPUs a container's limit allows (cgroup v2 ``cpu.max``, or v1 ``cpu.cfs_quota_us`` over
    ``cpu.cfs_period_us``); infinity without a limit. The cores listed to the process may be the
    host's while the container may use fewer."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        return math.inf if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").read_text())
        period = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us").read_text())
        return math.inf if quota <= 0 or period <= 0 else quota / period
    except (OSError, ValueError):
        return math.inf


def release_memory() -> None:
    """Give back to the system the memory freed so far: Arrow's pool and the C heap keep freed
    blocks for reuse, and a forked child would start with them (a few hundred MiB after reading a
    large table). Linux (glibc) only; elsewhere nothing is done."""
    gc.collect()
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
        if _POOL_BEFORE is not None:  # within arrow_on_c_heap: the pool that held the loaded table too
            _POOL_BEFORE.release_unused()
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        pass
    libc = _glibc()
    if libc is not None:
        with contextlib.suppress(AttributeError):  # another C library: nothing to trim
            libc.malloc_trim(0)


def _glibc():
    """The C library whose heap :func:`release_memory` and :func:`arrow_on_c_heap` tune (glibc's
    ``malloc_trim`` and ``mallopt``): on Linux, else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # another C library
        return None


@contextlib.contextmanager
def arrow_on_c_heap():
    """Arrow allocates from the C library's heap within the block, and the heap keeps what is
    freed for reuse; after the block Arrow's default pool and glibc's thresholds are back.

    Arrow's default pool (mimalloc in the wheels) keeps the pages it freed until asked
    (:func:`release_memory`), so a long computation holds its garbage beside its live data;
    the C heap reuses it for the next tables, Arrow's and NumPy's alike. glibc would map
    every block above 128 KiB on its own and hand the top of its heap back as soon as
    128 KiB are free there, so the families' many tables of a few MiB each were faulted
    in afresh page by page; within the block blocks up to 32 MiB come from the heap, and
    up to 256 MiB freed at its top stay there (:data:`KEPT_HEAP`). On the million-message
    bench ``roi.indicators`` peaks about 160 MiB lower than on mimalloc, and takes about
    0.5 s (4%) less than with glibc's own thresholds (a quarter to a third fewer page
    faults, a quarter less system time). Reading Parquet is faster from mimalloc, so ``roi.load`` keeps it.

    Each buffer remembers the pool it came from, so tables made in the block outlive it
    safely. An ``ARROW_DEFAULT_MEMORY_POOL`` set by the user is kept, and so are ``MALLOC_*``
    variables or a ``GLIBC_TUNABLES`` malloc entry; a pool set with ``pyarrow.set_memory_pool``
    is set back after the block, the thresholds to glibc's initial ones (without their
    growth as large blocks are freed, which a set threshold turns off). The switch is for
    the whole process: another thread's work within the block uses it too. The thresholds
    are glibc's (Linux); elsewhere only the pool changes.
    """
    import pyarrow as pa

    global _HEAP_USERS, _POOL_BEFORE
    keep_pool = bool(os.environ.get("ARROW_DEFAULT_MEMORY_POOL"))
    entered = False
    try:
        with _HEAP_LOCK:  # blocks in several threads: the first switches, the last one out switches back
            if _HEAP_USERS == 0:
                if not keep_pool:
                    _POOL_BEFORE = pa.default_memory_pool()
                    pa.set_memory_pool(pa.system_memory_pool())
                _heap_thresholds(KEPT_HEAP)
            _HEAP_USERS += 1
            entered = True
        yield
    finally:
        if entered:
            with _HEAP_LOCK:
                _HEAP_USERS -= 1
                if _HEAP_USERS == 0:
                    if _POOL_BEFORE is not None:
                        pa.set_memory_pool(_POOL_BEFORE)
                    _POOL_BEFORE = None
                    _heap_thresholds(GLIBC_HEAP)


#: ``mallopt`` parameters of glibc: the free memory at the top of the heap above which it is handed back
#: to the system, and the size from which a block is mapped on its own (and unmapped when freed).
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
#: The C heap within :func:`arrow_on_c_heap`: up to 256 MiB freed at its top kept for reuse, and
#: blocks up to 32 MiB (glibc's largest threshold) taken from it rather than mapped.
KEPT_HEAP = {M_TRIM_THRESHOLD: 256 << 20, M_MMAP_THRESHOLD: 32 << 20}
#: glibc's initial thresholds, set back after the block.
GLIBC_HEAP = {M_TRIM_THRESHOLD: 128 << 10, M_MMAP_THRESHOLD: 128 << 10}


def _user_tuned_malloc() -> bool:
    """Whether the user tuned the C heap (``MALLOC_*_`` variables or a ``GLIBC_TUNABLES`` malloc entry)."""
    return any(name.startswith("MALLOC_") for name in os.environ) or "malloc" in os.environ.get("GLIBC_TUNABLES", "")


def _heap_thresholds(values: dict[int, int]) -> None:
    """Set glibc's ``mallopt`` parameters; on another system, or when the user tuned them, nothing."""
    libc = None if _user_tuned_malloc() else _glibc()
    if libc is None:
        return
    with contextlib.suppress(AttributeError):  # another C library: nothing to set
        for parameter, value in values.items():
            libc.mallopt(parameter, value)


#: :func:`arrow_on_c_heap` blocks open in this process, and the pool the first one found.
_HEAP_USERS = 0
_POOL_BEFORE = None
_HEAP_LOCK = threading.Lock()


def _fresh_heap_lock() -> None:
    """In a forked child: a lock of its own (another thread of the parent may have held it at the fork)."""
    global _HEAP_LOCK
    _HEAP_LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_heap_lock)


def _run(part: dict[str, Callable[[], object]]) -> dict[str, object]:
    """The part's results, task after task. The memory a task frees stays with its process for the
    next: given back after each task, it was faulted in again at once (0.4 CPU s more of the
    kernel's at a million messages, for a peak 0 to 40 MiB lower); it is given back before a
    fork (:func:`run_parts`)."""
    return {name: task() for name, task in part.items()}


def processes(workers: int | None = None) -> int:
    """How many processes :func:`run_parts` will use: ``workers`` (default :func:`default_workers`)
    within the :func:`limit` in force (:func:`threads`), and 1 where parts cannot fork (:func:`available`)."""
    return threads(workers) if available() else 1


def threads(workers: int | None = None) -> int:
    """How many threads a task may use for work that releases the GIL (the bootstrap's compiled
    loops): ``workers`` (default :func:`default_workers`) within the :func:`limit` in force, in a
    child process too. The parent's part keeps to one while a child works (:func:`run_parts`);
    the child's threads take the core the parent leaves when it ends first (``roi.indicators``:
    empathy's intervals, computed last, beside the end of satisfaction and transparency), and
    while both still work the system shares the two cores among the three threads."""
    workers = default_workers() if workers is None else int(workers)
    cap = _CAP.get()
    return min(workers, cap) if cap is not None else workers


def _end_with_parent(parent: int) -> None:
    """Ask Linux to end this child when its parent ends (``prctl(PR_SET_PDEATHSIG, SIGKILL)``), so
    that a parent killed midway leaves no child computing for nobody."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def _child(conn, part: dict[str, Callable[[], object]], collect: Callable[[], object] | None, parent: int) -> None:
    """A child's work: its part's results and what ``collect`` gathers after them, sent through ``conn``."""
    global _IN_CHILD
    _IN_CHILD = True
    _end_with_parent(parent)
    # the parent's streams may belong to a notebook kernel whose threads did not come across the fork
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of this process
    try:
        # the filters and the once-per-place registries came across the fork: a warning is caught here
        # when the parent would have shown it
        with warnings.catch_warnings(record=True) as caught:
            results = _run(part)
            found = collect() if collect is not None else None
        modules = {getattr(m, "__file__", None): name for name, m in list(sys.modules.items())}
        issued = [(str(w.message), w.category, w.filename, w.lineno, modules.get(w.filename)) for w in caught]
        conn.send(("ok", results, found, issued))
    except BaseException as error:  # the parent recomputes the part and raises there
        with contextlib.suppress(BaseException):  # a broken pipe: the parent sees the child end
            conn.send(("failed", f"{type(error).__name__}: {error}", None, []))
    finally:
        conn.close()


def run_parts(parts: Sequence[dict[str, Callable[[], object]]], *, workers: int | None = None,
              collect: Callable[[], object] | None = None,
              adopt: Callable[[object], None] | None = None) -> dict[str, object]:
    """Every task's result, by name, the parts run side by side when ``workers`` allows.

    Parameters
    ----------
    parts
        Groups of independent tasks (name -> function of no argument). The first part runs
        in this process; with ``workers`` >= 2 each further part, up to ``workers - 1`` of
        them, runs in a forked child (the rest here, after the first).
    workers
        Processes to use (default :func:`default_workers`).
    collect, adopt
        ``collect()`` runs in a child after its part and its value is sent back;
        ``adopt(value)`` receives it in the parent (``roi.indicators`` passes the
        per-message tables a child found, so that later calls on the same table reuse them).

    Returns
    -------
    dict
        Every task's result, in the order of ``parts``, whichever process computed it.
    """
    workers = processes(workers)
    parts = [dict(p) for p in parts if p]
    forked = parts[1:workers]
    here = [parts[0], *parts[1 + len(forked):]] if parts else []
    if forked:
        release_memory()  # before the fork, so that neither process holds the other's freed blocks
        gc.freeze()  # the objects both share: no collection writes to them, so their pages stay shared
    children = [_start(part, collect) for part in forked]
    results: dict[str, object] = {}
    try:
        with limit(1) if forked else contextlib.nullcontext():  # a core each while the children work
            for part in here:
                results.update(_run(part))
        for part, child in zip(forked, children, strict=True):
            status, value, collected, issued = _finish(child) if child is not None else _NOT_STARTED
            if status == "ok":
                results.update(value)
                _reissue(issued)
                if adopt is not None and collected is not None:
                    adopt(collected)
            else:  # computed here instead: the same figures, and an error raised where it belongs
                results.update(_run(part))
    finally:  # an error or an interrupt here: no child is left running or unreaped
        for process, *_ in filter(None, children):
            if process.is_alive():
                process.terminate()
            process.join()
        if forked:
            gc.unfreeze()
    order = [name for part in parts for name in part]
    return {name: results[name] for name in order}


#: What :func:`run_parts` reads for a child that could not be started.
_NOT_STARTED = ("failed", "the child process could not be started", None, [])


def _reissue(issued: list) -> None:
    """The child's warnings, as if raised here: the same filters, once per place as Python shows them."""
    for message, category, filename, lineno, module in issued:
        registry = None
        if module in sys.modules:
            registry = vars(sys.modules[module]).setdefault("__warningregistry__", {})
        warnings.warn_explicit(message, category, filename, lineno, module=module, registry=registry)


def _start(part, collect):
    """The child of a part, with the thread that reads its message; None when it cannot be started
    (no process left, memory refused): the part is then computed here."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    try:
        process = context.Process(target=_child, args=(writer, part, collect, os.getpid()), daemon=True)
        process.start()
    except (OSError, AssertionError, ValueError):
        reader.close()
        writer.close()
        return None
    writer.close()
    received: list = []
    # read as soon as the child sends, so that it ends (and frees its memory) while this process works on
    listener = threading.Thread(target=_receive, args=(reader, received), daemon=True)
    listener.start()
    return process, listener, received


def _receive(reader, received: list) -> None:
    try:
        received.append(reader.recv())
    except Exception:  # ended early, or a result that does not unpickle: computed here instead
        received.append(("failed", "the child process ended without a result", None, []))
    finally:
        reader.close()


def _finish(child) -> tuple[str, object, object, list]:
    """A child's message: status, results (or why it failed), what it collected, its warnings."""
    process, listener, received = child
    listener.join()
    process.join()
    return received[0]
