"""The names of autobahn, daphne and Twisted that ``embedded_server`` overrides or
relies on, checked on the installed classes, and the versions they were written for.

``wsprotocol.py`` and ``cli.py`` override a few methods and read a few attributes that
are not public API. When a release renames or reshapes one, these tests fail by name,
instead of the server misbehaving quietly; bump the pin in ``requirements-server.txt``
only after these and the live tests pass with the new release.
"""

from __future__ import annotations

import inspect
import re
import socket
from importlib import metadata
from pathlib import Path

import pytest
from autobahn.twisted.websocket import WebSocketServerProtocol
from autobahn.websocket.compress import PerMessageDeflateOffer, PerMessageDeflateOfferAccept
from daphne.ws_protocol import WebSocketFactory, WebSocketProtocol
from twisted.internet import abstract, tcp
from twisted.internet.testing import MemoryReactor, StringTransport
from twisted.web import http

from embedded_server import wsprotocol

REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements-server.txt"


def pinned() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s#]+)", REQUIREMENTS.read_text(), re.MULTILINE)
    return {name.lower(): version for name, version in pins}


@pytest.mark.parametrize("name", ["autobahn", "twisted", "daphne"])
def test_the_installed_release_is_the_one_the_overrides_were_written_for(name: str) -> None:
    assert name in pinned(), f"{name} must be pinned to an exact version"
    assert metadata.version(name) == pinned()[name], (
        f"{name} {metadata.version(name)} is installed; embedded_server's overrides were "
        f"written for {pinned()[name]}: check them (this file) before moving the pin"
    )


def parameters(cls: type, name: str) -> list[str]:
    return list(inspect.signature(getattr(cls, name)).parameters)


@pytest.mark.parametrize(
    ("cls", "name", "expected"),
    [
        # overridden by TsushinWebSocketProtocol / LeanWebSocketProtocol
        (WebSocketProtocol, "handle_reply", ["self", "message"]),
        (
            WebSocketServerProtocol,
            "sendMessage",
            ["self", "payload", "isBinary", "fragmentSize", "sync", "doNotCompress"],
        ),
        (WebSocketServerProtocol, "onMessageBegin", ["self", "isBinary"]),
        (WebSocketServerProtocol, "onMessageFrameData", ["self", "payload"]),
        (WebSocketServerProtocol, "onMessageEnd", ["self"]),
        (WebSocketServerProtocol, "dataReceived", ["self", "data"]),
        (WebSocketServerProtocol, "sendData", ["self", "data", "sync", "chopsize"]),
        # called by them
        (WebSocketServerProtocol, "_dataReceived", ["self", "data"]),
        (WebSocketServerProtocol, "_invalid_payload", ["self", "reason"]),
        (tcp.Connection, "writeSomeData", ["self", "data"]),
        # overridden by httpchannel.GuardedHTTPChannel
        (http.HTTPChannel, "connectionMade", ["self"]),
        (http.HTTPChannel, "lineReceived", ["self", "line"]),
        (http.HTTPChannel, "lineLengthExceeded", ["self", "line"]),
        (http.HTTPChannel, "allHeadersReceived", ["self"]),
        (http.HTTPChannel, "allContentReceived", ["self"]),
        (http.HTTPChannel, "requestDone", ["self", "request"]),
        (http.HTTPChannel, "connectionLost", ["self", "reason"]),
        (WebSocketServerProtocol, "onOpenHandshakeTimeout", ["self"]),
        (WebSocketServerProtocol, "onOpen", ["self"]),
        (WebSocketServerProtocol, "connectionLost", ["self", "reason"]),
        (WebSocketServerProtocol, "_fail_connection", ["self", "code", "reason"]),
        (tcp.Connection, "pauseProducing", ["self"]),
        (tcp.Connection, "unregisterProducer", ["self"]),
    ],
)
def test_overridden_and_called_methods_keep_their_signatures(
    cls: type, name: str, expected: list[str]
) -> None:
    assert parameters(cls, name) == expected


def test_set_protocol_options_takes_the_options_we_set() -> None:
    options = parameters(WebSocketFactory, "setProtocolOptions")
    for option in ("failByDrop", "utf8validateIncoming", "perMessageCompressionAccept"):
        assert option in options


def test_permessage_deflate_accept_takes_an_offer() -> None:
    offer = PerMessageDeflateOffer()
    accept = wsprotocol.accept_permessage_deflate([object(), offer])
    assert isinstance(accept, PerMessageDeflateOfferAccept)
    assert accept.offer is offer
    assert wsprotocol.accept_permessage_deflate([object()]) is None


def connected_protocol(lean: bool = True) -> WebSocketProtocol:
    factory = WebSocketFactory(object(), server="test", reactor=MemoryReactor())
    wsprotocol.configure(factory, compression=True, lean=lean)
    factory.setProtocolOptions(openHandshakeTimeout=0)  # no timer: no global reactor
    protocol = factory.buildProtocol(None)
    protocol.makeConnection(StringTransport())
    return protocol


@pytest.mark.parametrize("lean", [True, False])
def test_the_factory_builds_our_protocol_with_our_options(lean: bool) -> None:
    protocol = connected_protocol(lean)
    expected = wsprotocol.LeanWebSocketProtocol if lean else wsprotocol.TsushinWebSocketProtocol
    assert type(protocol) is expected
    assert protocol.utf8validateIncoming is False
    assert protocol.failByDrop is False
    assert protocol.perMessageCompressionAccept is wsprotocol.accept_permessage_deflate


def test_attributes_the_protocol_reads_exist_after_connecting() -> None:
    protocol = connected_protocol()
    for name in (
        "state",
        "failedByMe",
        "send_queue",
        "logOctets",
        "maxMessagePayloadSize",
        "closeHandshakeTimeout",
        "data",
        "is_closed",
        "is_open",
    ):
        assert hasattr(protocol, name), name
    assert hasattr(protocol.trafficStats, "outgoingOctetsWireLevel")
    assert protocol.STATE_OPEN != protocol.STATE_CONNECTING
    assert WebSocketProtocol.muted is False  # daphne's flag, read by _deliver
    assert "last_ping" in inspect.getsource(WebSocketProtocol.onConnect)
    assert "application_queue" in inspect.getsource(WebSocketProtocol.applicationCreateWorked)
    # onMessageBegin is autobahn's; what it sets, onMessageFrameData/End read.
    protocol.onMessageBegin(True)
    assert protocol.message_is_binary is True
    assert protocol.message_data == []


def test_daphne_still_drops_empty_messages_so_the_override_is_needed() -> None:
    source = inspect.getsource(WebSocketProtocol.handle_reply)
    assert 'if message.get("bytes", None):' in source


def test_twisted_transport_attributes_lean_write_reads() -> None:
    ours, peer = socket.socketpair()
    connection = tcp.Connection(ours, None, MemoryReactor())
    ours.close()
    peer.close()
    for name in ("TLS", "connected", "disconnecting", "_writeDisconnected"):
        assert hasattr(connection, name), name
    assert (connection._tempDataBuffer, connection._tempDataLen) == ([], 0)
    assert (connection.dataBuffer, connection.offset) == (b"", 0)
    # What TsushinWebSocketProtocol counts as unread: written, not yet sent.
    connection.connected = 1
    connection.write(b"abc")
    assert len(connection.dataBuffer) - connection.offset + connection._tempDataLen == 3
    assert issubclass(tcp.Connection, abstract.FileDescriptor)


def test_http_channel_limits_the_guard_relies_on() -> None:
    channel = http.HTTPChannel()
    assert (channel.totalHeadersSize, channel.maxHeaders) == (16384, 500)
    assert channel.MAX_LENGTH >= 16384
    assert hasattr(channel, "persistent") and hasattr(channel, "callLater")
    assert channel.requests == []
    # daphne hands the transport to the WebSocket protocol by replacing its protocol.
    from daphne.http_protocol import WebRequest

    assert "transport.protocol = protocol" in inspect.getsource(WebRequest.process)
