"""The two halves meet only at the process boundary: gui/ never imports the server
stack, embedded_server/ never imports Qt."""

from __future__ import annotations

import json
import os
import pkgutil
import sys
from pathlib import Path

from tests import processes

ROOT = Path(__file__).resolve().parents[1]


def modules_loaded_after_importing(package: str, skip: set[str], prelude: str = "") -> set[str]:
    names = [package] + [
        info.name
        for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}.")
        if info.name not in skip
    ]
    code = (
        "import importlib, json, sys\n"
        f"{prelude}"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = processes.run(
        [sys.executable, "-c", code],
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "embedded_server.settings"},
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_gui_never_imports_the_server_stack() -> None:
    # gui.__main__ runs the app when imported; it may import embedded_server only
    # inside its --serve branch, which this import does not take.
    loaded = modules_loaded_after_importing("gui", skip={"gui.__main__"})
    assert not loaded & {"django", "channels", "daphne", "twisted", "embedded_server"}


def test_embedded_server_never_imports_qt() -> None:
    # Django set up first, as the server does: the login views import
    # django.contrib.auth's, which need the app registry.
    loaded = modules_loaded_after_importing(
        "embedded_server",
        skip={"embedded_server.__main__"},
        prelude="import django; django.setup()\n",
    )
    assert "django" in loaded  # the walk really imported the server modules
    assert not loaded & {"PySide6", "shiboken6"}
