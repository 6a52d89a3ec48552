"""The Django login dialog: where to log in, as whom; what happened, in words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class LoginDialog(QDialog):
    """``loginUrlEdit``, ``usernameEdit``, ``passwordEdit`` and *Log in*.

    The dialog does not log in itself: it asks (``loginRequested``), and the tab runs
    the login off the GUI thread and says how it went (:meth:`show_outcome`). A login
    that worked closes the dialog; one that did not leaves it open, saying why.

    Signals:
        loginRequested(str url, str username, str password)
    """

    loginRequested = Signal(str, str, str)

    def __init__(self, url: str, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in to Django"))
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setObjectName("loginUrlEdit")
        self.url_edit.setAccessibleName(self.tr("Login page"))
        self.url_edit.setPlaceholderText("http://127.0.0.1:8000/accounts/login/")
        self.url_edit.setMinimumWidth(380)
        self.username_edit = QLineEdit(username, self)
        self.username_edit.setObjectName("usernameEdit")
        self.username_edit.setAccessibleName(self.tr("User name"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.outcome_label = QLabel(
            self.tr(
                "Tsushin fetches the login page, posts the form with its CSRF token, and"
                " sends the session cookie it gets in every handshake of this tab."
            ),
            self,
        )
        self.outcome_label.setObjectName("loginOutcomeLabel")
        self.outcome_label.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome_label.setWordWrap(True)
        self.login_button = QPushButton(self.tr("Log in"), self)
        self.login_button.setObjectName("loginSubmitButton")
        self.login_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.ActionRole)
        form = QFormLayout()
        form.addRow(self.tr("Login page"), self.url_edit)
        form.addRow(self.tr("User name"), self.username_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.outcome_label)
        layout.addWidget(buttons)
        self.login_button.clicked.connect(self._on_login_clicked)
        buttons.rejected.connect(self.reject)
        if url and not username:
            self.username_edit.setFocus()
        elif username:
            self.password_edit.setFocus()

    @property
    def busy(self) -> bool:
        """True while a login runs."""
        return not self.login_button.isEnabled()

    def set_url(self, url: str) -> None:
        """Put the login page's address in (when it becomes known)."""
        if not self.url_edit.text():
            self.url_edit.setText(url)

    def show_outcome(self, ok: bool, text: str) -> None:
        """Say how the login went; close on success."""
        self.login_button.setEnabled(True)
        self.outcome_label.setText(text)
        if ok:
            self.accept()
        else:
            self.password_edit.selectAll()
            self.password_edit.setFocus()

    @Slot()
    def _on_login_clicked(self) -> None:
        url = self.url_edit.text().strip()
        username = self.username_edit.text().strip()
        if not url or not username:
            self.outcome_label.setText(self.tr("The login page and a user name are needed."))
            return
        self.login_button.setEnabled(False)
        self.outcome_label.setText(self.tr("Logging in at {url}…").format(url=url))
        self.loginRequested.emit(url, username, self.password_edit.text())
