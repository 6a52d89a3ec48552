"""A dialog to edit a saved message's expected reply: a partial document, a JSON Schema."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.core.library import LibraryError, check_expectation
from gui.theme import Role, set_role
from gui.words import word


class ExpectationDialog(QDialog):
    """Two JSON fields, ``expectMatchEdit`` and ``expectSchemaEdit`` (empty: none);
    OK is refused, with the reason shown, while either is not JSON or the schema is
    not a JSON Schema."""

    def __init__(
        self, match: str | None, schema: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Expected reply"))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.match_edit = QPlainTextEdit(match or "", self)
        self.match_edit.setObjectName("expectMatchEdit")
        self.match_edit.setPlaceholderText('{"type": "echo"}')
        self.schema_edit = QPlainTextEdit(schema or "", self)
        self.schema_edit.setObjectName("expectSchemaEdit")
        self.schema_edit.setPlaceholderText('{"type": "object", "required": ["type"]}')
        for edit in (self.match_edit, self.schema_edit):
            edit.setFont(font)
            edit.setTabChangesFocus(True)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("expectProblem")
        self.problem_label.setWordWrap(True)
        set_role(self.problem_label, Role.FAIL)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("What a reply to this message should look like (empty: no check)."))
        )
        # Labels with mnemonics name the fields and take the focus to them (Alt+P, Alt+S).
        match_label = QLabel(self.tr("&Partial document (every key it names must match):"))
        match_label.setBuddy(self.match_edit)
        schema_label = QLabel(self.tr("JSON &Schema:"))
        schema_label.setBuddy(self.schema_edit)
        self.match_edit.setAccessibleName(self.tr("Partial document"))
        self.schema_edit.setAccessibleName(self.tr("JSON Schema"))
        layout.addWidget(match_label)
        layout.addWidget(self.match_edit)
        layout.addWidget(schema_label)
        layout.addWidget(self.schema_edit)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.resize(480, 420)

    def values(self) -> tuple[str | None, str | None]:
        """The partial document and the schema as JSON text (None when empty)."""
        match = self.match_edit.toPlainText().strip() or None
        schema = self.schema_edit.toPlainText().strip() or None
        return match, schema

    def accept(self) -> None:
        try:
            check_expectation(*self.values())
        except LibraryError as exc:
            self.problem_label.setText(word(exc.problem))
            return
        super().accept()
