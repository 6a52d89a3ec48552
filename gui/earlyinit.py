"""Checks made before the window is built: a supported PySide6, and a display.

As qutebrowser's ``earlyinit`` does for Qt, the app refuses to run on what it cannot
run on, with one line that says why and exit code 2, instead of a crash later on.

- PySide6: the range ``requirements.txt`` allows (``>=6.7,!=6.12.0,<7``). 6.12.0 loses
  references to ``None`` on every call of a ``void`` Qt method under Python 3.11, and
  the interpreter aborts minutes later; releases outside the range are untested.
- A display: Qt ends the process with ``abort()`` (exit code 134) and a screenful of
  plugin messages when its platform plugin cannot start, e.g. xcb with no X server.
  :class:`QtStartGuard` listens to Qt's messages while the application object is
  built and turns that fatal error into one line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

EXIT_UNSUITABLE = 2
MIN_PYSIDE = (6, 7)
EXCLUDED_PYSIDE = {(6, 12, 0): "it loses references to None and crashes under Python 3.11"}
NEXT_MAJOR = 7
INSTALL_HINT = "python -m pip install -r requirements.txt"


def pyside_problem(version: tuple[int, ...]) -> str | None:
    """Why PySide6 ``version`` cannot run Tsushin, or None when it can."""
    release = tuple(version[:3])
    shown = ".".join(str(part) for part in release)
    if release[:2] < MIN_PYSIDE:
        why = f"Tsushin needs {'.'.join(map(str, MIN_PYSIDE))} or newer"
    elif release in EXCLUDED_PYSIDE:
        why = EXCLUDED_PYSIDE[release]
    elif release[0] >= NEXT_MAJOR:
        why = f"Tsushin is not tested with PySide6 {NEXT_MAJOR}"
    else:
        return None
    return f"PySide6 {shown} is not supported ({why}): {INSTALL_HINT}"


def installed_pyside_problem() -> str | None:
    """:func:`pyside_problem` for the PySide6 that ``import PySide6`` finds."""
    try:
        import PySide6
    except ImportError as exc:
        return f"PySide6 is not installed ({exc}): {INSTALL_HINT}"
    version = tuple(int(part) for part in PySide6.__version_info__[:3])
    return pyside_problem(version)


def no_display_text(first_qt_message: str, environ: Mapping[str, str]) -> str:
    """The line that says why no window can be shown."""
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "no display found: DISPLAY and WAYLAND_DISPLAY are not set (run it in a"
            " desktop session, or headless under xvfb-run)"
        )
    return f"cannot open a window: {first_qt_message or 'no Qt platform plugin could start'}"


def refuse(message: str) -> int:
    """Print ``tsushin: message`` on stderr; return the exit code to end with."""
    print(f"tsushin: {message}", file=sys.stderr, flush=True)
    return EXIT_UNSUITABLE


class QtStartGuard:
    """Holds back Qt's messages while the application object is built.

    A fatal one (no platform plugin could start) ends the process at once with
    :func:`no_display_text` and exit code 2; the others are handed on afterwards to
    whatever handler was installed before.
    """

    def __init__(self) -> None:
        self._held: list[tuple[object, object, str]] = []
        self._previous: object = None

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Guard the ``with`` block (build the QApplication in it)."""
        from PySide6.QtCore import qInstallMessageHandler

        self._previous = qInstallMessageHandler(self._on_message)
        try:
            yield
        finally:
            qInstallMessageHandler(self._previous)  # type: ignore[arg-type]
            self._replay()

    def _on_message(self, kind: object, context: object, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        if kind == QtMsgType.QtFatalMsg:
            platform = [m for _, c, m in self._held if str(c).startswith("qt.qpa")]
            first = platform[0].strip() if platform else message.splitlines()[0]
            refuse(no_display_text(first, os.environ))
            os._exit(EXIT_UNSUITABLE)  # Qt aborts when a fatal handler returns
        self._held.append((kind, getattr(context, "category", ""), message))

    def _replay(self) -> None:
        from PySide6.QtCore import QtMsgType

        names = {QtMsgType.QtWarningMsg: "warning", QtMsgType.QtCriticalMsg: "critical"}
        for kind, category, message in self._held:
            if kind in names:
                print(f"{category}: {message}" if category else message, file=sys.stderr)
        self._held.clear()
