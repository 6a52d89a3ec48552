"""Command line of the embedded server: parse flags, set up Django, run daphne.

Prints ``READY ws://HOST:PORT/websock1-2/`` on stdout once it accepts connections.
Exit codes: 0 after a clean stop (SIGINT, SIGTERM, CTRL_BREAK, parent gone), 2 when it
cannot listen (port in use, address not available), with a one-line message.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import os
import sys
import threading
from typing import Any

from embedded_server import DEFAULT_MAX_MESSAGE_SIZE, WEBSOCKET_PATH, options

logger = logging.getLogger("embedded_server")

EXIT_OK = 0
EXIT_CANNOT_LISTEN = 2

_ADDRESS_IN_USE = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", 10048)}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m embedded_server",
        description="Tsushin's embedded Django Channels server: a JSON echo at "
        f"ws://HOST:PORT{WEBSOCKET_PATH}, a raw echo at /echo/ and GET /healthz.",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only; "
        "0.0.0.0 listens on every interface)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8000,
        help="TCP port to listen on (default: 8000; 0 picks a free port, "
        "printed in the READY line)",
    )
    parser.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="exit when standard input reaches end-of-file, i.e. when the process "
        "that started the server with a pipe on stdin ends, even if it was killed",
    )
    parser.add_argument(
        "--max-message-size",
        type=int,
        default=None,
        metavar="BYTES",
        help="largest WebSocket message a client may send (after decompression); a bigger "
        "one closes that connection with code 1009, message too big (default: "
        f"$TSUSHIN_MAX_MESSAGE_SIZE, else {DEFAULT_MAX_MESSAGE_SIZE}, 1 MiB)",
    )
    parser.add_argument(
        "--permessage-deflate",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="compress messages when the client offers permessage-deflate (RFC 7692; "
        "default: on; --no-permessage-deflate turns it off)",
    )
    parser.add_argument(
        "--log-level",
        default="warning",
        choices=["debug", "info", "warning", "error"],
        help="stderr log level (default: warning; info logs every connection)",
    )
    options.add_arguments(parser)
    return parser


def ready_line(host: str, port: int) -> str:
    """The line printed once the server accepts connections: a URL a client on this
    machine can use, so a wildcard address becomes the loopback one."""
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"READY ws://{host}:{port}{WEBSOCKET_PATH}"


def cannot_listen_message(host: str, port: int, error: BaseException) -> str:
    """One line that says why the server could not listen, naming the port."""
    socket_error = getattr(error, "socketError", None) or error
    code = getattr(socket_error, "errno", None)
    if code in _ADDRESS_IN_USE:
        return (
            f"error: port {port} on {host} is already in use "
            "(stop the other server or pick another port with --port; 0 picks a free one)"
        )
    reason = getattr(socket_error, "strerror", None) or str(socket_error)
    return f"error: cannot listen on {host} port {port}: {reason}"


def _watch_stdin(on_eof: Any) -> None:
    """Block on stdin in a daemon thread and call ``on_eof`` once it is closed."""

    def watch() -> None:
        try:
            fd = sys.stdin.fileno()
            while os.read(fd, 65536):
                pass
        except (OSError, ValueError, AttributeError):
            pass
        logger.info("standard input closed: the parent is gone", extra={"event": "parent.gone"})
        on_eof()

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _say_goodbye(server: Any, reactor: Any, grace: float = 1.0) -> Any:
    """Close open WebSockets with 1001 (going away) before the reactor stops, so that
    clients learn the server shut down instead of seeing the TCP connection drop.
    Returns a Deferred that fires once they are closed, or after ``grace`` seconds."""
    from daphne.ws_protocol import WebSocketProtocol
    from twisted.internet.defer import Deferred

    def still_open() -> list[Any]:
        return [
            protocol
            for protocol in list(server.connections)
            if isinstance(protocol, WebSocketProtocol)
            and protocol.state in (protocol.STATE_OPEN, protocol.STATE_CLOSING)
        ]

    for protocol in still_open():
        if protocol.state == protocol.STATE_OPEN:
            # autobahn's sendClose() only lets applications use 1000 and 3000-4999;
            # 1001 "going away" is the code RFC 6455 gives a server that shuts down.
            protocol.sendCloseFrame(code=1001, reasonUtf8=b"server shutting down")
    done: Any = Deferred()
    deadline = reactor.seconds() + grace

    def check() -> None:
        if not still_open() or reactor.seconds() >= deadline:
            done.callback(None)
        else:
            reactor.callLater(0.02, check)

    check()
    return done


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["adduser"]:
        from embedded_server.adduser import adduser_main

        return adduser_main(argv[1:])
    args = build_parser().parse_args(argv)
    # Twisted's debug logging replaces sys.stdout; the READY line must reach the real one.
    stdout = sys.stdout
    if args.max_message_size is not None and args.max_message_size < 1:
        print("error: --max-message-size must be at least 1 byte", file=sys.stderr)
        return EXIT_CANNOT_LISTEN

    problem = options.apply(args)
    if problem is None and args.redis:
        problem = options.redis_problem(args.redis)
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_CANNOT_LISTEN

    from embedded_server.logs import configure_logging

    configure_logging(args.log_level)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embedded_server.settings")

    # daphne.server installs Twisted's asyncio reactor; it must come before anything
    # that imports twisted.internet.reactor.
    import django
    from daphne.server import Server
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from twisted.internet import reactor
    from twisted.internet.defer import Deferred

    try:
        django.setup(set_prefix=False)
    except ImproperlyConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CANNOT_LISTEN
    # The flag wins when it is given; otherwise the setting (from the environment).
    if args.max_message_size is not None:
        settings.TSUSHIN_MAX_MESSAGE_SIZE = args.max_message_size
    max_message_size = settings.TSUSHIN_MAX_MESSAGE_SIZE

    from daphne.endpoints import build_endpoint_description_strings

    from embedded_server import database
    from embedded_server.asgi import application, room_hub

    # At once if the database is there; else migrated while the server starts.
    database.prepare(settings.TSUSHIN_DATABASE_PATH)
    from embedded_server.serverhooks import ServerHooksMixin

    class EmbeddedServer(ServerHooksMixin, Server):
        """daphne's Server, reporting READY and listen failures our way (and the
        additions of ``embedded_server.serverhooks``)."""

        listen_failure: BaseException | None = None

        def listen_error(self, failure: Any) -> None:
            self.listen_failure = failure.value
            self.stop()

        def kill_all_applications(self) -> Any:
            # daphne 4.2's version raises KeyError for a connection whose application
            # has not started yet, and then does not wait for the others.
            instances = [
                details.get("application_instance") for details in self.connections.values()
            ]
            pending = [app for app in instances if app is not None and not app.done()]
            for app in pending:
                app.cancel()
            waiting = Deferred.fromFuture(asyncio.gather(*pending))
            waiting.addErrback(lambda _: None)
            return waiting

    def on_ready() -> None:
        from embedded_server import httpchannel, wsprotocol

        httpchannel.configure(server.http_factory, server.websocket_handshake_timeout)

        # The reactor has not run yet, so every connection gets these.
        wsprotocol.configure(
            server.ws_factory,
            compression=args.permessage_deflate,
            lean=args.log_level != "debug",  # debug: autobahn's own debug lines too
        )

        def announce() -> None:
            port = server.listening_addresses[0][1]
            print(ready_line(args.host, port), file=stdout, flush=True)
            logger.info(
                "listening",
                extra={"event": "server.ready", "host": args.host, "port": port},
            )

        reactor.callWhenRunning(announce)
        # IReactorCore declares its methods without self, which confuses mypy.
        add_trigger: Any = reactor.addSystemEventTrigger
        add_trigger("before", "shutdown", _say_goodbye, server, reactor)
        # The members of this server leave their rooms (on every server) before it stops.
        add_trigger(
            "before",
            "shutdown",
            lambda: Deferred.fromFuture(asyncio.ensure_future(room_hub.stop())),
        )
        if args.exit_with_parent:
            _watch_stdin(lambda: reactor.callFromThread(server.stop))

    server = EmbeddedServer(
        application=application,
        endpoints=build_endpoint_description_strings(host=args.host, port=args.port),
        signal_handlers=True,
        websocket_timeout=-1,
        websocket_max_message_size=max_message_size,
        websocket_max_frame_size=max_message_size,
        ready_callable=on_ready,
        verbosity=2 if args.log_level == "debug" else 1,
    )
    server.run()
    if server.listen_failure is not None:
        print(cannot_listen_message(args.host, args.port, server.listen_failure), file=sys.stderr)
        return EXIT_CANNOT_LISTEN
    logger.info("stopped", extra={"event": "server.stopped"})
    return EXIT_OK
