"""Measure the frozen Linux build: sizes, launch-to-window and launch-to-READY times.

    python installer/measure.py [--bundle dist/Tsushin] [--onefile dist/onefile/Tsushin]

- sizes of the one-folder bundle and of the one-file build (when it exists);
- launch to window shown: the bundle's ``Tsushin`` is started under an X server (Xvfb,
  started here when there is no DISPLAY) and timed until a window of class ``Tsushin`` is
  viewable (``xdotool search --sync --onlyvisible``), median of several runs;
- launch to READY: ``Tsushin --serve --port 0`` (installer/check_ready.py), median; and
  the server must exit by itself when its parent is killed outright (``--kill-parent``).

Each run gets a fresh HOME, so the app starts as it would on first launch and writes
nothing into the developer's own app-data folder. Needs xvfb and xdotool (apt).
"""

from __future__ import annotations

import argparse
import os
import shutil
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


def window_once(exe: Path, env: dict[str, str]) -> float:
    home = tempfile.mkdtemp(prefix="tsushin-measure-")
    run_env = dict(
        env,
        HOME=home,
        XDG_CONFIG_HOME=f"{home}/.config",
        XDG_DATA_HOME=f"{home}/.local/share",
        XDG_CACHE_HOME=f"{home}/.cache",
    )
    run_env.pop("QT_QPA_PLATFORM", None)
    started = time.perf_counter()
    app = subprocess.Popen(
        [str(exe)], env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        search = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--class", "Tsushin"],
            env=run_env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        shown_after = time.perf_counter() - started
        if search.returncode != 0 or app.poll() is not None:
            raise RuntimeError(f"no Tsushin window (app exit code {app.poll()})")
        return shown_after
    finally:
        if app.poll() is None:
            app.kill()
        app.wait()
        shutil.rmtree(home, ignore_errors=True)


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
    command = ["--runs", str(args.runs), "--kill-parent", "--", str(exe), "--serve", "--port", "0"]
    if check_ready.main(command):
        return 1

    env = dict(os.environ)
    xvfb = None
    if not env.get("DISPLAY"):
        # -displayfd: Xvfb picks a free display number and writes it to the pipe.
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
             "-nolisten", "tcp"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write_end)
        with os.fdopen(read_end) as display_number:
            env["DISPLAY"] = f":{display_number.readline().strip()}"
    try:
        print(f"launch to window shown ({exe.name}, fresh profile each run):")
        times = []
        for _ in range(args.runs):
            times.append(window_once(exe, env))
            print(f"  window shown after {times[-1]:.2f} s")
        print(f"window shown after {statistics.median(times):.2f} s (median of {len(times)})")
    except Exception as exc:
        print(f"measure: FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
