"""The dialog that builds a binary message: from hex, from base64, or from a file."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.core.binary import BinaryInputError, parse_base64, parse_hex
from gui.core.outcome import QT_TRANSLATE_NOOP
from gui.theme import Role, set_role
from gui.widgets.file_dialogs import FileDialogs
from gui.words import word

MAX_FILE_BYTES = 64 * 1024 * 1024
_HEX, _BASE64, _FILE = "hex", "base64", "file"
_PLACEHOLDERS = {
    _HEX: QT_TRANSLATE_NOOP(
        "BinaryDialog", "Hex bytes, e.g. 7b 22 61 22 3a 31 7d 00 ff  (spaces, ':' and 0x are fine)"
    ),
    _BASE64: QT_TRANSLATE_NOOP("BinaryDialog", "Base64, e.g. eyJhIjoxfQD/"),
    _FILE: QT_TRANSLATE_NOOP("BinaryDialog", "Choose a file: its bytes are sent as they are"),
}


class BinaryDialog(QDialog):
    """Type or load the bytes of a binary message; :meth:`payload` gives them once the
    dialog is accepted. Send is enabled only while the input spells bytes; what is
    wrong, and where, is shown under the input."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogs = FileDialogs()  # the app's own is set by whoever builds this
        self.setObjectName("binaryDialog")
        self.setWindowTitle(self.tr("Send binary"))
        self._payload: bytes | None = None
        self._file_bytes: bytes | None = None

        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("binaryFormatCombo")
        self.format_combo.setAccessibleName(self.tr("Binary input format"))
        self.format_combo.addItem(self.tr("Hex"), _HEX)
        self.format_combo.addItem("Base64", _BASE64)
        self.format_combo.addItem(self.tr("File"), _FILE)
        self.file_button = QPushButton(self.tr("Choose &file…"), self)
        self.file_button.setObjectName("binaryFileButton")
        self.input = QPlainTextEdit(self)
        self.input.setObjectName("binaryInput")
        self.input.setAccessibleName(self.tr("Binary input"))
        self.input.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.status = QLabel(self)
        self.status.setObjectName("binaryStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.send_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.send_button.setText(self.tr("&Send"))
        self.send_button.setObjectName("binarySendButton")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From"), self))
        top.addWidget(self.format_combo)
        top.addStretch(1)
        top.addWidget(self.file_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.input, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 300)

        self.format_combo.currentIndexChanged.connect(self._on_format_combo_changed)
        self.input.textChanged.connect(self._on_input_text_changed)
        self.file_button.clicked.connect(self._on_file_button_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._on_format_combo_changed()

    def payload(self) -> bytes | None:
        """The bytes to send; None while the input is not valid."""
        return self._payload

    def set_payload(self, data: bytes) -> None:
        """Start from these bytes, as hex (to send a message again, or edit it first)."""
        self.format_combo.setCurrentIndex(self.format_combo.findData(_HEX))
        self.input.setPlainText(data.hex(" "))

    def load_file(self, path: pathlib.Path) -> None:
        """Take the bytes of ``path`` (what the file button does after its dialog)."""
        self._file_bytes = None
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                text = self.tr("{size} bytes is more than {limit}")
                raise OSError(text.format(size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}"))
            self._file_bytes = path.read_bytes()
        except OSError as exc:
            text = self.tr("Cannot send {name}: {reason}")
            self._show(None, text.format(name=path.name, reason=exc.strerror or exc))
            return
        self.format_combo.setCurrentIndex(self.format_combo.findData(_FILE))
        self.input.setPlainText(str(path))
        self._show(self._file_bytes, self._bytes_text(len(self._file_bytes), path.name))

    # --- internals -----------------------------------------------------------------

    def _format(self) -> str:
        return str(self.format_combo.currentData())

    def _bytes_text(self, count: int, name: str = "") -> str:
        text = self.tr("{count} bytes").format(count=QLocale().toString(count))
        return f"{name}: {text}" if name else text

    def _show(self, payload: bytes | None, message: str) -> None:
        self._payload = payload
        self.status.setText(message)
        set_role(self.status, Role.NORMAL if payload is not None else Role.FAIL)
        self.send_button.setEnabled(payload is not None)

    @Slot()
    def _on_format_combo_changed(self) -> None:
        is_file = self._format() == _FILE
        self.input.setReadOnly(is_file)
        self.input.setPlaceholderText(self.tr(_PLACEHOLDERS[self._format()]))
        if is_file:
            if self._file_bytes is None:
                self.input.clear()
                self._show(None, self.tr("No file chosen"))
        else:
            if self._file_bytes is not None:
                self._file_bytes = None
                self.input.clear()
            self._on_input_text_changed()

    @Slot()
    def _on_input_text_changed(self) -> None:
        kind = self._format()
        if kind == _FILE:
            return
        text = self.input.toPlainText()
        if not text.strip():
            self._show(None, self.tr("Nothing to send yet"))
            return
        try:
            data = parse_hex(text) if kind == _HEX else parse_base64(text)
        except BinaryInputError as exc:
            text = self.tr("Character {position}: {reason}")
            self._show(None, text.format(position=exc.position + 1, reason=word(exc.problem)))
            return
        self._show(data, self._bytes_text(len(data)))

    @Slot()
    def _on_file_button_clicked(self) -> None:
        chosen = self.dialogs.open_file(self, self.tr("Send a file as a binary message"))
        if chosen is not None:
            self.load_file(chosen)
