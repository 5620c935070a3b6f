"""Peak memory of the running process, for the bench scripts."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path


def peak_mib() -> float:
    """This process's peak resident memory (``VmHWM`` in ``/proc/self/status``), in MiB.

    ``VmHWM`` belongs to the process image, so a child started with ``subprocess`` reports
    its own peak (``ru_maxrss`` would carry the parent's across ``exec``).
    """
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (from ``/proc/<pid>/task/*/children``)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").glob("*/children"))
        except OSError:  # the process ended meanwhile
            continue
        for task in tasks:
            try:
                queue.extend(int(child) for child in task.read_text().split())
            except OSError:  # the task ended meanwhile
                continue
    return found


def _pss_kib(pid: int) -> int:
    """Proportional set size of one process (shared pages divided among the processes sharing them)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # ended meanwhile
        return 0
    match = re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE)
    return int(match.group(1)) if match else 0


class TreeMemory:
    """The peak memory of this process and every process it starts, sampled while in use.

    ``VmHWM`` counts one process. Where a call forks a child (``roi.indicators`` with two
    workers) or runs a command, the memory of the machine in use is the sum over the
    processes, each shared page counted once: the proportional set size (``Pss`` of
    ``/proc/<pid>/smaps_rollup``) summed over the tree, sampled every ``interval`` seconds.
    :attr:`peak_mib` is the larger of that sampled peak and this process's own ``VmHWM``
    (exact for one process; a sample may miss a short peak of the tree).

    >>> with TreeMemory() as memory:  # doctest: +SKIP
    ...     work()
    >>> memory.peak_mib  # doctest: +SKIP
    """

    def __init__(self, interval: float = 0.5, *, itself: bool = True):
        self.interval = interval
        self.itself = itself  # False: the processes it starts only (a command timed from here)
        self.tree_peak_kib = 0
        self.most_processes = 0

    def _sample(self) -> None:
        pids = _descendants(os.getpid())
        if not self.itself:
            pids = pids[1:]
        self.tree_peak_kib = max(self.tree_peak_kib, sum(_pss_kib(pid) for pid in pids))
        self.most_processes = max(self.most_processes, len(pids))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeMemory:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    @property
    def peak_mib(self) -> float:
        return max(self.tree_peak_kib / 1024, peak_mib()) if self.itself else self.tree_peak_kib / 1024
