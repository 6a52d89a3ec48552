"""Frozen entry point of Tsushin: the script PyInstaller builds Tsushin(.exe) from.

``Tsushin --serve ...`` is how the frozen app starts its own server as a child
(``[sys.executable, "--serve", ...]``): that goes straight to the embedded server, so the
server child never loads Qt (a faster READY line, less memory). Everything else is the
GUI's ``main()``: the window, ``--self-test``, ``--version``, ``run`` (the headless
scenario runner).
"""

from __future__ import annotations

import os
import sys


def _give_windowed_app_streams() -> None:
    """Make print() safe in a console-less build.

    A windowed Tsushin.exe started from Explorer has no stdout/stderr (None). When it is
    started from a console with a command-line flag or ``run``, attach to that console so
    that ``Tsushin.exe --version``, ``--self-test`` or ``run SCENARIO.json`` prints there
    (``AttachConsole(ATTACH_PARENT_PROCESS)``); otherwise discard output.
    Pipes from a parent process (the GUI reading its server child, CI) are kept as they are.
    """
    if sys.stdout is not None and sys.stderr is not None:
        return
    stream = None
    command_line = sys.argv[1:2] and (sys.argv[1].startswith("-") or sys.argv[1] == "run")
    if sys.platform == "win32" and command_line:
        import ctypes

        attach_parent_process = -1
        if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            try:
                stream = open("CONOUT$", "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115
            except OSError:
                stream = None
    if stream is None:
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


def run() -> int:
    _give_windowed_app_streams()
    if sys.argv[1:2] == ["--serve"]:
        from embedded_server.cli import main as serve

        return serve(sys.argv[2:])
    from gui.__main__ import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
