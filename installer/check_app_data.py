"""Check where the frozen window writes: into the user's app-data folder, never beside it.

    python installer/check_app_data.py --data-root ROOT --bundle DIR -- COMMAND...

Starts COMMAND (the frozen app, no arguments: the window), waits until a ``Tsushin``
folder under ROOT holds a file (its history database, its settings), stops the app, and
fails if that never happens or if any file appeared or changed inside the bundle folder
DIR (an installed app's folder is read-only under Program Files).

On Linux, ROOT is ``$XDG_DATA_HOME`` (``~/.local/share``); under Wine it is the prefix's
``drive_c/users/USER/AppData/Roaming`` (``%APPDATA%``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(f.relative_to(folder)): (f.stat().st_size, f.stat().st_mtime_ns)
        for f in folder.rglob("*")
        if f.is_file() and not f.is_symlink()
    }


def _drain(stream) -> None:
    for _ in iter(stream.readline, b""):
        pass


def data_files(root: Path) -> list[Path]:
    folder = root / "Tsushin"
    return sorted(f for f in folder.rglob("*") if f.is_file()) if folder.is_dir() else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", type=Path, required=True)
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)

    before = snapshot(args.bundle)
    # Pipes: under Wine a windowed Python needs them for its standard streams.
    app = subprocess.Popen(
        args.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    threading.Thread(target=_drain, args=(app.stdout,), daemon=True).start()
    try:
        deadline = time.monotonic() + args.timeout
        while not data_files(args.data_root) and time.monotonic() < deadline:
            if app.poll() is not None:
                print(f"check_app_data: FAILED: the app exited with {app.returncode}")
                return 1
            time.sleep(0.2)
        time.sleep(1.0)  # let it finish writing what it writes at start-up
    finally:
        app.kill()
        app.wait()
    files = data_files(args.data_root)
    if not files:
        print(f"check_app_data: FAILED: nothing written under {args.data_root / 'Tsushin'}")
        return 1
    for f in files:
        print(f"  app data: {f}")
    after = snapshot(args.bundle)
    changed = sorted(k for k in after if before.get(k) != after[k])
    if changed:
        print(f"check_app_data: FAILED: the app wrote into its own folder: {changed[:10]}")
        return 1
    print(f"  nothing written inside {args.bundle}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
