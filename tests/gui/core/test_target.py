"""Remote addresses, URLs and the recent-connections list."""

from __future__ import annotations

from gui.core.target import RemoteAddress, parse_url, remember


def test_url_round_trip() -> None:
    address = RemoteAddress("wss", "example.invalid", 8443, "/websock1-2/")
    assert address.url == "wss://example.invalid:8443/websock1-2/"
    assert parse_url(address.url) == address


def test_parse_rejects_other_schemes() -> None:
    assert parse_url("http://x:1/") is None
    assert parse_url("not a url") is None
    assert parse_url("ws://h/p") == RemoteAddress("ws", "h", 80, "/p")


def test_remember_moves_to_front_without_duplicates() -> None:
    assert remember(["a", "b", "c"], "b") == ["b", "a", "c"]
    assert remember([str(i) for i in range(10)], "new", limit=3) == ["new", "0", "1"]
