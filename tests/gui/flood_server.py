"""A WebSocket server process that answers the first message with a flood of N JSON
messages. Run as ``python -m tests.gui.flood_server N``; prints its port, then serves
on 127.0.0.1 until stdin closes."""

from __future__ import annotations

import asyncio
import json
import sys

from websockets.asyncio.server import ServerConnection, serve


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
