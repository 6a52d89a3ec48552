"""Keyboard focus: the order Tab walks a tab page in."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


def takes_tab_focus(widget: QWidget) -> bool:
    """Whether Tab can stop at ``widget`` (not a part inside a spin or combo box)."""
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            return False
        parent = parent.parentWidget()
    return True


def focus_stops(widget: QWidget) -> list[QWidget]:
    """``widget`` if Tab stops at it, else its descendants that Tab stops at, in the
    order they were made (a form's fields, top to bottom)."""
    if takes_tab_focus(widget):
        return [widget]
    return [child for child in widget.findChildren(QWidget) if takes_tab_focus(child)]


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    """Make Tab go through ``widgets`` in this order; a composite widget among them
    is gone through field by field (see :func:`focus_stops`)."""
    stops = [stop for widget in widgets for stop in focus_stops(widget)]
    for first, second in itertools.pairwise(stops):
        QWidget.setTabOrder(first, second)
