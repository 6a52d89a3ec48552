"""Check a built Tsushin.exe without running it: a Windows GUI program (no console
window) whose version resource names Tsushin and the version of gui/__init__.py.

    python installer/check_exe.py dist-win/Tsushin/Tsushin.exe
"""

from __future__ import annotations

import sys
from pathlib import Path

import pefile
from version_info import PRODUCT, read_version

IMAGE_SUBSYSTEM_WINDOWS_GUI = 2


def version_strings(exe: pefile.PE) -> dict[str, str]:
    strings: dict[str, str] = {}
    for info in getattr(exe, "FileInfo", None) or []:
        for entry in info:
            for table in getattr(entry, "StringTable", []):
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    return strings


def problems(path: Path) -> list[str]:
    exe = pefile.PE(str(path), fast_load=False)
    found = []
    if exe.OPTIONAL_HEADER.Subsystem != IMAGE_SUBSYSTEM_WINDOWS_GUI:
        found.append(f"subsystem {exe.OPTIONAL_HEADER.Subsystem}: a console window would open")
    strings = version_strings(exe)
    version = read_version()
    for key, expected in (("ProductName", PRODUCT), ("ProductVersion", version)):
        if strings.get(key) != expected:
            found.append(f"version resource {key} is {strings.get(key)!r}, not {expected!r}")
    if not exe.DIRECTORY_ENTRY_RESOURCE or not any(
        e.id == pefile.RESOURCE_TYPE["RT_GROUP_ICON"] for e in exe.DIRECTORY_ENTRY_RESOURCE.entries
    ):
        found.append("no icon")
    return found


def main() -> int:
    path = Path(sys.argv[1])
    found = problems(path)
    for problem in found:
        print(f"  {path.name}: {problem}", file=sys.stderr)
    if not found:
        print(f"  {path.name}: Windows GUI subsystem, icon, version {read_version()}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
