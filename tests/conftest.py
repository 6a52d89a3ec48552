"""Set-up for the whole test suite that must happen before Qt starts."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# The README's test command must pass on a machine with no display and no variables
# set: Qt's offscreen platform exists on Windows, Linux and macOS. A run that chose a
# platform itself (xcb under Xvfb, say) keeps its choice.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests expect the English interface, whatever the machine's language (a Japanese
# developer's too); the tests of the translation set TSUSHIN_LANG themselves.
os.environ.setdefault("TSUSHIN_LANG", "en")

# Servers that tests start (directly or through the window) keep their users, sessions
# and secret key here, never in the app-data folder of the machine.
if "TSUSHIN_DATA_DIR" not in os.environ:
    os.environ["TSUSHIN_DATA_DIR"] = tempfile.mkdtemp(prefix="tsushin-tests-")
    atexit.register(shutil.rmtree, os.environ["TSUSHIN_DATA_DIR"], ignore_errors=True)
