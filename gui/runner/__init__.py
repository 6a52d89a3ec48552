"""The headless scenario runner, ``python -m gui run``: no Qt, no display."""
