"""Whether ``keyring`` can find the credential store of this system (``--self-test``).

``keyring`` finds its backends through the entry points of its package metadata
(group ``keyring.backends``). A frozen app that lost that metadata, or the backend
modules, finds none and falls back to the fail backend without a word: secrets would
then silently stay in memory on a system that has a credential store. This check
tells the two apart: the platform's backend must be registered and importable; then
:func:`keyring.get_keyring` may still be the fail backend (a Linux machine without a
Secret Service), which the secrets status says in words.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
from typing import ClassVar

from gui.core.outcome import QT_TRANSLATE_NOOP, Outcome
from gui.core.secrets import SecretStore

ENTRY_POINTS = "keyring.backends"
# The entry point of the credential store each platform has (others: the Secret Service).
PLATFORM_BACKEND = {"win32": "Windows", "darwin": "macOS"}


class KeyringCheck(Outcome):
    """``ok`` with the secrets status; otherwise what is missing from the build."""

    TEMPLATES: ClassVar[dict[str, str]] = {
        "ok": QT_TRANSLATE_NOOP("KeyringCheck", "{status}"),
        "not_registered": QT_TRANSLATE_NOOP(
            "KeyringCheck",
            "keyring's {backend} backend is not registered (the entry points of the "
            "'keyring' package metadata are missing from this build; found: {found})",
        ),
        "not_importable": QT_TRANSLATE_NOOP(
            "KeyringCheck", "keyring's {backend} backend ({module}) cannot be imported: {detail}"
        ),
    }
    OK: ClassVar[frozenset[str]] = frozenset({"ok"})


def platform_backend(platform: str = sys.platform) -> str:
    """The name of the entry point of ``platform``'s credential store."""
    return PLATFORM_BACKEND.get(platform, "SecretService")


def check_keyring(platform: str = sys.platform) -> KeyringCheck:
    """Check that keyring can reach this platform's credential store backend."""
    registered = {ep.name: ep.value for ep in importlib.metadata.entry_points(group=ENTRY_POINTS)}
    backend = platform_backend(platform)
    if backend not in registered:
        found = ", ".join(sorted(registered)) or "none"
        return KeyringCheck("not_registered", {"backend": backend, "found": found})
    for name, module in ((backend, registered[backend]), ("fail", "keyring.backends.fail")):
        try:
            importlib.import_module(module)
        except ImportError as exc:
            return KeyringCheck(
                "not_importable", {"backend": name, "module": module, "detail": str(exc)}
            )
    return KeyringCheck("ok", {"status": SecretStore().status.message})
