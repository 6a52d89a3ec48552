"""Moved to :mod:`gui.theme` (named colour roles, light and dark); kept so that code
written against this module still imports."""

from __future__ import annotations

from gui.theme import Role, colour, set_role

__all__ = ["Role", "colour", "set_role"]
