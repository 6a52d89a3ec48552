"""Builds a connection tab and the objects it owns from what the app shares."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.core.profile import Profile
from gui.core.profile_store import ProfileStore
from gui.core.records import ALL_CONNECTIONS, BEFORE_CONNECTIONS
from gui.core.tab_specs import TabSpec
from gui.models.history import HistoryModel
from gui.models.log import ConnectionNamer, HistoryLog
from gui.net.client import WebSocketClient
from gui.net.controller import ConnectionController
from gui.server.shared import SharedServer
from gui.tabs.tab import ConnectionTab
from gui.widgets.file_dialogs import FileDialogs


class TabFactory:
    """What every tab shares (the history log, the embedded server, the profile store),
    and how a tab is made of it: its own client, controller, lease on the server and
    history view.

    ``namer`` names a connection id in the "All connections" view (the window's
    :meth:`~gui.main_window.MainWindow.connection_name` once there is a window).
    """

    def __init__(
        self,
        log: HistoryLog,
        server: SharedServer,
        profiles: ProfileStore,
        namer: ConnectionNamer = str,
    ) -> None:
        self.log = log
        self.server = server
        self.profiles = profiles
        self.namer: ConnectionNamer = namer
        self.dialogs = FileDialogs()  # the app's (gui/app.py): they remember the folder

    def scope(self, tab_id: str, *, legacy_owner: bool = False) -> frozenset[str]:
        """The connection ids whose rows a tab shows: its own, the history's news, and
        (for the first tab) the rows of before connections were recorded."""
        ids = {tab_id, ALL_CONNECTIONS}
        if legacy_owner:
            ids.add(BEFORE_CONNECTIONS)
        return frozenset(ids)

    def all_connections_model(self) -> HistoryModel:
        """A new view of every row, with the connection column."""
        return HistoryModel(self.log, namer=lambda connection: self.namer(connection))

    def build(
        self,
        spec: TabSpec,
        profile: Profile,
        recent_urls: list[str],
        *,
        legacy_owner: bool = False,
        parent: QWidget | None = None,
    ) -> ConnectionTab:
        """A tab for ``spec`` connecting with ``profile``, not connected yet."""
        inbox = self.log.inbox.tagged(spec.id)
        model = HistoryModel(
            self.log, inbox, connections=self.scope(spec.id, legacy_owner=legacy_owner)
        )
        client = WebSocketClient(inbox)
        lease = self.server.lease()
        controller = ConnectionController(client, lease, inbox)
        tab = ConnectionTab(
            spec,
            profile,
            self.profiles,
            model,
            self.all_connections_model,
            controller,
            lease,
            recent_urls,
            parent,
            dialogs=self.dialogs,
        )
        # The tab owns them: they live exactly as long as it does.
        for obj in (model, client, lease, controller):
            obj.setParent(tab)
        return tab
