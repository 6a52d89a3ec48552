"""The mark of a schema failure in the history table's Format column."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gui.models.history import SCHEMA_ROLE


class SchemaMarkDelegate(QStyledItemDelegate):
    """Draws the style's warning icon before the Format text of a received message
    that failed its tab's JSON Schema (the model's :data:`SCHEMA_ROLE` is False).

    The icon comes from the widget's style, and the text keeps the palette's colours,
    so the mark follows the theme; the text itself (``JSON ✗``) says it too,
    for screen readers and for a style without icons.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        widget = parent
        style = widget.style() if widget is not None else None
        self._icon = (
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning, None, widget)
            if style is not None
            else None
        )

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.data(SCHEMA_ROLE) is False and self._icon is not None:
            option.icon = self._icon  # type: ignore[attr-defined]
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration  # type: ignore[attr-defined]
            option.decorationSize = option.decorationSize.boundedTo(  # type: ignore[attr-defined]
                option.rect.size()  # type: ignore[attr-defined]
            )
