"""JUnit XML for CI systems (GitLab, Jenkins, GitHub test reporters, Azure DevOps).

One ``<testsuite>`` per user; in it a ``<testcase>`` for the connection and one per
top-level step of the scenario (a ``repeat`` is one test case: its failure names the
inner step and iteration). A failed expectation or send is a ``<failure>``, a
connection that could not be made an ``<error>``, and the steps after the first
failure are ``<skipped>``. A file that is not a valid scenario gives one suite with one
``<error>``, so the CI report shows why nothing ran.
"""

from __future__ import annotations

import pathlib
import re
import xml.etree.ElementTree as ET

from gui.runner.report import UserReport, describe_failure

# Characters XML 1.0 cannot hold at all (a server may send them in a message).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _suite(parent: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(parent, "testsuite", name=name)


def _finish_suite(suite: ET.Element, time_s: float) -> dict[str, int]:
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for case in suite.iter("testcase"):
        counts["tests"] += 1
        for kind, key in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            if case.find(kind) is not None:
                counts[key] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", f"{time_s:.3f}")
    return counts


def _write(root: ET.Element, path: pathlib.Path) -> None:
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _user_suite(root: ET.Element, report: UserReport, many: bool) -> dict[str, int]:
    scenario = report.scenario
    name = _clean(scenario.name)
    suite = _suite(root, f"{name} (user {report.user})" if many else name)
    classname = f"{name}.user{report.user}" if many else name
    case = ET.SubElement(suite, "testcase", classname=classname, name="connect")
    if report.connect is None:
        ET.SubElement(case, "skipped", message="not run")
    elif not report.connect.outcome.ok:
        ET.SubElement(case, "error", message=_clean(report.connect.outcome.message))
    stop = not report.connected
    for tally in report.tallies:
        case = ET.SubElement(suite, "testcase", classname=classname, name=_clean(tally.step.title))
        if tally.result is not None:
            case.set("time", f"{tally.result.elapsed_ms / 1000:.3f}")
        failure = tally.failure
        if stop or (tally.result is None and failure is None):
            ET.SubElement(case, "skipped", message="not run: an earlier step failed")
            stop = True
        elif failure is not None:
            text = describe_failure(failure)
            element = ET.SubElement(case, "failure", message=_clean(failure.outcome.message))
            element.set("type", failure.outcome.code)
            element.text = _clean(text)
            stop = True
    return _finish_suite(suite, report.elapsed_s)


def write_junit(path: pathlib.Path, reports: list[UserReport], elapsed_s: float) -> None:
    """Write the results of a run to ``path``."""
    root = ET.Element("testsuites")
    if reports:
        root.set("name", reports[0].scenario.name)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in reports:
        for key, value in _user_suite(root, report, len(reports) > 1).items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{elapsed_s:.3f}")
    _write(root, path)


def write_invalid_junit(path: pathlib.Path, source: str, message: str) -> None:
    """Write a report saying that ``source`` is not a valid scenario."""
    source, message = _clean(source), _clean(message)
    root = ET.Element("testsuites", name=source)
    suite = _suite(root, source)
    case = ET.SubElement(suite, "testcase", classname=source, name="load scenario")
    error = ET.SubElement(case, "error", message=message, type="invalid_scenario")
    error.text = message
    counts = _finish_suite(suite, 0.0)
    for key, value in counts.items():
        root.set(key, str(value))
    _write(root, path)
