"""Checks of a connection profile, with field-level problems as values.

:func:`check_profile` returns a :class:`ProfileProblem` for every field that would
make a bad or refused handshake: a header value with a newline (a header injection),
a cookie value with ``;``, an unreadable CA file, a proxy without a port, an Origin
that is not ``scheme://host[:port]``... Each problem has a ``code``, the ``field`` it
is about (``headers[2].value``, ``tls.ca_file``, ``proxy``: the widget to mark) and an
English default :attr:`~gui.core.outcome.Outcome.message`; the window words it by code.
"""

from __future__ import annotations

import re
import ssl
from collections.abc import Iterator, Mapping
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome
from gui.core.profile import OriginMode, Profile, ProxySetting, Row
from gui.core.target import MAX_CONNECT_TIMEOUT, MIN_CONNECT_TIMEOUT
from gui.core.variables import BUILTIN_NAMES, ENV_PREFIX, VariableScope, names_in

MIN_PING_INTERVAL = 0.1
MAX_PING_INTERVAL = 3600.0

# RFC 9110 token characters: header names, subprotocols (RFC 6455), cookie names.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# RFC 6265 cookie-octet: no control characters, white space, '"', ',', ';' or '\'.
_COOKIE_BAD = re.compile(r'[\x00-\x20",;\\\x7f]|[^\x00-\x7f]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HOST_BAD = re.compile(r"[\s/?#@\\]")

# Headers the client writes itself: set through their own fields instead.
RESERVED_HEADERS: Mapping[str, str] = {
    "host": "url.host",
    "upgrade": "",
    "connection": "",
    "sec-websocket-key": "",
    "sec-websocket-version": "",
    "sec-websocket-accept": "",
    "sec-websocket-extensions": "",
    "sec-websocket-protocol": "subprotocols",
    "origin": "origin",
    "cookie": "cookies",
    "content-length": "",
    "transfer-encoding": "",
}


class ProfileProblem(Outcome):
    """A field of a profile that cannot be used as it is."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "name_empty": QT_TRANSLATE_NOOP("ProfileProblem", "the profile needs a name"),
        "bad_scheme": QT_TRANSLATE_NOOP(
            "ProfileProblem", "the scheme must be ws or wss, not {value!r}"
        ),
        "host_empty": QT_TRANSLATE_NOOP("ProfileProblem", "no host"),
        "host_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem", "{value!r} is not a host name or address"
        ),
        "port_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem", "port {value} is not between 1 and 65535"
        ),
        "path_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem", "the path has {char} in it (percent-encode it)"
        ),
        "name_missing": QT_TRANSLATE_NOOP("ProfileProblem", "a row with a value has no name"),
        "name_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem",
            "{value!r} is not a valid {kind} name (letters, digits and !#$%&'*+-.^_`|~)",
        ),
        "header_reserved": QT_TRANSLATE_NOOP(
            "ProfileProblem", "{value} is written by the client itself{hint}"
        ),
        "header_value_newline": QT_TRANSLATE_NOOP(
            "ProfileProblem",
            "the value of header {name} has a line break or control "
            "character in it: it would end the header (header injection)",
        ),
        "cookie_value_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem",
            "the value of cookie {name} has {char} in it, which a "
            'cookie cannot hold (RFC 6265: no ; , " \\ or white space; percent-encode it)',
        ),
        "value_control_char": QT_TRANSLATE_NOOP(
            "ProfileProblem", "the value of {name} has a control character in it"
        ),
        "subprotocol_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem",
            "{value!r} is not a valid subprotocol name (a token: no spaces or commas)",
        ),
        "subprotocol_duplicate": QT_TRANSLATE_NOOP(
            "ProfileProblem", "subprotocol {value} is offered twice"
        ),
        "origin_empty": QT_TRANSLATE_NOOP(
            "ProfileProblem", "a custom Origin needs a value (or choose none)"
        ),
        "origin_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem", "{value!r} is not an origin: scheme://host[:port], nothing else"
        ),
        "file_unreadable": QT_TRANSLATE_NOOP("ProfileProblem", "cannot read {path}: {reason}"),
        "ca_file_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem", "{path} holds no CA certificate Tsushin can read: {reason}"
        ),
        "client_cert_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem", "the client certificate or its key cannot be used: {reason}"
        ),
        "client_key_without_cert": QT_TRANSLATE_NOOP(
            "ProfileProblem", "a client key needs its certificate"
        ),
        "proxy_invalid": QT_TRANSLATE_NOOP("ProfileProblem", "proxy {value!r}: {reason}"),
        "proxy_port_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem", "proxy port {value} is not between 1 and 65535"
        ),
        "proxy_user_without_host": QT_TRANSLATE_NOOP(
            "ProfileProblem", "a proxy user name needs a proxy host"
        ),
        "timeout_out_of_range": QT_TRANSLATE_NOOP(
            "ProfileProblem", "the connect timeout must be between {low:g} and {high:g} s"
        ),
        "ping_out_of_range": QT_TRANSLATE_NOOP(
            "ProfileProblem", "the ping interval must be between {low:g} and {high:g} s"
        ),
        "variable_name_invalid": QT_TRANSLATE_NOOP(
            "ProfileProblem",
            "{value!r} cannot be a variable name (braces, or a "
            "built-in name: uuid, now, now_ms, counter, env:...)",
        ),
        "variable_unknown": QT_TRANSLATE_NOOP(
            "ProfileProblem", "{{{{{name}}}}} is not a variable of this profile or a built-in one"
        ),
        "env_missing": QT_TRANSLATE_NOOP(
            "ProfileProblem", "environment variable {name} is not set (used as {{{{env:{name}}}}})"
        ),
    }

    @property
    def field(self) -> str:
        """Where the problem is: ``url.host``, ``headers[2].value``, ``tls.ca_file``..."""
        return str(self.data.get("field", ""))


def _problem(code: str, field: str, **data: object) -> ProfileProblem:
    return ProfileProblem(code, {"field": field, **data})


def _char_name(char: str) -> str:
    names = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab", " ": "a space"}
    return names.get(char, repr(char) if char.isprintable() else f"U+{ord(char):04X}")


def check_profile(
    profile: Profile, *, check_files: bool = True, environ: Mapping[str, str] | None = None
) -> list[ProfileProblem]:
    """Every problem of ``profile``, in the order of its fields (empty when it is usable).

    ``check_files`` reads the CA bundle and the client certificate (as the TLS layer
    will); ``environ`` is for the ``{{env:NAME}}`` check (``os.environ`` by default).
    """
    return list(_problems(profile, check_files, environ))


def _problems(
    profile: Profile, check_files: bool, environ: Mapping[str, str] | None
) -> Iterator[ProfileProblem]:
    if not profile.name.strip():
        yield _problem("name_empty", "name")
    yield from _check_url(profile)
    yield from check_rows(profile.headers, "headers", "header")
    yield from check_rows(profile.cookies, "cookies", "cookie")
    yield from _check_subprotocols(profile.subprotocols)
    yield from _check_origin(profile)
    yield from _check_tls(profile, check_files)
    yield from check_proxy(profile.proxy)
    if not MIN_CONNECT_TIMEOUT <= profile.connect_timeout <= MAX_CONNECT_TIMEOUT:
        yield _problem(
            "timeout_out_of_range",
            "connect_timeout",
            low=MIN_CONNECT_TIMEOUT,
            high=MAX_CONNECT_TIMEOUT,
        )
    if not MIN_PING_INTERVAL <= profile.ping_interval <= MAX_PING_INTERVAL:
        yield _problem(
            "ping_out_of_range", "ping_interval", low=MIN_PING_INTERVAL, high=MAX_PING_INTERVAL
        )
    yield from _check_variables(profile, environ)


def _check_url(profile: Profile) -> Iterator[ProfileProblem]:
    if profile.scheme not in ("ws", "wss"):
        yield _problem("bad_scheme", "url.scheme", value=profile.scheme)
    if not profile.host.strip():
        yield _problem("host_empty", "url.host")
    elif _HOST_BAD.search(profile.host) or _CONTROL.search(profile.host):
        yield _problem("host_invalid", "url.host", value=profile.host)
    if not 1 <= profile.port <= 65535:
        yield _problem("port_invalid", "url.port", value=profile.port)
    bad = re.search(r"[\s#\x00-\x1f\x7f]", profile.path)
    if bad:
        yield _problem("path_invalid", "url.path", char=_char_name(bad.group()))
    for index, item in enumerate(profile.query):
        at = f"url.query[{index}]"
        if not item.name and item.value:
            yield _problem("name_missing", f"{at}.name")
        if _CONTROL.search(item.name + item.value):
            yield _problem("value_control_char", f"{at}.value", name=item.name)


def check_rows(rows: tuple[Row, ...], where: str, kind: str) -> Iterator[ProfileProblem]:
    """Problems of header (``kind`` "header") or cookie rows at ``where``."""
    for index, item in enumerate(rows):
        at = f"{where}[{index}]"
        if not item.name:
            if item.value:
                yield _problem("name_missing", f"{at}.name")
            continue
        if "{{" not in item.name and not _TOKEN.fullmatch(item.name):
            yield _problem("name_invalid", f"{at}.name", value=item.name, kind=kind)
            continue
        if kind == "header" and item.name.lower() in RESERVED_HEADERS:
            instead = RESERVED_HEADERS[item.name.lower()]
            hint = f": set it in {instead}" if instead else ""
            yield _problem("header_reserved", f"{at}.name", value=item.name, hint=hint)
        if kind == "header":
            if _CONTROL.search(item.value.replace("\t", "")):
                yield _problem("header_value_newline", f"{at}.value", name=item.name)
        else:
            bad = _COOKIE_BAD.search(item.value)
            if bad:
                yield _problem(
                    "cookie_value_invalid",
                    f"{at}.value",
                    name=item.name,
                    char=_char_name(bad.group()),
                )


def _check_subprotocols(names: tuple[str, ...]) -> Iterator[ProfileProblem]:
    seen: set[str] = set()
    for index, name in enumerate(names):
        at = f"subprotocols[{index}]"
        if not _TOKEN.fullmatch(name):
            yield _problem("subprotocol_invalid", at, value=name)
        elif name in seen:
            yield _problem("subprotocol_duplicate", at, value=name)
        seen.add(name)


def _check_origin(profile: Profile) -> Iterator[ProfileProblem]:
    if profile.origin is not OriginMode.CUSTOM:
        return
    value = profile.custom_origin.strip()
    if not value:
        yield _problem("origin_empty", "origin")
        return
    if "{{" in value:
        return  # checked once expanded, at connect time
    if not is_origin(value):
        yield _problem("origin_invalid", "origin", value=value)


def is_origin(value: str) -> bool:
    """Whether ``value`` is an origin as a browser writes one (RFC 6454)."""
    if value == "null":
        return True
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except ValueError:
        return False
    return bool(
        parts.scheme
        and parts.hostname
        and not parts.path
        and not parts.query
        and not parts.fragment
        and "@" not in parts.netloc
        and not _CONTROL.search(value)
    )


def _readable(path: str, field: str) -> ProfileProblem | None:
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except FileNotFoundError:
        return _problem("file_unreadable", field, path=path, reason="no such file")
    except IsADirectoryError:
        return _problem("file_unreadable", field, path=path, reason="it is a folder")
    except PermissionError:
        return _problem("file_unreadable", field, path=path, reason="permission denied")
    except OSError as exc:
        return _problem("file_unreadable", field, path=path, reason=exc.strerror or str(exc))
    return None


def _check_tls(profile: Profile, check_files: bool) -> Iterator[ProfileProblem]:
    tls = profile.tls
    if tls.client_key and not tls.client_cert:
        yield _problem("client_key_without_cert", "tls.client_key")
    if not check_files:
        return
    if tls.ca_file:
        unreadable = _readable(tls.ca_file, "tls.ca_file")
        if unreadable is not None:
            yield unreadable
        else:
            try:
                ssl.create_default_context(cafile=tls.ca_file)
            except (ssl.SSLError, ValueError) as exc:
                reason = getattr(exc, "reason", None) or str(exc)
                yield _problem("ca_file_invalid", "tls.ca_file", path=tls.ca_file, reason=reason)
    if tls.client_cert:
        broken = [
            _readable(path, field)
            for path, field in (
                (tls.client_cert, "tls.client_cert"),
                (tls.client_key, "tls.client_key"),
            )
            if path
        ]
        problems = [p for p in broken if p is not None]
        yield from problems
        if not problems:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            try:
                context.load_cert_chain(tls.client_cert, tls.client_key or None)
            except (ssl.SSLError, ValueError, OSError) as exc:
                reason = getattr(exc, "reason", None) or str(exc)
                yield _problem("client_cert_invalid", "tls.client_cert", reason=reason)


def check_proxy(proxy: ProxySetting) -> Iterator[ProfileProblem]:
    """Problems of a proxy setting (none when it is not set)."""
    if not proxy.host:
        if proxy.user:
            yield _problem("proxy_user_without_host", "proxy")
        return
    if _HOST_BAD.search(proxy.host) or _CONTROL.search(proxy.host):
        yield _problem("proxy_invalid", "proxy", value=proxy.host, reason="not a host name")
    if not 1 <= proxy.port <= 65535:
        yield _problem("proxy_port_invalid", "proxy", value=proxy.port)
    if _CONTROL.search(proxy.user + proxy.password):
        yield _problem("value_control_char", "proxy", name="the proxy login")


def parse_proxy(text: str) -> ProxySetting | ProfileProblem:
    """``[http://][user[:password]@]host:port`` (what ``proxyEdit`` holds) as a setting;
    empty text is no proxy. A problem for anything else (``proxy_invalid``)."""
    text = text.strip()
    if not text:
        return ProxySetting()
    spelled = text if "://" in text else "http://" + text
    try:
        parts = urlsplit(spelled)
        port = parts.port
    except ValueError:
        return _problem("proxy_invalid", "proxy", value=text, reason="the port is not a number")
    if parts.scheme not in ("http", "https"):
        reason = f"only HTTP proxies (CONNECT) are supported, not {parts.scheme}://"
        return _problem("proxy_invalid", "proxy", value=text, reason=reason)
    if not parts.hostname:
        return _problem("proxy_invalid", "proxy", value=text, reason="no host")
    if port is None:
        return _problem("proxy_invalid", "proxy", value=text, reason="no port (host:port)")
    if parts.path.strip("/") or parts.query:
        return _problem("proxy_invalid", "proxy", value=text, reason="host:port, nothing after it")
    proxy = ProxySetting(
        parts.hostname, port, unquote(parts.username or ""), unquote(parts.password or "")
    )
    problems = list(check_proxy(proxy))
    return problems[0] if problems else proxy


def _check_variables(
    profile: Profile, environ: Mapping[str, str] | None
) -> Iterator[ProfileProblem]:
    for name in profile.variables:
        if (
            not name
            or "{" in name
            or "}" in name
            or name in BUILTIN_NAMES
            or name.startswith(ENV_PREFIX)
        ):
            yield _problem("variable_name_invalid", "variables", value=name)
    scope = VariableScope(profile.variables, environ=environ)
    for field, text in variable_fields(profile):
        for name in names_in(text):
            problem = scope.problem(name)
            if problem is not None:
                code = "env_missing" if problem.code == "env_missing" else "variable_unknown"
                yield _problem(code, field, name=problem.data["name"])


def variable_fields(profile: Profile) -> Iterator[tuple[str, str]]:
    """``(field, text)`` of every text expanded at connect time."""
    yield "url.host", profile.host
    yield "url.path", profile.path
    for index, item in enumerate(profile.query):
        if item.on:
            yield f"url.query[{index}].value", item.value
    for where, rows in (("headers", profile.headers), ("cookies", profile.cookies)):
        for index, item in enumerate(rows):
            if item.on:
                yield f"{where}[{index}].name", item.name
                yield f"{where}[{index}].value", item.value
    if profile.origin is OriginMode.CUSTOM:
        yield "origin", profile.custom_origin
