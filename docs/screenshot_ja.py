"""Take the README's Japanese screenshots: ``python docs/screenshot_ja.py [--dark] [OUT]``.

Run by hand from the repository root (needs a CJK font, e.g. fonts-noto-cjk). It opens
the real window in Japanese (``TSUSHIN_LANG=ja``) in a fresh data folder on Qt's
offscreen platform, forces the light or the dark theme, lets the tab connect to its
embedded server, sends a few messages (one that is not JSON, so the server answers an
error) and saves the window's pixels.
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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TSUSHIN_LANG"] = "ja"
os.environ["TSUSHIN_DATA_DIR"] = str(SCRATCH / "data")  # the embedded server's data too


def main(out: pathlib.Path, dark: bool) -> int:
    import keyring
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window
    from gui.core.connection import ConnectionState
    from gui.theme import ThemeChoice
    from tests.gui.core.keyrings import MemoryKeyring

    app = QApplication(sys.argv[:1])
    keyring.set_keyring(MemoryKeyring())  # never the user's own credential store
    window = build_window(SCRATCH / "data")
    window.theme.set_choice(ThemeChoice.DARK if dark else ThemeChoice.LIGHT)
    window.resize(1300, 760)
    window.show()
    window.start_embedded_on_launch()

    def when_connected() -> None:
        if window.controller.state is not ConnectionState.CONNECTED:
            QTimer.singleShot(200, when_connected)
            return
        documents = ({"type": "hello", "text": "こんにちは"}, {"注文": 2, "品目": ["茶", "菓子"]})
        for document in documents:
            window.editor.set_text(json.dumps(document, ensure_ascii=False))
            window.editor.request_send()
        window.editor.set_text('{"type": "hello", "text": "途中まで"')
        QTimer.singleShot(1500, take)

    def take() -> None:
        window.history.table.selectRow(3)
        window.grab().save(str(out))
        print(f"{out}: {window.width()} x {window.height()}")
        window.close()
        window.wait_shut_down()
        app.quit()

    QTimer.singleShot(500, when_connected)
    app.exec()
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--dark"]
    is_dark = "--dark" in sys.argv[1:]
    name = "screenshot-ja-dark.png" if is_dark else "screenshot-ja.png"
    target = pathlib.Path(args[0] if args else ROOT / "docs" / name)
    sys.exit(main(target, is_dark))
