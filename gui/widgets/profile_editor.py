"""The "Connection settings" of a tab: the parts of its profile beyond the address.

Headers, query parameters and cookies (tables of name / value rows, on/off, secret
values masked), subprotocols, Origin, TLS, proxy, ping interval, and where secrets
go. The address, timeout and auto-reconnect are the connection panel's. Problems
found by the profile's checks (:func:`gui.core.profile_check.check_profile`) are shown
at their field, and in words under the pages.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.core.profile import OriginMode, Profile, TlsOptions
from gui.core.profile_check import MAX_PING_INTERVAL, MIN_PING_INTERVAL, ProfileProblem, parse_proxy
from gui.widgets.file_dialogs import FileDialogs
from gui.widgets.rows_table import RowsEditor
from gui.words import word

_ROW_FIELD = re.compile(r"(headers|cookies|url\.query)\[(\d+)\]\.(name|value)")
_SUBPROTOCOL_FIELD = re.compile(r"subprotocols\[(\d+)\]")


def _file_row(edit: QLineEdit, browse: QToolButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row


class ProfileEditor(QWidget):
    """Pages of a profile's headers, query, cookies, handshake, TLS and proxy.

    :meth:`set_profile` shows a profile; :meth:`profile_from` puts what the fields say
    into a profile (the fields it does not show are kept); :meth:`show_problems` marks
    the fields that have one.

    Signals:
        changed(): the user changed a field (debounced a little).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogs = FileDialogs()  # the app's own is set by whoever builds this
        self._loading = False
        self._marks: dict[QLineEdit, QAction] = {}
        self._proxy_login = ("", "")  # user and password: never shown in the proxy field
        self.pages = QTabWidget(self)
        self.pages.setObjectName("profilePages")
        self.pages.setDocumentMode(True)

        self.headers = RowsEditor("headersTable", self.tr("Headers"), self)
        self.query = RowsEditor("queryTable", self.tr("Query parameters"), self)
        self.cookies = RowsEditor("cookiesTable", self.tr("Cookies"), self)

        handshake = QWidget(self)
        self.subprotocols_edit = QLineEdit(handshake)
        self.subprotocols_edit.setObjectName("subprotocolsEdit")
        self.subprotocols_edit.setAccessibleName(self.tr("Subprotocols"))
        self.subprotocols_edit.setPlaceholderText(self.tr("e.g. tsushin.v1, graphql-ws"))
        self.subprotocols_edit.setToolTip(
            self.tr("Offered in this order (comma-separated); the server chooses one")
        )
        self.origin_edit = QLineEdit(handshake)
        self.origin_edit.setObjectName("originEdit")
        self.origin_edit.setAccessibleName(self.tr("Origin"))
        self.origin_edit.setPlaceholderText(
            self.tr("the server's own address (none: send no Origin)")
        )
        self.origin_edit.setToolTip(
            self.tr(
                "Empty: the server's own address, as a browser on its page would send;"
                " none: no Origin header; else an origin such as https://example.com"
            )
        )
        form = QFormLayout(handshake)
        form.addRow(self.tr("Subprotocols"), self.subprotocols_edit)
        form.addRow(self.tr("Origin"), self.origin_edit)

        tls = QWidget(self)
        self.tls_verify_check = QCheckBox(self.tr("Verify the server's certificate"), tls)
        self.tls_verify_check.setObjectName("tlsVerifyCheck")
        self.ca_file_edit = QLineEdit(tls)
        self.ca_file_edit.setObjectName("caFileEdit")
        self.ca_file_edit.setAccessibleName(self.tr("CA bundle file"))
        self.ca_file_edit.setPlaceholderText(self.tr("the system's certificates"))
        self.client_cert_edit = QLineEdit(tls)
        self.client_cert_edit.setObjectName("clientCertEdit")
        self.client_cert_edit.setAccessibleName(self.tr("Client certificate"))
        self.client_cert_edit.setPlaceholderText(self.tr("none (PEM file)"))
        self.client_key_edit = QLineEdit(tls)
        self.client_key_edit.setObjectName("clientKeyEdit")
        self.client_key_edit.setAccessibleName(self.tr("Client key"))
        self.client_key_edit.setPlaceholderText(self.tr("in the certificate file (PEM file)"))
        form = QFormLayout(tls)
        form.addRow(self.tls_verify_check)
        for label, edit in (
            (self.tr("CA bundle"), self.ca_file_edit),
            (self.tr("Client certificate"), self.client_cert_edit),
            (self.tr("Client key"), self.client_key_edit),
        ):
            browse = QToolButton(tls)
            browse.setText("…")
            browse.setToolTip(self.tr("Choose a file"))
            browse.clicked.connect(lambda _=False, e=edit: self._browse(e))
            form.addRow(label, _file_row(edit, browse))

        more = QWidget(self)
        self.proxy_edit = QLineEdit(more)
        self.proxy_edit.setObjectName("proxyEdit")
        self.proxy_edit.setAccessibleName(self.tr("HTTP proxy"))
        self.proxy_edit.setPlaceholderText(
            self.tr("host:port (empty: HTTPS_PROXY / HTTP_PROXY from the environment)")
        )
        self.proxy_edit.setToolTip(self.tr("An HTTP proxy (CONNECT): [user:password@]host:port"))
        self.ping_spin = QDoubleSpinBox(more)
        self.ping_spin.setObjectName("pingIntervalSpin")
        self.ping_spin.setAccessibleName(self.tr("Ping interval"))
        self.ping_spin.setRange(MIN_PING_INTERVAL, MAX_PING_INTERVAL)
        self.ping_spin.setDecimals(1)
        self.ping_spin.setSuffix(self.tr(" s"))
        self.ping_spin.setToolTip(self.tr("A WebSocket ping this often; 3 unanswered: lost"))
        self.secrets_check = QCheckBox(self.tr("Keep secrets in the profile file"), more)
        self.secrets_check.setObjectName("secretsInFileCheck")
        self.secrets_check.setToolTip(
            self.tr(
                "Only where the system has no credential store: the values are then"
                " written, readable, in the profile's file"
            )
        )
        self.secrets_label = QLabel(more)
        self.secrets_label.setObjectName("secretsStatusLabel")
        self.secrets_label.setWordWrap(True)
        self.secrets_label.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout(more)
        form.addRow(self.tr("Proxy"), self.proxy_edit)
        form.addRow(self.tr("Ping every"), self.ping_spin)
        form.addRow(self.secrets_check)
        form.addRow(self.secrets_label)

        self._handshake_page, self._tls_page, self._more_page = handshake, tls, more
        self.pages.addTab(self.headers, self.tr("Headers"))
        self.pages.addTab(self.query, self.tr("Query"))
        self.pages.addTab(self.cookies, self.tr("Cookies"))
        self.pages.addTab(handshake, self.tr("Handshake"))
        self.pages.addTab(tls, self.tr("TLS"))
        self.pages.addTab(more, self.tr("Proxy, ping, secrets"))
        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("profileProblemsLabel")
        self.problems_label.setAccessibleName(self.tr("Problems of the connection settings"))
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.problems_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.changed)
        for table in (self.headers, self.query, self.cookies):
            table.changed.connect(self._on_field_changed)
        for edit in (
            self.subprotocols_edit,
            self.origin_edit,
            self.ca_file_edit,
            self.client_cert_edit,
            self.client_key_edit,
            self.proxy_edit,
        ):
            edit.textChanged.connect(self._on_field_changed)
        self.tls_verify_check.toggled.connect(self._on_field_changed)
        self.secrets_check.toggled.connect(self._on_field_changed)
        self.ping_spin.valueChanged.connect(self._on_field_changed)

    # --- the profile -----------------------------------------------------------------

    def set_profile(self, profile: Profile) -> None:
        """Show the fields of ``profile``."""
        self._loading = True
        try:
            self.headers.set_rows(profile.headers)
            self.query.set_rows(profile.query)
            self.cookies.set_rows(profile.cookies)
            self.subprotocols_edit.setText(", ".join(profile.subprotocols))
            if profile.origin is OriginMode.NONE:
                self.origin_edit.setText("none")
            elif profile.origin is OriginMode.CUSTOM:
                self.origin_edit.setText(profile.custom_origin)
            else:
                self.origin_edit.clear()
            self.tls_verify_check.setChecked(profile.tls.verify)
            self.ca_file_edit.setText(profile.tls.ca_file)
            self.client_cert_edit.setText(profile.tls.client_cert)
            self.client_key_edit.setText(profile.tls.client_key)
            self.proxy_edit.setText(profile.proxy.address if profile.proxy.is_set else "")
            self._proxy_login = (profile.proxy.user, profile.proxy.password)
            self.ping_spin.setValue(profile.ping_interval)
            self.secrets_check.setChecked(profile.secrets_in_file)
        finally:
            self._loading = False
        self._debounce.stop()

    def profile_from(self, base: Profile) -> tuple[Profile, list[ProfileProblem]]:
        """``base`` with what the fields say, and the problems of fields that cannot
        become a value (a proxy that is not ``host:port``: ``base``'s stays)."""
        problems: list[ProfileProblem] = []
        origin_text = self.origin_edit.text().strip()
        if not origin_text:
            origin, custom = OriginMode.SERVER, ""
        elif origin_text.lower() == "none":
            origin, custom = OriginMode.NONE, ""
        else:
            origin, custom = OriginMode.CUSTOM, origin_text
        proxy = parse_proxy(self.proxy_edit.text())
        if isinstance(proxy, ProfileProblem):
            problems.append(proxy)
            proxy = base.proxy
        elif proxy.is_set and not proxy.user and self._proxy_login[0]:
            # The login typed once (user:password@) stays unless the text gives another.
            proxy = proxy.__class__(proxy.host, proxy.port, *self._proxy_login)
        subprotocols = tuple(
            p.strip() for p in self.subprotocols_edit.text().split(",") if p.strip()
        )
        profile = base.replace(
            headers=self.headers.rows(),
            query=self.query.rows(),
            cookies=self.cookies.rows(),
            subprotocols=subprotocols,
            origin=origin,
            custom_origin=custom,
            tls=TlsOptions(
                self.tls_verify_check.isChecked(),
                self.ca_file_edit.text().strip(),
                self.client_cert_edit.text().strip(),
                self.client_key_edit.text().strip(),
            ),
            proxy=proxy,
            ping_interval=float(self.ping_spin.value()),
            secrets_in_file=self.secrets_check.isChecked(),
        )
        return profile, problems

    def set_secrets_status(self, text: str, *, offer_file: bool) -> None:
        """Say where secrets go; offer the opt-in to the file where no store exists."""
        self.secrets_label.setText(text)
        self.secrets_check.setVisible(offer_file or self.secrets_check.isChecked())

    # --- problems --------------------------------------------------------------------

    def show_problems(self, problems: list[ProfileProblem]) -> None:
        """Mark each field that has a problem and list them all in words (an empty
        list clears them)."""
        tables = {"headers": self.headers, "cookies": self.cookies, "url.query": self.query}
        cells: dict[str, dict[tuple[int, str], str]] = {name: {} for name in tables}
        edits: dict[QLineEdit, str] = {}
        fields = {
            "origin": self.origin_edit,
            "tls.ca_file": self.ca_file_edit,
            "tls.client_cert": self.client_cert_edit,
            "tls.client_key": self.client_key_edit,
            "proxy": self.proxy_edit,
        }
        for problem in problems:
            field = problem.field
            found = _ROW_FIELD.fullmatch(field)
            if found:
                where, index, part = found.groups()
                cells[where].setdefault((int(index), part), word(problem))
            elif _SUBPROTOCOL_FIELD.fullmatch(field):
                edits.setdefault(self.subprotocols_edit, word(problem))
            elif field in fields:
                edits.setdefault(fields[field], word(problem))
        for name, table in tables.items():
            table.model.set_problems(cells[name])
        for edit in [*fields.values(), self.subprotocols_edit]:
            self._mark(edit, edits.get(edit))
        pages = [
            (self.headers, bool(cells["headers"])),
            (self.query, bool(cells["url.query"])),
            (self.cookies, bool(cells["cookies"])),
            (
                self._handshake_page,
                bool({self.origin_edit, self.subprotocols_edit} & set(edits)),
            ),
            (
                self._tls_page,
                bool({self.ca_file_edit, self.client_cert_edit, self.client_key_edit} & set(edits)),
            ),
            (self._more_page, self.proxy_edit in edits),
        ]
        icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for page, bad in pages:
            self.pages.setTabIcon(self.pages.indexOf(page), icon if bad else QIcon())
        if problems:
            lines = [self.tr("⚠ {message}").format(message=word(p)) for p in problems]
            self.problems_label.setText("\n".join(lines))
        self.problems_label.setVisible(bool(problems))

    def _mark(self, edit: QLineEdit, message: str | None) -> None:
        action = self._marks.pop(edit, None)
        if action is not None:
            edit.removeAction(action)
            action.deleteLater()
        if message:
            if edit.property("plainToolTip") is None:
                edit.setProperty("plainToolTip", edit.toolTip())
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            action = edit.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
            action.setToolTip(message)
            self._marks[edit] = action
            edit.setToolTip(message)
        elif edit.property("plainToolTip") is not None:
            edit.setToolTip(str(edit.property("plainToolTip")))

    # --- slots ---------------------------------------------------------------------

    @Slot()
    def _on_field_changed(self) -> None:
        if not self._loading:
            self._debounce.start()

    def _browse(self, edit: QLineEdit) -> None:
        chosen = self.dialogs.open_file(
            self,
            self.tr("Choose a file"),
            self.tr("PEM files (*.pem *.crt *.key);;All files (*)"),
            current=edit.text(),
        )
        if chosen is not None:
            edit.setText(str(chosen))
