"""Take the README's screenshot of two tabs: ``python docs/screenshot_tabs.py [OUT.png]``.

Run by hand from the repository root (offscreen, or under ``xvfb-run -a``). In a fresh
data folder it makes the user ``alice`` (``python -m embedded_server adduser``), opens
the real window, and drives it as a user would: the first tab logs in to the embedded
server through the login dialog and connects to ``/private/``; the second joins the
room ``lobby`` of the same server as ``bob``; each sends a message. The first tab is
shown, its whoami message selected.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PASSWORD = "correct horse battery"


def wait(app, predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def add_user(data_dir: pathlib.Path, name: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "embedded_server", "adduser", name, "--password-stdin",
         "--data-dir", str(data_dir)],
        input=PASSWORD + "\n", text=True, check=True, cwd=ROOT,
    )  # fmt: skip


def send(app, tab, document: dict) -> None:
    before = tab.model.rowCount()
    tab.editor.set_text(json.dumps(document, ensure_ascii=False))
    wait(app, tab.editor.send_button.isEnabled)
    tab.editor.send_button.click()
    wait(app, lambda: tab.model.rowCount() >= before + 2)


def main() -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

    from gui.app import build_window
    from gui.core.target import RemoteAddress

    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "tabs.png")
    app = QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = pathlib.Path(tmp)
        add_user(data_dir, "alice")
        window = build_window(data_dir)
        window.resize(1280, 820)
        window.show()
        private = window.current_tab()
        private.set_title("alice on /private/")
        private.connection_panel.path_edit.setText("/private/")
        # Log in through the dialog, as a user does.
        private.findChild(QPushButton, "loginButton").click()
        dialog = private.login.dialog
        url = dialog.findChild(QLineEdit, "loginUrlEdit")
        wait(app, lambda: url.text().endswith("/accounts/login/"))
        dialog.findChild(QLineEdit, "usernameEdit").setText("alice")
        dialog.findChild(QLineEdit, "passwordEdit").setText(PASSWORD)
        dialog.findChild(QPushButton, "loginSubmitButton").click()
        wait(app, lambda: private.logged_in_as == "alice")
        private.connection_panel.connect_button.click()
        wait(app, lambda: private.controller.client.is_connected)
        wait(app, lambda: any('"whoami"' in r.text for r in private.model.records()))
        send(app, private, {"type": "note", "text": "ログイン済み — logged in"})
        # The second tab: the room lobby of the same server, as bob.
        port = int(window.launcher.url.rsplit(":", 1)[1].split("/", 1)[0])
        room = window.new_tab()
        room.set_title("lobby (bob)")
        room.connection_panel.mode_combo.setCurrentIndex(1)
        room.connection_panel.set_address(
            RemoteAddress(host="127.0.0.1", port=port, path="/rooms/lobby/?name=bob")
        )
        room.connection_panel.connect_button.click()
        wait(app, lambda: room.controller.client.is_connected)
        send(app, room, {"text": "こんにちは、みなさん"})
        window.tabs.setCurrentWidget(private)
        history = private.history
        for row in range(history.proxy.rowCount()):  # the whoami message, in the detail pane
            if '"whoami"' in str(history.proxy.index(row, 4).data()):
                history.table.selectRow(row)
        private.editor.set_text(json.dumps({"type": "ping", "n": 1}, indent=2))
        for _ in range(50):
            app.processEvents()
            time.sleep(0.01)
        window.grab().save(str(out))
        print(f"written {out}")
        window.close()
        window.wait_shut_down()


if __name__ == "__main__":
    main()
