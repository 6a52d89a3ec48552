"""Autobahn|Testsuite 0.8.2 against Tsushin's server and client, next to stock peers.

Needs the tree that ``sudo bench/autobahn/make-image.sh`` builds (once), and root::

    sudo python bench/autobahn/run.py server                  # embedded + stock daphne
    sudo python bench/autobahn/run.py server --cases '1.*' '9.1.*' --target embedded
    sudo python bench/autobahn/run.py server --target 'mine=ws://127.0.0.1:9000/'
    sudo python bench/autobahn/run.py client                  # Session + websocket-client

``server`` runs wstest's fuzzingclient against each target: ``embedded`` (``python -m
embedded_server --port 0 --max-message-size 16777216``, its ``/echo/``), ``daphne``
(stock daphne with the raw Channels echo of ``daphne_echo.py``) or ``AGENT=URL``.
``client`` runs wstest's fuzzingserver and drives it with ``client_driver.py``, once per
client. Both write wstest's reports to ``bench/autobahn/reports/{servers,clients}/``
(not kept in git) and the summary tables, with the index.json they come from, to
``bench/autobahn/results/`` (kept), and print the tables.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from importlib import metadata
from pathlib import Path

import summary
import testsuite

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
REPORTS = HERE / "reports"
RESULTS = HERE / "results"

# The same 16 MiB limit for both servers (daphne's own default is 1 MiB, which fails
# Autobahn's 9.* cases of 4 MiB and more by dropping the connection).
EMBEDDED_ARGS = ["--max-message-size", "16777216"]
DAPHNE_ARGS = ["--websocket-max-message-size", "16777216", "--websocket-max-frame-size", "16777216"]
DEFAULT_EXCLUDE = ["12.*", "13.*"]  # compression: daphne never negotiates it; ~1 h on ours
# Everything but 9.* (large messages, many messages): about 15 s per agent.
QUICK_CASES = ["1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "10.*"]
_READY = re.compile(r"READY ws://([^/\s]+)/")
_DAPHNE_LISTENING = re.compile(r"Listening on TCP address ([\d.]+):(\d+)")


def _wait_for_line(
    log: Path, pattern: re.Pattern[str], process: subprocess.Popen[bytes], timeout: float
) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = pattern.search(log.read_text(errors="replace"))
        if match:
            return match
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}; see {log}")
        time.sleep(0.1)
    raise RuntimeError(f"{process.args!r} printed no address in {timeout:g} s; see {log}")


@contextmanager
def _process(command: list[str], cwd: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A child whose stdout and stderr go to ``log``, ended when the block ends."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.PIPE,  # --exit-with-parent: EOF when this process ends
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=testsuite.die_with_parent,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def start_target(stack: ExitStack, name: str, logs: Path, args: argparse.Namespace) -> str:
    """Start the server called ``name`` (or take ``AGENT=URL``); return its echo URL."""
    if "=" in name:
        return name.split("=", 1)[1]
    log = logs / f"{name}.log"
    if name == "embedded":
        command = [sys.executable, "-m", "embedded_server", "--port", "0", "--exit-with-parent"]
        process = stack.enter_context(_process(command + args.embedded_args, REPO, log))
        address = _wait_for_line(log, _READY, process, 60).group(1)
        return f"ws://{address}/echo/"
    if name == "daphne":
        command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", "0", *args.daphne_args]
        process = stack.enter_context(_process([*command, "daphne_echo:application"], HERE, log))
        host, port = _wait_for_line(log, _DAPHNE_LISTENING, process, 60).groups()
        return f"ws://{host}:{port}/"
    raise SystemExit(f"unknown target {name!r}: embedded, daphne or AGENT=URL")


def agent_name(target: str) -> str:
    return target.split("=", 1)[0] if "=" in target else target


def _versions() -> str:
    names = ["daphne", "channels", "autobahn", "twisted", "websocket-client"]
    found = []
    for name in names:
        with suppress(metadata.PackageNotFoundError):
            found.append(f"{name} {metadata.version(name)}")
    commit = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"commit {commit or '?'}, Python {sys.version.split()[0]}, " + ", ".join(found)


def save_results(
    side: str, index: Path, agents: list[str], args: argparse.Namespace, seconds: float
) -> summary.Report:
    """Print the summary, and keep it and its index.json in ``results/``."""
    report = summary.load(index, agents)
    reference = args.reference if args.reference in report else None
    table = summary.markdown(report, reference)
    header = (
        f"Autobahn|Testsuite 0.8.2, {side} side, {datetime.date.today().isoformat()}: "
        f"cases {' '.join(args.cases)}"
        + (f", excluding {' '.join(args.exclude)}" if args.exclude else "")
        + f"; {seconds:.0f} s.\n{_versions()}.\n\n"
    )
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(exist_ok=True)
    kept = RESULTS / f"{side}-{stamp}.md"
    kept.write_text(header + table)
    shutil.copy2(index, kept.with_suffix(".json"))
    print(header + table, end="")
    print(f"(kept in {kept}; full report in {index.parent})")
    return report


def check(report: summary.Report, agent: str, reference: str | None) -> int:
    """--check: 1 when ``agent`` FAILED a case or did worse than the reference."""
    cases = report.get(agent, {})
    failed = summary.cases_with(cases, "FAILED")
    worse = []
    if reference is not None and reference in report:
        worse = summary.worse_than(report, reference).get(agent, [])
    if failed or worse:
        print(f"check: {agent} FAILED {len(failed)}, worse than {reference} in {len(worse)}")
        return 1
    print(f"check: {agent} passed (no FAILED, nothing worse than {reference})")
    return 0


def run_server_side(args: argparse.Namespace) -> int:
    """fuzzingclient against every target, in one wstest run (one index.json)."""
    started = time.monotonic()
    out = REPORTS / "servers"
    logs = REPORTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        servers = []
        for target in args.target:
            url = start_target(stack, target, logs, args)
            servers.append({"agent": agent_name(target), "url": url, "options": args.options})
            print(f"{agent_name(target)}: {url}", flush=True)
        spec = {"servers": servers, "cases": args.cases, "exclude-cases": args.exclude}
        wstest = testsuite.Wstest(args.root, "fuzzingclient", spec, args.docker)
        stack.callback(wstest.stop)
        wstest.start()
        print(f"wstest fuzzingclient running (log: {wstest.log_path})", flush=True)
        code = wstest.wait(args.timeout)
        index = wstest.collect(out)
    if code != 0 or not index.exists():
        print(f"wstest exited with {code}; see {out / 'wstest.log'}", file=sys.stderr)
        return 1
    agents = [agent_name(t) for t in args.target]
    report = save_results("server", index, agents, args, time.monotonic() - started)
    return check(report, agents[0], args.reference) if args.check else 0


def run_client_side(args: argparse.Namespace) -> int:
    """fuzzingserver, then the driver once per client against it."""
    started = time.monotonic()
    port = testsuite.free_port()
    url = f"ws://127.0.0.1:{port}"
    spec = {"url": url, "cases": args.cases, "exclude-cases": args.exclude}
    spec["options"] = args.options
    wstest = testsuite.Wstest(args.root, "fuzzingserver", spec, args.docker)
    failed = False
    try:
        wstest.start()
        testsuite.wait_for_port(port, wstest.process)  # type: ignore[arg-type]
        print(f"wstest fuzzingserver on {url} (log: {wstest.log_path})", flush=True)
        for client in args.client:
            command = [sys.executable, str(HERE / "client_driver.py"), "--url", url]
            result = subprocess.run(
                [*command, "--client", client],
                timeout=args.timeout,
                check=False,
                preexec_fn=testsuite.die_with_parent,
            )
            failed = failed or result.returncode != 0
    finally:
        index = wstest.collect(REPORTS / "clients")
    if failed or not index.exists():
        print(f"a driver failed; see {REPORTS / 'clients' / 'wstest.log'}", file=sys.stderr)
        return 1
    report = save_results("client", index, args.client, args, time.monotonic() - started)
    return check(report, args.client[0], args.reference) if args.check else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sides = parser.add_subparsers(dest="side", required=True)
    for side, helptext in [("server", "fuzzingclient"), ("client", "fuzzingserver")]:
        sub = sides.add_parser(side, help=f"wstest {helptext}")
        sub.add_argument("--cases", nargs="+", default=["*"], metavar="ID")
        sub.add_argument("--exclude", nargs="*", default=DEFAULT_EXCLUDE, metavar="ID")
        sub.add_argument(
            "--options", type=json.loads, default={}, help="wstest protocol options, JSON"
        )
        sub.add_argument("--root", type=Path, default=testsuite.default_root())
        sub.add_argument(
            "--docker",
            metavar="IMAGE",
            help="run wstest in this Docker image (DOCKER_TAG of make-image.sh), not chroot",
        )
        sub.add_argument("--timeout", type=float, default=3600.0, help="seconds in all")
        sub.add_argument("--reference", help="agent the others are compared with")
        sub.add_argument(
            "--quick",
            action="store_true",
            help=f"only the quick subset: {' '.join(QUICK_CASES)} (replaces --cases)",
        )
        sub.add_argument(
            "--check",
            action="store_true",
            help="exit 1 if the first agent FAILED a case or did worse than the reference",
        )
    server = sides.choices["server"]
    server.add_argument("--target", nargs="+", default=["embedded", "daphne"])
    server.add_argument(
        "--embedded-args",
        type=shlex.split,
        default=EMBEDDED_ARGS,
        help=f"flags for python -m embedded_server (default: {shlex.join(EMBEDDED_ARGS)})",
    )
    server.add_argument(
        "--daphne-args",
        type=shlex.split,
        default=DAPHNE_ARGS,
        help=f"flags for stock daphne (default: {shlex.join(DAPHNE_ARGS)})",
    )
    server.set_defaults(run=run_server_side, reference_default="daphne")
    client = sides.choices["client"]
    client.add_argument("--client", nargs="+", default=["tsushin", "websocket-client"])
    client.set_defaults(run=run_client_side, reference_default="websocket-client")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.reference is None:
        args.reference = args.reference_default
    if args.quick:
        args.cases = QUICK_CASES
    problem = testsuite.check_root(args.root, args.docker)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
