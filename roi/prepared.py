"""Tables roi builds from its own files, kept on disk between processes.

Every process that matches markers or judges texts first builds the same tables from the
files roi ships: each language's lexicon compiled into a word trie
(:func:`roi.text.engine.grouped`), the judgment models read from their weight files, the
sentiment lexicons and the models' cue lists. That is about a third of a second of CPU
time per process and per kind of table, paid again by every scheduled report and every
restarted notebook kernel, and by each of the processes of :func:`roi.indicators`.

:func:`prepared` keeps each such table in a file the first time it is built and reads it
back afterwards, as Python keeps compiled modules in ``__pycache__`` and Numba its
compiled loops. A table is read back only when it was built from the same files by the
same code: the file's name holds the :func:`fingerprint` of the installed package (the
path, size and modification time of every file of ``roi``, with the versions of Python,
NumPy, pandas and pyarrow), so editing a lexicon, a model or the code builds the tables
anew. A file that cannot be read (cut short, written by another version) is built again
and replaced; a folder that cannot be written only means the tables are built in every
process, as without this module. Only tables built from roi's own files are kept: a
model named in the configuration is read from its file every time.

The folder is ``ROI_CACHE_DIR`` when set (``off`` or an empty value keeps nothing on
disk), else ``roi`` in the user's cache folder (``XDG_CACHE_HOME``, by default
``~/.cache``; ``LOCALAPPDATA`` on Windows). Deleting it is always safe. The files are
Python pickles: like ``__pycache__``, the folder must be writable by its user only.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["CACHE_ENV", "fingerprint", "folder", "prepared"]

T = TypeVar("T")

#: The environment variable naming the folder (``off`` or empty: nothing kept on disk).
CACHE_ENV = "ROI_CACHE_DIR"
#: Folders of other fingerprints (another version of roi, an edited file) untouched this long are removed.
STALE_SECONDS = 7 * 24 * 3600


def folder() -> Path | None:
    """Where the tables are kept (:data:`CACHE_ENV`, else the user's cache folder), or None when turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no", "false") else Path(chosen).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "roi" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "roi"


@functools.cache
def fingerprint(root: Path | None = None) -> str:
    """A digest of the installed package: the relative path, size and modification time (ns) of
    every file under ``root`` (default the ``roi`` package, ``__pycache__`` left out), and the
    versions of Python, NumPy, pandas and pyarrow, whose objects the tables hold."""
    import numpy
    import pandas
    import pyarrow

    root = Path(__file__).resolve().parent if root is None else Path(root)
    digest = hashlib.sha256()
    for version in (sys.version, numpy.__version__, pandas.__version__, pyarrow.__version__, str(pickle.HIGHEST_PROTOCOL)):
        digest.update(version.encode() + b"\0")
    for path in sorted(p for p in root.rglob("*") if "__pycache__" not in p.parts):
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            digest.update(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:20]


def prepared(name: str, build: Callable[[], T], *key: object) -> T:
    """``build()``, kept on disk under ``name`` and ``key`` (its arguments, written with ``repr``)
    and read back in later processes while roi's files are unchanged (:func:`fingerprint`).

    An error of ``build`` (a malformed lexicon, say) is raised as it is, and nothing is kept.
    """
    where = folder()
    if where is None:
        return build()
    place = where / fingerprint()
    path = place / f"{name}-{hashlib.sha256(repr(key).encode()).hexdigest()[:16]}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except Exception:  # absent, cut short or unreadable: built again below
        pass
    value = build()
    _keep(value, place, path)
    return value


def _keep(value: object, place: Path, path: Path) -> None:
    """Write ``value`` to ``path`` whole or not at all (a temporary file renamed), quietly giving up
    when the folder cannot be written; the first time in ``place``, stale sibling folders go."""
    try:
        new = not place.is_dir()
        place.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=place, prefix=f".{path.stem}-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # a full disk, a table that cannot be pickled: nothing kept
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    if new:
        _prune(place)


def _prune(place: Path) -> None:
    """Remove the folders beside ``place`` (other fingerprints) not modified for :data:`STALE_SECONDS`."""
    now = time.time()
    for other in place.parent.iterdir():
        try:
            if other != place and other.is_dir() and now - other.stat().st_mtime > STALE_SECONDS:
                for file in other.iterdir():
                    file.unlink()
                other.rmdir()
        except OSError:
            continue
