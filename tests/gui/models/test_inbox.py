"""The shared inbox: tagged inboxes on one queue, and back-pressure on the readers."""

from __future__ import annotations

import threading

from gui.core.records import Direction, make_record
from gui.models.inbox import RecordInbox


def test_tagged_inboxes_share_one_queue_in_arrival_order() -> None:
    shared = RecordInbox()
    a, b = shared.tagged("a"), shared.tagged("b")
    a.put(make_record(Direction.RECEIVED, "1"))
    b.put(make_record(Direction.RECEIVED, "2"))
    a.put(make_record(Direction.RECEIVED, "3"))
    assert len(b) == 3
    drained = [(r.connection, r.text) for r in shared.drain(10)]
    assert drained == [("a", "1"), ("b", "2"), ("a", "3")]


def test_a_reader_waits_for_room_until_the_drain_makes_some() -> None:
    shared = RecordInbox(room=5, max_wait_s=30.0)
    reader = shared.tagged("tab")
    for n in range(8):
        reader.put(make_record(Direction.RECEIVED, str(n)))
    through = threading.Event()
    answers: list[bool] = []

    def read_on() -> None:
        answers.append(reader.wait_for_room())
        through.set()

    thread = threading.Thread(target=read_on)
    thread.start()
    assert not through.wait(0.2)  # eight waiting, room for five: it waits
    shared.drain(2)  # six left: still no room
    assert not through.wait(0.2)
    shared.drain(2)  # four
    assert through.wait(10) and answers == [True]
    thread.join(10)
    assert reader.wait_for_room()  # room now: at once


def test_a_reader_is_not_held_forever_when_nobody_drains() -> None:
    reader = RecordInbox(room=0, max_wait_s=0.05).tagged("tab")
    reader.put(make_record(Direction.RECEIVED, "x"))
    assert reader.wait_for_room() is False  # it gave up waiting, and reads on
