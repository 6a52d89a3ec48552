"""Take the README's Japanese screenshots: ``python docs/screenshot_ja.py [--dark] [OUT]``.

Run by hand from the repository root (needs a CJK font, e.g. fonts-noto-cjk). It opens
the real window in Japanese (``TSUSHIN_LANG=ja``) in a fresh data folder on Qt's
offscreen platform, forces the light or the dark theme, lets the tab connect to its
embedded server, sends a few messages (one that is not JSON, so the server answers an
error) and saves the window's pixels.
"""

from __future__ import annotations

import os
import pathlib
import sys
import tempfile
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCRATCH = pathlib.Path(tempfile.mkdtemp(prefix="tsushin-shot-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TSUSHIN_LANG"] = "ja"
os.environ["TSUSHIN_DATA_DIR"] = str(SCRATCH / "data")  # the embedded server's data too


def main(out: pathlib.Path, dark: bool) -> int:
    from shot import shoot  # Qt is imported only now, with the environment set

    def prepare(window: Any) -> None:
        from gui.theme import ThemeChoice

        window.theme.set_choice(ThemeChoice.DARK if dark else ThemeChoice.LIGHT)
        window.resize(1300, 760)

    documents = ({"type": "hello", "text": "こんにちは"}, {"注文": 2, "品目": ["茶", "菓子"]})
    unfinished = '{"type": "hello", "text": "途中まで"'
    return shoot(
        out, SCRATCH / "data", documents, select_row=3, prepare=prepare, editor_text=unfinished
    )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--dark"]
    is_dark = "--dark" in sys.argv[1:]
    name = "screenshot-ja-dark.png" if is_dark else "screenshot-ja.png"
    target = pathlib.Path(args[0] if args else ROOT / "docs" / name)
    sys.exit(main(target, is_dark))
