"""Check ``Tsushin run`` (the headless scenario runner) of a frozen app.

Starts the frozen embedded server (``COMMAND --serve --port 0``), then runs
``COMMAND run examples/echo.json --url URL --junit FILE`` (exit code 0, a JUnit file that
parses with every test passed), a scenario whose expect cannot be met (exit code 1) and a
file with a JSON error (exit code 2, its line and column printed). Proves that the
bundle holds the runner, jsonschema with its meta-schemas, and requests.

    python installer/check_run.py [--timeout S] -- COMMAND...
"""

from __future__ import annotations

import argparse
import json
import pathlib
import queue
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET

from check_ready import READY_RE, _pump

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _start_server(command: list[str], timeout: float) -> tuple[subprocess.Popen[bytes], str]:
    proc = subprocess.Popen(
        [*command, "--serve", "--host", "127.0.0.1", "--port", "0", "--exit-with-parent"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            proc.kill()
            raise RuntimeError(f"no READY line within {timeout:.0f} s") from None
        if line is None:
            raise RuntimeError(f"the server exited with {proc.wait()} before READY")
        match = READY_RE.match(line)
        if match:
            return proc, match.group(1)


def _run(command: list[str], args: list[str], timeout: float) -> tuple[int, str]:
    done = subprocess.run(
        [*command, "run", *args],
        capture_output=True,
        timeout=timeout,
        check=False,
        text=True,
        encoding="utf-8",
        errors="replace",  # Windows writes its ANSI code page into a pipe
    )
    output = done.stdout + done.stderr
    print("\n".join(f"  | {line}" for line in output.splitlines()[-6:]))
    if "Traceback" in output:
        raise RuntimeError("the runner printed a traceback")
    return done.returncode, output


def check(command: list[str], timeout: float) -> None:
    server, url = _start_server(command, timeout)
    try:
        with tempfile.TemporaryDirectory() as folder:
            work = pathlib.Path(folder)
            junit = work / "junit.xml"
            code, _ = _run(
                command,
                [str(ROOT / "examples" / "echo.json"), "--url", url, "--junit", str(junit)],
                timeout,
            )
            if code != 0:
                raise RuntimeError(f"examples/echo.json: exit code {code}, expected 0")
            root = ET.parse(junit).getroot()
            if root.get("failures") != "0" or root.get("errors") != "0" or root.get("tests") == "0":
                raise RuntimeError(f"JUnit report: {root.attrib}")
            failing = work / "failing.json"
            steps = [{"send": {"n": 1}}, {"expect": {"match": {"type": "never"}, "within_ms": 300}}]
            failing.write_text(json.dumps({"connect": {"url": url}, "steps": steps}), "utf-8")
            code, output = _run(command, [str(failing)], timeout)
            if code != 1 or "no matching message within 300 ms" not in output:
                raise RuntimeError(f"a failing expect: exit code {code}, expected 1")
            invalid = work / "invalid.json"
            invalid.write_text('{"steps": [\n  {"send": 1,}\n]}', "utf-8")
            code, output = _run(command, [str(invalid)], timeout)
            if code != 2 or "line 2, column 14" not in output:
                raise RuntimeError(f"an invalid scenario: exit code {code}, expected 2")
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    try:
        check(args.command, args.timeout)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        print(f"check_run: FAILED: {exc}", file=sys.stderr)
        return 1
    print("check_run: ok (run passed, failed and refused as it should)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
