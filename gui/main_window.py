"""The main window: lays out the panels and wires them to the connection and history."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from gui import __version__
from gui.core.connection import ConnectionState
from gui.core.records import Direction, MessageRecord
from gui.core.target import RemoteAddress, ServerMode, remember
from gui.models.history import HistoryModel
from gui.models.writer import WriteStatus
from gui.net.controller import ConnectionController
from gui.server.launcher import ServerLauncher
from gui.settings import AppSettings
from gui.widgets.binary_dialog import BinaryDialog
from gui.widgets.connection_panel import ConnectionPanel
from gui.widgets.elided_label import ElidedLabel
from gui.widgets.history_view import HistoryPanel
from gui.widgets.json_editor import JsonEditor
from gui.widgets.message_detail import MessageDetail
from gui.widgets.server_log import ServerLog

MAX_SAVED_EDITOR_TEXT = 200_000


def human_bytes(count: int) -> str:
    """``1.2 KB`` style sizes for the status bar."""
    size = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{count} B"


class MainWindow(QMainWindow):
    """Connection panel on top; editor | history over detail; server log below.

    Everything it uses is built by :func:`gui.app.build_window` and passed in.
    Closing it closes the socket, stops the embedded server, writes the history out
    and saves the window layout and connection settings.
    """

    def __init__(
        self,
        settings: AppSettings,
        model: HistoryModel,
        controller: ConnectionController,
        launcher: ServerLauncher,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Tsushin — JSON over WebSocket")
        self.settings = settings
        self.model = model
        self.controller = controller
        self.launcher = launcher
        self._closed = False
        self._sent = self._received = self._bytes = 0

        controller.auto_reconnect = settings.auto_reconnect
        controller.connect_timeout = settings.connect_timeout
        self.connection_panel = ConnectionPanel(
            settings.server_mode,
            settings.remote,
            settings.recent_urls,
            settings.auto_reconnect,
            connect_timeout=settings.connect_timeout,
        )
        self.editor = JsonEditor()
        self.editor.set_text(settings.editor_text or '{"type": "hello", "text": "こんにちは"}')
        self.history = HistoryPanel(model)
        self.detail = MessageDetail()
        self.server_log = ServerLog()

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("historySplitter")
        self.right_splitter.addWidget(self.history)
        self.right_splitter.addWidget(self.detail)
        self.right_splitter.setSizes([400, 200])
        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.top_splitter.setObjectName("editorSplitter")
        self.top_splitter.addWidget(self.editor)
        self.top_splitter.addWidget(self.right_splitter)
        self.top_splitter.setSizes([380, 620])
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.addTab(self.server_log, "Server log")
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.connection_panel)
        self.main_splitter.addWidget(self.top_splitter)
        self.main_splitter.addWidget(self.bottom_tabs)
        self.main_splitter.setCollapsible(0, False)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([70, 520, 130])
        self.main_splitter.setContentsMargins(6, 2, 6, 0)
        self.setCentralWidget(self.main_splitter)

        self.status_state = ElidedLabel()  # a server's close reason can be long
        self.status_state.setObjectName("statusState")
        self.status_counts = QLabel()
        self.status_counts.setObjectName("statusCounts")
        self.status_latency = QLabel()
        for label in (self.status_state, self.status_counts, self.status_latency):
            label.setTextFormat(Qt.TextFormat.PlainText)  # may hold a server's close reason
        # Shown only while the history cannot be written to disk.
        self.status_history = ElidedLabel()
        self.status_history.setObjectName("historyStatus")
        self.status_history.setAccessibleName("History file")
        self.status_history.setStyleSheet("color: #b3261e;")
        self.status_history.hide()
        self.statusBar().addWidget(self.status_state, 1)
        self.statusBar().addWidget(self.status_history, 2)
        self.statusBar().addPermanentWidget(self.status_latency)
        self.statusBar().addPermanentWidget(self.status_counts)
        self._show_counts()
        self._on_controller_state(controller.state, controller.message)

        self.connection_panel.connectRequested.connect(self._on_panel_connect_requested)
        self.connection_panel.disconnectRequested.connect(controller.disconnect_from_server)
        self.connection_panel.autoReconnectToggled.connect(self._on_panel_auto_reconnect)
        self.connection_panel.connectTimeoutChanged.connect(self._on_panel_connect_timeout)
        controller.stateChanged.connect(self._on_controller_state)
        controller.latencyChanged.connect(self._on_controller_latency)
        controller.connectedTo.connect(self._on_controller_connected_to)
        launcher.logLine.connect(self.server_log.append_line)
        self.editor.sendRequested.connect(self._on_editor_send)
        self.editor.sendRawRequested.connect(self._on_editor_send)
        self.editor.sendBinaryRequested.connect(self._on_editor_send_binary)
        self.history.recordSelected.connect(self.detail.show_record)
        self.history.resendRequested.connect(self._on_history_resend)
        self.history.resendBinaryRequested.connect(self._on_history_resend_binary)
        model.batchAppended.connect(self._on_model_batch)
        model.writeStatusChanged.connect(self._on_model_write_status)
        self.history.exportFinished.connect(self._on_history_export_finished)

        self._build_menus()
        self.resize(1100, 720)
        self._restore_layout()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        export = file_menu.addAction("&Export history…")
        export.triggered.connect(self.history.export_button.click)
        clear = file_menu.addAction("&Clear history")
        clear.triggered.connect(self.history.clear_button.click)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)

        edit_menu = self.menuBar().addMenu("&Edit")
        find = edit_menu.addAction("&Filter history")
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._on_find_triggered)
        send = edit_menu.addAction("&Send message")
        # Anywhere in the window (JsonTextEdit handles the keys itself when on its own).
        send.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        send.triggered.connect(self.editor.request_send)
        pretty = edit_menu.addAction("&Format JSON")
        pretty.setShortcut(QKeySequence("Ctrl+Shift+F"))
        pretty.triggered.connect(self.editor.format_button.click)

        help_menu = self.menuBar().addMenu("&Help")
        about = help_menu.addAction("&About Tsushin")
        about.triggered.connect(self._on_about_triggered)

    # --- layout persistence --------------------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "mainSplitter": self.main_splitter,
            "editorSplitter": self.top_splitter,
            "historySplitter": self.right_splitter,
        }

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in self._splitters().items():
            state = self.settings.geometry(name)
            if state is not None:
                splitter.restoreState(state)

    def save_state(self) -> None:
        """Write layout, connection choices and the editor text to the settings."""
        self.settings.set_geometry("geometry", self.saveGeometry())
        for name, splitter in self._splitters().items():
            self.settings.set_geometry(name, splitter.saveState())
        self.settings.server_mode = self.connection_panel.mode()
        self.settings.remote = self.connection_panel.address()
        self.settings.auto_reconnect = self.controller.auto_reconnect
        self.settings.connect_timeout = self.connection_panel.connect_timeout()
        text = self.editor.text()
        if len(text) <= MAX_SAVED_EDITOR_TEXT:  # a huge paste is not worth a huge INI file
            self.settings.editor_text = text
        self.settings.sync()

    def shutdown(self) -> None:
        """Close the connection, stop the server, write history and settings (once)."""
        if self._closed:
            return
        self._closed = True
        self.save_state()
        self.controller.shutdown()
        self.model.close()
        rescued = self.model.write_status.rescue_file
        if rescued is not None:  # the window is going: say it where it can still be seen
            print(f"tsushin: unsaved messages were written to {rescued}", file=sys.stderr)

    def wait_shut_down(self, timeout_ms: int = 7000) -> bool:
        """After :meth:`shutdown`, wait for the embedded server to exit and the
        connection's close handshake to end (the window is already gone)."""
        self.controller.client.wait_finished(timeout_ms / 1000)
        return self.launcher.wait_stopped(timeout_ms)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- slots ---------------------------------------------------------------------

    @Slot()
    def _on_find_triggered(self) -> None:
        self.history.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.history.filter_edit.selectAll()

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            "About Tsushin",
            f"Tsushin (通信) {__version__}\n\n"
            "A desktop app for talking JSON over WebSocket to Django Channels servers.",
        )

    @Slot(object, object)
    def start_embedded_on_launch(self) -> bool:
        """Start the embedded server and connect when the embedded mode is selected, so
        a double-click is all a user needs. A remote server is left for the user to
        connect to. Returns whether it started."""
        if self.connection_panel.mode() is not ServerMode.EMBEDDED:
            return False
        self.controller.connect_to(ServerMode.EMBEDDED, self.connection_panel.address())
        return True

    def _on_panel_connect_requested(self, mode: ServerMode, address: RemoteAddress) -> None:
        self.settings.server_mode = mode
        if mode is ServerMode.REMOTE:
            self.settings.remote = address
        self.controller.connect_to(mode, address)

    @Slot(bool)
    def _on_panel_auto_reconnect(self, on: bool) -> None:
        self.controller.auto_reconnect = on
        self.settings.auto_reconnect = on

    @Slot(float)
    def _on_panel_connect_timeout(self, seconds: float) -> None:
        self.controller.connect_timeout = seconds
        self.settings.connect_timeout = seconds

    @Slot(object, str)
    def _on_controller_state(self, state: ConnectionState, message: str) -> None:
        self.connection_panel.set_state(state, message)
        self.editor.set_connected(state is ConnectionState.CONNECTED)
        self.status_state.setText(self.connection_panel.status_label.text())
        if state is not ConnectionState.CONNECTED:
            self.status_latency.clear()

    @Slot(float)
    def _on_controller_latency(self, ms: float) -> None:
        self.connection_panel.set_latency(ms)
        self.status_latency.setText(f"ping {ms:.1f} ms")

    @Slot(str)
    def _on_controller_connected_to(self, url: str) -> None:
        if self.connection_panel.mode() is ServerMode.REMOTE:
            urls = remember(self.settings.recent_urls, url)
            self.settings.recent_urls = urls
            self.connection_panel.set_recent(urls)

    @Slot(str)
    def _on_editor_send(self, text: str) -> None:
        if not self.controller.send(text):
            self.statusBar().showMessage("Not connected: nothing was sent", 4000)

    @Slot()
    def _on_editor_send_binary(self) -> None:
        self._send_binary_from_dialog(None)

    def _send_binary_from_dialog(self, payload: bytes | None) -> None:
        """Ask for the bytes of a binary message (starting from ``payload``), send them."""
        dialog = BinaryDialog(self)
        if payload is not None:
            dialog.set_payload(payload)
        try:
            if dialog.exec() != BinaryDialog.DialogCode.Accepted:
                return
            payload = dialog.payload()
        finally:
            dialog.deleteLater()
        if payload is not None and not self.controller.send_binary(payload):
            self.statusBar().showMessage("Not connected: nothing was sent", 4000)

    @Slot(str)
    def _on_history_resend(self, text: str) -> None:
        self.editor.set_text(text)
        self.editor.edit.setFocus()

    @Slot(object)
    def _on_model_write_status(self, status: WriteStatus) -> None:
        if not status.failing:
            self.status_history.hide()
            return
        text = (
            f"⚠ History not saved to disk: {status.error} — {status.unsaved} messages kept"
            " in memory, retrying (File ▸ Export saves them)"
        )
        if status.lost:
            text += f"; {status.lost} dropped from memory"
        self.status_history.setText(text)
        self.status_history.show()

    @Slot(str)
    def _on_history_export_finished(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    @Slot(object)
    def _on_history_resend_binary(self, record: MessageRecord) -> None:
        if record.partial or record.payload is None:
            self.statusBar().showMessage(
                f"Only the first bytes of this {record.size:,}-byte message are loaded:"
                " Export has them all, Send binary… can send a file",
                6000,
            )
            return
        self._send_binary_from_dialog(record.payload)

    @Slot(list)
    def _on_model_batch(self, records: list[MessageRecord]) -> None:
        for rec in records:
            if rec.direction is Direction.SENT:
                self._sent += 1
                self._bytes += rec.size
            elif rec.direction is Direction.RECEIVED:
                self._received += 1
                self._bytes += rec.size
        self._show_counts()

    def _show_counts(self) -> None:
        self.status_counts.setText(
            f"sent {self._sent} · received {self._received} · {human_bytes(self._bytes)}"
        )
