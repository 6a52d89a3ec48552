"""The packaging helpers in installer/: version, version resource, icons, Wine shims, and
the agreement between build.spec, the Inno Setup script and installer/build.py."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER))

import version_info  # noqa: E402
import wine_icu_stub  # noqa: E402


def test_version_is_read_from_the_gui_package_without_importing_it() -> None:
    import gui

    assert version_info.read_version(ROOT) == gui.__version__


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2", (2, 0, 0, 0)),
     ("1.2.3.4.5", (1, 2, 3, 0)), ("1.0+local.7", (1, 0, 0, 0))],
)  # fmt: skip
def test_version_tuple_has_the_four_numbers_windows_wants(version, numbers) -> None:
    assert version_info.version_tuple(version) == numbers


def test_windows_version_resource_names_the_product_and_version(tmp_path: Path) -> None:
    text = version_info.windows_version_text("1.2.3")
    assert text.startswith("# UTF-8\n")
    assert "filevers=(1, 2, 3, 0)" in text
    assert "StringStruct('ProductName', 'Tsushin')" in text
    assert "StringStruct('ProductVersion', '1.2.3')" in text
    assert "StringStruct('OriginalFilename', 'Tsushin.exe')" in text
    # The text is what PyInstaller evaluates: a well-formed Python expression.
    compile(text, "version_info.txt", "eval")
    path = Path(version_info.write_windows_version_file("1.2.3", tmp_path / "build"))
    assert path.read_text(encoding="utf-8") == text


def test_icu_stub_fails_opens_and_lists_no_converters() -> None:
    source = wine_icu_stub.stub_source(["ucnv_open", "ucnv_countAvailable", "ucnv_close"])
    assert "*err = 4; return 0;" in source  # ucnv_open: U_FILE_ACCESS_ERROR, no converter
    assert "int ucnv_countAvailable(void) { return 0; }" in source
    assert "void *ucnv_close(void) { return 0; }" in source
    assert source.count("__declspec(dllexport)") == 3


def test_icon_files_hold_every_size(qapp) -> None:
    import make_icons

    ico = (INSTALLER / "tsushin.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = [ico[6 + 16 * i] or 256 for i in range(count)]
    assert sizes == list(make_icons.ICO_SIZES)
    assert (INSTALLER / "tsushin.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = make_icons.draw(32)
    assert image.width() == image.height() == 32
    assert image.pixelColor(16, 2).alpha() == 255  # the tile is opaque
    assert image.pixelColor(0, 0).alpha() < 255  # the corners are rounded off


def test_spec_inno_script_and_build_script_agree() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    iss = (INSTALLER / "tsushin.iss").read_text(encoding="utf-8")
    build = (INSTALLER / "build.py").read_text(encoding="utf-8")
    assert 'os.path.join(INSTALLER, "tsushin_entry.py")' in spec
    assert "TSUSHIN_ONEFILE" in spec and "TSUSHIN_ONEFILE" in build
    assert "console=not WINDOWS" in spec
    # The installer packs the one-folder build that build.py makes, per user, no admin.
    assert '#define DistDir "..\\dist\\Tsushin"' in iss
    assert "PrivilegesRequired=lowest" in iss
    assert re.search(r"^SetupIconFile=tsushin\.ico$", iss, re.MULTILINE)
    # build.py passes exactly the defines the script expects.
    for define in re.findall(r"/D(\w+)=", build):
        assert f"#ifndef {define}" in iss
    assert 'f"Tsushin-{version}-setup.exe"' in build
    assert "OutputBaseFilename=Tsushin-{#AppVersion}-setup" in iss
