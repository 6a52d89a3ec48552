"""Take the README's screenshot at 150 % scaling: ``python docs/screenshot_scaled.py [OUT]``.

Run by hand from the repository root. It sets what Windows at 150 % on a 1920 x 1080
laptop gives Qt (``QT_SCALE_FACTOR=1.5`` on Qt's offscreen platform with a screen of that
size, unless ``QT_QPA_PLATFORM`` is set, e.g. ``xvfb-run -a -s "-screen 0 1920x1080x24"``
with ``QT_QPA_PLATFORM=xcb``), opens the real window in a fresh data folder as a first
start does, lets it connect to its embedded server, sends three messages and saves the
window's pixels (1.5 device pixels per logical one).
"""

from __future__ import annotations

import json
import os
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCRATCH = pathlib.Path(tempfile.mkdtemp(prefix="tsushin-shot-"))
if "QT_QPA_PLATFORM" not in os.environ:
    screens = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080}]}
    (SCRATCH / "screens.json").write_text(json.dumps(screens), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCRATCH / 'screens.json'}"
os.environ.setdefault("QT_SCALE_FACTOR", "1.5")
os.environ["TSUSHIN_DATA_DIR"] = str(SCRATCH / "data")  # the embedded server's data too


def main(out: pathlib.Path) -> int:
    from shot import shoot  # Qt is imported only now, with the environment set

    documents = [{"order": number, "名前": "通信"} for number in range(3)]
    return shoot(out, SCRATCH / "data", documents, select_row=5)


if __name__ == "__main__":
    target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "scaled-150.png")
    sys.exit(main(target))
