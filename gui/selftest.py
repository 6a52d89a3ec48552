"""``python -m gui --self-test``: the whole chain, headless, with a one-line verdict.

Starts the embedded server through the launcher, connects with the client, sends a
JSON document with Japanese text, checks the echo, stops the server. No window. First,
the translations must be there (a frozen build that dropped them fails). Then checks
that ``keyring`` finds this platform's credential store backend (a frozen build can
lose it) and prints where secrets go: ``self-test: secrets: ...``.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

from gui.core.keyring_check import check_keyring
from gui.core.records import Direction
from gui.i18n import TRANSLATED, translation_problems
from gui.models.inbox import RecordInbox
from gui.net.client import WebSocketClient
from gui.server.launcher import ServerLauncher

DOCUMENT = {"type": "self-test", "text": "通信テスト — こんにちは", "n": [1, 2.5, None, True]}


class SelfTest(QObject):
    """Runs the check; :attr:`verdict` holds the outcome line when it ends."""

    def __init__(self, app: QCoreApplication, timeout_s: float) -> None:
        super().__init__()
        self._app = app
        self._timeout_s = timeout_s
        self.verdict = ""
        self.ok = False
        self._inbox = RecordInbox()
        self._launcher = ServerLauncher(parent=self)
        self._client = WebSocketClient(self._inbox, parent=self)
        self._url = ""
        self._sent_at = 0.0
        self._started = time.monotonic()
        self._poll = QTimer(self)
        self._poll.setInterval(20)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline_timeout)
        self._launcher.ready.connect(self._on_launcher_ready)
        self._launcher.failed.connect(self._fail)
        self._launcher.crashed.connect(self._fail)
        self._client.connected.connect(self._on_client_connected)
        self._client.connectFailed.connect(self._fail)
        self._client.disconnected.connect(self._on_client_disconnected)

    def wait_stopped(self) -> None:
        """Wait for the connection to close and the server to exit, after the verdict."""
        self._client.wait_finished()
        self._launcher.wait_stopped()

    def start(self) -> None:
        """Begin: start the server and arm the overall timeout."""
        self._deadline.start(int(self._timeout_s * 1000))
        self._launcher.start()

    def _finish(self, ok: bool, verdict: str) -> None:
        if self.verdict:
            return
        self.ok = ok
        self.verdict = verdict
        self._poll.stop()
        self._deadline.stop()
        self._client.shutdown()
        self._launcher.stop()
        self._app.quit()

    @Slot(str)
    def _fail(self, reason: str) -> None:
        self._finish(False, f"self-test: FAILED: {reason}")

    @Slot(str)
    def _on_launcher_ready(self, url: str) -> None:
        self._url = url
        self._client.open(url)

    @Slot(str)
    def _on_client_connected(self, url: str) -> None:
        self._sent_at = time.monotonic()
        self._client.send_text(json.dumps(DOCUMENT, ensure_ascii=False))
        self._poll.start()

    @Slot(int, str)
    def _on_client_disconnected(self, code: int, reason: str) -> None:
        self._fail(f"the server closed the connection ({code} {reason})".strip())

    @Slot()
    def _on_poll_timeout(self) -> None:
        for rec in self._inbox.drain(100):
            if rec.direction is not Direction.RECEIVED:
                continue
            try:
                reply = json.loads(rec.text)
            except ValueError:
                self._fail(f"the reply is not JSON: {rec.text[:200]!r}")
                return
            if reply != {"type": "echo", "data": DOCUMENT}:
                self._fail(f"unexpected reply: {rec.text[:200]}")
                return
            rtt = (time.monotonic() - self._sent_at) * 1000
            total = time.monotonic() - self._started
            self._finish(True, f"self-test: ok ({self._url}, echo in {rtt:.0f} ms, {total:.1f} s)")
            return

    @Slot()
    def _on_deadline_timeout(self) -> None:
        self._fail(f"no echo within {self._timeout_s:g} s")


def run_self_test(timeout_s: float = 30.0) -> int:
    """Run the self-test, print the verdict, return 0 (ok) or 1."""
    app = QCoreApplication.instance() or QCoreApplication([])
    missing = translation_problems()
    if missing:
        print(f"self-test: FAILED: {'; '.join(missing)}", flush=True)
        return 1
    print(f"self-test: translations found ({', '.join(TRANSLATED)})", file=sys.stderr, flush=True)
    test = SelfTest(app, timeout_s)  # type: ignore[arg-type]
    QTimer.singleShot(0, test, test.start)
    app.exec()
    test.wait_stopped()
    print(test.verdict or "self-test: FAILED: ended without a verdict", flush=True)
    secrets = check_keyring()
    if secrets.ok:
        print(f"self-test: secrets: {secrets.message}", flush=True)
    else:
        print(f"self-test: FAILED: secrets: {secrets.message}", flush=True)
    return 0 if test.ok and secrets.ok else 1
