"""One connection in a tab: its panel, editor, history, detail and the objects behind."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal, Slot
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from gui.core.connection import ConnectionState
from gui.core.records import Direction, MessageRecord, system_record
from gui.core.tab_specs import TabSpec
from gui.core.target import RemoteAddress, ServerMode
from gui.models.history import HistoryModel
from gui.net.controller import ConnectionController
from gui.server.shared import ServerLease
from gui.tabs.sending import SendRefused, TabSending
from gui.widgets.binary_dialog import BinaryDialog
from gui.widgets.connection_panel import ConnectionPanel
from gui.widgets.history_view import HistoryPanel, ModelFactory
from gui.widgets.json_editor import JsonEditor
from gui.widgets.message_detail import MessageDetail
from gui.widgets.periodic_bar import PeriodicBar

MAX_SAVED_EDITOR_TEXT = 200_000
DEFAULT_EDITOR_TEXT = '{"type": "hello", "text": "こんにちは"}'


class ConnectionTab(QWidget):
    """A tab is the unit of a connection: it owns its controller (with its client and
    its hold on the shared embedded server), its view of the history, its editor and
    what sends from it. The window shows the current tab's state in the status bar
    and runs its menus on the current tab.

    Signals:
        stateChanged(ConnectionState state, str message): the connection's state.
        latencyChanged(float ms): a ping's round trip.
        countsChanged(): the sent / received counters changed (see :meth:`counts`).
        connectedTo(str url): a connection opened (for the recent addresses).
        statusMessage(str text, int ms): a passing word for the status bar.
        titleChanged(str title)
    """

    stateChanged = Signal(object, str)
    latencyChanged = Signal(float)
    countsChanged = Signal()
    connectedTo = Signal(str)
    statusMessage = Signal(str, int)
    titleChanged = Signal(str)

    def __init__(
        self,
        spec: TabSpec,
        model: HistoryModel,
        all_model: ModelFactory,
        controller: ConnectionController,
        lease: ServerLease,
        recent_urls: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectionTab")
        self.id = spec.id
        self._title = spec.title
        self.model = model
        self.controller = controller
        self.lease = lease
        self._closed = False
        self.sent = self.received = self.bytes = 0

        controller.auto_reconnect = spec.auto_reconnect
        controller.connect_timeout = spec.connect_timeout
        self.connection_panel = ConnectionPanel(
            spec.mode,
            spec.remote,
            recent_urls,
            spec.auto_reconnect,
            connect_timeout=spec.connect_timeout,
        )
        self.editor = JsonEditor()
        self.editor.set_text(spec.editor_text or DEFAULT_EDITOR_TEXT)
        self.sending = TabSending(controller.send, lambda: controller.profile.variables, self)
        self.periodic_bar = PeriodicBar()
        self.history = HistoryPanel(model, all_model=all_model)
        self.detail = MessageDetail()

        self.history_splitter = QSplitter(Qt.Orientation.Vertical)
        self.history_splitter.setObjectName("historySplitter")
        self.history_splitter.addWidget(self.history)
        self.history_splitter.addWidget(self.detail)
        self.history_splitter.setSizes([400, 200])
        self.editor_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.editor_splitter.setObjectName("editorSplitter")
        editor_column = QWidget()
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.editor, 1)
        column.addWidget(self.periodic_bar)
        self.editor_splitter.addWidget(editor_column)
        self.editor_splitter.addWidget(self.history_splitter)
        self.editor_splitter.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.connection_panel)
        layout.addWidget(self.editor_splitter, 1)

        self.connection_panel.connectRequested.connect(self._on_panel_connect_requested)
        self.connection_panel.disconnectRequested.connect(controller.disconnect_from_server)
        self.connection_panel.autoReconnectToggled.connect(self._on_panel_auto_reconnect)
        self.connection_panel.connectTimeoutChanged.connect(self._on_panel_connect_timeout)
        controller.stateChanged.connect(self._on_controller_state)
        controller.latencyChanged.connect(self._on_controller_latency)
        controller.connectedTo.connect(self.connectedTo)
        self.editor.sendRequested.connect(self._on_editor_send)
        self.editor.sendRawRequested.connect(self._on_editor_send)
        self.editor.sendBinaryRequested.connect(self._on_editor_send_binary)
        self.history.recordSelected.connect(self.detail.show_record)
        self.history.resendRequested.connect(self._on_history_resend)
        self.history.resendBinaryRequested.connect(self._on_history_resend_binary)
        self.history.exportFinished.connect(self._on_history_export_finished)
        model.batchAppended.connect(self._on_model_batch)
        self.periodic_bar.startRequested.connect(self._on_periodic_bar_start_requested)
        self.periodic_bar.stopRequested.connect(self._on_periodic_bar_stop_requested)
        self.sending.periodicCountChanged.connect(self.periodic_bar.set_count)
        self.sending.periodicStopped.connect(self._on_sending_periodic_stopped)
        self._on_controller_state(controller.state, controller.message)

    # --- what the window asks ------------------------------------------------------

    @property
    def title(self) -> str:
        """The tab's title."""
        return self._title

    def set_title(self, title: str) -> None:
        """Rename the tab."""
        title = " ".join(title.split())
        if title and title != self._title:
            self._title = title
            self.titleChanged.emit(title)

    def spec(self) -> TabSpec:
        """What it takes to build this tab again on the next start."""
        text = self.editor.text()
        return TabSpec(
            id=self.id,
            title=self._title,
            mode=self.connection_panel.mode(),
            remote=self.connection_panel.address(),
            connect_timeout=self.connection_panel.connect_timeout(),
            auto_reconnect=self.controller.auto_reconnect,
            # A huge paste is not worth a huge tabs file.
            editor_text=text if len(text) <= MAX_SAVED_EDITOR_TEXT else "",
        )

    def splitters(self) -> dict[str, QSplitter]:
        """The tab's splitters by name (their state is saved with the window's)."""
        return {"editorSplitter": self.editor_splitter, "historySplitter": self.history_splitter}

    def restore_splitters(self, states: dict[str, QByteArray]) -> None:
        """Apply saved splitter states (by name)."""
        for name, splitter in self.splitters().items():
            state = states.get(name)
            if state is not None:
                splitter.restoreState(state)

    def counts(self) -> tuple[int, int, int]:
        """Messages sent and received by this tab since it opened, and their bytes."""
        return self.sent, self.received, self.bytes

    def set_recent(self, urls: list[str]) -> None:
        """Offer these addresses in the connection panel."""
        self.connection_panel.set_recent(urls)

    def connect_now(self) -> None:
        """Connect as the panel says (the Connect button)."""
        self._on_panel_connect_requested(
            self.connection_panel.mode(), self.connection_panel.address()
        )

    def start_embedded(self) -> bool:
        """Connect to the embedded server when that is this tab's choice; return whether
        it did (a remote server waits for the user's Connect)."""
        if self.connection_panel.mode() is not ServerMode.EMBEDDED:
            return False
        self.connect_now()
        return True

    def shutdown(self) -> None:
        """Close the connection, give the embedded server back, stop following the
        history (once). The window deletes the tab afterwards."""
        if self._closed:
            return
        self._closed = True
        self.sending.stop_periodic(self.tr("the tab closed"))
        self.history.close_views()
        self.controller.shutdown()  # stops its lease: the server stops if no tab is left
        self.model.close()

    def send_binary_from_dialog(self, payload: bytes | None) -> None:
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
            self.statusMessage.emit(self.tr("Not connected: nothing was sent"), 4000)

    # --- slots ---------------------------------------------------------------------

    def _on_panel_connect_requested(self, mode: ServerMode, address: RemoteAddress) -> None:
        if mode is ServerMode.REMOTE:
            self.lease.stop()  # this tab no longer uses the embedded server
        self.controller.connect_to(mode, address)

    @Slot(bool)
    def _on_panel_auto_reconnect(self, on: bool) -> None:
        self.controller.auto_reconnect = on

    @Slot(float)
    def _on_panel_connect_timeout(self, seconds: float) -> None:
        self.controller.connect_timeout = seconds

    @Slot(object, str)
    def _on_controller_state(self, state: ConnectionState, message: str) -> None:
        self.connection_panel.set_state(state, message)
        self.editor.set_connected(state is ConnectionState.CONNECTED)
        if state is not ConnectionState.CONNECTED and self.sending.periodic_running:
            self.sending.stop_periodic(self.tr("the connection closed"))
        self.stateChanged.emit(state, self.connection_panel.status_label.text())

    @Slot(float)
    def _on_controller_latency(self, ms: float) -> None:
        self.connection_panel.set_latency(ms)
        self.latencyChanged.emit(ms)

    @Slot(str)
    def _on_editor_send(self, text: str) -> None:
        try:
            self.sending.send(text)
        except SendRefused as exc:
            message = self.tr("Nothing was sent: {reason}").format(reason=exc)
            self.editor.show_send_problem(message)
            self.statusMessage.emit(message, 6000)

    @Slot(int, int)
    def _on_periodic_bar_start_requested(self, interval_ms: int, limit: int) -> None:
        if self.controller.state is not ConnectionState.CONNECTED:
            self.statusMessage.emit(self.tr("Not connected: the periodic send did not start"), 4000)
            return
        text = self.editor.text()
        try:
            self.sending.check(text)
        except SendRefused as exc:
            message = self.tr("The periodic send did not start: {reason}").format(reason=exc)
            self.editor.show_send_problem(message)
            self.statusMessage.emit(message, 6000)
            return
        times = f"{limit} times" if limit else "until stopped"
        self.model.inbox.put(
            system_record(f"periodic send started: every {interval_ms} ms, {times}")
        )
        self.periodic_bar.set_running(True)
        self.sending.start_periodic(text, interval_ms, limit)

    @Slot()
    def _on_periodic_bar_stop_requested(self) -> None:
        self.sending.stop_periodic(self.tr("stopped"))

    @Slot(str)
    def _on_sending_periodic_stopped(self, reason: str) -> None:
        sent = self.sending.periodic_sent
        self.periodic_bar.set_stopped(sent, reason)
        self.model.inbox.put(
            system_record(f"periodic send stopped after {sent} messages: {reason}")
        )
        self.statusMessage.emit(
            self.tr("Periodic send stopped after {sent} messages: {reason}").format(
                sent=f"{sent:,}", reason=reason
            ),
            8000,
        )

    @Slot()
    def _on_editor_send_binary(self) -> None:
        self.send_binary_from_dialog(None)

    @Slot(str)
    def _on_history_resend(self, text: str) -> None:
        self.editor.set_text(text)
        self.editor.edit.setFocus()

    @Slot(object)
    def _on_history_resend_binary(self, record: MessageRecord) -> None:
        if record.partial or record.payload is None:
            self.statusMessage.emit(
                self.tr(
                    "Only the first bytes of this {size}-byte message are loaded:"
                    " Export has them all, Send binary… can send a file"
                ).format(size=f"{record.size:,}"),
                6000,
            )
            return
        self.send_binary_from_dialog(record.payload)

    @Slot(str)
    def _on_history_export_finished(self, message: str) -> None:
        self.statusMessage.emit(message, 8000)

    @Slot(list)
    def _on_model_batch(self, records: list[MessageRecord]) -> None:
        for rec in records:
            if rec.direction is Direction.SENT:
                self.sent += 1
                self.bytes += rec.size
            elif rec.direction is Direction.RECEIVED:
                self.received += 1
                self.bytes += rec.size
        self.countsChanged.emit()
