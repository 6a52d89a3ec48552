"""Colours: named roles in a light and a dark table, and the theme that picks one.

Every colour of the GUI is here and nowhere else (a test scans ``gui/`` for colour
literals). Code asks for a :class:`Role`, never for a colour: :func:`colour` turns a
role into the colour of the scheme a palette belongs to (a dark window: the dark
table), :func:`set_role` colours a widget's text and keeps it coloured when the
palette changes.

:class:`Theme` is the one object that decides: it follows the system's colour scheme
(``QStyleHints.colorScheme``) unless the user forced light or dark, and sets the
application's style and palette. Widgets learn of a change as Qt tells them of any
palette change (``QEvent.PaletteChange``), so nothing needs the theme object but the
window's menu.

Dark needs the Fusion style: Windows' native style (``windowsvista``) draws its
controls with the system's light theme engine whatever the palette says. With Qt 6.8
or later, a forced choice is also told to Qt (``QStyleHints.setColorScheme``), so that
Windows draws the title bar to match.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class Role(enum.Enum):
    """What a colour means."""

    NORMAL = "normal"  # the palette's own text colour
    MUTED = "muted"  # secondary text: hints, empty states
    PASS = "pass"  # valid, passed, done
    FAIL = "fail"  # invalid, failed, cannot
    WARNING = "warning"
    RUNNING = "running"  # under way
    LINK = "link"
    JSON_KEY = "json-key"
    JSON_STRING = "json-string"
    JSON_NUMBER = "json-number"
    JSON_LITERAL = "json-literal"  # true, false, null
    JSON_PUNCTUATION = "json-punctuation"
    ERROR_MARK = "error-mark"  # background under the character where JSON goes wrong
    SENT = "sent"  # history rows
    RECEIVED = "received"
    SYSTEM = "system"
    ERROR = "error"
    ERROR_ROW = "error-row"  # background of an error row
    SCHEMA_FAIL = "schema-fail"  # a received message that failed its tab's schema
    SCHEMA_FAIL_ROW = "schema-fail-row"  # its row's background
    STATE_IDLE = "state-idle"  # the connection status dot
    STATE_BUSY = "state-busy"
    STATE_CONNECTED = "state-connected"
    STATE_ERROR = "state-error"


class Scheme(enum.Enum):
    """Light or dark: which table of colours."""

    LIGHT = "light"
    DARK = "dark"


class ThemeChoice(enum.Enum):
    """What the user chose in View ▸ Theme."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


# Dark colours are lighter and less saturated, for text on a dark base (contrast of
# at least 4.5:1 against the base, as the light ones have against white).
_COLOURS: dict[Scheme, dict[Role, str]] = {
    Scheme.LIGHT: {
        Role.MUTED: "#6b6b6b",
        Role.PASS: "#1f7a3a",
        Role.FAIL: "#b3261e",
        Role.WARNING: "#9a4f00",
        Role.RUNNING: "#8a6100",
        Role.LINK: "#1d5fa8",
        Role.JSON_KEY: "#7a1fa2",
        Role.JSON_STRING: "#1f7a3a",
        Role.JSON_NUMBER: "#1d5fa8",
        Role.JSON_LITERAL: "#a35200",
        Role.JSON_PUNCTUATION: "#555555",
        Role.ERROR_MARK: "#ffd6d6",
        Role.SENT: "#1d5fa8",
        Role.RECEIVED: "#1f7a3a",
        Role.SYSTEM: "#6b6b6b",
        Role.ERROR: "#b3261e",
        Role.ERROR_ROW: "#fdecea",
        Role.SCHEMA_FAIL: "#9a4f00",
        Role.SCHEMA_FAIL_ROW: "#fff4e0",
        Role.STATE_IDLE: "#7f7f7f",
        Role.STATE_BUSY: "#a87300",
        Role.STATE_CONNECTED: "#1c8c35",
        Role.STATE_ERROR: "#c0271e",
    },
    Scheme.DARK: {
        Role.MUTED: "#9d9d9d",
        Role.PASS: "#6fcf87",
        Role.FAIL: "#ff7b72",
        Role.WARNING: "#e3a14a",
        Role.RUNNING: "#e3b341",
        Role.LINK: "#6cb6ff",
        Role.JSON_KEY: "#d2a8ff",
        Role.JSON_STRING: "#8ddb8c",
        Role.JSON_NUMBER: "#79c0ff",
        Role.JSON_LITERAL: "#ffa657",
        Role.JSON_PUNCTUATION: "#a8a8a8",
        Role.ERROR_MARK: "#6e2a2a",
        Role.SENT: "#79c0ff",
        Role.RECEIVED: "#6fcf87",
        Role.SYSTEM: "#9d9d9d",
        Role.ERROR: "#ff7b72",
        Role.ERROR_ROW: "#3d2426",
        Role.SCHEMA_FAIL: "#e3a14a",
        Role.SCHEMA_FAIL_ROW: "#3a2f1c",
        Role.STATE_IDLE: "#8a8a8a",
        Role.STATE_BUSY: "#e3b341",
        Role.STATE_CONNECTED: "#3fb950",
        Role.STATE_ERROR: "#f85149",
    },
}

_R = QPalette.ColorRole
# The window in dark mode (the Fusion style draws every control from these).
_DARK_PALETTE: dict[QPalette.ColorRole, str] = {
    _R.Window: "#2b2b2b",
    _R.WindowText: "#e6e6e6",
    _R.Base: "#1e1e1e",
    _R.AlternateBase: "#262626",
    _R.ToolTipBase: "#3a3a3a",
    _R.ToolTipText: "#e6e6e6",
    _R.PlaceholderText: "#8c8c8c",
    _R.Text: "#e6e6e6",
    _R.Button: "#363636",
    _R.ButtonText: "#e6e6e6",
    _R.BrightText: "#ff7b72",
    _R.Light: "#4a4a4a",
    _R.Midlight: "#3e3e3e",
    _R.Mid: "#303030",
    _R.Dark: "#1b1b1b",
    _R.Shadow: "#0c0c0c",
    _R.Highlight: "#2f65ad",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#6cb6ff",
    _R.LinkVisited: "#d2a8ff",
    _R.Accent: "#2f65ad",
}
_DARK_DISABLED: dict[QPalette.ColorRole, str] = {
    _R.WindowText: "#7c7c7c",
    _R.Text: "#7c7c7c",
    _R.ButtonText: "#7c7c7c",
    _R.Base: "#262626",
    _R.Button: "#2f2f2f",
    _R.Highlight: "#3a3a3a",
    _R.HighlightedText: "#9a9a9a",
    _R.PlaceholderText: "#666666",
}


_NATIVE_STYLE = "tsushinNativeStyle"


def scheme_of(palette: QPalette) -> Scheme:
    """Whether ``palette`` is a dark or a light one (its window colour says)."""
    return Scheme.DARK if palette.color(_R.Window).lightness() < 128 else Scheme.LIGHT


def colour(role: Role, where: QPalette | Scheme | None = None) -> QColor:
    """The colour of ``role`` in a scheme, or in the scheme of a palette (default: the
    application's). :attr:`Role.NORMAL` is the palette's own text colour."""
    palette = where if isinstance(where, QPalette) else QApplication.palette()
    scheme = where if isinstance(where, Scheme) else scheme_of(palette)
    if role is Role.NORMAL:
        return palette.color(_R.WindowText)
    return QColor(_COLOURS[scheme][role])


def brush(role: Role, where: QPalette | Scheme | None = None) -> QBrush:
    """:func:`colour` as a brush (what item models give their views)."""
    return QBrush(colour(role, where))


def dark_palette() -> QPalette:
    """The application palette of dark mode, every role set (nothing left to the
    platform's light one)."""
    palette = QPalette()
    for role, name in _DARK_PALETTE.items():
        palette.setColor(role, QColor(name))
    for role, name in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(name))
    return palette


class _RoleKeeper(QObject):
    """Keeps a widget's text in its role's colour: again whenever its palette changes
    (the theme switched)."""

    def __init__(self, widget: QWidget, role: Role) -> None:
        super().__init__(widget)
        self.role = role
        self._widget = widget
        widget.installEventFilter(self)

    def apply(self) -> None:
        widget = self._widget
        parent = widget.parentWidget()
        natural = parent.palette() if parent is not None else QApplication.palette(widget)
        palette = widget.palette()
        groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
        shade = colour(self.role, natural)
        wanted = {
            (group, role): natural.color(group, role) if self.role is Role.NORMAL else shade
            for group in groups
            for role in (_R.WindowText, _R.Text)
        }
        if all(palette.color(group, role) == c for (group, role), c in wanted.items()):
            return  # also ends the PaletteChange that setPalette sends back
        for (group, role), c in wanted.items():
            palette.setColor(group, role, c)
        widget.setPalette(palette)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange:
            self.apply()
        return False


def set_role(widget: QWidget, role: Role) -> None:
    """Colour ``widget``'s text as ``role`` says, in the theme of the moment and in
    every theme after it."""
    keeper = widget.findChild(_RoleKeeper, "", Qt.FindChildOption.FindDirectChildrenOnly)
    if keeper is None:
        keeper = _RoleKeeper(widget, role)
    keeper.role = role
    keeper.apply()


class Theme(QObject):
    """Light or dark for the whole application: the user's :class:`ThemeChoice`, and
    the system's colour scheme while the choice is :attr:`ThemeChoice.SYSTEM`.

    :meth:`apply` sets the application's style and palette; the widgets follow
    through Qt's palette-change events. Light is the platform's own style and
    palette; dark is the Fusion style with :func:`dark_palette`.

    Signals:
        schemeChanged(Scheme): the scheme in use changed.
    """

    schemeChanged = Signal(object)

    def __init__(
        self,
        app: QApplication,
        choice: ThemeChoice = ThemeChoice.SYSTEM,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._choice = choice
        # The native style, as Qt chose it at start (kept on the application: once
        # dark mode set Fusion, app.style() no longer says).
        native = app.property(_NATIVE_STYLE)
        if not isinstance(native, str) or not native:
            native = app.style().name()
            app.setProperty(_NATIVE_STYLE, native)
        self._light_style = native
        hints = app.styleHints()
        self._system = self._scheme_from_qt(hints.colorScheme())
        self._scheme: Scheme | None = None
        self._requesting = False
        hints.colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)

    @property
    def choice(self) -> ThemeChoice:
        """The user's choice."""
        return self._choice

    @property
    def scheme(self) -> Scheme:
        """The scheme the choice comes to (the system's, for :attr:`ThemeChoice.SYSTEM`)."""
        if self._choice is ThemeChoice.SYSTEM:
            return self._system
        return Scheme.DARK if self._choice is ThemeChoice.DARK else Scheme.LIGHT

    @property
    def system_scheme(self) -> Scheme:
        """The system's colour scheme, as last reported (light when it says none)."""
        return self._system

    def set_choice(self, choice: ThemeChoice) -> None:
        """Use ``choice`` from now on (applied at once)."""
        self._choice = choice
        self.apply()

    def apply(self) -> None:
        """Set the application's style and palette for :attr:`scheme`."""
        app, scheme = self._app, self.scheme
        self._request_scheme()
        wanted_style = "fusion" if scheme is Scheme.DARK else self._light_style
        if app.style().name().lower() != wanted_style.lower():
            app.setStyle(wanted_style)
        if scheme is Scheme.DARK:
            app.setPalette(dark_palette())
        elif self._system is Scheme.DARK:
            # Light forced on a dark system: the platform's palette is the dark one.
            app.setPalette(app.style().standardPalette())
        else:
            app.setPalette(QPalette())  # nothing set: the platform's own light palette
        if scheme is not self._scheme:
            self._scheme = scheme
            self.schemeChanged.emit(scheme)

    def _request_scheme(self) -> None:
        """Tell Qt (6.8+) of a forced scheme, or that the system decides again; Qt then
        reports it as the scheme, which is what :attr:`system_scheme` means meanwhile."""
        hints = self._app.styleHints()
        if not hasattr(hints, "setColorScheme"):
            return
        self._requesting = True  # Qt may report the change from inside the call
        try:
            if self._choice is ThemeChoice.SYSTEM:
                hints.unsetColorScheme()
            else:
                dark = self._choice is ThemeChoice.DARK
                hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        finally:
            self._requesting = False

    @staticmethod
    def _scheme_from_qt(scheme: Qt.ColorScheme) -> Scheme:
        return Scheme.DARK if scheme == Qt.ColorScheme.Dark else Scheme.LIGHT

    @Slot(Qt.ColorScheme)
    def _on_style_hints_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system = self._scheme_from_qt(scheme)
        if not self._requesting:
            self.apply()  # a forced light also needs another palette on a dark system
