"""Pairing replies with the sent messages they answer (no Qt)."""

from __future__ import annotations

from gui.core.pairing import ReplyPairing

MS = 1_000_000  # nanoseconds


def test_a_reply_with_the_same_id_pairs() -> None:
    pairing = ReplyPairing()
    pairing.sent({"id": "a1", "op": "get"}, 10 * MS)
    pairing.sent({"id": 7, "op": "get"}, 11 * MS)
    assert pairing.received({"id": 7, "result": 1}, 14 * MS) == 3.0
    assert pairing.received({"id": "a1", "result": 2}, 15 * MS) == 5.0
    assert pairing.received({"id": "a1", "result": 3}, 16 * MS) is None  # answered once
    assert pairing.received({"id": "7"}, 17 * MS) is None  # "7" is not 7


def test_an_echo_of_a_sent_document_pairs_by_its_data() -> None:
    pairing = ReplyPairing()
    pairing.sent({"b": [1, 2], "a": {"x": None}}, 0)
    reply = {"type": "echo", "data": {"a": {"x": None}, "b": [1, 2]}}  # keys in any order
    assert pairing.received(reply, 2 * MS) == 2.0
    assert pairing.received(reply, 3 * MS) is None
    pairing.sent([1, 2], 5 * MS)
    room = {"type": "message", "room": "lobby", "seq": 4, "data": [1, 2]}
    assert pairing.received(room, 6 * MS) == 1.0


def test_equal_messages_pair_oldest_first_and_one_answer_takes_both_keys() -> None:
    pairing = ReplyPairing()
    for t in (0, 10, 20):
        pairing.sent({"type": "ping"}, t * MS)
    echo = {"type": "echo", "data": {"type": "ping"}}
    assert [pairing.received(echo, 30 * MS) for _ in range(4)] == [30.0, 20.0, 10.0, None]
    pairing.sent({"id": 1, "q": "x"}, 0)
    assert pairing.received({"id": 1}, 1 * MS) == 1.0
    # Its echo no longer pairs: the message was answered by its id.
    assert pairing.received({"type": "echo", "data": {"id": 1, "q": "x"}}, 2 * MS) is None


def test_what_does_not_pair() -> None:
    pairing = ReplyPairing()
    assert pairing.received({"id": 1}, 0) is None  # nothing sent
    pairing.sent({"id": True}, 0)  # a boolean is no id
    pairing.sent({"x": 1}, 0)
    assert pairing.received({"id": True}, MS) is None
    assert pairing.received([{"x": 1}], MS) is None
    assert pairing.received({"data": {"x": 2}}, MS) is None
    assert pairing.received({"data": {"x": 1}}, MS) == 1.0
    pairing.sent({"n": 2**70}, 0)  # beyond what orjson writes: still compared
    assert pairing.received({"data": {"n": 2**70}}, MS) == 1.0


def test_what_is_remembered_is_bounded() -> None:
    pairing = ReplyPairing()
    pairing.LIMIT = 100
    for i in range(1_000):
        pairing.sent({"id": i, "n": i}, i)
    assert len(pairing._waiting) <= 200
    assert pairing.received({"id": 0}, 5_000) is None  # forgotten
    assert pairing.received({"id": 999}, 5_000) is not None
    for i in range(1_000, 2_000):  # answered by id: their other key must not pile up
        pairing.sent({"id": i, "n": i}, i)
        pairing.received({"id": i}, i + 1)
    assert len(pairing._waiting) <= 200
