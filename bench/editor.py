"""Benchmark of the JSON editor with a 5 MB document.

Run from the repository root: ``python bench/editor.py [--rounds 3] [--mb 5]``.
Each round runs in a fresh child process. Two documents: a pretty-printed one (many
short lines) and the same document on one line. For each: paste it into the editor
(through the clipboard and ``paste()``), then time until it is validated, until the
visible lines are highlighted, and a Format; a 10 ms QTimer heartbeat gives the longest
event-loop stall over the whole sequence. Medians go to a table and to
``bench/results/editor-<date>.json``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import sys
import time

from qtbench import Heartbeat, child, machine, medians, wait_until

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# --- helpers (as in bench/gui.py) ---------------------------------------------------


def rss_mb() -> float:
    """Current resident set size in MB."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def make_text(megabytes: float, kind: str) -> str:
    """A JSON document of about ``megabytes`` MB (UTF-8), pretty-printed or on one line."""

    def item(i: int) -> dict[str, object]:
        return {
            "id": i,
            "name": f"item {i} 通信",
            "price": i * 1.25,
            "tags": ["a", "b", None, True],
            "nested": {"ok": i % 2 == 0, "values": [i, i + 1, i + 2]},
        }

    def dump(count: int) -> str:
        value = {"type": "bulk", "items": [item(i) for i in range(count)]}
        if kind == "pretty":
            return json.dumps(value, indent=2, ensure_ascii=False)
        return json.dumps(value, ensure_ascii=False)

    per_item = len(dump(1000).encode()) / 1000
    return dump(int(megabytes * 1_000_000 / per_item) + 1)


def highlighted(editor) -> bool:
    """Whether the first visible line has syntax colours."""
    block = editor.edit.firstVisibleBlock()
    return bool(block.isValid() and block.layout() and block.layout().formats())


def measure(kind: str, megabytes: float) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from gui.widgets.json_editor import JsonEditor

    app = QApplication.instance() or QApplication([])
    text = make_text(megabytes, kind)
    editor = JsonEditor()
    editor.resize(600, 700)
    editor.show()
    wait_until(app, lambda: editor.isVisible(), 10)
    editor.edit.setFocus()
    for _ in range(5):
        app.processEvents()

    app.clipboard().setText(text)  # the copy, in another app: not part of the measure
    beat = Heartbeat()
    start = time.perf_counter()
    editor.edit.paste()
    pasted = time.perf_counter() - start
    wait_until(app, lambda: editor.validation.ok, 60)
    validated = time.perf_counter() - start
    try:
        wait_until(app, lambda: highlighted(editor), 10)
        highlight = time.perf_counter() - start
    except TimeoutError:
        highlight = float("nan")  # never coloured
    for _ in range(20):
        app.processEvents()
    paste_stall = beat.stop()

    beat = Heartbeat()
    revision = editor.edit.document().revision()
    start = time.perf_counter()
    editor.format_button.click()
    wait_until(
        app,
        lambda: (
            editor.edit.document().revision() != revision
            and not getattr(editor, "busy", False)
            and editor.validation.ok
        ),
        60,
    )
    formatted = time.perf_counter() - start
    for _ in range(20):
        app.processEvents()
    format_stall = beat.stop()

    beat = Heartbeat()
    start = time.perf_counter()
    cursor = editor.edit.textCursor()
    cursor.setPosition(len(editor.text()) // 2)
    editor.edit.setTextCursor(cursor)
    editor.edit.insertPlainText(" ")
    app.processEvents()
    keystroke = time.perf_counter() - start
    wait_until(app, lambda: editor.validation.ok, 60)
    for _ in range(20):
        app.processEvents()
    key_stall = beat.stop()
    return {
        "chars": len(text),
        "megabytes": len(text.encode()) / 1e6,
        "paste_call_s": pasted,
        "validated_s": validated,
        "highlighted_s": highlight,
        "paste_max_stall_ms": paste_stall * 1000,
        "format_s": formatted,
        "format_max_stall_ms": format_stall * 1000,
        "keystroke_s": keystroke,
        "keystroke_max_stall_ms": key_stall * 1000,
        "rss_mb": rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--child", choices=("pretty", "one-line"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.mb)))
        return

    report: dict[str, object] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    print(f"Tsushin editor bench — {report['date']} — {args.mb:g} MB — medians of {args.rounds}")
    header = ("", "pasted", "validated", "highlighted", "stall", "format", "stall", "key", "stall")
    print("  {:<9}{:>8}{:>11}{:>13}{:>8}{:>8}{:>8}{:>8}{:>8}".format(*header))
    for kind in ("pretty", "one-line"):
        runs = [
            child(__file__, ["--child", kind, "--mb", str(args.mb)]) for _ in range(args.rounds)
        ]
        med = medians(runs)
        report[kind] = {"runs": runs, "median": med}
        print(
            f"  {kind:<9}{med['paste_call_s']:>7.2f}s{med['validated_s']:>10.2f}s"
            f"{med['highlighted_s']:>12.2f}s{med['paste_max_stall_ms']:>6.0f}ms"
            f"{med['format_s']:>7.2f}s{med['format_max_stall_ms']:>6.0f}ms"
            f"{med['keystroke_s']:>7.2f}s{med['keystroke_max_stall_ms']:>6.0f}ms"
        )
    print("  target: validated and highlighted with no stall over 200 ms")
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    out = results / f"editor-{datetime.date.today().isoformat()}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
