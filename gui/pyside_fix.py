"""Guard against a reference-count bug in PySide6 6.12.0 on CPython 3.11.

With that combination the bindings treat the objects that CPython 3.12 made immortal
(PEP 683: ``None``, ``True``, ``False``...) as if they were immortal here too: every
call of a Qt method that returns ``void`` (``setText``, ``QTimer.start``,
``beginInsertRows``...) hands back ``None`` without a reference, ``data()`` returning
``None`` and signals carrying a ``bool`` lose references too, and the interpreter aborts
("deallocating None", "deallocating True or False") after some minutes of use.
requirements.txt excludes that release; this module protects a run where it is
installed anyway, by making those objects effectively immortal, as 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL_BUMP = 1 << 40
_guarded = False


def _immortal_in_312() -> list[object]:
    """The objects PEP 683 made immortal that Qt bindings may hand over."""
    small_ints = list(range(-5, 257))
    return [None, True, False, Ellipsis, NotImplemented, (), "", b"", *small_ints]


def none_refcount_leaks() -> bool:
    """True when calling a void Qt method loses a reference to ``None``."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 100


def guard_none_refcount() -> bool:
    """If the bug is present, make ``None`` effectively immortal (as in 3.12).

    Returns True when the guard was applied (once per process).
    """
    global _guarded
    if _guarded or not none_refcount_leaks():
        return False
    for obj in _immortal_in_312():
        cell = ctypes.c_ssize_t.from_address(id(obj))
        cell.value += _IMMORTAL_BUMP
    _guarded = True
    print(
        "tsushin: PySide6 "
        + __import__("PySide6").__version__
        + " loses references to None on this Python; applied a guard."
        " Install the versions of requirements.txt to fix it.",
        file=sys.stderr,
    )
    return True
