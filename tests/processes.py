"""Process helpers for tests that start, kill or watch child processes, on Windows and
POSIX.

Every process a test starts goes through :func:`spawn` (or :func:`run`), which ties it
to the test process: when the test run ends in any way, killed outright included, the
child is killed too (Linux: ``PR_SET_PDEATHSIG``; Windows: a job object that kills its
processes when its last handle, held by the test process, closes). Servers get
``--exit-with-parent`` and a pipe on stdin as well, so their own children go with them.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


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


# --- tying children to the test process --------------------------------------------------


def _linux_die_with_parent() -> Callable[[], None] | None:
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl
    pr_set_pdeathsig = 1
    parent = os.getpid()

    def tie() -> None:  # runs in the child, between fork and exec: nothing but a call
        prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() != parent:  # the test process died before the call
            os._exit(1)

    return tie


class _WindowsJob:
    """A job object that kills every process in it once the test process is gone."""

    def __init__(self) -> None:
        from ctypes import wintypes

        class BasicLimits(ctypes.Structure):
            _fields_ = [
                ("PerProcessUserTimeLimit", ctypes.c_int64),
                ("PerJobUserTimeLimit", ctypes.c_int64),
                ("LimitFlags", wintypes.DWORD),
                ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t),
                ("ActiveProcessLimit", wintypes.DWORD),
                ("Affinity", ctypes.c_size_t),
                ("PriorityClass", wintypes.DWORD),
                ("SchedulingClass", wintypes.DWORD),
            ]

        class IoCounters(ctypes.Structure):
            _fields_ = [(name, ctypes.c_uint64) for name in ("r", "w", "o", "rb", "wb", "ob")]

        class ExtendedLimits(ctypes.Structure):
            _fields_ = [
                ("BasicLimitInformation", BasicLimits),
                ("IoInfo", IoCounters),
                ("ProcessMemoryLimit", ctypes.c_size_t),
                ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t),
                ("PeakJobMemoryUsed", ctypes.c_size_t),
            ]

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.CreateJobObjectW.restype = wintypes.HANDLE
        kernel32.OpenProcess.restype = wintypes.HANDLE
        self._kernel32 = kernel32
        self.handle = kernel32.CreateJobObjectW(None, None)
        if not self.handle:
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
        limits = ExtendedLimits()
        kill_on_job_close = 0x2000
        limits.BasicLimitInformation.LimitFlags = kill_on_job_close
        extended_limit_information = 9
        if not kernel32.SetInformationJobObject(
            wintypes.HANDLE(self.handle),
            extended_limit_information,
            ctypes.byref(limits),
            ctypes.sizeof(limits),
        ):
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]

    def add(self, pid: int) -> None:
        from ctypes import wintypes

        set_quota_and_terminate = 0x0100 | 0x0001
        process = self._kernel32.OpenProcess(set_quota_and_terminate, False, pid)
        if not process:
            return  # already gone
        try:
            if not self._kernel32.AssignProcessToJobObject(
                wintypes.HANDLE(self.handle), wintypes.HANDLE(process)
            ):
                raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
        finally:
            self._kernel32.CloseHandle(wintypes.HANDLE(process))


_job: _WindowsJob | None = None


def spawn(args: Sequence[str], **kwargs: Any) -> subprocess.Popen:
    """``subprocess.Popen(args, **kwargs)``, tied to the test process (see above)."""
    global _job
    tie = _linux_die_with_parent()
    if tie is not None:
        kwargs["preexec_fn"] = tie
    kwargs.setdefault("cwd", ROOT)
    process = subprocess.Popen(list(args), **kwargs)
    if sys.platform == "win32":
        if _job is None:
            _job = _WindowsJob()
        _job.add(process.pid)
    return process


def run(args: Sequence[str], *, timeout: float, **kwargs: Any) -> subprocess.CompletedProcess:
    """``subprocess.run`` with :func:`spawn`: output captured as text, killed on timeout."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    kwargs.setdefault("text", True)
    kwargs.setdefault("encoding", "utf-8")
    process = spawn(args, **kwargs)
    try:
        out, err = process.communicate(timeout=timeout)
    except BaseException:
        process.kill()
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def wait_gone(pids: Iterable[int], timeout: float) -> list[int]:
    """Wait until none of ``pids`` is alive; return those still alive at the end."""
    pending = list(pids)
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        pending = [pid for pid in pending if process_alive(pid)]
        if pending:
            time.sleep(0.05)  # processes, not Qt: there is no signal to wait on
    return [pid for pid in pending if process_alive(pid)]


# --- python -m gui ----------------------------------------------------------------------


def gui_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """An environment for ``python -m gui`` with its data and settings under ``tmp_path``."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path),
    }
    env.pop("TSUSHIN_DATA_DIR", None)  # tests/conftest.py's folder: the app chooses here
    if sys.platform == "win32":  # Qt asks Windows for %APPDATA%, not the environment
        env["TSUSHIN_DATA_DIR"] = str(tmp_path / "data" / "Tsushin")
    env.update(extra)
    return env


def run_gui(args: list[str], tmp_path: Path, **kwargs: Any) -> subprocess.Popen:
    """Start ``python -m gui ARGS`` (text pipes on stdout and stderr)."""
    kwargs.setdefault("env", gui_env(tmp_path))
    return spawn(
        [sys.executable, "-m", "gui", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        **kwargs,
    )
