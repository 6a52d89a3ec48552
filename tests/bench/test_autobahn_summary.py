"""bench/autobahn/summary.py: the tables the README's Autobahn section is made of."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

SUMMARY = Path(__file__).resolve().parents[2] / "bench" / "autobahn" / "summary.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("autobahn_summary", SUMMARY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


summary = _load()


def _case(behavior: str) -> dict[str, object]:
    return {"behavior": behavior, "behaviorClose": "OK", "duration": 1}


@pytest.fixture
def index(tmp_path: Path) -> Path:
    """An index.json shaped like wstest's: agents sorted by name, cases as strings."""
    report = {
        "daphne": {
            "1.1.1": _case("FAILED"),
            "1.1.2": _case("OK"),
            "6.4.1": _case("OK"),
            "9.10.1": _case("OK"),
            "9.2.1": _case("OK"),
        },
        "embedded": {
            "1.1.1": _case("OK"),
            "1.1.2": _case("OK"),
            "6.4.1": _case("NON-STRICT"),
            "9.10.1": _case("FAILED"),
            "9.2.1": _case("FAILED"),
        },
    }
    path = tmp_path / "index.json"
    path.write_text(json.dumps(report))
    return path


def test_agents_come_in_the_order_asked_for(index: Path) -> None:
    assert list(summary.load(index, ["embedded", "daphne"])) == ["embedded", "daphne"]
    assert list(summary.load(index)) == ["daphne", "embedded"]


def test_not_an_index_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "index.json"
    path.write_text(json.dumps({"agent": 3}))
    with pytest.raises(ValueError, match=r"not an Autobahn index\.json"):
        summary.load(path)


def test_counts_per_group_and_in_all(index: Path) -> None:
    counts = summary.counts(summary.load(index)["embedded"])
    assert counts["all"] == {"OK": 2, "NON-STRICT": 1, "FAILED": 2}
    assert counts["9"] == {"FAILED": 2}
    assert counts["1"] == {"OK": 2}


def test_cases_are_listed_in_autobahns_order(index: Path) -> None:
    failed = summary.cases_with(summary.load(index)["embedded"], "FAILED")
    assert failed == ["9.2.1", "9.10.1"]


def test_worse_than_the_reference_ignores_what_the_reference_fails_too(index: Path) -> None:
    report = summary.load(index)
    assert summary.worse_than(report, "daphne") == {"embedded": ["6.4.1", "9.2.1", "9.10.1"]}
    assert summary.worse_than(report, "embedded") == {"daphne": ["1.1.1"]}


def test_markdown_tables(index: Path) -> None:
    text = summary.markdown(summary.load(index, ["embedded", "daphne"]), "daphne")
    assert "| embedded | 2 | 1 | 0 | 0 | 2 | 5 |" in text
    assert "| daphne | 4 | 0 | 0 | 0 | 1 | 5 |" in text
    assert "| 6 UTF-8 handling | 1 NON-STRICT | 1 OK |" in text
    assert "| 9 Limits/performance | 2 FAILED | 2 OK |" in text
    assert "- embedded, FAILED: 9.2.1, 9.10.1" in text
    assert "- daphne, NON-STRICT: none" in text
    assert "- embedded, worse than daphne: 6.4.1, 9.2.1, 9.10.1" in text
