"""gui.app.settle_memory, in a process of its own (it changes the collector for good)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.processes import ROOT

SCRIPT = """
import gc, json
from gui.app import FULL_GC_EVERY, settle_memory
before = (gc.get_freeze_count(), gc.get_threshold())
settle_memory()
print(json.dumps({"before": before, "frozen": gc.get_freeze_count(),
                  "threshold": gc.get_threshold(), "every": FULL_GC_EVERY}))
"""


def test_startup_objects_leave_the_full_passes_which_come_rarer() -> None:
    args = [sys.executable, "-c", SCRIPT]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    # Python 3.12 freezes a few hundred objects of its own at startup.
    assert seen["frozen"] > seen["before"][0] + 1_000  # the modules, classes...
    young, middle, full = seen["threshold"]
    assert [young, middle] == seen["before"][1][:2] and full == seen["every"] > 10
