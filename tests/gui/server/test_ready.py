"""The READY-line parser."""

from __future__ import annotations

import pytest

from gui.server.ready import parse_ready_line


def test_ready_line() -> None:
    line = "READY ws://127.0.0.1:53211/websock1-2/\n"
    assert parse_ready_line(line) == "ws://127.0.0.1:53211/websock1-2/"


@pytest.mark.parametrize(
    "line",
    ["", "READY", "READY http://127.0.0.1:1/", "level=info READY ws://h:1/", "READY ws://h/"],
)
def test_other_lines(line: str) -> None:
    assert parse_ready_line(line) is None
