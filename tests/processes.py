"""Process helpers for tests that kill or watch child processes, on Windows and POSIX."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path


def kill_hard(pid: int) -> None:
    """Kill ``pid`` without giving it a chance to clean up (SIGKILL; TerminateProcess)."""
    os.kill(pid, signal.SIGTERM if sys.platform == "win32" else signal.SIGKILL)


def process_alive(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie counts as gone)."""
    if sys.platform == "win32":
        import ctypes

        synchronize, still_active = 0x00100000 | 0x1000, 259
        handle = ctypes.windll.kernel32.OpenProcess(synchronize, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == still_active
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def stop_signals() -> list[int]:
    """The signals that ask a process to stop cleanly on this platform."""
    if sys.platform == "win32":
        return [signal.CTRL_BREAK_EVENT]
    return [signal.SIGTERM, signal.SIGINT]


def own_process_group() -> int:
    """Popen creation flags so that CTRL_BREAK reaches only that child on Windows."""
    return getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
