"""The TLS context of a ``wss`` connection, which knows how far its handshake got.

websocket-client opens the TCP connection, wraps it with the context it is given in
``sslopt["context"]`` (that wrap is the TLS handshake), then sends the HTTP upgrade,
all under the same timeout. When that timeout strikes, the exception alone does not say
which of the three was waiting; the context does: a ``wss`` URL pointed at a plain
``ws`` server waits in the TLS handshake, because the server reads the ClientHello as
the start of an HTTP request and waits for the rest of it.
"""

from __future__ import annotations

import enum
import os
import ssl
from typing import Any

from gui.core.profile import TlsOptions


class Phase(enum.Enum):
    """How far a connection attempt got."""

    TCP = "tcp"
    TLS = "tls"
    WEBSOCKET = "websocket"


class TrackingContext(ssl.SSLContext):
    """A client context (certificates verified, host name checked) with a
    :attr:`phase`: TCP until the handshake starts, TLS during it, WEBSOCKET after."""

    phase = Phase.TCP

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:  # type: ignore[override]
        self.phase = Phase.TLS
        sock = super().wrap_socket(*args, **kwargs)
        self.phase = Phase.WEBSOCKET
        return sock


def client_context(options: TlsOptions | None = None) -> TrackingContext:
    """What websocket-client would build by itself: TLS client defaults, the system's
    certificate authorities (or ``WEBSOCKET_CLIENT_CA_BUNDLE``), ``SSLKEYLOGFILE``;
    then a profile's ``options``: its CA bundle instead of the system's, its client
    certificate, or no verification at all (no certificate or host name check).

    Raises OSError or ssl.SSLError when a file of ``options`` cannot be used.
    """
    options = options or TlsOptions()
    context = TrackingContext(ssl.PROTOCOL_TLS_CLIENT)
    bundle = os.environ.get("WEBSOCKET_CLIENT_CA_BUNDLE")
    if options.ca_file:
        context.load_verify_locations(cafile=options.ca_file)
    elif bundle and os.path.isfile(bundle):
        context.load_verify_locations(cafile=bundle)
    elif bundle and os.path.isdir(bundle):
        context.load_verify_locations(capath=bundle)
    else:
        context.load_default_certs(ssl.Purpose.SERVER_AUTH)
    if options.client_cert:
        context.load_cert_chain(options.client_cert, options.client_key or None)
    if not options.verify:
        context.check_hostname = False  # before verify_mode, which it would hold up
        context.verify_mode = ssl.CERT_NONE
    keylog = os.environ.get("SSLKEYLOGFILE")
    if keylog:
        context.keylog_filename = keylog
    return context
