"""Tsushin's desktop client (PySide6). Never imports Django or Channels."""

__version__ = "0.1.0"
