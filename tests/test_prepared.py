"""The tables roi builds from its own files, kept on disk between processes (roi.prepared)."""

from __future__ import annotations

import os
import pickle
import time

import numpy as np
import pandas as pd
import pytest

from roi import prepared as prepared_module
from roi.prepared import CACHE_ENV, STALE_SECONDS, fingerprint, folder, prepared


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder for one test."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


class Counter:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def _files(cache):
    return sorted(p.name for p in cache.rglob("*.pickle"))


def test_built_once_then_read_back(cache):
    build = Counter({"table": np.arange(5), "name": "es"})
    first = prepared("example", build, "es", ("a", "b"))
    second = prepared("example", build, "es", ("a", "b"))
    assert build.calls == 1  # the second came from the file
    assert second["name"] == "es" and np.array_equal(second["table"], np.arange(5))
    assert second is not first
    assert len(_files(cache)) == 1 and (cache / fingerprint()).is_dir()


def test_each_key_has_its_own_file(cache):
    build_es, build_en = Counter("es table"), Counter("en table")
    assert prepared("example", build_es, "es") == "es table"
    assert prepared("example", build_en, "en") == "en table"
    assert prepared("example", build_es, "es") == "es table"
    assert (build_es.calls, build_en.calls) == (1, 1)
    assert len(_files(cache)) == 2


def test_a_damaged_file_is_built_again_and_replaced(cache):
    build = Counter([1, 2, 3])
    prepared("example", build, 1)
    (path,) = cache.rglob("*.pickle")
    path.write_bytes(pickle.dumps([1, 2, 3])[:7])  # cut short
    assert prepared("example", build, 1) == [1, 2, 3]
    assert build.calls == 2
    assert pickle.loads(path.read_bytes()) == [1, 2, 3]  # written whole again


def test_turned_off_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.chdir(tmp_path)
    assert folder() is None
    build = Counter("value")
    prepared("example", build)
    prepared("example", build)
    assert build.calls == 2
    assert not list(tmp_path.rglob("*.pickle"))


def test_a_folder_that_cannot_be_written_only_means_building(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # a folder cannot be made inside a file
    build = Counter("value")
    assert prepared("example", build) == "value"
    assert prepared("example", build) == "value"
    assert build.calls == 2


def test_an_error_while_building_is_raised_and_nothing_is_kept(cache):
    def broken():
        raise ValueError("bad lexicon")

    with pytest.raises(ValueError, match="bad lexicon"):
        prepared("example", broken)
    assert not _files(cache)


def test_default_folder_is_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert folder() == tmp_path / "roi"


def test_the_fingerprint_follows_every_file_of_the_package(tmp_path):
    package = tmp_path / "package"
    (package / "lexicons").mkdir(parents=True)
    lexicon = package / "lexicons" / "es.toml"
    lexicon.write_text('version = "1"\n')
    (package / "__pycache__").mkdir()
    compute = fingerprint.__wrapped__  # without the per-process memo
    before = compute(package)
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")  # not part of the package's content
    assert compute(package) == before
    lexicon.write_text('version = "2"\n')  # same size, new content: a new modification time
    os.utime(lexicon, ns=(lexicon.stat().st_atime_ns, lexicon.stat().st_mtime_ns + 1_000_000))
    changed = compute(package)
    assert changed != before
    (package / "lexicons" / "ca.toml").write_text("")
    assert compute(package) not in (before, changed)


def test_stale_folders_of_other_fingerprints_are_removed(cache):
    old, recent = cache / "old-fingerprint", cache / "recent-fingerprint"
    for place in (old, recent):
        place.mkdir(parents=True)
        (place / "lexicon-x.pickle").write_bytes(b"old")
    past = time.time() - STALE_SECONDS - 60
    os.utime(old, (past, past))
    prepared("example", Counter(1))
    assert not old.exists()
    assert recent.exists()  # another version of roi still in use beside this one


def test_compiled_lexicon_read_back_matches_as_compiled(cache, monkeypatch):
    """The markers found with a lexicon read back from disk are those of a lexicon compiled anew
    (``match_texts``' whole evidence table), and the file is written the first time only."""
    from roi.text import engine

    texts = pd.Series(["Buenos días, gracias por avisar: lo revisamos hoy mismo. Disculpe las molestias.",
                       "Hola! Podeu trucar al 010 o escriure a https://www.example.cat/tramits",
                       "Thank you for letting us know, we are sorry for the delay."], dtype="string")
    langs = pd.Series(["es", "ca", "en"], dtype="string")

    monkeypatch.setenv(CACHE_ENV, "off")
    engine.grouped.cache_clear()
    fresh = engine.match_texts(texts, langs)
    monkeypatch.setenv(CACHE_ENV, str(cache))
    engine.grouped.cache_clear()
    written = engine.match_texts(texts, langs)
    files = _files(cache)
    engine.grouped.cache_clear()
    calls = []
    monkeypatch.setattr(engine, "_grouped", lambda *args: calls.append(args))  # must not be compiled again
    read_back = engine.match_texts(texts, langs)
    engine.grouped.cache_clear()
    assert len(fresh) > 5  # the texts hold markers in each language
    pd.testing.assert_frame_equal(written, fresh)
    pd.testing.assert_frame_equal(read_back, fresh)
    assert calls == [] and len([f for f in files if f.startswith("lexicon-")]) == 3


def test_models_read_back_judge_as_read_from_their_files(cache, monkeypatch):
    """Every judgment of every text is the same with the shipped models, sentiment lexicons and cue
    lists read back from disk as read from roi's files."""
    from roi import models, sentiment
    from roi.models import features, linear

    texts = pd.Series(["Gracias por la atención, muy amable", "Esto es una vergüenza, nadie contesta",
                       "Moltes gràcies per la vostra ajuda", "Thanks, that was quick!"], dtype="object")
    langs = np.asarray(["es", "es", "ca", "en"], dtype=object)

    def judged():
        for memo in (linear.bundled, sentiment._lexicon, features._cue_entries, features._cues_by_length):
            memo.cache_clear()
        models._STACKS.clear()
        return models.judge(texts, langs, models.JUDGMENTS, rules=True)

    monkeypatch.setenv(CACHE_ENV, "off")
    fresh = judged()
    monkeypatch.setenv(CACHE_ENV, str(cache))
    judged()
    kinds = {name.split("-")[0] for name in _files(cache)}
    read_back = judged()
    pd.testing.assert_frame_equal(read_back, fresh)
    assert {"model", "sentiment", "cues"} <= kinds
    assert prepared_module.folder() == cache
