"""Build Tsushin from a clean virtual environment, smoke-test it, and make the installer.

    python installer/build.py                 venv, PyInstaller, smoke tests, Inno Setup
    python installer/build.py --onefile       the single-file build (dist/onefile/)
    python installer/build.py --reuse-venv    keep .venv-build/ if it is there (faster)

Steps, each one fatal when it fails:

1. a fresh virtual environment in ``.venv-build/`` with ``requirements.txt``;
2. ``python -m PyInstaller build.spec`` into ``dist/Tsushin/`` (or ``dist/onefile/``);
3. the frozen app's smoke tests: ``--version``; ``--serve --port 0`` prints its READY
   line, echoes a JSON document and exits when its stdin closes; ``--self-test`` passes;
4. on Windows, when Inno Setup's ``ISCC.exe`` is found (on PATH, in its usual folders or
   in the ``ISCC`` environment variable), ``installer/tsushin.iss`` is compiled into
   ``dist/installer/Tsushin-VERSION-setup.exe``.

Runs on Windows and Linux with Python 3.11 or newer; uses the standard library only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from version_info import read_version, version_tuple  # noqa: E402

WINDOWS = sys.platform == "win32"
VENV = ROOT / ".venv-build"


def step(message: str) -> None:
    print(f"== build: {message}", flush=True)


def run(command: list[str | Path], **kwargs) -> subprocess.CompletedProcess:
    printable = " ".join(str(c) for c in command)
    print(f"   $ {printable}", flush=True)
    result = subprocess.run([str(c) for c in command], **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"build: FAILED ({result.returncode}): {printable}")
    return result


def venv_python(reuse: bool) -> Path:
    python = VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")
    if reuse and python.exists():
        step(f"reusing {VENV.name}/")
        return python
    step(f"clean virtual environment {VENV.name}/")
    shutil.rmtree(VENV, ignore_errors=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--upgrade", "pip"])
    run(
        [
            python,
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-r",
            ROOT / "requirements.txt",
        ]
    )
    return python


def pyinstaller(python: Path, onefile: bool) -> Path:
    distpath = ROOT / "dist" / ("onefile" if onefile else "")
    exe_name = "Tsushin.exe" if WINDOWS else "Tsushin"
    frozen = distpath / exe_name if onefile else distpath / "Tsushin" / exe_name
    step(f"PyInstaller build.spec -> {frozen.relative_to(ROOT)}")
    env = dict(os.environ, TSUSHIN_ONEFILE="1" if onefile else "")
    started = time.monotonic()
    # PyInstaller's warnings about the Django modules build.spec leaves out are many and
    # harmless: keep its output in a log, shown when the build fails.
    log = ROOT / "build" / f"pyinstaller-{'onefile' if onefile else 'onefolder'}.log"
    log.parent.mkdir(exist_ok=True)
    command = [
        python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", distpath, "--workpath", ROOT / "build", ROOT / "build.spec",
    ]  # fmt: skip
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(
            [str(c) for c in command], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    if result.returncode != 0:
        print(log.read_text(encoding="utf-8")[-6000:])
        raise SystemExit(f"build: FAILED: PyInstaller exited {result.returncode} (log: {log})")
    if not frozen.exists():
        raise SystemExit(f"build: FAILED: no {frozen} after PyInstaller")
    size = frozen.stat().st_size if onefile else folder_size(frozen.parent)
    print(f"   built in {time.monotonic() - started:.0f} s, {size / 2**20:.1f} MiB")
    return frozen


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def smoke_test(python: Path, frozen: Path) -> None:
    env = dict(os.environ)
    if not WINDOWS:
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    step(f"{frozen.name} --version")
    # Capture through pipes: a windowed Tsushin.exe has no console of its own.
    # errors="replace": the frozen app's pipe encoding is the locale's (cp1252 on Windows).
    text = {"capture_output": True, "encoding": "utf-8", "errors": "replace", "env": env}
    out = run([frozen, "--version"], timeout=120, **text)
    print(f"   {out.stdout.strip()}")

    step(f"{frozen.name} --serve --port 0")
    run(
        [
            python,
            HERE / "check_ready.py",
            "--timeout",
            "60",
            "--",
            frozen,
            "--serve",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ],
        timeout=180,
        env=env,
    )

    step(f"{frozen.name} --self-test")
    result = subprocess.run(
        [str(frozen), "--self-test"],
        timeout=300,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        env=env,
    )
    print(result.stdout + result.stderr, end="")
    if result.returncode != 0 or "self-test: ok" not in result.stdout:
        raise SystemExit(f"build: FAILED: --self-test exited {result.returncode}")


def find_iscc() -> Path | None:
    candidates = [os.environ.get("ISCC"), shutil.which("ISCC"), shutil.which("iscc")]
    for base in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        if os.environ.get(base):
            folder = Path(os.environ[base]) / ("Programs" if base == "LOCALAPPDATA" else "")
            candidates.append(str(folder / "Inno Setup 6" / "ISCC.exe"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def inno_setup(version: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        step("Inno Setup's ISCC.exe not found: no installer (install Inno Setup 6 for it)")
        return None
    step(f"Inno Setup: {iscc}")
    file_version = ".".join(str(n) for n in version_tuple(version))
    run(
        [
            iscc,
            "/Q",
            f"/DAppVersion={version}",
            f"/DAppFileVersion={file_version}",
            HERE / "tsushin.iss",
        ],
        cwd=HERE,
    )
    setup = ROOT / "dist" / "installer" / f"Tsushin-{version}-setup.exe"
    if not setup.exists():
        raise SystemExit(f"build: FAILED: no {setup} after ISCC")
    print(f"   {setup.relative_to(ROOT)}: {setup.stat().st_size / 2**20:.1f} MiB")
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="single-file build")
    parser.add_argument("--reuse-venv", action="store_true", help="keep .venv-build/")
    parser.add_argument("--no-installer", action="store_true", help="skip Inno Setup")
    args = parser.parse_args(argv)

    version = read_version(ROOT)
    step(f"Tsushin {version} on {sys.platform}, Python {sys.version.split()[0]}")
    python = venv_python(reuse=args.reuse_venv)
    frozen = pyinstaller(python, onefile=args.onefile)
    smoke_test(python, frozen)
    if WINDOWS and not args.onefile and not args.no_installer:
        inno_setup(version)
    step("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
