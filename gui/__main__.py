"""``python -m gui``: the desktop app, ``--version``, ``--self-test``, ``--serve`` and
``run`` (the headless scenario runner, which never loads Qt)."""

from __future__ import annotations

import os
import pathlib
import signal
import sqlite3
import sys
from collections.abc import Sequence

from gui import __version__

USAGE = """usage: python -m gui [FILE | --version | --self-test | --serve SERVER-ARGS... | run ...]

Without options, opens the Tsushin window (FILE: loaded into its editor). A second start on
the same data folder brings the first one's window forward instead.
  --version     print the version and exit
  --self-test   headless: start the embedded server, send a JSON document, check the echo
  --serve ...   run the embedded server (what the frozen app starts as its child)
  run ...       run a scenario headless: run SCENARIO.json [--junit FILE] [--users N]
                (python -m gui run --help for more)
"""


def _install_signal_handlers(window: object) -> object:
    """Close the window on SIGINT/SIGTERM; a timer lets Python run its handlers."""
    from PySide6.QtCore import QTimer

    def handler(signum: int, frame: object) -> None:
        QTimer.singleShot(0, window, window.close)  # type: ignore[call-overload, attr-defined]

    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):  # SIGBREAK: Ctrl+Break on Windows
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)
    # The Qt event loop runs C++ code; wake up the interpreter regularly.
    wake = QTimer()
    wake.setInterval(200)
    wake.timeout.connect(lambda: None)
    wake.start()
    return wake


def run_window(argv: Sequence[str]) -> int:
    """Open the main window with the user's app-data folder and run the event loop."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window, settle_memory
    from gui.earlyinit import QtStartGuard
    from gui.instance import InstanceGuard, hand_over
    from gui.models.schema import SchemaTooNewError

    with QtStartGuard().watching():  # no display: one line and exit code 2, not abort()
        app = QApplication([sys.argv[0], *argv])
    app.setApplicationName("Tsushin")
    app.setApplicationVersion(__version__)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    # TSUSHIN_DATA_DIR: another folder for history and settings (a portable copy, tests).
    chosen = os.environ.get("TSUSHIN_DATA_DIR") or location
    data_dir = pathlib.Path(chosen or pathlib.Path.home() / ".tsushin")
    open_path = _file_argument(app.arguments()[1:])
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        guard = InstanceGuard(data_dir)
        handed_over = hand_over(guard, open_path)  # one Tsushin per data folder
        if handed_over is not None:
            return handed_over
        window = build_window(data_dir)
    except (OSError, sqlite3.Error, SchemaTooNewError) as exc:  # e.g. a newer Tsushin's file
        return cannot_open(data_dir, exc)
    guard.showRequested.connect(window.on_show_requested)
    if open_path:
        window.open_file(pathlib.Path(open_path))
    wake = _install_signal_handlers(window)
    window.show()
    window.start_embedded_on_launch()
    settle_memory()
    print(f"tsushin: data folder {data_dir}", file=sys.stderr, flush=True)
    code = app.exec()
    window.close()  # no-op if already closed; makes sure the server child is stopped
    window.wait_shut_down()  # the window is gone: now the server may take its time
    guard.release()
    del wake
    return code


def _file_argument(args: Sequence[str]) -> str:
    """The file named on the command line (``Tsushin.exe message.json``, or a file
    dropped on its icon), absolute: another start may be the one to open it."""
    files = [arg for arg in args if not arg.startswith("-")]
    return str(pathlib.Path(files[0]).absolute()) if files else ""


def cannot_open(data_dir: pathlib.Path, exc: BaseException) -> int:
    """The history or settings cannot be opened: say so (a dialog too, on a screen)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    from gui.earlyinit import refuse

    message = f"cannot open the history in {data_dir}: {exc}"  # stderr: English
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        # The window's language is installed by then (build_window does it first).
        text = QCoreApplication.translate("main", "Cannot open the history in {folder}: {error}")
        QMessageBox.critical(None, "Tsushin", text.format(folder=data_dir, error=exc))
    return refuse(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--serve":
        from embedded_server.cli import main as serve

        sys.exit(serve(args[1:]))
    if args[:1] == ["run"]:
        from gui.runner.cli import main as run_scenario

        return run_scenario(args[1:])
    if args[:1] == ["--version"]:
        print(f"Tsushin {__version__}")
        return 0
    if args[:1] in (["-h"], ["--help"]):
        print(USAGE, end="")
        return 0
    from gui.earlyinit import installed_pyside_problem, refuse

    problem = installed_pyside_problem()
    if problem is not None:
        return refuse(problem)
    if args[:1] == ["--self-test"]:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from gui.selftest import run_self_test

        return run_self_test()
    if args and args[0].startswith("--"):
        print(f"unknown option {args[0]}\n{USAGE}", end="", file=sys.stderr)
        return 2
    return run_window(args)


if __name__ == "__main__":
    sys.exit(main())
