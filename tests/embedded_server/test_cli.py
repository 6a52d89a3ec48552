"""Unit tests of the server's command line and logging helpers."""

from __future__ import annotations

import errno
import logging

import pytest

from embedded_server.cli import build_parser, cannot_listen_message, ready_line
from embedded_server.logs import LogfmtFormatter, StderrHandler


def test_defaults_are_safe() -> None:
    args = build_parser().parse_args([])
    assert args.host == "127.0.0.1"
    assert args.port == 8000
    assert args.max_message_size is None  # the setting decides: see test_wire.py
    assert args.permessage_deflate is True
    assert not args.exit_with_parent
    assert args.log_level == "warning"


def test_ready_line() -> None:
    assert ready_line("127.0.0.1", 8123) == "READY ws://127.0.0.1:8123/websock1-2/"
    assert ready_line("::1", 9) == "READY ws://[::1]:9/websock1-2/"
    # Listening on every interface: the line still names an address one can connect to.
    assert ready_line("0.0.0.0", 8000) == "READY ws://127.0.0.1:8000/websock1-2/"
    assert ready_line("::", 8000) == "READY ws://[::1]:8000/websock1-2/"


def test_cannot_listen_message_names_the_port() -> None:
    in_use = OSError(errno.EADDRINUSE, "Address already in use")
    message = cannot_listen_message("127.0.0.1", 8000, in_use)
    assert "port 8000" in message and "already in use" in message
    other = OSError(errno.EACCES, "Permission denied")
    assert cannot_listen_message("0.0.0.0", 80, other) == (
        "error: cannot listen on 0.0.0.0 port 80: Permission denied"
    )


def test_logfmt_quotes_values_and_keeps_extras() -> None:
    record = logging.makeLogRecord(
        {
            "name": "embedded_server.ws",
            "levelname": "INFO",
            "msg": "connection opened",
            "event": "ws.connect",
            "path": "/websock1-2/",
            "note": 'say "hi"',
        }
    )
    line = LogfmtFormatter().format(record)
    assert "level=info logger=embedded_server.ws event=ws.connect" in line
    assert 'msg="connection opened"' in line
    assert "path=/websock1-2/" in line
    assert 'note="say \\"hi\\""' in line
    assert "\n" not in line


class _GoneStream:
    def write(self, text: str) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_log_records_are_dropped_quietly_once_stderr_is_gone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Reporting the failure on sys.stderr would feed it back into logging under
    # daphne's debug mode (sys.stderr is Twisted's log there): a loop at 100% CPU.
    handler = StderrHandler(_GoneStream())
    handler.handle(logging.makeLogRecord({"msg": "connection opened"}))
    assert capsys.readouterr().err == ""


def test_other_handler_errors_are_still_reported(capsys: pytest.CaptureFixture[str]) -> None:
    handler = StderrHandler(_GoneStream())
    handler.handle(logging.makeLogRecord({"msg": "%d items", "args": ("not a number",)}))
    assert "TypeError" in capsys.readouterr().err
