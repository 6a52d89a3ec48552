"""Readers take turns, and pause while the GUI thread drains or paints (gui.core.turns)."""

from __future__ import annotations

import threading

from gui.core.turns import Turns


def test_readers_take_turns_one_at_a_time() -> None:
    turns = Turns()
    inside = threading.Event()
    leave = threading.Event()
    second_in = threading.Event()

    def first() -> None:
        with turns.reading():
            inside.set()
            leave.wait(10)

    def second() -> None:
        with turns.reading():
            second_in.set()

    a = threading.Thread(target=first)
    a.start()
    assert inside.wait(10)
    b = threading.Thread(target=second)
    b.start()
    assert not second_in.wait(0.2)  # the first reader's turn is not over
    leave.set()
    assert second_in.wait(10)
    a.join(10)
    b.join(10)


def test_a_reader_pauses_while_the_gui_thread_is_first() -> None:
    turns = Turns(max_pause_s=30)
    passed = threading.Event()

    def reader() -> None:
        turns.yield_to_gui()
        passed.set()

    with turns.gui_first():
        assert turns.gui_busy
        thread = threading.Thread(target=reader)
        with turns.gui_first():  # nested: still busy when the inner one ends
            pass
        assert turns.gui_busy
        thread.start()
        assert not passed.wait(0.2)  # it waits for the GUI thread
    assert not turns.gui_busy
    assert passed.wait(10)
    thread.join(10)


def test_a_reader_never_waits_long_for_a_gui_that_stays_busy() -> None:
    turns = Turns(max_pause_s=0.05)
    passed = threading.Event()
    with turns.gui_first():
        thread = threading.Thread(target=lambda: (turns.yield_to_gui(), passed.set()))
        thread.start()
        assert passed.wait(10)  # after max_pause_s, though the GUI thread is still busy
        assert turns.gui_busy
    thread.join(10)


def test_nothing_waits_when_nothing_is_busy() -> None:
    turns = Turns()
    assert not turns.gui_busy
    turns.yield_to_gui()  # returns at once
    with turns.reading():
        pass
    with turns.reading():  # the turn was given back
        pass
