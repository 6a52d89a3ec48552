"""Where installer/check_setup.py runs Windows programs: on Windows itself, or under Wine.

``Windows`` runs them directly and finds the user's folders in the environment. ``Wine``
runs them through ``wine`` in the prefix named by ``WINEPREFIX``, maps paths to ``Z:``,
switches the Windows version the prefix reports, gives Setup an X display (Xvfb: its
silent mode still creates windows) and a locale for the language it should detect.
See shared/WINE.md for why each of these is needed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

# The Unix locale whose language Wine reports to Windows programs, per Inno language name.
LOCALES = {"japanese": "ja_JP.UTF-8", "english": "en_US.UTF-8"}


class Windows:
    """Windows programs run as they are; the user's folders come from the environment."""

    name = "Windows"

    def command(self, args: Sequence[object]) -> list[str]:
        return [str(a) for a in args]

    def run(
        self, args: Sequence[object], timeout: float, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a Windows program with its output (both streams) captured as text."""
        # Pipes for every stream: a windowed program has no console of its own, and under
        # Wine a Python program fails on a plain file (shared/WINE.md).
        return subprocess.run(
            self.command(args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            env=None if env is None else dict(env),
            check=False,
        )

    def path(self, path: Path) -> str:
        """``path`` as the Windows programs see it."""
        return str(path.resolve())

    @property
    def local_appdata(self) -> Path:
        return Path(os.environ["LOCALAPPDATA"])

    @property
    def appdata(self) -> Path:
        return Path(os.environ["APPDATA"])

    def set_version(self, version: str) -> None:
        """Make the system report this Windows version (only Wine can)."""

    def setup_args(self, language: str) -> list[str]:
        """Setup's own switches that make it speak ``language``."""
        return [f"/LANG={language}"]

    def setup_env(self, language: str | None = None) -> dict[str, str] | None:
        """The environment for Setup and the uninstaller, or None for this process's."""
        return None

    def settle(self, timeout: float = 120) -> None:
        """Wait until the programs started so far have all exited.

        On Windows: until no Tsushin.exe runs (a killed window's server child takes a
        moment to follow it, and the uninstaller cannot remove a running program).
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            tasks = subprocess.run(
                ["tasklist", "/NH", "/FI", "IMAGENAME eq Tsushin.exe"],
                capture_output=True, text=True, errors="replace", check=False,
            )  # fmt: skip
            if "tsushin.exe" not in tasks.stdout.lower():
                return
            time.sleep(0.5)
        raise RuntimeError(f"Tsushin.exe still running after {timeout:.0f} s")

    def stop_programs(self) -> None:
        """Stop every Tsushin.exe still running."""
        subprocess.run(
            ["taskkill", "/F", "/T", "/IM", "Tsushin.exe"], capture_output=True, check=False
        )

    def close(self) -> None:
        """Stop what this object started."""


class Wine(Windows):
    """Windows programs under Wine, in the prefix named by ``WINEPREFIX``."""

    name = "Wine"

    def __init__(self, cache: Path) -> None:
        if not os.environ.get("WINEPREFIX"):
            raise RuntimeError("WINEPREFIX is not set: installer/wine_build.sh sets it")
        self.prefix = Path(os.environ["WINEPREFIX"])
        self.cache = cache
        import pwd  # Unix only, as Wine is: the user name Wine gives the profile folder

        user = pwd.getpwuid(os.getuid()).pw_name
        self._profile = self.prefix / "drive_c" / "users" / user / "AppData"
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._display = ""
        self._first_version = ""  # what the prefix reported before set_version: put back

    def command(self, args: Sequence[object]) -> list[str]:
        return ["wine", *super().command(args)]

    def path(self, path: Path) -> str:
        # Wine maps / to Z: in every prefix.
        return "Z:" + str(path.resolve()).replace("/", "\\")

    @property
    def local_appdata(self) -> Path:
        return self._profile / "Local"

    @property
    def appdata(self) -> Path:
        return self._profile / "Roaming"

    def set_version(self, version: str) -> None:
        if not self._first_version:
            self._first_version = self.run(["winecfg", "/v"], timeout=120).stdout.strip()
        result = self.run(["winecfg", "/v", version], timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"winecfg /v {version} exited {result.returncode}")

    def setup_args(self, language: str) -> list[str]:
        # No /LANG: Setup must find the language itself, from the locale below.
        return []

    def setup_env(self, language: str | None = None) -> dict[str, str]:
        env = dict(os.environ, DISPLAY=self.display())
        if language is not None:
            locale = LOCALES[language]
            env.update(LANG=locale, LC_ALL=locale, LOCPATH=str(self._locale_dir(locale)))
        return env

    def _locale_dir(self, locale: str) -> Path:
        """A folder holding the compiled ``locale`` (no system locale needed, no root)."""
        folder = self.cache / "locales"
        if not (folder / locale / "LC_MESSAGES").is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            language, charset = locale.split(".")
            # -c: a locale source's ISO C warnings must not stop it.
            subprocess.run(
                ["localedef", "-c", "-i", language, "-f", charset, str(folder / locale)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            if not (folder / locale / "LC_MESSAGES").is_dir():
                raise RuntimeError(f"localedef could not make {locale} (apt-get install locales)")
        return folder

    def display(self) -> str:
        """An X display of our own (Xvfb), started on first use."""
        if self._xvfb is None:
            xvfb = shutil.which("Xvfb")
            if xvfb is None:
                raise RuntimeError("no Xvfb: Setup needs an X display under Wine")
            with tempfile.TemporaryFile() as out:
                # -displayfd: Xvfb picks a free display number and writes it to fd 1.
                self._xvfb = subprocess.Popen(
                    [xvfb, "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
                    stdout=out,
                    stderr=subprocess.DEVNULL,
                    stdin=subprocess.DEVNULL,
                )
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline and self._xvfb.poll() is None:
                    out.seek(0)
                    number = out.read().decode().strip()
                    if number.isdigit():
                        self._display = f":{number}"
                        break
                    time.sleep(0.1)
            if not self._display:
                self.close()
                raise RuntimeError("Xvfb did not start")
        return self._display

    def settle(self, timeout: float = 120) -> None:
        # wineserver -w returns once every program of the prefix has exited.
        try:
            subprocess.run(["wineserver", "-w"], timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            # Say which: Wine's processes show their Windows command lines (this lists
            # those of every prefix on the machine).
            ps = subprocess.run(["ps", "-eo", "pid,etimes,args"], capture_output=True, text=True)
            running = [line for line in ps.stdout.splitlines() if ".exe" in line.lower()]
            raise RuntimeError(
                f"Wine programs still running after {timeout:.0f} s:\n" + "\n".join(running)
            ) from exc

    def stop_programs(self) -> None:
        subprocess.run(["wineserver", "-k"], check=False, stderr=subprocess.DEVNULL)

    def close(self) -> None:
        # The cached prefix goes back to the version the other Wine steps run the app in.
        if re.fullmatch(r"win\w+", self._first_version):
            self.run(["winecfg", "/v", self._first_version], timeout=120)
        subprocess.run(["wineserver", "-k"], check=False, stderr=subprocess.DEVNULL)
        if self._xvfb is not None:
            self._xvfb.kill()
            self._xvfb.wait()
            self._xvfb = None
