"""Who runs Python when the tabs flood: the GUI thread first, then one reader at a time.

Every tab reads its socket in a thread of its own, and under a flood each of them is
busy in Python all the time. Python runs one thread at a time (the GIL); a thread that
wants it back waits while the others take turns, and the GUI thread enters and leaves
Python many times a frame (each cell a view paints is a call into the model). With
eight busy readers, each of those entries waited behind them: a repaint of the history
table took half a second. Two rules bound that, both without a cost when nothing floods:

- :meth:`Turns.reading`: readers take turns, one at a time, each for one chunk read
  from its socket (thousands of small messages). The others wait without holding the
  GIL, so the GUI thread competes with one thread, not eight.
- :meth:`Turns.gui_first`: while the GUI thread drains the history or paints it, the
  reader whose turn it is pauses before its next message (:meth:`Turns.yield_to_gui`).
  A reader never pauses for longer than ``max_pause_s`` at a time, so a GUI thread
  that blocks inside such a section (it should not) slows the readers, never stops them.

Qt-free; one instance for the process (:data:`TURNS`): there is one GUI thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

MAX_PAUSE_S = 0.1


class Turns:
    """The readers' lock and the GUI thread's priority (see the module's text)."""

    def __init__(self, max_pause_s: float = MAX_PAUSE_S) -> None:
        self.max_pause_s = max_pause_s
        self._reader = threading.Lock()
        self._gui_idle = threading.Event()
        self._gui_idle.set()
        self._gui_depth = 0  # nested gui_first sections (GUI thread only)

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """A reader thread's turn: act on one chunk of what its socket brought."""
        with self._reader:
            yield

    @contextlib.contextmanager
    def gui_first(self) -> Iterator[None]:
        """The GUI thread's work during which readers pause (GUI thread only)."""
        self._gui_depth += 1
        if self._gui_depth == 1:
            self._gui_idle.clear()
        try:
            yield
        finally:
            self._gui_depth -= 1
            if self._gui_depth == 0:
                self._gui_idle.set()

    @property
    def gui_busy(self) -> bool:
        """True inside :meth:`gui_first`."""
        return not self._gui_idle.is_set()

    def yield_to_gui(self) -> None:
        """Called by a reader between messages: wait while the GUI thread is busy
        (at most :attr:`max_pause_s`)."""
        if not self._gui_idle.is_set():
            self._gui_idle.wait(self.max_pause_s)


#: The process's turns (one GUI thread, every tab's reader).
TURNS = Turns()
