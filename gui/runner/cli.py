"""``python -m gui run``: run a scenario headless, for people and for CI.

Exit codes: 0 every step of every user passed; 1 a step failed (or a connection
could not be made), its step and why printed; 2 the file is not a valid scenario (the
JSON error's line and column, or the bad key and where it is), or the command line is
wrong. Nothing here imports Qt: it runs where there is no display.

``python -m gui run --from-history EXPORT.jsonl [--url URL]`` prints a scenario that
replays a history export (see :mod:`gui.core.history_import`) instead of running one.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pathlib
import sys
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from gui.core.engine import StepResult
from gui.core.history_import import HistoryImportError, scenario_from_history
from gui.core.scenario import (
    ScenarioInvalid,
    ScenarioProblem,
    load_scenario,
    missing_environment,
)
from gui.core.scenario_model import Scenario
from gui.runner.junit import write_invalid_junit, write_junit
from gui.runner.report import ConsolePrinter, UserReport
from gui.runner.user import ConnectReport, run_user

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

PASSED, FAILED, INVALID = 0, 1, 2
MAX_USERS = 1000
RUNNER_VARIABLES = ("user",)  # {{user}}: the user's number, 1 to N


class _Parser(argparse.ArgumentParser):
    """Writes usage, help and errors to the streams it is given (tests, the frozen app)."""

    def __init__(self, out: TextIO, err: TextIO, **options: Any) -> None:
        super().__init__(**options)
        self._out, self._err = out, err

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        super().print_help(file or self._out)

    def print_usage(self, file: SupportsWrite[str] | None = None) -> None:
        super().print_usage(file or self._err)

    def error(self, message: str) -> NoReturn:
        self.print_usage(self._err)
        self.exit(INVALID, f"{self.prog}: error: {message}\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._err.write(message)
        raise _Exit(status)


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _parser(out: TextIO, err: TextIO) -> _Parser:
    parser = _Parser(
        out,
        err,
        prog="python -m gui run",
        description="Run a Tsushin scenario over WebSocket, headless. Exit code 0: every "
        "step passed; 1: a step failed; 2: not a valid scenario.",
    )
    parser.add_argument("scenario", nargs="?", type=pathlib.Path, help="the scenario file")
    parser.add_argument("--junit", type=pathlib.Path, metavar="FILE", help="write JUnit XML")
    parser.add_argument(
        "--users",
        type=int,
        default=1,
        metavar="N",
        help="N concurrent connections run the scenario, each with its own variables",
    )
    parser.add_argument("--url", help="connect here instead of the scenario's connect.url")
    parser.add_argument("-v", "--verbose", action="store_true", help="every step of every user")
    parser.add_argument("-q", "--quiet", action="store_true", help="only failures and the summary")
    parser.add_argument(
        "--from-history",
        type=pathlib.Path,
        metavar="EXPORT",
        help="print a scenario replaying a history export (JSON Lines) and exit",
    )
    parser.add_argument(
        "--expect",
        choices=("type", "full", "none"),
        default="type",
        help="with --from-history: expect replies by their type (default), in full, or not",
    )
    parser.add_argument(
        "--keep-timing",
        action="store_true",
        help="with --from-history: sleep between sends as the history did",
    )
    return parser


def _from_history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    path: pathlib.Path = args.from_history
    try:
        with path.open(encoding="utf-8-sig") as lines:
            document = scenario_from_history(
                lines,
                url=args.url,
                expect=args.expect,
                keep_timing=args.keep_timing,
                name=path.stem,
            )
    except (OSError, UnicodeDecodeError) as exc:
        err.write(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}\n")
        return INVALID
    except HistoryImportError as exc:
        err.write(f"{path}: {exc.problem.message}\n")
        return INVALID
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return PASSED


def run_scenario(
    scenario: Scenario,
    *,
    users: int,
    url: str | None,
    printer: ConsolePrinter,
) -> tuple[list[UserReport], float]:
    """Run ``users`` users at once; their reports and the wall time in seconds."""
    reports = [UserReport(user, scenario) for user in range(1, users + 1)]

    def one(report: UserReport) -> None:
        started = time.monotonic()

        def on_connect(user: int, connect: ConnectReport) -> None:
            report.connect = connect
            printer.connected(user, connect)

        def on_result(user: int, result: StepResult) -> None:
            report.add(result)
            printer.result(user, result)

        try:
            run_user(scenario, report.user, on_connect=on_connect, on_result=on_result, url=url)
        finally:
            report.elapsed_s = time.monotonic() - started
            printer.finished(report)

    started = time.monotonic()
    if users == 1:
        one(reports[0])
    else:
        threads = [
            threading.Thread(target=one, args=(r,), name=f"user-{r.user}", daemon=True)
            for r in reports
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return reports, time.monotonic() - started


def main(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line ``argv`` (what follows ``run``); return the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        # A pipe on Windows writes the ANSI code page: a message with characters it lacks
        # must not end the run with a UnicodeEncodeError.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser(out, err)
    try:
        args = parser.parse_args(list(argv))
    except _Exit as exc:  # --help, or a command line argparse refused (usage printed)
        return exc.status
    if args.from_history is not None:
        return _from_history(args, out, err)
    if args.scenario is None:
        parser.print_usage()
        err.write("python -m gui run: give a scenario file (or --from-history EXPORT)\n")
        return INVALID
    if not 1 <= args.users <= MAX_USERS:
        err.write(f"--users must be between 1 and {MAX_USERS}\n")
        return INVALID
    try:
        scenario = load_scenario(args.scenario, extra_variables=RUNNER_VARIABLES)
        problem = missing_environment(scenario, os.environ)
        if problem is not None:
            raise ScenarioInvalid(problem)
        if scenario.connect is None and args.url is None:
            raise ScenarioInvalid(
                ScenarioProblem("missing_key", {"where": "$.connect", "key": "url"})
            )
    except ScenarioInvalid as exc:
        message = f"{args.scenario}: not a valid scenario: {exc.problem.message}"
        err.write(message + "\n")
        if args.junit is not None:
            write_invalid_junit(args.junit, str(args.scenario), message)
        return INVALID
    printer = ConsolePrinter(out, users=args.users, verbose=args.verbose, quiet=args.quiet)
    printer.header(scenario, args.users)
    try:
        reports, elapsed = run_scenario(scenario, users=args.users, url=args.url, printer=printer)
    except KeyboardInterrupt:
        err.write("python -m gui run: interrupted\n")
        return FAILED
    printer.summary(reports, elapsed)
    if args.junit is not None:
        write_junit(args.junit, reports, elapsed)
    return PASSED if all(r.passed for r in reports) else FAILED
