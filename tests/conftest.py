"""Set-up for the whole test suite that must happen before Qt starts."""

from __future__ import annotations

import os

# The README's test command must pass on a machine with no display and no variables
# set: Qt's offscreen platform exists on Windows, Linux and macOS. A run that chose a
# platform itself (xcb under Xvfb, say) keeps its choice.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
