"""TLS for real (a ``wss`` server with a trustme certificate) and HTTP proxies (a CONNECT
proxy run by the test)."""

from __future__ import annotations

import pathlib
import ssl
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import trustme

from gui.core.connection import ConnectionState
from gui.core.profile import Profile, ProxySetting, TlsOptions
from tests.gui.net.conftest import Link
from tests.gui.net.handshake_servers import ConnectProxy
from tests.gui.servers import ThreadedServer, free_port, json_echo


@dataclass
class TlsSite:
    server: ThreadedServer
    ca: trustme.CA
    ca_file: pathlib.Path
    folder: pathlib.Path

    def profile(self, **tls: object) -> Profile:
        return Profile(name="tls", scheme="wss", port=self.server.port, path="/ws/").replace(
            tls=TlsOptions(**tls)  # type: ignore[arg-type]
        )


def tls_server(tmp_path: pathlib.Path, *, host: str = "127.0.0.1", want_client_cert: bool = False):
    ca = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert(host).configure_cert(context)
    if want_client_cert:
        context.verify_mode = ssl.CERT_REQUIRED
        ca.configure_trust(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server = ThreadedServer(json_echo, ssl_context=context).start()
    return TlsSite(server, ca, ca_file, tmp_path)


@pytest.fixture
def site(tmp_path: pathlib.Path) -> Iterator[TlsSite]:
    made = tls_server(tmp_path)
    yield made
    made.server.stop()


def test_refused_with_verification_on_and_no_ca(link: Link, site: TlsSite) -> None:
    assert link.connect(site.profile()) is ConnectionState.ERROR
    [failure] = link.failures
    assert failure.cause.code == "tls_untrusted"
    assert "unable to get local issuer certificate" in failure.cause.data["detail"]
    row = link.wait_for_text("likely cause")
    assert "give this profile the CA file, or turn verification off" in row


def test_accepted_with_the_ca_file(link: Link, site: TlsSite) -> None:
    assert link.connect(site.profile(ca_file=str(site.ca_file))) is ConnectionState.CONNECTED
    info = link.controller.connection_info
    assert info is not None and info.tls_verified is True
    assert (
        link.wait_for_text("connected to") == f"connected to wss://127.0.0.1:{site.server.port}/ws/"
    )
    assert "verification off" not in link.controller.message
    assert link.controller.send('{"over": "tls"}')
    link.wait_for_text('{"over": "tls"}')


def test_accepted_with_verification_off_and_it_says_so(link: Link, site: TlsSite) -> None:
    assert link.connect(site.profile(verify=False)) is ConnectionState.CONNECTED
    info = link.controller.connection_info
    assert info is not None and info.tls_verified is False
    assert link.controller.message.endswith("(TLS verification off)")
    assert link.wait_for_text("connected to").endswith("(TLS verification off)")
    assert link.infos[-1] is info


def test_a_certificate_for_another_host(link: Link, tmp_path: pathlib.Path) -> None:
    other = tls_server(tmp_path, host="other.example.test")
    try:
        profile = other.profile(ca_file=str(other.ca_file))
        assert link.connect(profile) is ConnectionState.ERROR
        assert link.failures[0].cause.code == "tls_wrong_host"
    finally:
        other.server.stop()


def test_client_certificate(link: Link, tmp_path: pathlib.Path) -> None:
    strict = tls_server(tmp_path, want_client_cert=True)
    try:
        client = strict.ca.issue_cert("alice@example.test")
        both = tmp_path / "client.pem"
        client.private_key_and_cert_chain_pem.write_to_path(str(both))
        with_cert = strict.profile(ca_file=str(strict.ca_file), client_cert=str(both))
        assert link.connect(with_cert) is ConnectionState.CONNECTED
        link.controller.disconnect_from_server()
        assert link.connect(strict.profile(ca_file=str(strict.ca_file))) is ConnectionState.ERROR
    finally:
        strict.server.stop()


def test_an_unreadable_ca_file_fails_at_once(link: Link, site: TlsSite) -> None:
    missing = site.folder / "missing.pem"
    assert link.connect(site.profile(ca_file=str(missing))) is ConnectionState.ERROR
    [failure] = link.failures
    assert failure.cause.code == "tls_files"
    assert str(missing) in failure.cause.message


# --- proxies ---------------------------------------------------------------------------------


@pytest.fixture
def echo() -> Iterator[ThreadedServer]:
    server = ThreadedServer(json_echo).start()
    yield server
    server.stop()


def through(echo: ThreadedServer, proxy: ConnectProxy | ProxySetting | None) -> Profile:
    if isinstance(proxy, ConnectProxy):
        proxy = ProxySetting("127.0.0.1", proxy.port)
    return Profile(name="p", port=echo.port, path="/ws/", proxy=proxy or ProxySetting())


def test_connect_through_a_proxy(link: Link, echo: ThreadedServer, monkeypatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")  # the profile's proxy wins
    proxy = ConnectProxy()
    try:
        assert link.connect(through(echo, proxy)) is ConnectionState.CONNECTED
        assert proxy.targets == [f"127.0.0.1:{echo.port}"]
        assert link.wait_for_text("connected to").endswith(f"(through proxy {proxy.address})")
        link.controller.send('{"via": "proxy"}')
        link.wait_for_text('{"via": "proxy"}')
    finally:
        proxy.stop()


def test_a_proxy_login(link: Link, echo: ThreadedServer) -> None:
    proxy = ConnectProxy(login=("bob", "pr0xy-pw"))
    try:
        setting = ProxySetting("127.0.0.1", proxy.port, "bob", "wrong")
        assert link.connect(through(echo, setting)) is ConnectionState.ERROR
        assert link.failures[-1].cause.code == "proxy_login"
        link.controller.disconnect_from_server()
        setting = ProxySetting("127.0.0.1", proxy.port, "bob", "pr0xy-pw")
        assert link.connect(through(echo, setting)) is ConnectionState.CONNECTED
        assert not any("pr0xy-pw" in text for text in link.texts())
    finally:
        proxy.stop()


def test_a_proxy_that_refuses(link: Link, echo: ThreadedServer) -> None:
    proxy = ConnectProxy(refuse=403)
    try:
        assert link.connect(through(echo, proxy)) is ConnectionState.ERROR
        [failure] = link.failures
        assert failure.cause.code == "proxy_refused"
        assert link.controller.message == (
            f"the proxy {proxy.address} refused the connection to 127.0.0.1:{echo.port}: "
            "failed CONNECT via proxy status: 403"
        )
        row = link.wait_for_text("likely cause")
        assert f"through proxy {proxy.address}" in row
    finally:
        proxy.stop()


def test_a_proxy_that_is_not_there(link: Link, echo: ThreadedServer) -> None:
    port = free_port()
    profile = through(echo, ProxySetting("127.0.0.1", port))
    assert link.connect(profile) is ConnectionState.ERROR
    assert link.failures[0].cause.code == "proxy_unreachable"
    assert link.controller.message == f"cannot reach the proxy 127.0.0.1:{port}: connection refused"


def test_the_environment_proxy_and_no_proxy(link: Link, echo: ThreadedServer, monkeypatch) -> None:
    proxy = ConnectProxy()
    try:
        monkeypatch.delenv("no_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("http_proxy", raising=False)
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        assert link.connect(through(echo, None)) is ConnectionState.CONNECTED
        assert proxy.targets == [f"127.0.0.1:{echo.port}"]
        info = link.controller.connection_info
        assert info is not None and info.proxy == proxy.address
        link.controller.disconnect_from_server()
        monkeypatch.setenv("NO_PROXY", "localhost, 127.0.0.0/8")
        assert link.connect(through(echo, None)) is ConnectionState.CONNECTED
        assert proxy.targets == [f"127.0.0.1:{echo.port}"]  # not through it this time
        info = link.controller.connection_info
        assert info is not None and info.proxy is None
    finally:
        proxy.stop()
