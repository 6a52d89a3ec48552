"""The reference for ``bench/server.py``: the same JSON echo on the bare ``websockets``
library, the fastest pure-asyncio WebSocket server for Python we know of.

Same contract as the embedded server's ``/websock1-2/``: each text frame parsed as JSON
and answered ``{"type": "echo", "data": doc}`` (Unicode unescaped), invalid JSON and
binary frames answered with an error, messages over 1 MiB closed with 1009.

``--json stdlib`` (the default) does the JSON work the way such a server is usually
written, with the standard library; ``--json orjson`` does it with orjson, to compare the
servers with the JSON cost taken out.

Prints ``READY ws://HOST:PORT/websock1-2/`` once it listens, like the embedded server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import ServerConnection, serve

MAX_MESSAGE_SIZE = 1024 * 1024


def stdlib_codec() -> tuple[Callable[[str], Any], Callable[[Any], str]]:
    def dumps(reply: Any) -> str:
        return json.dumps(reply, ensure_ascii=False)

    return json.loads, dumps


def orjson_codec() -> tuple[Callable[[str], Any], Callable[[Any], str]]:
    import orjson

    def loads(text: str) -> Any:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            return json.loads(text)  # NaN, Infinity, lone surrogates: same answer as json

    def dumps(reply: Any) -> str:
        try:
            return orjson.dumps(reply).decode()
        except TypeError:
            return json.dumps(reply, ensure_ascii=False)

    return loads, dumps


def make_handler(codec: str) -> Callable[[ServerConnection], Any]:
    loads, dumps = orjson_codec() if codec == "orjson" else stdlib_codec()

    async def handler(websocket: ServerConnection) -> None:
        async for message in websocket:
            if isinstance(message, bytes):
                reply: dict[str, Any] = {
                    "type": "error",
                    "code": "unsupported_frame",
                    "message": "binary frames are not supported here",
                }
            else:
                try:
                    reply = {"type": "echo", "data": loads(message)}
                except (json.JSONDecodeError, RecursionError) as exc:
                    reply = {
                        "type": "error",
                        "code": "invalid_json",
                        "message": f"invalid JSON: {exc}",
                        "line": getattr(exc, "lineno", 1),
                        "column": getattr(exc, "colno", 1),
                    }
            await websocket.send(dumps(reply))

    return handler


async def run(host: str, port: int, codec: str) -> None:
    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGINT, signal.SIGTERM):
        # Not on Windows, where the benchmark's terminate() ends the process anyway.
        with contextlib.suppress(NotImplementedError):
            asyncio.get_running_loop().add_signal_handler(signum, stop.set_result, None)
    async with serve(
        make_handler(codec),
        host,
        port,
        max_size=MAX_MESSAGE_SIZE,
        # Negotiated only with a client that offers it: bench/server.py's *-deflate
        # scenarios do, the others do not (as against the embedded server).
        compression="deflate",
        ping_interval=None,
    ) as server:
        real_port = next(iter(server.sockets)).getsockname()[1]
        print(f"READY ws://{host}:{real_port}/websock1-2/", flush=True)
        await stop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--json", choices=["stdlib", "orjson"], default="stdlib")
    args = parser.parse_args()
    asyncio.run(run(args.host, args.port, args.json))


if __name__ == "__main__":
    main()
