"""Drives a WebSocket client through Autobahn's fuzzingserver: every case, echoing.

For each case the fuzzingserver offers (``/getCaseCount``), the client connects to
``/runCase?case=N&agent=A`` and sends every text and binary message back until the
server closes; then ``/updateReports?agent=A`` has wstest write the report.

Two clients, so that their tables can sit side by side:

- ``--client tsushin``: the app's own :class:`gui.net.session.Session`, the class the
  window's connections run on, untouched. Its history inbox is replaced by one that
  sends each received message straight back through the same session. That is the
  only seam: :class:`EchoInbox` is the one place to adapt if the session's API changes.
- ``--client websocket-client``: plain websocket-client (``create_connection``,
  ``recv_data``, ``send``), closing with 1002/1007 on the errors it raises, the way
  its own compliance script drives Autobahn.

::

    python bench/autobahn/client_driver.py --url ws://127.0.0.1:9001 --client tsushin
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.parse
from pathlib import Path

import websocket
from PySide6.QtCore import Qt

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from gui.core.records import Direction, MessageRecord  # noqa: E402
from gui.models.inbox import RecordInbox  # noqa: E402
from gui.net.session import Session, SessionEvents  # noqa: E402

# The defaults of gui.net.client.WebSocketClient, which the window uses.
CONNECT_TIMEOUT_S = 5.0
PING_INTERVAL_S = 5.0
# A case that has not ended by then is given up (Autobahn's own timeouts are shorter).
CASE_TIMEOUT_S = 180.0


class EchoInbox(RecordInbox):
    """Stands in for the history inbox: each received message goes back at once, text
    as text and binary (the record keeps every byte in ``payload``) as binary."""

    def __init__(self) -> None:
        super().__init__()
        self.session: Session | None = None

    def put(self, record: MessageRecord) -> None:
        if record.direction is not Direction.RECEIVED or self.session is None:
            return
        if record.payload is not None:
            self.session.send_binary(record.payload)
        else:
            self.session.send(record.text)


def run_case_tsushin(url: str) -> str:
    """One case with the app's Session; returns how it ended, in words."""
    inbox = EchoInbox()
    events = SessionEvents()
    outcome: list[str] = []
    # No Qt event loop here: the session's thread calls these itself, and they only append.
    direct = Qt.ConnectionType.DirectConnection
    events.failed.connect(lambda _gen, reason: outcome.append(f"failed: {reason}"), direct)
    events.closed.connect(
        lambda _gen, code, reason: outcome.append(f"closed {code} {reason}".strip()), direct
    )
    events.violated.connect(
        lambda _gen, code, reason: outcome.append(f"failed the connection: {code} {reason}"),
        direct,
    )
    session = Session(1, url, inbox, events, CONNECT_TIMEOUT_S, PING_INTERVAL_S)
    inbox.session = session
    session.start()
    session.thread.join(CASE_TIMEOUT_S)
    if session.thread.is_alive():
        session.close()
        session.thread.join(5.0)
        outcome.append(f"given up after {CASE_TIMEOUT_S:g} s")
    return "; ".join(outcome) or "ended"


def run_case_plain(url: str) -> str:
    """One case with plain websocket-client; returns how it ended, in words."""
    try:
        ws = websocket.create_connection(url, timeout=CASE_TIMEOUT_S)
    except Exception as exc:
        return f"failed: {exc!r}"
    status = websocket.STATUS_NORMAL
    outcome = "closed by the server"
    try:
        while True:
            opcode, data = ws.recv_data()
            if opcode in (websocket.ABNF.OPCODE_TEXT, websocket.ABNF.OPCODE_BINARY):
                ws.send(data, opcode)
            elif opcode == websocket.ABNF.OPCODE_CLOSE:
                break  # recv_data has answered the close already
    except websocket.WebSocketProtocolException as exc:
        status, outcome = websocket.STATUS_PROTOCOL_ERROR, f"1002: {exc}"
    except websocket.WebSocketPayloadException as exc:
        status, outcome = websocket.STATUS_INVALID_PAYLOAD, f"1007: {exc}"
    except (websocket.WebSocketException, OSError) as exc:
        outcome = f"connection ended: {exc!r}"
    finally:
        ws.close(status)
    return outcome


CLIENTS = {"tsushin": run_case_tsushin, "websocket-client": run_case_plain}


def case_count(base: str) -> int:
    ws = websocket.create_connection(f"{base}/getCaseCount", timeout=30)
    try:
        return int(json.loads(ws.recv()))
    finally:
        ws.close()


def update_reports(base: str, agent: str) -> None:
    query = urllib.parse.urlencode({"agent": agent})
    ws = websocket.create_connection(f"{base}/updateReports?{query}", timeout=300)
    try:
        # wstest writes the reports, then closes.
        while ws.recv_data()[0] != websocket.ABNF.OPCODE_CLOSE:
            pass
    except websocket.WebSocketException:
        pass
    finally:
        ws.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the fuzzingserver, ws://HOST:PORT")
    parser.add_argument("--client", choices=sorted(CLIENTS), default="tsushin")
    parser.add_argument("--agent", help="name in the report (default: the client's)")
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")
    agent = args.agent or args.client
    run_case = CLIENTS[args.client]
    count = case_count(base)
    started = time.monotonic()
    for case in range(1, count + 1):
        query = urllib.parse.urlencode({"case": case, "agent": agent})
        case_started = time.monotonic()
        outcome = run_case(f"{base}/runCase?{query}")
        took = time.monotonic() - case_started
        print(f"{agent} case {case}/{count}: {outcome} ({took:.1f} s)", flush=True)
    update_reports(base, agent)
    print(f"{agent}: {count} cases in {time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
