"""Commands as actions: buttons that are views of a ``QAction``, and the window's
actions that stand for the current tab's.

Every command a widget offers (Send, Format, Connect…) is one ``QAction`` of that
widget; its button only shows it (:func:`bind_button`): the action's text, tooltip,
enabled and checked state are the button's, and clicking the button triggers it.
The window's menus hold a :class:`ProxyAction` per command, pointed at the current
tab's action (the way Qt Creator's proxy actions follow the current editor), with the
command's keyboard shortcut. A menu item and the button of the tab shown are thus
enabled and disabled together, and both act on that tab.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QToolButton, QWidget


def command(text: str, parent: QObject, *, name: str = "", checkable: bool = False) -> QAction:
    """A widget's action for one command (``name``: its objectName)."""
    action = QAction(text, parent)
    if name:
        action.setObjectName(name)
    action.setCheckable(checkable)
    return action


MENU_TEXT = "menuText"


def set_text(action: QAction, text: str, menu_text: str) -> None:
    """Give ``action`` its button text and the text (with a mnemonic) that a menu
    item standing for it shows: Connect / &Connect, Disconnect / &Disconnect."""
    action.setProperty(MENU_TEXT, menu_text)
    action.setText(text)  # last: it tells the views


def bind_button(button: QAbstractButton, action: QAction) -> None:
    """Make ``button`` a view of ``action``: it shows the action's text, tooltip,
    enabled and checked state, and a click triggers the action."""
    if isinstance(button, QToolButton):
        button.setDefaultAction(action)
        return

    def sync() -> None:
        button.setText(action.text())
        button.setToolTip(action.toolTip() if action.toolTip() != _plain(action.text()) else "")
        button.setEnabled(action.isEnabled())
        button.setCheckable(action.isCheckable())
        if action.isCheckable():
            button.setChecked(action.isChecked())
        button.setVisible(action.isVisible())

    sync()
    action.changed.connect(sync)
    button.clicked.connect(action.trigger)
    button.clicked.connect(sync)  # a refused toggle puts the button back


def _plain(text: str) -> str:
    """What Qt makes a tooltip of when none is set: the text without its mnemonic."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ProxyAction(QAction):
    """A window action that stands for another (the current tab's): it is enabled,
    checkable and checked as its target is, triggering it triggers the target, and
    with ``follow_text`` it takes the target's text as well (Connect / Disconnect: its
    menu text, see :func:`set_text`).

    Its own text (with a mnemonic), shortcuts and shortcut context stay its own.
    """

    def __init__(self, text: str, parent: QObject, *, follow_text: bool = False) -> None:
        super().__init__(text, parent)
        self._target: QAction | None = None
        self._follow_text = follow_text
        self.setEnabled(False)
        self.triggered.connect(self._on_triggered)

    @property
    def target(self) -> QAction | None:
        """The action this one stands for now (None: disabled)."""
        return self._target

    def set_target(self, target: QAction | None) -> None:
        """Stand for ``target`` from now on."""
        if self._target is not None:
            self._target.changed.disconnect(self._on_target_changed)
        self._target = target
        if target is not None:
            target.changed.connect(self._on_target_changed)
        self._on_target_changed()

    @Slot()
    def _on_target_changed(self) -> None:
        target = self._target
        if target is None:
            self.setEnabled(False)
            return
        self.setEnabled(target.isEnabled())
        self.setCheckable(target.isCheckable())
        if target.isCheckable():
            self.setChecked(target.isChecked())
        if self._follow_text:
            self.setText(str(target.property(MENU_TEXT) or target.text()))

    @Slot()
    def _on_triggered(self) -> None:
        if self._target is not None and self._target.isEnabled():
            self._target.trigger()
        self._on_target_changed()  # a refused toggle is undone here too


class OwnShortcuts(QObject):
    """Let ``widget``'s own actions have their keys while it has the focus, before the
    window's (Qt calls two actions with one key ambiguous, and runs neither): the
    library's F2 renames the selected entry, the window's F2 renames the tab."""

    def __init__(self, widget: QWidget, actions: list[QAction]) -> None:
        super().__init__(widget)
        self._actions = actions
        widget.installEventFilter(self)

    def _action_for(self, event: QEvent) -> QAction | None:
        if not isinstance(event, QKeyEvent):
            return None
        pressed = QKeySequence(event.keyCombination())
        for action in self._actions:
            if action.isEnabled() and pressed in action.shortcuts():
                return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._action_for(event) is not None:
            event.accept()  # the key comes to the widget as a key press, not a shortcut
            return True
        if kind == QEvent.Type.KeyPress and (action := self._action_for(event)) is not None:
            action.trigger()
            return True
        return super().eventFilter(watched, event)
