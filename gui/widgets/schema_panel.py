"""A tab's JSON Schema for what comes back: typed, or loaded from a file."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.core.checks import SchemaCheck, SchemaProblem, schema_from_text
from gui.theme import Role, set_role
from gui.widgets.file_dialogs import FileDialogs
from gui.widgets.highlighter import JsonHighlighter
from gui.words import word

MAX_SCHEMA_FILE = 5 * 2**20  # bytes: a schema, not a data set


class SchemaPanel(QWidget):
    """``schemaEdit`` (the schema's text), *Load…* and *Clear*, and ``schemaStatus``
    saying whether received messages are checked, or what is wrong with the schema:
    a JSON error with its line and column (the spot is marked in the field), or the
    schema error and where in the schema. Checking is off until the schema is valid.

    Signals:
        schemaChanged(object): the :class:`~gui.core.checks.SchemaCheck` to check
            received messages against, or None (no schema, or one that is not valid).
    """

    schemaChanged = Signal(object)

    DEBOUNCE_MS = 300

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogs = FileDialogs()  # the app's own is set by whoever builds this
        self._schema: SchemaCheck | None = None
        self._problem: SchemaProblem | None = None
        title = QLabel(self.tr("JSON Schema for received messages"), self)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setObjectName("schemaEdit")
        self.edit.setAccessibleName(self.tr("JSON Schema for received messages"))
        self.edit.setPlaceholderText(
            self.tr('Paste a JSON Schema, e.g. {"type": "object", "required": ["type"]}')
        )
        self.edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._highlighter = JsonHighlighter(self.edit.document(), widget=self.edit)
        self.load_button = QPushButton(self.tr("Load…"), self)
        self.load_button.setObjectName("schemaLoadButton")
        self.load_button.setToolTip(self.tr("Read the schema from a file"))
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setObjectName("schemaClearButton")
        self.status = QLabel(self)
        self.status.setObjectName("schemaStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status_icon = QLabel(self)
        self.status_icon.setObjectName("schemaStatusIcon")
        size = self.fontMetrics().height()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.status_icon.setPixmap(warning.pixmap(size, size))
        self.status_icon.setVisible(False)

        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.load_button)
        head.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.edit, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        foot.addWidget(self.status, 1)
        layout.addLayout(foot)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.check_now)
        self.edit.setPlainText(text)
        self.check_now()
        self.edit.textChanged.connect(self._timer.start)
        self.load_button.clicked.connect(self._on_load_clicked)
        self.clear_button.clicked.connect(self.edit.clear)

    # --- public --------------------------------------------------------------------

    @property
    def schema(self) -> SchemaCheck | None:
        """The schema in use (None: nothing is checked)."""
        return self._schema

    @property
    def problem(self) -> SchemaProblem | None:
        """What is wrong with the schema's text (None: it is valid, or blank)."""
        return self._problem

    def text(self) -> str:
        """The schema's text, as typed."""
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the schema's text and check it at once."""
        self.edit.setPlainText(text)
        self.check_now()

    def load_file(self, path: pathlib.Path) -> bool:
        """Put the schema of a file in the field; say why at the field when it cannot
        be read (the text there stays)."""
        try:
            if path.stat().st_size > MAX_SCHEMA_FILE:
                raise OSError(self.tr("over {limit} MB").format(limit=MAX_SCHEMA_FILE // 2**20))
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self._show_status(
                self.tr("Cannot read {name}: {error}").format(name=path.name, error=exc),
                failed=True,
            )
            return False
        self.set_text(text)
        return True

    @Slot()
    def check_now(self) -> None:
        """Read the field now (skipping the typing pause) and use what it holds."""
        self._timer.stop()
        text = self.text()
        current = self._schema
        if current is not None and current.text == text:
            return
        found = schema_from_text(text)
        self._mark(found if isinstance(found, SchemaProblem) else None)
        if isinstance(found, SchemaProblem):
            self._problem, schema = found, None
            self._show_status(
                self.tr("Not checking: the schema is not valid: {message}").format(
                    message=word(found.why) if found.why is not None else found.message
                ),
                failed=True,
            )
        else:
            self._problem, schema = None, found
            if found is None:
                self._show_status(self.tr("No schema: received messages are not checked"))
            else:
                self._show_status(self.tr("Checking every received JSON message"))
        if schema is not current:
            self._schema = schema
            self.schemaChanged.emit(schema)

    # --- internals -----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: the mark too
            self._mark(self._problem)

    def _show_status(self, text: str, *, failed: bool = False) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)
        self.status_icon.setVisible(failed)  # the style's warning icon, and the colour
        set_role(self.status, Role.FAIL if failed else Role.NORMAL)

    def _mark(self, problem: SchemaProblem | None) -> None:
        marks: list[QTextEdit.ExtraSelection] = []
        if problem is not None and problem.pos is not None:
            cursor = QTextCursor(self.edit.document())
            length = len(self.text())
            start = min(problem.pos, max(0, length - 1))
            cursor.setPosition(start)
            cursor.setPosition(min(length, start + 1), QTextCursor.MoveMode.KeepAnchor)
            mark = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setBackground(self.palette().highlight())
            fmt.setForeground(self.palette().highlightedText())
            mark.format = fmt  # type: ignore[attr-defined]
            mark.cursor = cursor  # type: ignore[attr-defined]
            marks.append(mark)
        self.edit.setExtraSelections(marks)

    @Slot()
    def _on_load_clicked(self) -> None:
        chosen = self.dialogs.open_file(
            self,
            self.tr("Load a JSON Schema"),
            self.tr("JSON Schema (*.json *.schema.json);;All files (*)"),
        )
        if chosen is not None:
            self.load_file(chosen)
