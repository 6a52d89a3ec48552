"""A WebSocket server process that answers the first message with a flood of N JSON
messages. Run as ``python -m tests.gui.flood_server N``; prints its port, then serves
on 127.0.0.1 until stdin closes. :func:`start` runs it for a test."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

from websockets.asyncio.server import ServerConnection, serve


def start(count: int) -> tuple[subprocess.Popen, int]:
    """Start the flood server process (tied to the test process; it also ends when its
    stdin closes); return it and its port."""
    from tests import processes

    server = processes.spawn(
        [sys.executable, "-m", "tests.gui.flood_server", str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    return server, int(server.stdout.readline())


async def main(count: int) -> None:
    async def flood(ws: ServerConnection) -> None:
        await ws.recv()
        for i in range(count):
            await ws.send(json.dumps({"i": i, "text": "通信" * 5}, ensure_ascii=False))
        await ws.wait_closed()

    async with serve(flood, "127.0.0.1", 0) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
