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
    import keyring
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window
    from gui.core.connection import ConnectionState
    from tests.gui.core.keyrings import MemoryKeyring

    app = QApplication(sys.argv[:1])
    keyring.set_keyring(MemoryKeyring())  # never the user's own credential store
    window = build_window(SCRATCH / "data")
    window.show()
    window.start_embedded_on_launch()

    def when_connected() -> None:
        if window.controller.state is not ConnectionState.CONNECTED:
            QTimer.singleShot(200, when_connected)
            return
        for number in range(3):
            document = {"order": number, "名前": "通信"}
            window.editor.set_text(json.dumps(document, ensure_ascii=False))
            window.editor.request_send()
        QTimer.singleShot(1500, take)

    def take() -> None:
        window.history.table.selectRow(5)
        window.grab().save(str(out))
        print(f"{out}: {window.width()} x {window.height()} at {window.devicePixelRatioF()}")
        window.close()
        window.wait_shut_down()
        app.quit()

    QTimer.singleShot(500, when_connected)
    app.exec()
    return 0


if __name__ == "__main__":
    target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "scaled-150.png")
    sys.exit(main(target))
