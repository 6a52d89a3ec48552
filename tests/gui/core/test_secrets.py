"""The secret store: the credential store through keyring, or memory only."""

from __future__ import annotations

import keyring
from keyring.backends import fail, null

from gui.core.secrets import SecretStore
from tests.gui.core.keyrings import LockedKeyring, MemoryKeyring


def test_secrets_go_to_keyring_backend(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()  # keyring.get_keyring(): the backend set for the test
    assert store.available
    assert store.status.code == "keyring"
    assert store.status.data["backend"] == "tests.gui.core.keyrings.MemoryKeyring"
    assert store.put("p1", "header:Authorization", "Bearer abc")
    assert memory_keyring.entries == {("Tsushin", "p1/header:Authorization"): "Bearer abc"}
    assert SecretStore().get("p1", "header:Authorization") == "Bearer abc"  # a new run
    store.forget("p1", ["header:Authorization", "cookie:never-stored"])
    assert memory_keyring.entries == {}
    assert SecretStore().get("p1", "header:Authorization") is None


def test_no_backend_keeps_secrets_in_memory_and_says_so() -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        store = SecretStore()
    finally:
        keyring.set_keyring(before)
    assert not store.available
    assert store.status.code == "no_backend"
    assert store.status.message.startswith("no credential store on this system")
    assert not store.put("p1", "cookie:sessionid", "s3ss10n")
    assert store.get("p1", "cookie:sessionid") == "s3ss10n"  # this run only
    assert SecretStore(fail.Keyring()).get("p1", "cookie:sessionid") is None
    assert SecretStore(null.Keyring()).status.code == "no_backend"


def test_a_store_that_refuses_falls_back_to_memory() -> None:
    backend = LockedKeyring()
    store = SecretStore(backend)
    assert store.available
    assert not store.put("p1", "proxy:password", "pw")
    assert store.status.code == "keyring_error"
    assert "locked" in store.status.message
    assert store.get("p1", "proxy:password") == "pw"
    assert backend.entries == {}
