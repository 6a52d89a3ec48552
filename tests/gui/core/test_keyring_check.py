"""The self-test's keyring check: the platform's backend registered and importable."""

from __future__ import annotations

import importlib.metadata

import keyring
import pytest
from keyring.backends import fail

from gui.core.keyring_check import check_keyring, platform_backend
from tests.gui.core.keyrings import MemoryKeyring


@pytest.mark.parametrize(
    ("platform", "backend"),
    [("win32", "Windows"), ("darwin", "macOS"), ("linux", "SecretService")],
)
def test_every_platform_finds_its_backend_here(platform: str, backend: str) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        found = check_keyring(platform)
    finally:
        keyring.set_keyring(before)
    assert platform_backend(platform) == backend
    assert found.ok, found.message
    # The fail backend is fine, as long as the app says where the secrets go.
    assert found.message.startswith("no credential store on this system (keyring.backends.fail")


def test_a_real_backend_is_named(memory_keyring: MemoryKeyring) -> None:
    found = check_keyring("linux")
    assert found.ok
    assert found.message == (
        "secrets are kept in the system's credential store (tests.gui.core.keyrings.MemoryKeyring)"
    )


def test_a_build_without_keyrings_metadata_fails(monkeypatch) -> None:
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: [])
    found = check_keyring("win32")
    assert not found.ok
    assert found.code == "not_registered"
    assert "Windows backend is not registered" in found.message
    assert "found: none" in found.message


def test_a_backend_that_cannot_be_imported_fails(monkeypatch) -> None:
    real = importlib.metadata.entry_points(group="keyring.backends")
    broken = [
        importlib.metadata.EntryPoint(ep.name, "keyring.backends.not_in_this_build", ep.group)
        if ep.name == "SecretService"
        else ep
        for ep in real
    ]
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: broken)
    found = check_keyring("linux")
    assert found.code == "not_importable"
    assert "keyring.backends.not_in_this_build" in found.message
