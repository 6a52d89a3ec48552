"""Tsushin's version, read from its one source, and the Windows version resource.

The version lives in ``gui/__init__.py`` (``__version__``). build.spec, installer/build.py
and the Inno Setup script all take it from here, by parsing that file: importing ``gui``
would import Qt, which a build script must not need.

    python installer/version_info.py      prints the version (used by CI scripts)
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = "Tsushin"
DESCRIPTION = "Tsushin — JSON over WebSocket for Django Channels"
COMPANY = "Tsushin project"
COPYRIGHT = "Tsushin project"


def read_version(root: Path | str = ROOT) -> str:
    """``__version__`` from ``gui/__init__.py``, without importing it."""
    source = (Path(root) / "gui" / "__init__.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise ValueError("no __version__ = '...' in gui/__init__.py")


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows wants: '1.2.3rc1' -> (1, 2, 3, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    return (*numbers, *([0] * (4 - len(numbers))))[:4]  # type: ignore[return-value]


def windows_version_text(version: str) -> str:
    """The Windows version resource of Tsushin.exe, in the text form PyInstaller reads
    from a version file (``EXE(version=path)``). Built as text so that it can be made
    and checked on any platform; PyInstaller's own classes need pywin32."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": PRODUCT,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{PRODUCT}.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo(
      [
        StringTable(
          '040904B0',
          [
{table}
          ]
        )
      ]
    ),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def write_windows_version_file(version: str, folder: Path | str) -> str:
    """Write the version resource text under ``folder``; return the file's path."""
    path = Path(folder) / "version_info.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(windows_version_text(version), encoding="utf-8")
    return str(path)


if __name__ == "__main__":
    print(read_version())
    sys.exit(0)
