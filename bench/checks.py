"""Benchmark of the schema checks on received messages: the validators, per message.

Run from the repository root: ``python bench/checks.py [--rounds 5] [--count 50000]``.

Each validator checks ``--count`` small received documents (the flood of
``bench/gui.py``, as the session thread has them: parsed) against a small schema, in one
thread, as the session thread does; the figure is messages per second, median of the
rounds. ``passing``: every document passes (the usual case); ``failing``: every one
fails (a failure is explained by ``jsonschema``'s best match in every case).

- ``jsonschema``: :meth:`gui.core.match.Schema.check` (iter_errors + best_match), what
  the scenario runner uses;
- ``fastjsonschema``: a compiled draft-07 validator (pure Python code generated from
  the schema; ``pip install fastjsonschema``, bench/requirements.txt);
- ``jsonschema-rs``: :meth:`gui.core.checks.SchemaCheck.verdict`, what the app uses.

The ingest of the window with checks on is ``python bench/gui.py --checks``.
Results go to ``bench/results/checks-<date>.json``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import pathlib
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from qtbench import machine  # noqa: E402

SCHEMA = {
    "type": "object",
    "required": ["i", "text"],
    "properties": {"i": {"type": "integer", "minimum": 0}, "text": {"type": "string"}},
}


def documents(count: int, failing: bool) -> list[Any]:
    import orjson

    texts = [
        json.dumps({"i": -i if failing else i, "text": "通信" * 5}, ensure_ascii=False)
        for i in range(1, count + 1)
    ]
    return [orjson.loads(t) for t in texts]


def validators() -> dict[str, Callable[[Any], object]]:
    from gui.core.checks import SchemaCheck, schema_from_text
    from gui.core.match import compile_schema

    found: dict[str, Callable[[Any], object]] = {"jsonschema": compile_schema(SCHEMA).check}
    try:
        import fastjsonschema
    except ImportError:
        print("fastjsonschema is not installed: skipped (pip install fastjsonschema)")
    else:
        compiled = fastjsonschema.compile(SCHEMA)

        def fast(document: Any) -> object:
            try:
                return compiled(document)
            except fastjsonschema.JsonSchemaValueException as exc:
                return exc.path

        found["fastjsonschema"] = fast
    check = schema_from_text(json.dumps(SCHEMA))
    assert isinstance(check, SchemaCheck)
    found["jsonschema-rs"] = check.verdict
    return found


def rate(check: Callable[[Any], object], docs: list[Any]) -> float:
    start = time.perf_counter()
    for document in docs:
        check(document)
    return len(docs) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--count", type=int, default=50_000)
    args = parser.parse_args()
    found = validators()
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "count": args.count,
        "schema": SCHEMA,
        "runs": {},
    }
    print(f"schema checks per message — medians of {args.rounds}, {args.count:,} documents")
    for case in ("passing", "failing"):
        docs = documents(args.count, failing=case == "failing")
        runs: dict[str, list[float]] = {name: [] for name in found}
        for _ in range(args.rounds):  # interleaved: the machine's load hits every one alike
            for name, check in found.items():
                runs[name].append(rate(check, docs))
        report["runs"][case] = runs
        for name, figures in runs.items():
            med = statistics.median(figures)
            print(f"  {case:<8} {name:<15} {med:>12,.0f} msg/s  {1e6 / med:>7.2f} µs/msg")
    out = ROOT / "bench" / "results" / f"checks-{datetime.date.today().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
