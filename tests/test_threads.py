"""Inbound messages and their answers, on small tables worked by hand."""

import pandas as pd
import pytest

import roi
from roi import speed
from roi.config import config_from_dict
from roi.errors import RoiError
from roi.threads import inbound, replies, threads
from tests.helpers import table


def _by_id(frame):
    return frame.set_index("message_id")


def test_answer_to_the_message_or_to_a_later_message_of_the_same_citizen():
    m = table([
        {"id": "p", "at": "2026-10-05 09:00", "official": True, "text": "Aviso: corte de agua"},
        {"id": "a1", "at": "2026-10-05 10:00", "parent": "p", "author": "ana", "text": "¿Hasta cuándo?"},
        {"id": "a2", "at": "2026-10-05 10:05", "parent": "p", "author": "ana", "text": "En mi calle no hay agua"},
        {"id": "b1", "at": "2026-10-05 10:30", "parent": "p", "author": "bea", "text": "Gracias por avisar"},
        {"id": "r1", "at": "2026-10-05 11:00", "official": True, "parent": "a2", "text": "Hasta las 14 h"},
        {"id": "r0", "at": "2026-10-05 10:50", "official": True, "parent": "zz", "text": "Respuesta a algo ausente"},
    ])
    ib = _by_id(inbound(m))
    # a1 is answered by r1 because r1 replies to a2, a later message of the same citizen in the thread
    assert ib.loc["a1", "answer_id"] == "r1" and ib.loc["a2", "answer_id"] == "r1"
    # bea gets no reply; r0 answers "zz", which is not in the export, so it answers nothing
    assert pd.isna(ib.loc["b1", "answer_id"])
    assert sorted(ib.index) == ["a1", "a2", "b1"]
    assert ib.loc["a1", "is_question"] and not ib.loc["b1", "is_question"]
    rep = _by_id(replies(m))
    assert rep.loc["r1", "latency_seconds"] == 55 * 60  # 11:00 - 10:05, by hand
    assert not rep.loc["r0", "parent_in_data"] and pd.isna(rep.loc["r0", "latency_seconds"])


def test_a_reply_before_the_message_does_not_answer_it():
    m = table([
        {"id": "a1", "at": "2026-10-05 10:00", "author": "ana", "channel": "email"},
        {"id": "r1", "at": "2026-10-05 11:00", "official": True, "parent": "a1", "channel": "email"},
        {"id": "a2", "at": "2026-10-05 12:00", "author": "ana", "parent": "r1", "channel": "email"},
        {"id": "r2", "at": "2026-10-06 09:00", "official": True, "parent": "a2", "channel": "email"},
    ])
    ib = _by_id(inbound(m))
    assert ib["answer_id"].to_dict() == {"a1": "r1", "a2": "r2"}


def test_which_citizen_messages_are_inbound():
    config = config_from_dict({"accounts": {"twitter": ["AytoEjemplo"]}})
    m = table([
        {"id": "t1", "at": "2026-10-05 10:00", "author": "ana", "text": "Hoy hace sol"},  # no official: not inbound
        {"id": "t2", "at": "2026-10-05 10:01", "author": "ana", "text": "@AytoEjemplo la farola"},  # mention
        {"id": "t3", "at": "2026-10-05 10:02", "author": "bea", "parent": "t1", "text": "Sí"},  # citizen to citizen
        {"id": "d1", "at": "2026-10-05 10:03", "author": "cai", "public": False, "text": "DM"},  # private message
        {"id": "o1", "at": "2026-10-05 10:04", "author": "dan", "channel": "open311", "text": "Bache"},  # request
        {"id": "p", "at": "2026-10-05 09:00", "official": True, "author": "AytoEjemplo", "text": "Aviso"},
        {"id": "c1", "at": "2026-10-05 10:05", "author": "eva", "parent": "p", "text": "Vale"},  # comment on post
        {"id": "c2", "at": "2026-10-05 10:06", "author": "fer", "parent": "c1", "text": "No"},  # reply to eva
    ], account="AytoEjemplo")
    assert sorted(inbound(m, config)["message_id"]) == ["c1", "d1", "o1", "t2"]


def test_one_threads_result_serves_every_family_and_only_its_own_table():
    rows = [
        {"id": "q1", "at": "2026-10-05 10:00", "author": "ana", "text": "¿Cuándo abre?"},
        {"id": "r1", "at": "2026-10-05 10:30", "official": True, "parent": "q1", "text": "Hola Ana, a las 9."},
        {"id": "q2", "at": "2026-10-06 10:00", "author": "bea", "text": "@ayto la farola"},
    ]
    messages = table(rows)
    config = config_from_dict({"accounts": {"twitter": ["ayto"]}})
    shared = threads(messages, config)
    # the shared tables are those the functions compute on their own
    pd.testing.assert_frame_equal(shared.replies, replies(messages))
    pd.testing.assert_frame_equal(shared.inbound, inbound(messages, config))
    # q1 answered after 30 min, q2 (a mention) not: 2 inbound, 1 answered, whichever way they are found
    alone = speed.summarize(messages, config=config)
    assert alone["n_inbound"].tolist() == [2] and alone["n_answered"].tolist() == [1]
    pd.testing.assert_frame_equal(speed.summarize(messages, config=config, threads=shared), alone)
    # a family does not silently read the threads of another table
    with pytest.raises(RoiError, match="built from another message table"):
        speed.summarize(messages.copy(), config=config, threads=shared)


def test_a_second_grouping_on_the_same_threads_reuses_the_per_message_tables(samples):
    config = roi.load_config(samples / "roi.toml")
    messages = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config).messages
    shared = threads(messages, config)
    by_period = roi.indicators(messages, config, by=("period",), threads=shared)
    # (the official messages' markers were found beside the threads, before the families: roi.official_texts;
    # their links and purposes after speed: transparency.official_links)
    assert {key[0] for key in shared._memo} == {"speed.detail", "empathy.score", "official.texts",
                                                 "transparency.links_and_purposes",
                                                 "satisfaction.detail", "transparency.detail"}
    # the second call (another grouping) reads them, and gives what a call of its own gives
    again = roi.indicators(messages, config, threads=shared)
    pd.testing.assert_frame_equal(again.table, roi.indicators(messages, config).table)
    pd.testing.assert_frame_equal(by_period.table, roi.indicators(messages, config, by=("period",)).table)


def test_the_shared_parent_links_give_the_replies_and_inbound_messages_found_alone(samples):
    """Every reply's parent found in one pass (``parent_positions``) is what each search finds on its own:
    the sample's own exports, where replies and citizens' follow-ups both have parents."""
    config = roi.load_config(samples / "roi.toml")
    messages = roi.load(sorted(p for p in samples.iterdir() if p.suffix != ".toml"), config=config).messages
    shared = threads(messages, config)
    positions = shared.parent_positions
    has_parent = messages["parent_id"].notna().to_numpy()
    assert (positions[~has_parent] == -1).all() and (positions[has_parent] >= 0).mean() > 0.5
    pd.testing.assert_frame_equal(shared.replies, replies(messages.reset_index(drop=True)))
    pd.testing.assert_frame_equal(shared.inbound, inbound(messages, config))


def test_of_two_replies_at_the_same_time_the_first_listed_answers():
    """Two official replies at the same second to the same citizen's two messages: each message's
    first answer is that time, and the reply listed first in the citizen's time line (newest
    parent first: the reply to a2) is the answer of both, as the merge on (thread, time) found it."""
    m = table([
        {"id": "a1", "at": "2026-10-05 10:00", "author": "ana", "channel": "email", "thread": "t"},
        {"id": "a2", "at": "2026-10-05 10:05", "author": "ana", "channel": "email", "thread": "t"},
        {"id": "r1", "at": "2026-10-05 11:00", "official": True, "parent": "a1", "channel": "email", "thread": "t"},
        {"id": "r2", "at": "2026-10-05 11:00", "official": True, "parent": "a2", "channel": "email", "thread": "t"},
        {"id": "b1", "at": "2026-10-05 12:00", "author": "bea", "channel": "email"},
    ])
    ib = _by_id(inbound(m, config_from_dict({"accounts": {"email": ["ayto"]}})))
    assert ib["answer_id"].tolist() == ["r2", "r2", pd.NA]
    assert ib.loc["b1", "answer_is_public"] is pd.NA and ib.loc["a1", "answer_is_public"] == True  # noqa: E712
    assert str(ib["answer_id"].dtype) == "string" and str(ib["answer_is_public"].dtype) == "boolean"


@pytest.mark.parametrize("seed", range(5))
def test_first_listed_pair_is_the_left_merge_on_first_occurrences(seed):
    """``_first_listed`` against the pandas formulation it replaced (``drop_duplicates`` of the
    listed rows, then a left merge), on random rows with many repeated codes and times, a code
    -1, wanted pairs that are absent and wanted NaT."""
    import numpy as np

    from roi.threads import _first_listed

    rng = np.random.default_rng(seed)
    n, wanted = 400, 300
    codes = rng.integers(-1, 12, n)
    times = (np.datetime64("2026-10-05T10:00", "ns") + rng.integers(0, 15, n) * np.timedelta64(60, "s"))
    values = rng.permutation(n) * 7
    want_codes = rng.integers(-1, 14, wanted)
    want_times = np.datetime64("2026-10-05T10:00", "ns") + rng.integers(0, 18, wanted) * np.timedelta64(60, "s")
    want_times[rng.random(wanted) < 0.2] = np.datetime64("NaT")
    rows = pd.DataFrame({"code": codes, "t": times, "value": values}).drop_duplicates(["code", "t"])
    merged = pd.DataFrame({"code": want_codes, "t": want_times}).merge(rows, on=["code", "t"], how="left")
    expected = merged["value"].fillna(-1).astype(np.int64).to_numpy()
    assert (expected >= 0).sum() > 50 and (expected < 0).sum() > 50  # both kinds are tested
    np.testing.assert_array_equal(_first_listed(codes, times, values, want_codes, want_times), expected)
    assert (_first_listed(codes[:0], times[:0], values[:0], want_codes, want_times) == -1).all()
