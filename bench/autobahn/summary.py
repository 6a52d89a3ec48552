"""Autobahn|Testsuite's ``index.json`` as Markdown tables, agents side by side.

``index.json`` (written by wstest next to its HTML report) maps each agent to its cases::

    {"tsushin": {"1.1.1": {"behavior": "OK", "behaviorClose": "OK", ...}, ...}, ...}

This prints, for the README: the totals per agent and behaviour, the counts per case
group, and the cases that FAILED or were NON-STRICT. With ``--reference AGENT`` it also
lists the cases where another agent does worse than that one (the issue's target for the
embedded server: nothing worse than stock daphne)::

    python bench/autobahn/summary.py bench/autobahn/reports/servers/index.json
    python bench/autobahn/summary.py REPORT.json --reference daphne --agents embedded
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

BEHAVIORS = ("OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED")
# Worst last: what "does worse than the reference" compares.
_RANK = {"OK": 0, "INFORMATIONAL": 0, "NON-STRICT": 1, "UNIMPLEMENTED": 2, "FAILED": 3}

# Autobahn's names for its top-level case groups (8 and 11 do not exist).
GROUPS = {
    "1": "Framing",
    "2": "Pings/Pongs",
    "3": "Reserved bits",
    "4": "Opcodes",
    "5": "Fragmentation",
    "6": "UTF-8 handling",
    "7": "Close handling",
    "9": "Limits/performance",
    "10": "Miscellaneous",
    "12": "Compression (payloads)",
    "13": "Compression (parameters)",
}

Report = Mapping[str, Mapping[str, Mapping[str, Any]]]


def case_key(case_id: str) -> tuple[int, ...]:
    """Sort key: ``"9.10.2"`` after ``"9.2.1"``."""
    return tuple(int(part) for part in case_id.split("."))


def load(path: Path, order: Iterable[str] = ()) -> Report:
    """Read an ``index.json``; a clear error if it is not one. Agents named in ``order``
    come first, in that order (wstest writes them sorted by name)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError(f"{path}: not an Autobahn index.json (agent -> cases)")
    first = [agent for agent in order if agent in data]
    return {agent: data[agent] for agent in [*first, *(a for a in data if a not in first)]}


def counts(cases: Mapping[str, Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """Behaviour counts per top-level group, plus ``"all"``."""
    out: dict[str, Counter[str]] = {"all": Counter()}
    for case_id, result in cases.items():
        behavior = result.get("behavior", "?")
        out.setdefault(case_id.split(".")[0], Counter())[behavior] += 1
        out["all"][behavior] += 1
    return out


def _cell(counter: Counter[str]) -> str:
    """``"14 OK, 2 FAILED"``: the behaviours present, in Autobahn's order."""
    named = [f"{counter[b]} {b}" for b in BEHAVIORS if counter[b]]
    named += [f"{n} {b}" for b, n in sorted(counter.items()) if b not in BEHAVIORS]
    return ", ".join(named) or "–"


def totals_table(report: Report) -> list[str]:
    """One row per agent: how many cases of each behaviour, and the total."""
    lines = [
        "| agent | " + " | ".join(BEHAVIORS) + " | cases |",
        "|---|" + "---:|" * (len(BEHAVIORS) + 1),
    ]
    for agent, cases in report.items():
        total = counts(cases)["all"]
        row = [str(total[b]) for b in BEHAVIORS] + [str(sum(total.values()))]
        lines.append(f"| {agent} | " + " | ".join(row) + " |")
    return lines


def groups_table(report: Report) -> list[str]:
    """One row per case group, one column per agent."""
    agents = list(report)
    per_agent = {agent: counts(report[agent]) for agent in agents}
    groups = sorted({g for c in per_agent.values() for g in c if g != "all"}, key=int)
    lines = [
        "| group | " + " | ".join(agents) + " |",
        "|---|" + "---|" * len(agents),
    ]
    for group in groups:
        name = f"{group} {GROUPS.get(group, '')}".strip()
        cells = [_cell(per_agent[a].get(group, Counter())) for a in agents]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def cases_with(cases: Mapping[str, Mapping[str, Any]], behavior: str) -> list[str]:
    """The ids of the cases with that behaviour, in Autobahn's order."""
    return sorted((c for c, r in cases.items() if r.get("behavior") == behavior), key=case_key)


def worse_than(report: Report, reference: str) -> dict[str, list[str]]:
    """Per agent, the cases the reference agent passes better than it does."""
    ref = report[reference]
    out: dict[str, list[str]] = {}
    for agent, cases in report.items():
        if agent == reference:
            continue
        out[agent] = sorted(
            (
                case_id
                for case_id, result in cases.items()
                if case_id in ref
                and _RANK.get(result.get("behavior", ""), 3)
                > _RANK.get(ref[case_id].get("behavior", ""), 3)
            ),
            key=case_key,
        )
    return out


def _id_list(ids: Iterable[str]) -> str:
    ids = list(ids)
    return ", ".join(ids) if ids else "none"


def markdown(report: Report, reference: str | None = None) -> str:
    """The whole summary as Markdown."""
    lines = [*totals_table(report), "", *groups_table(report), ""]
    for agent, cases in report.items():
        for behavior in ("FAILED", "NON-STRICT"):
            lines.append(f"- {agent}, {behavior}: {_id_list(cases_with(cases, behavior))}")
    if reference is not None:
        for agent, ids in worse_than(report, reference).items():
            lines.append(f"- {agent}, worse than {reference}: {_id_list(ids)}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index", type=Path, help="an Autobahn index.json")
    parser.add_argument("--reference", help="agent to compare the others with")
    parser.add_argument("--agents", nargs="+", default=[], help="agents to list first")
    args = parser.parse_args(argv)
    report = load(args.index, args.agents)
    if args.reference is not None and args.reference not in report:
        parser.error(f"no agent {args.reference!r} in {args.index} (have: {', '.join(report)})")
    print(markdown(report, args.reference), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
