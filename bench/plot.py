"""Draw the server benchmark's ratios to the reference, and the window's ingest, as PNGs.

    python bench/plot.py [RESULTS.json ...] [--output docs/bench-server.png]
    python bench/plot.py --gui [GUI-RESULTS.json ...] [--output docs/bench-gui.png]

With no file, the newest ``bench/results/server-*.json`` is drawn. With several (for
instance a run before and one after the optimisations), their bars are drawn side by
side, labelled with each run's ``label``. Every bar is "how many times better than the
reference": throughput ratios as they are, latency as reference / embedded, so that
taller is better everywhere; the dashed marks are the targets. A second pane shows the
server CPU per message as reference / embedded, the figure least moved by other load.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

# scenario: bar label (and the metric, as in bench/server.py's TARGETS)
LABELS = {
    "latency": "latency p50\n(1 conn ping-pong)",
    "throughput-1": "throughput\n1 conn, 64 in flight",
    "throughput-50": "throughput\n50 conns ping-pong",
    "big": "big documents\n256 KB, MB/s",
}


def better_than_reference(row: dict) -> tuple[float, float]:
    """The run's ratio and target, both as 'times better than the reference'."""
    ratio = row["ratios"][row["metric"]]
    target = row["target"]
    if not row["higher_is_better"]:
        return 1 / ratio, 1 / target
    return ratio, target


def cpu_advantage(row: dict) -> float:
    """Reference CPU per message / embedded CPU per message (higher is better)."""
    key = "server_cpu_us_per_msg"
    return row["reference"][key] / row["embedded"][key]


def draw(axes, reports: list[dict], scenarios: list[str], value, title: str) -> None:
    width = 0.8 / len(reports)
    for index, report in enumerate(reports):
        values = [value(report["summary"][name]) for name in scenarios]
        offsets = [i - 0.4 + width * (index + 0.5) for i in range(len(scenarios))]
        bars = axes.bar(offsets, values, width, label=report.get("label") or report["date"])
        axes.bar_label(bars, labels=[f"{v:.2f}" for v in values], fontsize=6, padding=2)
    axes.axhline(1.0, color="grey", lw=0.8)
    axes.set_xticks(range(len(scenarios)), [LABELS[name] for name in scenarios], fontsize=9)
    axes.set_ylabel("× the reference (higher is better)", fontsize=9)
    axes.set_title(title, fontsize=10)


def plot(reports: list[dict], output: Path) -> None:
    scenarios = [name for name in LABELS if name in reports[-1]["summary"]]
    has_cpu = all(
        "server_cpu_us_per_msg" in report["summary"][name]["embedded"]
        for report in reports
        for name in scenarios
    )
    figure, panes = plt.subplots(
        2 if has_cpu else 1, 1, figsize=(9, 9 if has_cpu else 5.8), dpi=120, squeeze=False
    )
    top = panes[0][0]
    draw(
        top,
        reports,
        scenarios,
        lambda row: better_than_reference(row)[0],
        "Figures (latency as reference / embedded); dashed: target",
    )
    for i, name in enumerate(scenarios):
        target = better_than_reference(reports[-1]["summary"][name])[1]
        top.hlines(target, i - 0.45, i + 0.45, colors="black", linestyles="dashed", lw=1)
    if has_cpu:
        draw(
            panes[1][0],
            reports,
            scenarios,
            cpu_advantage,
            "Server CPU per message: reference / embedded (steadier on a busy machine)",
        )
    machine = reports[-1]["machine"]
    figure.suptitle(
        f"Embedded server (daphne + Channels) vs {reports[-1]['reference']}\n"
        f"{machine['cpu']}, {machine['cores']} cores, {reports[-1]['date'][:10]}",
        fontsize=11,
    )
    panes[-1][0].legend(
        fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False
    )
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output)
    print(f"chart written to {output}")


GUI_TARGETS = {"ingest_msgs_per_s": 20_000, "max_stall_ms": 100}


def plot_gui(reports: list[tuple[str, dict]], output: Path) -> None:
    """The window's flood ingest (messages/s) and worst event-loop stall, per run."""
    figure, (rate, stall) = plt.subplots(1, 2, figsize=(9, 4), dpi=120)
    names = [name for name, _ in reports]
    medians = [report["ingest"]["median"] for _, report in reports]
    for axes, key, title, unit in (
        (rate, "ingest_msgs_per_s", "Ingest of 100,000 messages (higher is better)", "msg/s"),
        (stall, "max_stall_ms", "Longest event-loop stall (lower is better)", "ms"),
    ):
        values = [median[key] for median in medians]
        bars = axes.bar(names, values, color=["#9aa5b1", "#3f51b5"][-len(values) :])
        axes.bar_label(bars, labels=[f"{v:,.0f}" for v in values], fontsize=8, padding=2)
        axes.axhline(GUI_TARGETS[key], color="black", ls="dashed", lw=1)
        axes.set_title(title, fontsize=10)
        axes.set_ylabel(unit, fontsize=9)
    machine = reports[-1][1]["machine"]
    figure.suptitle(
        f"Tsushin window, flood from a local server; dashed: target\n"
        f"{machine['cpu']}, {machine['cores']} cores, {reports[-1][1]['date'][:10]}",
        fontsize=11,
    )
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output)
    print(f"chart written to {output}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="*", type=Path, help="JSON from bench/server.py")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument(
        "--gui",
        action="store_true",
        help="draw bench/gui.py results (default: the '-before' run and the newest one)",
    )
    args = parser.parse_args(argv)
    if args.gui:
        runs = sorted((BENCH / "results").glob("gui-*.json"))
        files = args.results or [
            *(f for f in runs if "before" in f.stem),
            *[f for f in runs if "before" not in f.stem][-1:],
        ]
        if not files:
            print("no results: run bench/gui.py first", file=sys.stderr)
            return 1
        reports = [
            ("before" if "before" in f.stem else f"after ({f.stem[4:]})", json.loads(f.read_text()))
            for f in files
        ]
        plot_gui(reports, args.output or ROOT / "docs" / "bench-gui.png")
        return 0
    args.output = args.output or ROOT / "docs" / "bench-server.png"
    files = args.results or sorted((BENCH / "results").glob("server-*.json"))[-1:]
    if not files:
        print("no results: run bench/server.py first", file=sys.stderr)
        return 1
    plot([json.loads(Path(f).read_text()) for f in files], args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
