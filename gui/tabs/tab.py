"""One connection in a tab: its panel, settings, editor, history, detail, login, and
the objects behind them."""

from __future__ import annotations

import collections
import operator

from PySide6.QtCore import QByteArray, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.core.checks import ReceivedChecks, SchemaCheck
from gui.core.connection import ConnectionState
from gui.core.profile import Profile, query_string
from gui.core.profile_check import ProfileProblem, check_profile
from gui.core.profile_store import ProfileStore, ProfileStoreError
from gui.core.records import Direction, MessageRecord, system_record
from gui.core.tab_specs import TabSpec
from gui.core.target import RemoteAddress, ServerMode
from gui.models.history import HistoryModel
from gui.net.controller import ConnectionController
from gui.server.shared import ServerLease
from gui.tabs.login import TabLogin
from gui.tabs.sending import SendRefused, TabSending
from gui.widgets.binary_dialog import BinaryDialog
from gui.widgets.commands import bind_button, command
from gui.widgets.connection_panel import ConnectionPanel
from gui.widgets.file_dialogs import FileDialogs
from gui.widgets.focus import set_tab_order
from gui.widgets.history_view import HistoryPanel, ModelFactory
from gui.widgets.json_editor import JsonEditor
from gui.widgets.login_dialog import LoginDialog
from gui.widgets.message_detail import MessageDetail
from gui.widgets.periodic_bar import PeriodicBar
from gui.widgets.profile_editor import ProfileEditor
from gui.widgets.schema_panel import SchemaPanel
from gui.words import word

_IMPORTED = operator.attrgetter("imported")
_DIRECTION = operator.attrgetter("direction")
_SIZE = operator.attrgetter("size")

MAX_SAVED_EDITOR_TEXT = 200_000
MAX_SAVED_SCHEMA_TEXT = 1_000_000
DEFAULT_EDITOR_TEXT = '{"type": "hello", "text": "こんにちは"}'


def split_path(path: str) -> tuple[str, str]:
    """``/rooms/lobby/?name=a`` → (``/rooms/lobby/``, ``name=a``)."""
    head, _, query = path.partition("?")
    return head or "/", query


class ConnectionTab(QWidget):
    """A tab is the unit of a connection: it owns its controller (with its client and
    its hold on the shared embedded server), its view of the history, its editor and
    what sends from it, and the profile it connects with (saved in the profile store:
    its title is the profile's name). The window shows the current tab's state in the
    status bar and runs its menus on the current tab.

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
        profile: Profile,
        profiles: ProfileStore,
        model: HistoryModel,
        all_model: ModelFactory,
        controller: ConnectionController,
        lease: ServerLease,
        recent_urls: list[str],
        parent: QWidget | None = None,
        *,
        dialogs: FileDialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectionTab")
        self.dialogs = dialogs if dialogs is not None else FileDialogs()
        self.id = spec.id
        self.model = model
        self.controller = controller
        self.lease = lease
        self.profiles = profiles
        self._profile = profile
        self._closed = False
        self.sent = self.received = self.bytes = 0

        controller.auto_reconnect = profile.auto_reconnect
        controller.connect_timeout = profile.connect_timeout
        self.connection_panel = ConnectionPanel(
            profile.server,
            RemoteAddress(profile.scheme, profile.host, profile.port, profile.path),
            recent_urls,
            profile.auto_reconnect,
            connect_timeout=profile.connect_timeout,
        )
        # The tab's own commands (the window's menus stand for the current tab's).
        self.settings_action = command(
            self.tr("Connection settings"), self, name="connectionSettingsAction", checkable=True
        )
        self.save_profile_action = command(self.tr("Save profile"), self, name="saveProfileAction")
        self.save_profile_action.setToolTip(
            self.tr("Save this tab's connection profile now (Ctrl+S)")
        )
        self.settings_button = QToolButton(self)
        self.settings_button.setObjectName("connectionSettingsButton")
        bind_button(self.settings_button, self.settings_action)
        self.settings_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.settings_button.setArrowType(Qt.ArrowType.RightArrow)
        self.settings_button.setAutoRaise(True)
        self.settings_summary = QLabel(self)
        self.settings_summary.setObjectName("connectionSettingsSummary")
        self.settings_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveProfileButton")
        bind_button(self.save_button, self.save_profile_action)
        self.settings_editor = ProfileEditor(self)
        self.settings_editor.setObjectName("connectionSettings")
        self.settings_editor.hide()
        self.settings_editor.set_profile(profile)
        status = profiles.secrets.status
        self.settings_editor.set_secrets_status(word(status), offer_file=not status.ok)
        self.editor = JsonEditor()
        self.editor.set_text(spec.editor_text or DEFAULT_EDITOR_TEXT)
        self.sending = TabSending(controller.send, lambda: controller.profile.variables, self)
        self.periodic_bar = PeriodicBar()
        self.history = HistoryPanel(model, all_model=all_model)
        self.detail = MessageDetail()
        # The tab's schema, checked in the session thread on every received message.
        self.schema_panel = SchemaPanel(spec.schema_text)
        self.checks = ReceivedChecks(self.schema_panel.schema)
        for asks_for_files in (self.settings_editor, self.history, self.schema_panel):
            asks_for_files.dialogs = self.dialogs
        controller.client.checks = self.checks

        self.history_splitter = QSplitter(Qt.Orientation.Vertical)
        self.history_splitter.setObjectName("historySplitter")
        self.history_splitter.addWidget(self.history)
        self.history_splitter.addWidget(self.detail)
        self.history_splitter.setSizes([400, 200])
        self.schema_splitter = QSplitter(Qt.Orientation.Vertical)
        self.schema_splitter.setObjectName("schemaSplitter")
        self.editor_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.editor_splitter.setObjectName("editorSplitter")
        editor_column = QWidget()
        column = QVBoxLayout(editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.editor, 1)
        column.addWidget(self.periodic_bar)
        self.schema_splitter.addWidget(editor_column)
        self.schema_splitter.addWidget(self.schema_panel)
        self.schema_splitter.setSizes([440, 160])
        self.editor_splitter.addWidget(self.schema_splitter)
        self.editor_splitter.addWidget(self.history_splitter)
        self.editor_splitter.setSizes([380, 620])
        settings_row = QHBoxLayout()
        settings_row.setContentsMargins(6, 0, 6, 0)
        settings_row.addWidget(self.settings_button)
        settings_row.addWidget(self.settings_summary, 1)
        settings_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.connection_panel)
        layout.addLayout(settings_row)
        # Unfolded, the settings take the height the user gives them.
        self.settings_splitter = QSplitter(Qt.Orientation.Vertical)
        self.settings_splitter.setObjectName("settingsSplitter")
        self.settings_splitter.addWidget(self.settings_editor)
        self.settings_splitter.addWidget(self.editor_splitter)
        self.settings_splitter.setCollapsible(1, False)
        self.settings_splitter.setStretchFactor(1, 1)
        self.settings_splitter.setSizes([200, 420])
        layout.addWidget(self.settings_splitter, 1)
        # Tab: the connection, its settings, the editor and its buttons, the periodic
        # send, the schema, then the history (filter, buttons, table) and the detail.
        history = self.history
        editor = self.editor
        set_tab_order(
            [
                self.connection_panel.auto_check,
                self.settings_button,
                self.settings_editor,
                self.save_button,
                editor.edit,
                editor.format_button,
                editor.compact_button,
                editor.send_binary_button,
                editor.send_raw_button,
                editor.send_button,
                self.periodic_bar.interval_spin,
                self.periodic_bar.count_spin,
                self.periodic_bar.button,
                self.schema_panel,
                history.filter_edit,
                history.direction_combo,
                history.copy_button,
                history.export_button,
                history.clear_button,
                history.table,
                self.detail.text,
            ]
        )

        panel = self.connection_panel
        panel.connectRequested.connect(self._on_panel_connect_requested)
        panel.disconnectRequested.connect(controller.disconnect_from_server)
        panel.autoReconnectToggled.connect(self._on_panel_auto_reconnect)
        panel.connectTimeoutChanged.connect(self._on_panel_connect_timeout)
        panel.loginRequested.connect(self._on_panel_login_requested)
        panel.changed.connect(self._on_settings_changed)
        panel.path_edit.editingFinished.connect(self._on_path_editing_finished)
        self.settings_action.toggled.connect(self._on_settings_button_toggled)
        self.save_profile_action.triggered.connect(self._on_save_profile_triggered)
        self.settings_editor.changed.connect(self._on_settings_changed)
        controller.stateChanged.connect(self._on_controller_state)
        controller.latencyChanged.connect(self._on_controller_latency)
        controller.connectedTo.connect(self.connectedTo)
        controller.negotiatedProtocolChanged.connect(panel.set_negotiated_protocol)
        controller.profileRefused.connect(self._on_controller_profile_refused)
        self.editor.sendRequested.connect(self._on_editor_send)
        self.editor.sendRawRequested.connect(self._on_editor_send)
        self.editor.sendBinaryRequested.connect(self._on_editor_send_binary)
        self.history.recordSelected.connect(self.detail.show_record)
        self.schema_panel.schemaChanged.connect(self._on_schema_changed)
        self.history.resendRequested.connect(self._on_history_resend)
        self.history.resendBinaryRequested.connect(self._on_history_resend_binary)
        self.history.exportFinished.connect(self._on_history_export_finished)
        model.batchAppended.connect(self._on_model_batch)
        self.periodic_bar.startRequested.connect(self._on_periodic_bar_start_requested)
        self.periodic_bar.stopRequested.connect(self._on_periodic_bar_stop_requested)
        self.sending.periodicCountChanged.connect(self.periodic_bar.set_count)
        self.sending.periodicStopped.connect(self._on_sending_periodic_stopped)
        self.login = TabLogin(
            self.profile,
            controller,
            lease,
            model.inbox,
            url=spec.login_url,
            username=spec.login_user,
            parent=self,
        )
        self.login.loggedIn.connect(self._on_login_logged_in)
        self.login.loggedOut.connect(self._on_login_logged_out)
        self._on_controller_state(controller.state, controller.message)
        self._on_settings_changed()

    # --- what the window asks ------------------------------------------------------

    @property
    def title(self) -> str:
        """The tab's title: its profile's name."""
        return self._profile.name

    def set_title(self, title: str) -> bool:
        """Rename the tab and its profile; False (and said why) when another profile
        has that name already."""
        title = " ".join(title.split())
        if not title or title == self._profile.name:
            return False
        if self.profiles.unique_name(title, besides=self._profile.id) != title:
            self.statusMessage.emit(
                self.tr("A profile called {name!r} exists already").format(name=title), 6000
            )
            return False
        self._profile = self._profile.replace(name=title)
        self.save_profile(quiet=True)
        self.titleChanged.emit(title)
        return True

    def profile(self) -> Profile:
        """The profile as the tab's fields say now (what Connect uses)."""
        return self._read_profile()[0]

    def _read_profile(self) -> tuple[Profile, list[ProfileProblem]]:
        panel = self.connection_panel
        address = panel.address()
        path, query = split_path(address.path)
        base = self._profile.replace(
            server=panel.mode(),
            scheme=address.scheme,
            host=address.host,
            port=address.port,
            path=path,
            connect_timeout=panel.connect_timeout(),
            auto_reconnect=panel.auto_check.isChecked(),
        )
        profile, problems = self.settings_editor.profile_from(base)
        if query:  # typed in the path: the query rows take it
            url = f"ws://h:1{profile.path}?{query}"
            typed = {r.name: r for r in profile.with_url(url).query}
            rows = [typed.pop(r.name) if r.name in typed else r for r in profile.query]
            profile = profile.replace(query=(*rows, *typed.values()))
        return profile, problems

    def load_profile(self, profile: Profile) -> None:
        """Show ``profile`` in the tab's fields (a profile opened into this tab)."""
        title_changed = profile.name != self._profile.name
        self._profile = profile
        panel = self.connection_panel
        panel.mode_combo.setCurrentIndex(0 if profile.server is ServerMode.EMBEDDED else 1)
        panel.set_address(RemoteAddress(profile.scheme, profile.host, profile.port, profile.path))
        panel.timeout_spin.setValue(profile.connect_timeout)
        panel.auto_check.setChecked(profile.auto_reconnect)
        self.settings_editor.set_profile(profile)
        self._on_settings_changed()
        if title_changed:
            self.titleChanged.emit(profile.name)

    def save_profile(self, quiet: bool = False) -> bool:
        """Write the tab's profile to the profile store; say where its secrets went
        (unless ``quiet``). False when it could not be written (said)."""
        profile = self.profile()
        try:
            where = self.profiles.save(profile)
        except ProfileStoreError as exc:
            self.statusMessage.emit(
                self.tr("The profile was not saved: {why}").format(why=word(exc.problem)), 8000
            )
            return False
        self._profile = profile
        if not quiet:
            places = {stored.value for stored in where.values()}
            if not places:
                note = ""
            elif places == {"keyring"}:
                note = self.tr(" (its secrets in the system's credential store)")
            elif "memory" in places:
                note = self.tr(" (secrets kept in memory only: no credential store)")
            else:
                note = self.tr(" (secrets in the profile file, as chosen)")
            self.statusMessage.emit(
                self.tr("Profile {name} saved{note}").format(name=profile.name, note=note), 6000
            )
        return True

    def spec(self) -> TabSpec:
        """What it takes to build this tab again on the next start."""
        text = self.editor.text()
        schema = self.schema_panel.text()
        profile = self.profile()
        return TabSpec(
            id=self.id,
            title=profile.name,
            mode=profile.server,
            remote=RemoteAddress(profile.scheme, profile.host, profile.port, profile.path),
            connect_timeout=profile.connect_timeout,
            auto_reconnect=profile.auto_reconnect,
            # A huge paste is not worth a huge tabs file.
            editor_text=text if len(text) <= MAX_SAVED_EDITOR_TEXT else "",
            schema_text=schema if len(schema) <= MAX_SAVED_SCHEMA_TEXT else "",
            profile_id=profile.id,
            login_url=self.login.url,
            login_user=self.login.username,
        )

    def splitters(self) -> dict[str, QSplitter]:
        """The tab's splitters by name (their state is saved with the window's)."""
        return {
            "editorSplitter": self.editor_splitter,
            "historySplitter": self.history_splitter,
            "schemaSplitter": self.schema_splitter,
        }

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

    def show_settings(self, on: bool = True) -> None:
        """Unfold (or fold) the connection settings."""
        self.settings_action.setChecked(on)

    def connect_now(self) -> None:
        """Connect as the fields say (the Connect button)."""
        self._on_path_editing_finished()
        profile, problems = self._read_profile()
        if problems:
            self._on_controller_profile_refused(problems)
            self.controller.stateChanged.emit(ConnectionState.ERROR, word(problems[0]))
            return
        if profile.server is ServerMode.REMOTE:
            self.lease.stop()  # this tab no longer uses the embedded server
        self.controller.connect_profile(profile)
        if self.controller.active:
            self.save_profile(quiet=True)

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
        self.login.close()
        self.history.close_views()
        self.controller.shutdown()  # stops its lease: the server stops if no tab is left
        self.model.close()

    def send_binary_from_dialog(self, payload: bytes | None) -> None:
        """Ask for the bytes of a binary message (starting from ``payload``), send them."""
        dialog = BinaryDialog(self)
        dialog.dialogs = self.dialogs
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

    # --- internals -----------------------------------------------------------------

    def _summary(self, profile: Profile, problems: list[ProfileProblem]) -> str:
        parts = []
        headers = sum(1 for r in profile.headers if r.on)
        if headers:
            parts.append(self.tr("{n} headers").format(n=headers))
        cookies = sum(1 for r in profile.cookies if r.on)
        if cookies:
            parts.append(self.tr("{n} cookies").format(n=cookies))
        if profile.subprotocols:
            parts.append(", ".join(profile.subprotocols))
        if profile.origin.value == "none":
            parts.append(self.tr("no Origin"))
        elif profile.origin.value == "custom":
            parts.append(self.tr("Origin {origin}").format(origin=profile.custom_origin))
        if profile.scheme == "wss" and not profile.tls.verify:
            parts.append(self.tr("TLS verification off"))
        if profile.proxy.is_set:
            parts.append(self.tr("proxy {address}").format(address=profile.proxy.address))
        shown = query_string(tuple(r for r in profile.query if not r.secret))
        if shown:
            parts.append(shown)
        if problems:
            parts.insert(0, self.tr("⚠ {n} to fix").format(n=len(problems)))
        return " · ".join(parts)

    # --- slots ---------------------------------------------------------------------

    def _on_panel_connect_requested(self, mode: ServerMode, address: RemoteAddress) -> None:
        self.connect_now()

    @Slot(object)
    def _on_schema_changed(self, schema: SchemaCheck | None) -> None:
        self.checks.schema = schema  # the session thread uses it from its next message

    @Slot(bool)
    def _on_panel_auto_reconnect(self, on: bool) -> None:
        self.controller.auto_reconnect = on

    @Slot(float)
    def _on_panel_connect_timeout(self, seconds: float) -> None:
        self.controller.connect_timeout = seconds

    @Slot()
    def _on_path_editing_finished(self) -> None:
        """A query typed in the path goes to the query table."""
        path_edit = self.connection_panel.path_edit
        path, query = split_path(path_edit.text())
        if not query:
            return
        profile = self._read_profile()[0]
        path_edit.setText(path)
        self.settings_editor.query.set_rows(profile.query)

    @Slot()
    def _on_save_profile_triggered(self) -> None:
        self.save_profile()

    @Slot(bool)
    def _on_settings_button_toggled(self, on: bool) -> None:
        self.settings_editor.setVisible(on)
        arrow = Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow
        self.settings_button.setArrowType(arrow)

    @Slot()
    def _on_settings_changed(self) -> None:
        profile, problems = self._read_profile()
        problems += check_profile(profile)
        self.settings_editor.show_problems(problems)
        self.settings_summary.setText(self._summary(profile, problems))

    @Slot(object)
    def _on_controller_profile_refused(self, problems: list[ProfileProblem]) -> None:
        self.settings_editor.show_problems(problems)
        self.show_settings()

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

    @property
    def logged_in_as(self) -> str | None:
        """Who the tab is logged in as (its handshakes carry that session), or None."""
        return self.login.user

    def open_login_dialog(self) -> LoginDialog:
        """Show the Django login dialog (the login runs off the GUI thread)."""
        return self.login.open_dialog(self)

    @Slot()
    def _on_panel_login_requested(self) -> None:
        if self.login.user is not None:
            self.login.log_out()
        else:
            self.open_login_dialog()

    @Slot(str)
    def _on_login_logged_in(self, username: str) -> None:
        self.connection_panel.set_login(username)
        if self.controller.client.is_connected:
            self.connect_now()  # a handshake with the session, now

    @Slot()
    def _on_login_logged_out(self) -> None:
        self.connection_panel.set_login(None)

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
        if limit:
            started = self.tr("periodic send started: every {interval} ms, {limit} times")
        else:
            started = self.tr("periodic send started: every {interval} ms, until stopped")
        self.model.inbox.put(
            system_record(started.format(interval=f"{interval_ms:,}", limit=f"{limit:,}"))
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
            system_record(
                self.tr("periodic send stopped after {sent} messages: {reason}").format(
                    sent=sent, reason=reason
                )
            )
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

    @Slot(object)
    def _on_model_batch(self, records: list[MessageRecord]) -> None:
        # In C loops where it can be: under a flood this sees every row.
        if any(map(_IMPORTED, records)):
            records = [rec for rec in records if not rec.imported]  # not this connection's
        by_direction = collections.Counter(map(_DIRECTION, records))
        self.sent += by_direction[Direction.SENT]
        self.received += by_direction[Direction.RECEIVED]
        if by_direction[Direction.SENT] + by_direction[Direction.RECEIVED] == len(records):
            self.bytes += sum(map(_SIZE, records))
        else:
            traffic = (Direction.SENT, Direction.RECEIVED)
            self.bytes += sum(rec.size for rec in records if rec.direction in traffic)
        self.countsChanged.emit()
