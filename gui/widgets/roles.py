"""Named colour roles for widgets (pass, fail, running...), until a theme module comes.

Widgets ask for a role by name, never for a colour: :func:`colour` turns a role into a
colour (from the palette where it has one), :func:`set_role` colours a widget's text.
A theme module can later change this one table.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class Role(enum.Enum):
    """What a coloured text means."""

    NORMAL = "normal"
    PASS = "pass"
    FAIL = "fail"
    RUNNING = "running"
    MUTED = "muted"


_FIXED = {
    Role.PASS: Qt.GlobalColor.darkGreen,
    Role.FAIL: Qt.GlobalColor.red,
    Role.RUNNING: Qt.GlobalColor.darkYellow,
}


def colour(role: Role, palette: QPalette | None = None) -> QColor:
    """The text colour of ``role``."""
    palette = palette or QApplication.palette()
    if role in _FIXED:
        return QColor(_FIXED[role])
    if role is Role.MUTED:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    return palette.color(QPalette.ColorRole.WindowText)


def set_role(widget: QWidget, role: Role) -> None:
    """Colour ``widget``'s text as ``role`` says (through its palette)."""
    palette = widget.palette()
    shade = colour(role, QApplication.palette())
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.WindowText, shade)
        palette.setColor(group, QPalette.ColorRole.Text, shade)
    widget.setPalette(palette)
