"""Measure the frozen Linux build: sizes, launch-to-window, launch-to-READY, and that
killing the window's process takes its server child with it.

    python installer/measure.py [--bundle dist/Tsushin] [--onefile dist/onefile/Tsushin]

- sizes of the one-folder bundle and of the one-file build (when it exists);
- launch to window shown: the bundle's ``Tsushin`` is started under an X server (Xvfb,
  started here when there is no DISPLAY) and timed until a window of class ``Tsushin`` is
  viewable (``xdotool search --sync --onlyvisible``), median of several runs;
- launch to READY: ``Tsushin --serve --port 0`` (installer/check_ready.py), median;
- the server child: once the window is up and its embedded server child runs, the
  window's process is killed outright (SIGKILL) and the child must exit on its own.

Each run gets a fresh HOME, so the app starts as it would on first launch and writes
nothing into the developer's own app-data folder. Needs xvfb and xdotool (apt).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import check_ready  # noqa: E402


def mib(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    # PyInstaller links duplicate libraries on Linux: count each file once.
    files = (f for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return sum(f.stat().st_size for f in files) / 2**20


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def window_once(exe: Path, env: dict[str, str], check_child: bool) -> float:
    home = tempfile.mkdtemp(prefix="tsushin-measure-")
    run_env = dict(env, HOME=home, XDG_CONFIG_HOME=f"{home}/.config",
                   XDG_DATA_HOME=f"{home}/.local/share", XDG_CACHE_HOME=f"{home}/.cache")  # fmt: skip
    run_env.pop("QT_QPA_PLATFORM", None)
    started = time.perf_counter()
    app = subprocess.Popen([str(exe)], env=run_env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        search = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--class", "Tsushin"],
            env=run_env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        shown_after = time.perf_counter() - started
        if search.returncode != 0 or app.poll() is not None:
            raise RuntimeError(f"no Tsushin window (app exit code {app.poll()})")
        if check_child:
            _check_child_dies_with(app)
        return shown_after
    finally:
        if app.poll() is None:
            app.kill()
        app.wait()
        shutil.rmtree(home, ignore_errors=True)


def _check_child_dies_with(app: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    children: list[int] = []
    while time.monotonic() < deadline and not children:
        children = [p for p in _children(app.pid) if _alive(p)]
        time.sleep(0.1)
    if not children:
        print("  (no server child seen: the window did not start its embedded server)")
        return
    print(f"  window up with server child(ren) {children}; killing the window (SIGKILL)")
    app.send_signal(signal.SIGKILL)
    app.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(p) for p in children):
        time.sleep(0.1)
    survivors = [p for p in children if _alive(p)]
    if survivors:
        for pid in survivors:
            os.kill(pid, signal.SIGKILL)
        raise RuntimeError(f"server child {survivors} outlived the killed window")
    print("  the server child exited with the window")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "Tsushin")
    parser.add_argument("--onefile", type=Path, default=ROOT / "dist" / "onefile" / "Tsushin")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    exe = args.bundle / "Tsushin"
    print(f"one-folder {args.bundle.relative_to(ROOT)}: {mib(args.bundle):.1f} MiB")
    if args.onefile.exists():
        print(f"one-file {args.onefile.relative_to(ROOT)}: {mib(args.onefile):.1f} MiB")

    print(f"launch to READY ({exe.name} --serve --port 0):")
    if check_ready.main(["--runs", str(args.runs), "--", str(exe), "--serve", "--port", "0"]):
        return 1

    env = dict(os.environ)
    xvfb = None
    if not env.get("DISPLAY"):
        display = ":97"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        env["DISPLAY"] = display
        time.sleep(1.0)
    try:
        print(f"launch to window shown ({exe.name}, fresh profile each run):")
        times = []
        for run in range(args.runs):
            times.append(window_once(exe, env, check_child=run == 0))
            print(f"  window shown after {times[-1]:.2f} s")
        print(f"window shown after {statistics.median(times):.2f} s (median of {len(times)})")
    except Exception as exc:  # noqa: BLE001
        print(f"measure: FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
