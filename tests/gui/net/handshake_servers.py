"""Real servers that reproduce each kind of failed handshake, on 127.0.0.1, in threads.

- :class:`HttpServer`: a plain HTTP server (the standard library's) that answers every
  request with one status, a ``Server`` header and a body with its length: 200 (a WSGI
  site), 426 (Upgrade Required), 404 (no route).
- :class:`ConnectProxy`: an HTTP CONNECT proxy that tunnels, or refuses with a status,
  and can want a login (407 until ``Proxy-Authorization`` is right); it records what it
  was asked for.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import socket
import threading


class HttpServer:
    """Answers every request with ``status``, ``Server: server`` and ``body``."""

    def __init__(self, status: int, body: bytes, server: str = "WSGIServer/0.2 CPython/3") -> None:
        answer = (status, body, server)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                code, content, name = answer
                self.send_response_only(code)
                self.send_header("Server", name)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(content)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str = "/ws/") -> str:
        return f"ws://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


class ConnectProxy:
    """A CONNECT proxy. ``refuse`` answers every CONNECT with that status instead;
    ``login`` (user, password) answers 407 until the request carries it."""

    def __init__(self, *, refuse: int | None = None, login: tuple[str, str] | None = None) -> None:
        self._refuse = refuse
        self._login = login
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.targets: list[str] = []
        self.authorizations: list[str | None] = []
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self._sockets.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket, status: str) -> None:
        with contextlib.suppress(OSError):
            conn.sendall(f"HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n".encode())
            conn.close()

    def _serve(self, conn: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(4096)
            if not chunk:
                return
            request += chunk
        head, _, rest = request.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])
        }
        self.targets.append(target)
        self.authorizations.append(headers.get("proxy-authorization"))
        if method != "CONNECT":
            return self._answer(conn, "405 Method Not Allowed")
        if self._refuse is not None:
            return self._answer(conn, f"{self._refuse} Refused By Test Proxy")
        if self._login is not None:
            wanted = "Basic " + base64.b64encode(":".join(self._login).encode()).decode()
            if headers.get("proxy-authorization") != wanted:
                return self._answer(conn, "407 Proxy Authentication Required")
        host, _, port = target.rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
        except OSError:
            return self._answer(conn, "502 Bad Gateway")
        self._sockets.append(upstream)
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        if rest:
            upstream.sendall(rest)
        threading.Thread(target=self._pipe, args=(upstream, conn), daemon=True).start()
        self._pipe(conn, upstream)
        return None

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()
