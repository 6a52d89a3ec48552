"""Profiles as JSON: written by :func:`profile_to_json`, read back by :func:`profile_from_json`.

A profile file is one JSON object (``"format": "tsushin.profile/1"``). Secret values
(rows marked ``"secret": true``, the proxy password) are written only when asked
(:func:`profile_to_json` with ``with_secrets``: the user's opt-in to keep them in the
file); otherwise a row says where its value went (``"stored": "keyring"`` or
``"memory"``) and has no ``"value"``. Reading checks every key and type and says
which one is wrong (its JSON path), and where invalid JSON breaks (line, column).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any, ClassVar

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome
from gui.core.profile import (
    FORMAT,
    OriginMode,
    Profile,
    ProxySetting,
    Row,
    Stored,
    TlsOptions,
    secret_keys,
)
from gui.core.target import ServerMode

_FORMAT_FAMILY = "tsushin.profile/"


class ProfileFormatProblem(Outcome):
    """Why a profile file could not be read (``data["field"]`` names the place)."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "invalid_json": QT_TRANSLATE_NOOP(
            "ProfileFormatProblem",
            "{file}: not valid JSON at line {line}, column {column}: {detail}",
        ),
        "not_a_profile": QT_TRANSLATE_NOOP(
            "ProfileFormatProblem", '{file}: not a Tsushin profile (no "format": "{format}")'
        ),
        "newer_format": QT_TRANSLATE_NOOP(
            "ProfileFormatProblem", "{file}: written by a newer Tsushin ({found})"
        ),
        "unknown_key": QT_TRANSLATE_NOOP("ProfileFormatProblem", "{file}: unknown key {field}"),
        "bad_type": QT_TRANSLATE_NOOP("ProfileFormatProblem", "{file}: {field} must be {expected}"),
        "bad_choice": QT_TRANSLATE_NOOP(
            "ProfileFormatProblem", "{file}: {field} must be one of {choices}"
        ),
    }

    @property
    def field(self) -> str | None:
        """The JSON path of the bad value, when there is one."""
        found = self.data.get("field")
        return found if isinstance(found, str) else None


class ProfileFormatError(ValueError):
    """A profile file that cannot be read."""

    def __init__(self, problem: ProfileFormatProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# --- writing -----------------------------------------------------------------------------


def _row_json(item: Row, with_secrets: bool, stored: Stored | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": item.name, "on": item.on}
    if item.secret:
        entry["secret"] = True
        if with_secrets:
            entry["value"] = item.value
        elif stored is not None and item.value:
            entry["stored"] = stored.value
    else:
        entry["value"] = item.value
    return entry


def profile_to_json(
    profile: Profile, *, with_secrets: bool = False, stored: Stored | None = None
) -> dict[str, Any]:
    """The profile as a JSON object. Secret values are left out unless ``with_secrets``;
    ``stored`` records where they were kept instead (the profile store's own files)."""

    def rows(items: tuple[Row, ...]) -> list[dict[str, Any]]:
        return [_row_json(item, with_secrets, stored) for item in items]

    proxy: dict[str, Any] = {"host": profile.proxy.host, "port": profile.proxy.port}
    if profile.proxy.user:
        proxy["user"] = profile.proxy.user
    if profile.proxy.password:
        if with_secrets:
            proxy["password"] = profile.proxy.password
        elif stored is not None:
            proxy["password_stored"] = stored.value
    return {
        "format": FORMAT,
        "id": profile.id,
        "name": profile.name,
        "server": profile.server.value,
        "url": {
            "scheme": profile.scheme,
            "host": profile.host,
            "port": profile.port,
            "path": profile.path,
            "query": rows(profile.query),
        },
        "headers": rows(profile.headers),
        "cookies": rows(profile.cookies),
        "subprotocols": list(profile.subprotocols),
        "origin": {"mode": profile.origin.value, "value": profile.custom_origin},
        "tls": dataclasses.asdict(profile.tls),
        "proxy": proxy,
        "connect_timeout": profile.connect_timeout,
        "ping_interval": profile.ping_interval,
        "auto_reconnect": profile.auto_reconnect,
        "variables": dict(profile.variables),
        "secrets_in_file": profile.secrets_in_file,
    }


def dumps(document: Mapping[str, Any]) -> str:
    """JSON text as Tsushin writes its files: indented, UTF-8 characters as they are."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- reading -----------------------------------------------------------------------------


def parse_json_text(text: str, file: str) -> Any:
    """``json.loads`` with the line and column of a syntax error as a problem."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        data = {"file": file, "line": exc.lineno, "column": exc.colno, "detail": exc.msg}
        raise ProfileFormatError(ProfileFormatProblem("invalid_json", data)) from None


class _Reader:
    """Reads one profile object; every problem names its JSON path."""

    def __init__(self, file: str, root: str = "$") -> None:
        self.file = file
        self.root = root

    def fail(self, code: str, where: str, **data: Any) -> ProfileFormatError:
        return ProfileFormatError(
            ProfileFormatProblem(code, {"file": self.file, "field": where, **data})
        )

    def obj(self, value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail("bad_type", where, expected="an object")
        for key in value:
            if key not in allowed:
                raise self.fail("unknown_key", f"{where}.{key}")
        return value

    def typed(self, value: Any, where: str, kind: type | tuple[type, ...], name: str) -> Any:
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.fail("bad_type", where, expected=name)
        if not isinstance(value, kind):
            raise self.fail("bad_type", where, expected=name)
        return value

    def get(
        self, source: dict[str, Any], key: str, where: str, kind: Any, name: str, default: Any
    ) -> Any:
        if key not in source:
            return default
        return self.typed(source[key], f"{where}.{key}", kind, name)

    def choice(self, value: Any, where: str, enum_type: Any) -> Any:
        choices = [member.value for member in enum_type]
        if value not in choices:
            raise self.fail("bad_choice", where, choices=", ".join(choices))
        return enum_type(value)

    def rows(self, value: Any, where: str) -> tuple[Row, ...]:
        items = self.typed(value, where, list, "a list")
        out = []
        for index, item in enumerate(items):
            at = f"{where}[{index}]"
            entry = self.obj(item, at, {"name", "value", "on", "secret", "stored"})
            name = self.get(entry, "name", at, str, "a string", None)
            if name is None:
                raise self.fail("bad_type", f"{at}.name", expected="a string")
            value_text = self.get(entry, "value", at, str, "a string", "")
            on = self.get(entry, "on", at, bool, "true or false", True)
            secret = self.get(entry, "secret", at, bool, "true or false", False)
            if "stored" in entry:
                self.choice(entry["stored"], f"{at}.stored", Stored)
            out.append(Row(name, value_text, on, secret))
        return tuple(out)

    def profile(self, value: Any) -> Profile:
        at = self.root
        keys = {
            "format", "id", "name", "server", "url", "headers", "cookies", "subprotocols",
            "origin", "tls", "proxy", "connect_timeout", "ping_interval", "auto_reconnect",
            "variables", "secrets_in_file",
        }  # fmt: skip
        if not isinstance(value, dict) or not isinstance(value.get("format"), str):
            raise self.fail("not_a_profile", at, format=FORMAT)
        found = value["format"]
        if found != FORMAT:
            if found.startswith(_FORMAT_FAMILY):
                raise self.fail("newer_format", f"{at}.format", found=found)
            raise self.fail("not_a_profile", at, format=FORMAT)
        doc = self.obj(value, at, keys)
        default = Profile()
        changes: dict[str, Any] = {}
        for key, kind, name in (
            ("id", str, "a string"),
            ("name", str, "a string"),
            ("connect_timeout", (int, float), "a number"),
            ("ping_interval", (int, float), "a number"),
            ("auto_reconnect", bool, "true or false"),
            ("secrets_in_file", bool, "true or false"),
        ):
            if key in doc:
                changes[key] = self.typed(doc[key], f"{at}.{key}", kind, name)
        if not changes.get("id"):
            changes.pop("id", None)
        if "server" in doc:
            changes["server"] = self.choice(doc["server"], f"{at}.server", ServerMode)
        if "url" in doc:
            changes.update(self.url(doc["url"], f"{at}.url"))
        for key in ("headers", "cookies"):
            if key in doc:
                changes[key] = self.rows(doc[key], f"{at}.{key}")
        if "subprotocols" in doc:
            names = self.typed(doc["subprotocols"], f"{at}.subprotocols", list, "a list")
            for index, item in enumerate(names):
                self.typed(item, f"{at}.subprotocols[{index}]", str, "a string")
            changes["subprotocols"] = tuple(names)
        if "origin" in doc:
            origin = self.obj(doc["origin"], f"{at}.origin", {"mode", "value"})
            if "mode" in origin:
                changes["origin"] = self.choice(origin["mode"], f"{at}.origin.mode", OriginMode)
            changes["custom_origin"] = self.get(
                origin, "value", f"{at}.origin", str, "a string", ""
            )
        if "tls" in doc:
            changes["tls"] = self.tls(doc["tls"], f"{at}.tls")
        if "proxy" in doc:
            changes["proxy"] = self.proxy(doc["proxy"], f"{at}.proxy")
        if "variables" in doc:
            variables = self.typed(doc["variables"], f"{at}.variables", dict, "an object")
            changes["variables"] = dict(variables)
        for key in ("connect_timeout", "ping_interval"):
            if key in changes:
                changes[key] = float(changes[key])
        return dataclasses.replace(default, **changes)

    def url(self, value: Any, at: str) -> dict[str, Any]:
        url = self.obj(value, at, {"scheme", "host", "port", "path", "query"})
        out: dict[str, Any] = {}
        fields = (
            ("scheme", str, "a string"),
            ("host", str, "a string"),
            ("port", int, "an integer"),
            ("path", str, "a string"),
        )
        for key, kind, name in fields:
            if key in url:
                out[key] = self.typed(url[key], f"{at}.{key}", kind, name)
        if "query" in url:
            out["query"] = self.rows(url["query"], f"{at}.query")
        return out

    def tls(self, value: Any, at: str) -> TlsOptions:
        tls = self.obj(value, at, {"verify", "ca_file", "client_cert", "client_key"})
        return TlsOptions(
            verify=self.get(tls, "verify", at, bool, "true or false", True),
            ca_file=self.get(tls, "ca_file", at, str, "a string", ""),
            client_cert=self.get(tls, "client_cert", at, str, "a string", ""),
            client_key=self.get(tls, "client_key", at, str, "a string", ""),
        )

    def proxy(self, value: Any, at: str) -> ProxySetting:
        proxy = self.obj(value, at, {"host", "port", "user", "password", "password_stored"})
        if "password_stored" in proxy:
            self.choice(proxy["password_stored"], f"{at}.password_stored", Stored)
        return ProxySetting(
            host=self.get(proxy, "host", at, str, "a string", ""),
            port=self.get(proxy, "port", at, int, "an integer", 0),
            user=self.get(proxy, "user", at, str, "a string", ""),
            password=self.get(proxy, "password", at, str, "a string", ""),
        )


def profile_from_json(document: Any, *, file: str = "profile", root: str = "$") -> Profile:
    """Read a profile object (as :func:`profile_to_json` writes it).

    Raises :class:`ProfileFormatError` naming the bad key or value. Keys left out take
    their defaults; secret values that were not in the file come back empty.
    """
    return _Reader(file, root).profile(document)


def stored_secrets(document: Any) -> dict[str, Stored]:
    """For a profile file: where each secret left out of it was kept, by its key
    (``header:Authorization``, as :func:`gui.core.profile.secret_keys` names them)."""
    if not isinstance(document, dict):
        return {}
    url = document.get("url")
    sources = {
        "query": url.get("query") if isinstance(url, dict) else None,
        "header": document.get("headers"),
        "cookie": document.get("cookies"),
    }
    known = {s.value for s in Stored}
    found: dict[str, Stored] = {}
    for kind, entries in sources.items():
        entries = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
        rows = tuple(Row(str(e.get("name")), secret=e.get("secret") is True) for e in entries)
        secret_entries = [e for e in entries if e.get("secret") is True]
        for (key, _row), entry in zip(secret_keys(kind, rows), secret_entries, strict=True):
            if entry.get("stored") in known:
                found[key] = Stored(entry["stored"])
    proxy = document.get("proxy")
    if isinstance(proxy, dict) and proxy.get("password_stored") in known:
        found["proxy:password"] = Stored(proxy["password_stored"])
    return found
