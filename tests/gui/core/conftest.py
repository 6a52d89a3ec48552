"""Fixtures for the Qt-free core tests."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.gui.core.keyrings import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A :class:`MemoryKeyring` as keyring's backend for the test."""
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)
