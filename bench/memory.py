"""Peak memory of the running process, for the bench scripts."""

from __future__ import annotations

import re
from pathlib import Path


def peak_mib() -> float:
    """This process's peak resident memory (``VmHWM`` in ``/proc/self/status``), in MiB.

    ``VmHWM`` belongs to the process image, so a child started with ``subprocess`` reports
    its own peak (``ru_maxrss`` would carry the parent's across ``exec``).
    """
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
