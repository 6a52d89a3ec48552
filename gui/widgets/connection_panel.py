"""The connection panel: server mode, address, Connect/Disconnect, status, latency, the
subprotocol the server chose, and the Django login of the tab."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from gui.core.connection import ConnectionState
from gui.core.records import plain_tooltip
from gui.core.target import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_PATH,
    MAX_CONNECT_TIMEOUT,
    MIN_CONNECT_TIMEOUT,
    RemoteAddress,
    ServerMode,
    parse_url,
)
from gui.theme import Role, set_role
from gui.widgets.commands import bind_button, command, set_text
from gui.widgets.focus import set_tab_order
from gui.words import sentence, state_name

_STATE_ROLES = {
    ConnectionState.DISCONNECTED: Role.STATE_IDLE,
    ConnectionState.STARTING_SERVER: Role.STATE_BUSY,
    ConnectionState.CONNECTING: Role.STATE_BUSY,
    ConnectionState.CONNECTED: Role.STATE_CONNECTED,
    ConnectionState.RECONNECTING: Role.STATE_BUSY,
    ConnectionState.ERROR: Role.STATE_ERROR,
}
_ACTIVE = {
    ConnectionState.STARTING_SERVER,
    ConnectionState.CONNECTING,
    ConnectionState.CONNECTED,
    ConnectionState.RECONNECTING,
}


class ConnectionPanel(QWidget):
    """Where the user says which server to talk to and sees how the connection is.

    The path is asked for in both modes: the embedded server has rooms
    (``/rooms/<room>/``) and ``/private/`` besides its echo.

    Signals:
        connectRequested(ServerMode mode, RemoteAddress address)
        disconnectRequested()
        autoReconnectToggled(bool on)
        connectTimeoutChanged(float seconds)
        loginRequested(): the Log in… button.
        changed(): a field the user can edit changed.
    """

    connectRequested = Signal(object, object)
    disconnectRequested = Signal()
    autoReconnectToggled = Signal(bool)
    connectTimeoutChanged = Signal(float)
    loginRequested = Signal()
    changed = Signal()

    def __init__(
        self,
        mode: ServerMode,
        address: RemoteAddress,
        recent: list[str],
        auto_reconnect: bool,
        parent: QWidget | None = None,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    ) -> None:
        super().__init__(parent)
        self._active = False

        self.mode_combo = QComboBox(self)
        self.mode_combo.setObjectName("serverModeCombo")
        self.mode_combo.setAccessibleName(self.tr("Server mode"))
        self.mode_combo.addItem(self.tr("Embedded server"), ServerMode.EMBEDDED.value)
        self.mode_combo.addItem(self.tr("Remote server"), ServerMode.REMOTE.value)
        self.mode_combo.setToolTip(
            self.tr("Embedded: Tsushin starts its own echo server on a free port")
        )
        self.scheme_combo = QComboBox(self)
        self.scheme_combo.setObjectName("schemeCombo")
        self.scheme_combo.setAccessibleName(self.tr("Scheme"))
        self.scheme_combo.addItems(["ws", "wss"])
        self.host_edit = QLineEdit(self)
        self.host_edit.setObjectName("hostEdit")
        self.host_edit.setAccessibleName(self.tr("Host"))
        self.host_edit.setPlaceholderText(self.tr("host"))
        self.host_edit.setMinimumWidth(90)
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setAccessibleName(self.tr("Port"))
        self.port_spin.setRange(1, 65535)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.setAccessibleName(self.tr("Path"))
        self.path_edit.setPlaceholderText(DEFAULT_PATH)
        self.recent_combo = QComboBox(self)
        self.recent_combo.setObjectName("recentCombo")
        self.recent_combo.setToolTip(self.tr("Recent connections"))
        self.recent_combo.setAccessibleName(self.tr("Recent connections"))
        self.recent_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.recent_combo.setMinimumContentsLength(8)
        self.embedded_label = QLabel(self.tr("Built-in server, on a free port; path"), self)
        self.embedded_label.setToolTip(
            self.tr("Connect starts Tsushin's own Django Channels echo server on 127.0.0.1")
        )
        # Never cut ("...; path" introduces the field next to it): the field gives way.
        self.embedded_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.embedded_label.setObjectName("embeddedLabel")
        set_role(self.embedded_label, Role.MUTED)
        self.auto_check = QCheckBox(self.tr("Auto-reconnect"), self)
        self.auto_check.setObjectName("autoReconnectCheck")
        self.auto_check.setChecked(auto_reconnect)
        self.timeout_spin = QDoubleSpinBox(self)
        self.timeout_spin.setObjectName("connectTimeoutSpin")
        self.timeout_spin.setAccessibleName(self.tr("Connect timeout"))
        self.timeout_spin.setRange(MIN_CONNECT_TIMEOUT, MAX_CONNECT_TIMEOUT)
        self.timeout_spin.setDecimals(1)
        self.timeout_spin.setSingleStep(1.0)
        self.timeout_spin.setSuffix(self.tr(" s"))
        self.timeout_spin.setValue(connect_timeout)
        self.timeout_spin.setToolTip(
            self.tr(
                "How long to wait for the server at each step of connecting (TCP, TLS, WebSocket)"
            )
        )
        # The panel's commands (the window's menus stand for the current tab's).
        self.connect_action = command(self.tr("Connect"), self, name="connectAction")
        self.login_action = command(self.tr("Log in…"), self, name="loginAction")
        set_text(self.login_action, self.tr("Log in…"), self.tr("&Log in…"))
        self.login_action.setToolTip(
            self.tr("Log in to the Django site: its session cookie goes in every handshake")
        )
        self.connect_button = QPushButton(self)
        self.connect_button.setObjectName("connectButton")
        bind_button(self.connect_button, self.connect_action)
        self.connect_button.setMinimumWidth(100)
        self.status_dot = QLabel("●", self)
        dot_font = self.status_dot.font()
        dot_font.setPointSizeF(14)
        self.status_dot.setFont(dot_font)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("connectionStatus")
        self.status_label.setAccessibleName(self.tr("Connection status"))
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.latency_label = QLabel(self)
        self.latency_label.setObjectName("latencyLabel")
        self.latency_label.setTextFormat(Qt.TextFormat.PlainText)
        self.protocol_label = QLabel(self)
        self.protocol_label.setObjectName("negotiatedProtocolLabel")
        self.protocol_label.setAccessibleName(self.tr("Subprotocol chosen by the server"))
        self.protocol_label.setTextFormat(Qt.TextFormat.PlainText)
        self.protocol_label.setToolTip(self.tr("The subprotocol the server chose"))
        self.login_button = QPushButton(self)
        self.login_button.setObjectName("loginButton")
        bind_button(self.login_button, self.login_action)
        self.login_label = QLabel(self)
        self.login_label.setObjectName("loginStatusLabel")
        self.login_label.setAccessibleName(self.tr("Logged in as"))
        self.login_label.setTextFormat(Qt.TextFormat.PlainText)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addWidget(QLabel(self.tr("Server"), self), 0, 0)
        grid.addWidget(self.mode_combo, 0, 1)
        address_row = QHBoxLayout()
        address_row.addWidget(self.embedded_label, 1)
        self._address_widgets: list[QWidget] = [
            self.scheme_combo,
            QLabel("://", self),
            self.host_edit,
            QLabel(":", self),
            self.port_spin,
            self.recent_combo,
        ]
        address_row.addWidget(self.scheme_combo)
        address_row.addWidget(self._address_widgets[1])
        address_row.addWidget(self.host_edit, 3)
        address_row.addWidget(self._address_widgets[3])
        address_row.addWidget(self.port_spin)
        address_row.addWidget(self.path_edit, 2)
        address_row.addWidget(self.recent_combo, 2)
        grid.addLayout(address_row, 0, 2)
        grid.addWidget(self.connect_button, 0, 3)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_dot)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.latency_label)
        status_row.addWidget(self.protocol_label)
        status_row.addSpacing(12)
        status_row.addWidget(self.login_label)
        status_row.addWidget(self.login_button)
        status_row.addSpacing(12)
        status_row.addWidget(QLabel(self.tr("Timeout"), self))
        status_row.addWidget(self.timeout_spin)
        status_row.addSpacing(12)
        status_row.addWidget(self.auto_check)
        grid.addLayout(status_row, 1, 0, 1, 4)
        grid.setColumnStretch(2, 1)

        # Tab goes as the eye reads: the address, Connect, then the second row.
        set_tab_order(
            [
                self.mode_combo,
                self.scheme_combo,
                self.host_edit,
                self.port_spin,
                self.path_edit,
                self.recent_combo,
                self.connect_button,
                self.login_button,
                self.timeout_spin,
                self.auto_check,
            ]
        )
        self.set_address(address)
        self.set_recent(recent)
        self.mode_combo.setCurrentIndex(0 if mode is ServerMode.EMBEDDED else 1)
        self._on_mode_combo_changed()
        self.set_state(ConnectionState.DISCONNECTED, "")

        self.mode_combo.currentIndexChanged.connect(self._on_mode_combo_changed)
        self.recent_combo.activated.connect(self._on_recent_combo_activated)
        self.connect_action.triggered.connect(self._on_connect_button_clicked)
        self.auto_check.toggled.connect(self.autoReconnectToggled)
        self.timeout_spin.valueChanged.connect(self.connectTimeoutChanged)
        self.host_edit.returnPressed.connect(self._on_connect_button_clicked)
        self.login_action.triggered.connect(self.loginRequested)
        for edit in (self.host_edit, self.path_edit):
            edit.textEdited.connect(self.changed)
        self.port_spin.valueChanged.connect(self.changed)
        self.scheme_combo.currentIndexChanged.connect(self.changed)
        self.mode_combo.currentIndexChanged.connect(self.changed)
        self.timeout_spin.valueChanged.connect(self.changed)
        self.auto_check.toggled.connect(self.changed)

    # --- public --------------------------------------------------------------------

    def mode(self) -> ServerMode:
        """The selected server mode."""
        return ServerMode(self.mode_combo.currentData())

    def address(self) -> RemoteAddress:
        """The remote address typed in the fields."""
        return RemoteAddress(
            scheme=self.scheme_combo.currentText(),
            host=self.host_edit.text().strip() or "127.0.0.1",
            port=self.port_spin.value(),
            path=self.path_edit.text().strip() or DEFAULT_PATH,
        )

    def connect_timeout(self) -> float:
        """The connect timeout chosen, in seconds."""
        return float(self.timeout_spin.value())

    def set_address(self, address: RemoteAddress) -> None:
        """Fill the address fields."""
        self.scheme_combo.setCurrentText(address.scheme)
        self.host_edit.setText(address.host)
        self.port_spin.setValue(address.port)
        self.path_edit.setText(address.path)

    def set_recent(self, urls: list[str]) -> None:
        """Offer these URLs in the recent-connections list."""
        self.recent_combo.clear()
        self.recent_combo.addItem(self.tr("Recent…"), "")
        for url in urls:
            self.recent_combo.addItem(url, url)
        self.recent_combo.setEnabled(bool(urls))

    @Slot(object, str)
    def set_state(self, state: ConnectionState, message: str) -> None:
        """Show the connection state and the reason in words."""
        self._active = state in _ACTIVE
        if self._active:
            set_text(self.connect_action, self.tr("Disconnect"), self.tr("&Disconnect"))
        else:
            set_text(self.connect_action, self.tr("Connect"), self.tr("&Connect"))
        set_role(self.status_dot, _STATE_ROLES[state])
        name = state_name(state)
        text = message or name
        self.status_label.setText(sentence(text))
        self.status_label.setToolTip(
            plain_tooltip(f"{name}: {message}" if message and message != name else name)
        )
        if state is not ConnectionState.CONNECTED:
            self.latency_label.clear()
        self._update_fields()

    @Slot(float)
    def set_latency(self, ms: float) -> None:
        """Show the last ping round trip."""
        self.latency_label.setText(
            self.tr("ping {ms} ms").format(ms=QLocale().toString(ms, "f", 1))
        )

    @Slot(str)
    def set_negotiated_protocol(self, name: str) -> None:
        """Show the subprotocol the server chose ("" for none, or not connected)."""
        self.protocol_label.setText(self.tr("protocol {name}").format(name=name) if name else "")

    def set_login(self, username: str | None) -> None:
        """Show who the tab is logged in as (None: nobody)."""
        if username:
            self.login_label.setText(self.tr("Logged in as {user}").format(user=username))
            set_text(self.login_action, self.tr("Log out"), self.tr("Log &out"))
        else:
            self.login_label.clear()
            set_text(self.login_action, self.tr("Log in…"), self.tr("&Log in…"))

    # --- internals -----------------------------------------------------------------

    def _update_fields(self) -> None:
        remote = self.mode() is ServerMode.REMOTE
        self.embedded_label.setVisible(not remote)
        for widget in self._address_widgets:
            widget.setVisible(remote)
        self.path_edit.setEnabled(not self._active)
        editable = remote and not self._active
        for widget in (
            self.scheme_combo,
            self.host_edit,
            self.port_spin,
        ):
            widget.setEnabled(editable)
        self.recent_combo.setEnabled(editable and self.recent_combo.count() > 1)
        self.mode_combo.setEnabled(not self._active)

    @Slot()
    def _on_mode_combo_changed(self) -> None:
        self._update_fields()

    @Slot(int)
    def _on_recent_combo_activated(self, index: int) -> None:
        address = parse_url(str(self.recent_combo.itemData(index) or ""))
        if address is not None:
            self.set_address(address)
        self.recent_combo.setCurrentIndex(0)

    @Slot()
    def _on_connect_button_clicked(self) -> None:
        if self._active:
            self.disconnectRequested.emit()
        else:
            self.connectRequested.emit(self.mode(), self.address())
