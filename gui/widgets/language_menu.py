"""View ▸ Language: System, English, 日本語; the choice applies at the next start."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from gui.i18n import SOURCE_LANGUAGE, SYSTEM

# Each language is named in itself, so a user who cannot read the current one finds theirs.
NATIVE_NAMES = {SOURCE_LANGUAGE: "English", "ja": "日本語"}


class LanguageMenu(QMenu):
    """One checkable action per choice (``languageAction_<code>``).

    Signals:
        languageChosen(str): ``system``, ``en`` or ``ja``, when the user picks one.
    """

    languageChosen = Signal(str)

    def __init__(self, chosen: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.setObjectName("languageMenu")
        self.setToolTipsVisible(True)
        note = self.addAction(self.tr("Takes effect after a restart"))
        note.setEnabled(False)
        self.addSeparator()
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        labels = {SYSTEM: self.tr("System language"), **NATIVE_NAMES}
        for code, label in labels.items():
            action = QAction(label, self._group)
            action.setObjectName(f"languageAction_{code}")
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            self.addAction(action)
        self._group.triggered.connect(self._on_group_triggered)

    def chosen(self) -> str:
        """The checked choice."""
        action = self._group.checkedAction()
        return str(action.data()) if action is not None else SYSTEM

    @Slot(QAction)
    def _on_group_triggered(self, action: QAction) -> None:
        self.languageChosen.emit(str(action.data()))
