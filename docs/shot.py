"""What the README's screenshot scripts share: the real window in a fresh data folder,
connected to its embedded server, a few messages sent, its pixels saved.

The scripts set the environment (platform, scale, language, ``TSUSHIN_DATA_DIR``) before
they call :func:`shoot`, which is the first to import Qt.
"""

from __future__ import annotations

import json
import pathlib
import sys
from collections.abc import Callable, Sequence
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def shoot(
    out: pathlib.Path,
    data_dir: pathlib.Path,
    documents: Sequence[Any],
    *,
    select_row: int,
    prepare: Callable[[Any], None] | None = None,
    editor_text: str | None = None,
) -> int:
    """Send ``documents`` once connected, leave ``editor_text`` in the editor, select
    ``select_row`` of the history and save the window to ``out``. ``prepare`` gets the
    window before it is shown (theme, size)."""
    import keyring
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window
    from gui.core.connection import ConnectionState
    from tests.gui.core.keyrings import MemoryKeyring

    app = QApplication(sys.argv[:1])
    keyring.set_keyring(MemoryKeyring())  # never the user's own credential store
    window = build_window(data_dir)
    if prepare is not None:
        prepare(window)
    window.show()
    window.start_embedded_on_launch()

    def when_connected() -> None:
        if window.controller.state is not ConnectionState.CONNECTED:
            QTimer.singleShot(200, when_connected)
            return
        for document in documents:
            window.editor.set_text(json.dumps(document, ensure_ascii=False))
            window.editor.request_send()
        if editor_text is not None:
            window.editor.set_text(editor_text)
        QTimer.singleShot(1500, take)

    def take() -> None:
        window.history.table.selectRow(select_row)
        window.grab().save(str(out))
        print(f"{out}: {window.width()} x {window.height()} at {window.devicePixelRatioF()}")
        window.close()
        window.wait_shut_down()
        app.quit()

    QTimer.singleShot(500, when_connected)
    app.exec()
    return 0
