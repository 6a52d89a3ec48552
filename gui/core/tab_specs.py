"""The open tabs, saved so that they come back on the next start. Qt-free.

``tabs.json`` in the data folder holds, in order, what each tab needs to be built again
(its id, title, where it connects, the editor's text, the JSON Schema its received
messages are checked against), which tab was current, the tab
that shows the rows written before the history recorded connections, and the title of
every connection the history has rows of (closed tabs too: the "All connections" view
names them). It is written through a temporary file and a rename; a file that cannot
be read is set aside as ``tabs.json.bad`` and said so, and the app starts with one tab.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import pathlib
import uuid
from dataclasses import dataclass, field
from typing import Any

from gui.core.target import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_PATH,
    DEFAULT_PORT,
    MAX_CONNECT_TIMEOUT,
    MIN_CONNECT_TIMEOUT,
    RemoteAddress,
    ServerMode,
)

FORMAT = "tsushin.tabs/1"
FILE_NAME = "tabs.json"


def new_tab_id() -> str:
    """A new connection id: what the history's ``connection`` column holds."""
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True, slots=True)
class TabSpec:
    """One tab as saved: its connection id (stable for its life), its title, the
    profile it connects with (``profile_id`` in the profile store; where and how it
    connects is also kept here, for a profile that is gone and for files written before
    profiles), the editor's text, the text of its JSON Schema (``schemaEdit``; kept as
    typed, valid or not), and where and as whom it last logged in (never the password or
    the session)."""

    id: str = field(default_factory=new_tab_id)
    title: str = ""
    mode: ServerMode = ServerMode.EMBEDDED
    remote: RemoteAddress = field(default_factory=RemoteAddress)
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    auto_reconnect: bool = True
    editor_text: str = ""
    schema_text: str = ""
    profile_id: str = ""
    login_url: str = ""
    login_user: str = ""

    def replace(self, **changes: Any) -> TabSpec:
        """A copy with ``changes``."""
        return dataclasses.replace(self, **changes)


@dataclass
class TabsState:
    """Every tab, which one is current, who shows the rows of before connections
    (``legacy_owner``) and the titles of every connection id ever used."""

    tabs: list[TabSpec] = field(default_factory=list)
    current: int = 0
    legacy_owner: str = ""
    names: dict[str, str] = field(default_factory=dict)


class TabsFileError(Exception):
    """The tabs file could not be read; the message says why (and where it went)."""


def _address(data: Any) -> RemoteAddress:
    if not isinstance(data, dict):
        return RemoteAddress()
    scheme = data.get("scheme")
    host = data.get("host")
    port = data.get("port")
    path = data.get("path")
    return RemoteAddress(
        scheme=scheme if scheme in ("ws", "wss") else "ws",
        host=host if isinstance(host, str) and host else "127.0.0.1",
        port=port if isinstance(port, int) and 1 <= port <= 65535 else DEFAULT_PORT,
        path=path if isinstance(path, str) and path else DEFAULT_PATH,
    )


def spec_from_json(data: Any) -> TabSpec | None:
    """A tab from its JSON object; None when it has no usable id. Values of the wrong
    type fall back to their defaults: one odd value costs that value, not the tab."""
    if not isinstance(data, dict):
        return None
    tab_id = data.get("id")
    if not isinstance(tab_id, str) or not tab_id or tab_id == "*":
        return None
    title = data.get("title")
    try:
        mode = ServerMode(str(data.get("mode")))
    except ValueError:
        mode = ServerMode.EMBEDDED
    timeout = data.get("connect_timeout")
    if not isinstance(timeout, (int, float)) or not (
        MIN_CONNECT_TIMEOUT <= timeout <= MAX_CONNECT_TIMEOUT
    ):
        timeout = DEFAULT_CONNECT_TIMEOUT
    auto = data.get("auto_reconnect")
    text = data.get("editor_text")

    def string(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    schema = data.get("schema_text")
    return TabSpec(
        id=tab_id,
        title=title if isinstance(title, str) else "",
        mode=mode,
        remote=_address(data.get("remote")),
        connect_timeout=float(timeout),
        auto_reconnect=auto if isinstance(auto, bool) else True,
        editor_text=text if isinstance(text, str) else "",
        schema_text=schema if isinstance(schema, str) else "",
        profile_id=string("profile_id"),
        login_url=string("login_url"),
        login_user=string("login_user"),
    )


def spec_to_json(spec: TabSpec) -> dict[str, Any]:
    """The JSON object of a tab."""
    return {
        "id": spec.id,
        "title": spec.title,
        "mode": spec.mode.value,
        "remote": dataclasses.asdict(spec.remote),
        "connect_timeout": spec.connect_timeout,
        "auto_reconnect": spec.auto_reconnect,
        "editor_text": spec.editor_text,
        "schema_text": spec.schema_text,
        "profile_id": spec.profile_id,
        "login_url": spec.login_url,
        "login_user": spec.login_user,
    }


def state_to_json(state: TabsState) -> dict[str, Any]:
    """The JSON document of the tabs file."""
    return {
        "format": FORMAT,
        "current": state.current,
        "legacy_owner": state.legacy_owner,
        "names": dict(state.names),
        "tabs": [spec_to_json(spec) for spec in state.tabs],
    }


def state_from_json(document: Any) -> TabsState:
    """The tabs of a tabs file's document; raises ValueError for one that is not."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f'not a Tsushin tabs file (no "format": "{FORMAT}")')
    items = document.get("tabs")
    specs: list[TabSpec] = []
    seen: set[str] = set()
    for item in items if isinstance(items, list) else []:
        spec = spec_from_json(item)
        if spec is not None and spec.id not in seen:
            specs.append(spec)
            seen.add(spec.id)
    current = document.get("current")
    names = document.get("names")
    owner = document.get("legacy_owner")
    return TabsState(
        tabs=specs,
        current=current if isinstance(current, int) and 0 <= current < len(specs) else 0,
        legacy_owner=owner if isinstance(owner, str) else "",
        names={k: v for k, v in names.items() if isinstance(v, str)}
        if isinstance(names, dict)
        else {},
    )


class TabsFile:
    """``tabs.json`` in the data folder."""

    def __init__(self, folder: pathlib.Path) -> None:
        self.path = folder / FILE_NAME

    def load(self) -> TabsState | None:
        """The saved tabs, or None when there is no file (a first start, or an upgrade
        from a Tsushin without tabs). Raises :class:`TabsFileError` for a file that
        cannot be read, after setting it aside."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise TabsFileError(f"cannot read {self.path}: {exc}") from None
        try:
            return state_from_json(json.loads(text))
        except ValueError as exc:
            kept = self.path.with_name(self.path.name + ".bad")
            with contextlib.suppress(OSError):
                os.replace(self.path, kept)
            raise TabsFileError(
                f"the saved tabs could not be read ({self.path.name}: {exc}); the file was"
                f" kept as {kept.name}"
            ) from None

    def save(self, state: TabsState) -> None:
        """Write the tabs; raises OSError when it cannot (the old file stays)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        text = json.dumps(state_to_json(state), ensure_ascii=False, indent=1)
        try:
            temporary.write_text(text + "\n", encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
