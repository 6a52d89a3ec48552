"""installer/check_setup.py's readings of ISCC, reg and .lnk output, its shim search, and
its agreement with installer/tsushin.iss. The check itself runs in CI under Wine
(installer/wine_build.sh), where it installs and uninstalls the real setup."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER))

import check_setup  # noqa: E402
import winhost  # noqa: E402

ISS = (INSTALLER / "tsushin.iss").read_text(encoding="utf-8")

# As ISCC 6.4.1 printed them under Wine.
ISCC_OUTPUT = r"""Compiler engine version: Inno Setup 6.4.1

Parsing [Languages] section, line 67
   Reading file: Z:\w\.wine-build\innosetup-6.4.1\package\bin\Languages\Japanese.isl
   Compressing: Z:\w\dist-win\Tsushin\Tsushin.exe
   Compressing: Z:\w\dist-win\Tsushin\_internal\PySide6\Qt6Core.dll
   Compressing Setup program executable
   Updating version info (SETUP.EXE)
"""

# As `reg query KEY /v "Inno Setup: Language"` printed it under Wine.
REG_OUTPUT = (
    "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\"
    "{7C1B6E52-3F0A-4C8E-9A55-1D2B0E6F4A31}_is1\r\n"
    "    Inno Setup: Language    REG_SZ    japanese\r\n\r\n"
)


def test_app_id_is_read_as_the_registry_names_it() -> None:
    # "{{" is Inno's escaped "{"; the uninstall entry is "<AppId>_is1".
    assert check_setup.app_id("AppId={{7C1B6E52-3F0A-4C8E-9A55-1D2B0E6F4A31}\n") == (
        "{7C1B6E52-3F0A-4C8E-9A55-1D2B0E6F4A31}"
    )
    assert re.fullmatch(r"\{[0-9A-F-]{36}\}", check_setup.app_id(ISS))
    with pytest.raises(check_setup.Failed):
        check_setup.app_id("[Setup]\nAppName=Tsushin\n")


def test_packed_files_are_the_compressing_lines_only() -> None:
    assert check_setup.packed_files(ISCC_OUTPUT) == [
        r"Z:\w\dist-win\Tsushin\Tsushin.exe",
        r"Z:\w\dist-win\Tsushin\_internal\PySide6\Qt6Core.dll",
    ]


def test_recorded_language_is_read_from_reg_query() -> None:
    assert check_setup.recorded_language(REG_OUTPUT) == "japanese"
    assert check_setup.recorded_language("reg: Unable to find the specified registry key") is None


def test_shortcut_target_is_found_in_ansi_or_utf16_text() -> None:
    target = "Programs\\Tsushin\\Tsushin.exe"
    path = "C:\\users\\me\\AppData\\Local\\Programs\\Tsushin\\Tsushin.exe"
    assert check_setup.shortcut_targets(b"L\0\0\0" + path.encode("ascii") + b"\0", target)
    for pad in (b"", b"x"):  # UTF-16 text at an even or an odd offset
        assert check_setup.shortcut_targets(b"L" + pad + path.upper().encode("utf-16-le"), target)
    other = "C:\\Program Files\\Other\\Other.exe"
    assert not check_setup.shortcut_targets(other.encode("utf-16-le"), target)


def test_shims_are_found_by_name_and_by_content(tmp_path: Path) -> None:
    shim = tmp_path / "shims" / "icuuc.dll"
    shim.parent.mkdir()
    shim.write_bytes(b"MZ stub that fails every ucnv_open")
    app = tmp_path / "app"
    (app / "_internal").mkdir(parents=True)
    (app / "Tsushin.exe").write_bytes(b"MZ the app")
    same_size = app / "_internal" / "same-size.dll"
    same_size.write_bytes(b"MZ stub that fails every ucnv_opeN")  # same size, other bytes
    assert check_setup.shipped_shims(check_setup.files_in(app), [shim]) == []

    renamed = app / "_internal" / "renamed.dll"
    renamed.write_bytes(shim.read_bytes())
    by_name = app / "_internal" / "ICUUC.DLL"
    by_name.write_bytes(b"anything")
    found = check_setup.shipped_shims(check_setup.files_in(app), [shim])
    assert sorted(found) == sorted([renamed, by_name])
    # The names wine_build.sh stands in for are refused even with no shim file at hand.
    bcrypt = app / "_internal" / "bcryptprimitives.dll"
    bcrypt.write_bytes(b"MZ")
    assert check_setup.shipped_shims([app / "Tsushin.exe", bcrypt, by_name], []) == [
        bcrypt,
        by_name,
    ]


def test_wine_maps_paths_and_folders_into_its_prefix(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WINEPREFIX", str(tmp_path / "prefix"))
    wine = winhost.Wine(tmp_path / "cache")
    assert wine.path(Path("/work/dist-win/Tsushin")) == "Z:\\work\\dist-win\\Tsushin"
    assert wine.command([Path("/x/setup.exe"), "/VERYSILENT"]) == [
        "wine",
        "/x/setup.exe",
        "/VERYSILENT",
    ]
    users = tmp_path / "prefix" / "drive_c" / "users"
    assert wine.local_appdata.parent.parent.parent == users
    assert wine.appdata == wine.local_appdata.parent / "Roaming"
    # Under Wine, Setup finds the language itself from the locale; on Windows it is told.
    assert wine.setup_args("japanese") == []
    assert winhost.Windows().setup_args("japanese") == ["/LANG=japanese"]
    monkeypatch.delenv("WINEPREFIX")
    with pytest.raises(RuntimeError, match="WINEPREFIX"):
        winhost.Wine(tmp_path / "cache")


def test_check_and_script_agree_on_folders_languages_and_defines() -> None:
    source = (INSTALLER / "check_setup.py").read_text(encoding="utf-8")
    for define in re.findall(r"/D(\w+)=", source):
        assert f"#ifndef {define}" in ISS
    # Per user, in %LOCALAPPDATA%\Programs (what {autopf} is on Windows; Wine 8 cannot
    # expand {autopf}); check_setup looks there.
    assert re.findall(r"^DefaultDirName=.*$", ISS, re.MULTILINE) == [
        "DefaultDirName={localappdata}\\Programs\\{#AppName}"
    ]
    assert 'Name: "{autoprograms}\\{#AppName}"' in ISS  # the Start-menu shortcut it checks
    # English and Japanese, both from Inno Setup's own files; the check's languages exist.
    languages = dict(re.findall(r'^Name: "(\w+)"; MessagesFile: "(.+?)"$', ISS, re.MULTILINE))
    assert languages == {
        "english": "compiler:Default.isl",
        "japanese": "compiler:Languages\\Japanese.isl",
    }
    assert set(winhost.LOCALES) == set(languages)
    assert re.search(r"^ShowLanguageDialog=auto$", ISS, re.MULTILINE)
    assert "OutputBaseFilename=Tsushin-{#AppVersion}-setup" in ISS
