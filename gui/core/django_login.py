"""Log in to a Django site the way a browser does, for the session cookie of a handshake.

Channels' ``AuthMiddlewareStack`` finds the user from Django's session cookie, so a
WebSocket client that wants to be someone must first log in over HTTP: fetch the login
page (Django's ``LoginView``), take its CSRF token (the ``csrftoken`` cookie and the
form's ``csrfmiddlewaretoken``), post the username and password back with a
``Referer`` (Django's CSRF check wants one over HTTPS), and keep the cookies it sets
(``sessionid``, ``csrftoken``). :func:`django_login` does that with ``requests`` and
says how it went as a :class:`LoginOutcome` value (a code and data), so that the
headless runner prints it and the window's login dialog can word it in its language.

It also says when the cookie would not reach the WebSocket in a browser, the classic
cause of ``AnonymousUser`` in a consumer: logged in on ``localhost`` but connecting to
``127.0.0.1``, or on another port (:func:`cookie_scope_warning`).
"""

from __future__ import annotations

import html.parser
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import requests

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome, shorten

SESSION_COOKIE = "sessionid"
CSRF_COOKIE = "csrftoken"
CSRF_FIELD = "csrfmiddlewaretoken"


class LoginOutcome(Outcome):
    """How a login went (``logged_in`` is the one success)."""

    TEMPLATES: ClassVar[Mapping[str, str]] = {
        "logged_in": QT_TRANSLATE_NOOP("LoginOutcome", "logged in as {username} at {url}"),
        "wrong_credentials": QT_TRANSLATE_NOOP(
            "LoginOutcome", "wrong username or password (the server showed the form again)"
        ),
        "csrf_failed": QT_TRANSLATE_NOOP("LoginOutcome", "CSRF check failed: {detail}"),
        "no_csrf_token": QT_TRANSLATE_NOOP(
            "LoginOutcome",
            "{url} gave no CSRF token (no {cookie} cookie and no {field} "
            "in a form): is this Django's login page?",
        ),
        "not_a_login_page": QT_TRANSLATE_NOOP(
            "LoginOutcome", "{url} has no login form (no password field)"
        ),
        "no_session_cookie": QT_TRANSLATE_NOOP(
            "LoginOutcome",
            "the server accepted the form but set no {cookie} cookie (cookies set: {cookies})",
        ),
        "http_error": QT_TRANSLATE_NOOP(
            "LoginOutcome", "{method} {url} answered HTTP {status} {reason}"
        ),
        "unreachable": QT_TRANSLATE_NOOP("LoginOutcome", "cannot reach {url}: {reason}"),
        "other_host": QT_TRANSLATE_NOOP(
            "LoginOutcome",
            "the session cookie is for {cookie_host}, the WebSocket is on "
            "{ws_host}: a browser would not send it there (AnonymousUser in the consumer)",
        ),
        "other_port": QT_TRANSLATE_NOOP(
            "LoginOutcome",
            "logged in on port {cookie_port}, the WebSocket is on port {ws_port}: "
            "the same session works only if both share Django's session store and SECRET_KEY",
        ),
        "secure_cookie": QT_TRANSLATE_NOOP(
            "LoginOutcome",
            "the session cookie is Secure (HTTPS only) and the WebSocket is "
            "plain ws://: a browser would not send it",
        ),
    }
    OK: ClassVar[frozenset[str]] = frozenset({"logged_in"})

    CSRF_DETAILS: ClassVar[Mapping[str, str]] = {
        "missing_cookie": "the server got no CSRF cookie (the login page set none, or "
        "it was refused)",
        "no_referer": "the server wants a Referer header (HTTPS)",
        "untrusted_origin": "the Origin or Referer is not trusted: add it to "
        "CSRF_TRUSTED_ORIGINS (a proxy, another host or port in front of Django)",
        "rejected": "the token was refused: check CSRF_TRUSTED_ORIGINS (a proxy, another "
        "host or port in front of Django) and that the session and CSRF cookies match",
    }

    @property
    def message(self) -> str:
        if self.code == "wrong_credentials" and self.data.get("server_says"):
            return f"{super().message}: {self.data['server_says']}"
        if self.code == "csrf_failed":
            detail = self.CSRF_DETAILS.get(str(self.data.get("reason")), "refused")
            said = self.data.get("server_says")
            return f"CSRF check failed: {detail}" + (f" (server: {said})" if said else "")
        return super().message


@dataclass(frozen=True, slots=True)
class LoginResult:
    """The outcome, the cookies to send in the handshake (empty unless logged in),
    and a warning when the cookie would not reach the WebSocket in a browser."""

    outcome: LoginOutcome
    cookies: dict[str, str] = field(default_factory=dict)
    warning: LoginOutcome | None = None

    @property
    def ok(self) -> bool:
        return self.outcome.ok

    def cookie_header(self) -> str:
        """The ``Cookie`` header value for the WebSocket handshake."""
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


class _FormReader(html.parser.HTMLParser):
    """Finds the form with a password field: its action and hidden inputs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        # The text of elements marked as errors: Django's <ul class="errorlist">, or a
        # template's own <p id="errors">, <div class="alert-error">...
        self.errors: list[str] = []
        self._form: dict[str, Any] | None = None
        self._error_tag: str | None = None
        self._error_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self._error_tag is not None:
            self._error_depth += tag == self._error_tag
        elif "error" in f"{values.get('class', '')} {values.get('id', '')}".lower():
            self._error_tag, self._error_depth = tag, 1
            self.errors.append("")
        if tag == "form":
            self._form = {"action": values.get("action", ""), "hidden": {}, "password": False}
            self.forms.append(self._form)
        elif tag == "input":
            form = self._form
            if form is None:  # inputs outside a form: count them in a form of their own
                form = {"action": "", "hidden": {}, "password": False}
                self.forms.append(form)
                self._form = form
            kind = values.get("type", "text").lower()
            if kind == "password":
                form["password"] = True
            elif kind == "hidden" and values.get("name"):
                form["hidden"][values["name"]] = values.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        if tag == self._error_tag:
            self._error_depth -= 1
            if not self._error_depth:
                self._error_tag = None

    def handle_data(self, data: str) -> None:
        if self._error_tag is not None:
            self.errors[-1] += data + " "

    def login_form(self) -> dict[str, Any] | None:
        with_password = [form for form in self.forms if form["password"]]
        return with_password[0] if with_password else None


def _csrf_reason(body: str) -> tuple[str, str | None]:
    """Why Django refused the POST, from its 403 page (the reason itself with DEBUG)."""
    said = None
    found = re.search(r"Reason given for failure:\s*</p>\s*<pre>\s*(.*?)\s*</pre>", body, re.S)
    if found:
        said = shorten(html.unescape(found.group(1)), 200)
    text = said or body
    if "requires a CSRF cookie" in body or "CSRF cookie not set" in text:
        return "missing_cookie", said
    if "requires a “Referer header”" in body or "Referer checking failed - no Referer" in text:
        return "no_referer", said
    if "does not match any trusted origins" in text:
        return "untrusted_origin", said
    return "rejected", said


def _default_port(scheme: str) -> int:
    return 443 if scheme in ("https", "wss") else 80


def cookie_scope_warning(
    login_url: str, ws_url: str, *, cookie_domain: str | None = None, secure: bool = False
) -> LoginOutcome | None:
    """Why a browser would not send the session cookie got at ``login_url`` to
    ``ws_url`` (another host, another port, a Secure cookie on ``ws://``), or None."""
    login, ws = urllib.parse.urlsplit(login_url), urllib.parse.urlsplit(ws_url)
    login_host, ws_host = (login.hostname or "").lower(), (ws.hostname or "").lower()
    if cookie_domain:
        domain = cookie_domain.lower().lstrip(".")
        same_host = ws_host == domain or ws_host.endswith("." + domain)
        shown = "." + domain
    else:
        same_host, shown = ws_host == login_host, login_host
    if not same_host:
        return LoginOutcome("other_host", {"cookie_host": shown, "ws_host": ws_host})
    login_port = login.port or _default_port(login.scheme)
    ws_port = ws.port or _default_port(ws.scheme)
    if login_port != ws_port:
        return LoginOutcome("other_port", {"cookie_port": login_port, "ws_port": ws_port})
    if secure and ws.scheme == "ws":
        return LoginOutcome("secure_cookie", {})
    return None


def _unreachable(url: str, exc: requests.RequestException) -> LoginResult:
    if isinstance(exc, requests.exceptions.SSLError):
        reason = f"TLS error: {shorten(str(exc.args[0] if exc.args else exc), 160)}"
    elif isinstance(exc, requests.exceptions.Timeout):
        reason = "timed out"
    elif isinstance(exc, requests.exceptions.ProxyError):
        reason = "the proxy refused or failed"
    elif isinstance(exc, requests.exceptions.ConnectionError):
        reason = "connection refused or host not found"
    else:
        reason = shorten(str(exc) or type(exc).__name__, 160)
    return LoginResult(LoginOutcome("unreachable", {"url": url, "reason": reason}))


def _http_error(method: str, response: requests.Response) -> LoginResult:
    data = {
        "method": method,
        "url": response.url,
        "status": response.status_code,
        "reason": response.reason or "",
    }
    return LoginResult(LoginOutcome("http_error", data))


def django_login(
    login_url: str,
    username: str,
    password: str,
    *,
    ws_url: str | None = None,
    session: requests.Session | None = None,
    verify: bool | str = True,
    client_cert: str | tuple[str, str] | None = None,
    proxies: Mapping[str, str] | None = None,
    timeout: float = 10.0,
    session_cookie: str = SESSION_COOKIE,
) -> LoginResult:
    """Log in at ``login_url``; never raises for network or server trouble.

    ``verify`` is True, False or a CA bundle file (as in ``requests``); ``ws_url``, when
    given, is checked against the cookie's scope (:func:`cookie_scope_warning`).
    """
    http = session or requests.Session()
    options: dict[str, Any] = {"timeout": timeout, "verify": verify, "allow_redirects": True}
    if client_cert:
        options["cert"] = client_cert
    if proxies:
        options["proxies"] = dict(proxies)
    try:
        page = http.get(login_url, **options)
    except requests.RequestException as exc:
        return _unreachable(login_url, exc)
    if page.status_code != 200:
        return _http_error("GET", page)
    reader = _FormReader()
    reader.feed(page.text)
    form = reader.login_form()
    if form is None:
        return LoginResult(LoginOutcome("not_a_login_page", {"url": page.url}))
    token = form["hidden"].get(CSRF_FIELD) or http.cookies.get(CSRF_COOKIE)
    if not token:
        data = {"url": page.url, "cookie": CSRF_COOKIE, "field": CSRF_FIELD}
        return LoginResult(LoginOutcome("no_csrf_token", data))
    before = http.cookies.get(session_cookie)
    fields = {**form["hidden"], CSRF_FIELD: token, "username": username, "password": password}
    target = urllib.parse.urljoin(page.url, form["action"] or page.url)
    options["allow_redirects"] = False
    try:
        answer = http.post(target, data=fields, headers={"Referer": page.url}, **options)
    except requests.RequestException as exc:
        return _unreachable(target, exc)
    if answer.status_code == 403 and "CSRF" in answer.text:
        reason, said = _csrf_reason(answer.text)
        return LoginResult(LoginOutcome("csrf_failed", {"reason": reason, "server_says": said}))
    if answer.status_code == 200:
        shown = _FormReader()
        shown.feed(answer.text)
        said = " ".join(" ".join(e.split()) for e in shown.errors if e.strip()) or None
        shown_data = {"url": target, "server_says": shorten(said, 200) if said else None}
        return LoginResult(LoginOutcome("wrong_credentials", shown_data))
    if answer.status_code not in (301, 302, 303, 307, 308):
        return _http_error("POST", answer)
    session_value = http.cookies.get(session_cookie)
    if not session_value or session_value == before:
        names = ", ".join(sorted(http.cookies.keys())) or "none"
        data = {"cookie": session_cookie, "cookies": names}
        return LoginResult(LoginOutcome("no_session_cookie", data))
    cookies = {cookie.name: cookie.value or "" for cookie in http.cookies}
    warning = None
    if ws_url is not None:
        jar_entry = next(c for c in http.cookies if c.name == session_cookie)
        domain = jar_entry.domain if jar_entry.domain_specified else None
        warning = cookie_scope_warning(
            page.url, ws_url, cookie_domain=domain, secure=bool(jar_entry.secure)
        )
    outcome = LoginOutcome("logged_in", {"username": username, "url": target})
    return LoginResult(outcome, cookies, warning)
