"""Refresh the translations from the source: ``pyside6-lupdate``, then ``pyside6-lrelease``.

    python gui/resources/i18n/update.py          tsushin_ja.ts gets the source's new
                                                 strings (to translate), loses the gone
                                                 ones; tsushin_ja.qm is built from it
    python gui/resources/i18n/update.py --check  change nothing; exit 1 if a string is
                                                 untranslated or missing, or the .qm is
                                                 not the .ts's

The ``.ts`` files carry no source locations (``-locations none``), so that helpers who
add strings in different files do not collide on line numbers.
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import PySide6

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
LANGUAGES = ("ja",)


def _tool(name: str) -> str:
    """PySide6's own lupdate/lrelease (what pyside6-lupdate runs)."""
    folder = pathlib.Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"{name} not found: is PySide6 installed?")
    return found


def sources() -> list[str]:
    """Every Python file of the GUI, relative to the repository (sorted, stable)."""
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "gui").rglob("*.py"))


def ts_file(language: str) -> pathlib.Path:
    return HERE / f"tsushin_{language}.ts"


def qm_file(language: str) -> pathlib.Path:
    return HERE / f"tsushin_{language}.qm"


def lupdate(ts: pathlib.Path) -> None:
    """Merge the source's strings into ``ts`` (created when missing)."""
    subprocess.run(
        [_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", *sources(), "-ts", ts],
        cwd=ROOT,
        check=True,
    )


def lrelease(ts: pathlib.Path, qm: pathlib.Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", ts, "-qm", qm], check=True)


def messages(ts: pathlib.Path) -> dict[tuple[str, str], str | None]:
    """``(context, source) → translation`` (``None`` when unfinished or empty)."""
    result: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            node = message.find("translation")
            text = node.text if node is not None else None
            done = node is not None and node.get("type") not in ("unfinished", "vanished")
            result[(name, message.findtext("source", ""))] = text if done and text else None
    return result


def problems(language: str) -> list[str]:
    """What is wrong with ``language``'s files compared with today's source."""
    ts, qm = ts_file(language), qm_file(language)
    if not ts.is_file():
        return [f"{ts.name} is missing"]
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = pathlib.Path(tmp) / ts.name
        shutil.copyfile(ts, fresh)
        lupdate(fresh)
        shipped, current = messages(ts), messages(fresh)
        for key in sorted(current.keys() - shipped.keys()):
            found.append(f"not in {ts.name} (new in the source): {key[0]}: {key[1]!r}")
        for key in sorted(shipped.keys() - current.keys()):
            found.append(f"no longer in the source: {key[0]}: {key[1]!r}")
        for key, text in sorted(shipped.items()):
            if key in current and text is None:
                found.append(f"untranslated: {key[0]}: {key[1]!r}")
        built = pathlib.Path(tmp) / qm.name
        lrelease(ts, built)
        if not qm.is_file() or qm.read_bytes() != built.read_bytes():
            found.append(f"{qm.name} is not built from {ts.name}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing, report")
    args = parser.parse_args(argv)
    status = 0
    for language in LANGUAGES:
        if args.check:
            for line in problems(language):
                print(line)
                status = 1
            continue
        lupdate(ts_file(language))
        lrelease(ts_file(language), qm_file(language))
        todo = [k for k, v in messages(ts_file(language)).items() if v is None]
        print(f"{ts_file(language).name}: {len(todo)} string(s) to translate")
        for context, source in todo:
            print(f"  {context}: {source!r}")
    return status


if __name__ == "__main__":
    sys.exit(main())
