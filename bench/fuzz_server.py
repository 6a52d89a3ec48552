"""Generated inputs against ``/websock1-2/``: every one answered, no undocumented close.

    python bench/fuzz_server.py [--count 20000] [--seed 9]

Starts ``python -m embedded_server --port 0`` and sends ``--count`` generated inputs,
one at a time, each checked:

- valid JSON (RFC 8259: no NaN/Infinity) must come back as ``{"type": "echo", "data":
  D}`` with D equal to the document (numbers compared as the standard library reads
  them; integers over 4,300 digits and numbers beyond a double must come back as the
  very text sent);
- invalid JSON must get ``invalid_json`` with json's line and column (or the position
  of the first NaN/Infinity), nesting over 1024 levels ``nesting_too_deep``, a binary
  frame ``unsupported_frame``;
- the connection may close only where that is documented: 1007 for text that is not
  UTF-8, 1009 for a message over the limit. Then the fuzz reconnects and goes on.

Inputs come from a seeded generator (the same ``--seed``, the same inputs): documents of
every JSON type, nested and wide, unicode, big and long numbers, then mutations of them
(cut short, a character replaced, inserted, doubled, garbage appended), the constants,
deep nesting around 254, 1024 and 1025 levels, whitespace, empty texts, binary frames,
invalid UTF-8 and messages over the limit. Exit code 1 on any mismatch or undocumented
close; a summary (inputs per kind, closes per code) is printed and written to
``bench/results/fuzz-<date>.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import struct
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import websocket

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
LIMIT = 64 * 1024  # the server runs with --max-message-size LIMIT
DOCUMENTED_CLOSES = {1007: "text that is not UTF-8", 1009: "message over the limit"}


def strict_loads(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise json.JSONDecodeError(f"{name} is not JSON", text, text.find(name))

    return json.loads(text, parse_constant=refuse)


# -- the generator


class Inputs:
    """A seeded source of inputs, each ``(kind, opcode, payload bytes)``."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def scalar(self) -> Any:
        r = self.random
        choice = r.randrange(9)
        if choice == 0:
            return None
        if choice == 1:
            return r.random() < 0.5
        if choice == 2:
            return r.randint(-(2**31), 2**31)
        if choice == 3:
            return r.randint(-(2**80), 2**80)
        if choice == 4:
            return r.uniform(-1e300, 1e300) * r.choice([1, 1e-300, 1e-10])
        if choice == 5:
            return "".join(chr(r.randrange(32, 0x7F)) for _ in range(r.randrange(12)))
        if choice == 6:
            alphabet = '日本語通信κόσμε🙂\u00e9\u200b"\\\n\t/'
            return "".join(r.choice(alphabet) for _ in range(r.randrange(10)))
        if choice == 7:
            code = r.randrange(0x20, 0x2FFFF)
            return (
                "\\ud800"
                if r.random() < 0.5
                else chr(code if not 0xD800 <= code < 0xE000 else 0xE000)
            )
        return r.choice([0, -0.0, 1e-7, 5e-324, 1.7976931348623157e308, 2**63, -(2**63) - 1])

    def document(self, depth: int = 0) -> Any:
        r = self.random
        if depth > 4 or r.random() < 0.35:
            return self.scalar()
        if r.random() < 0.5:
            return [self.document(depth + 1) for _ in range(r.randrange(6))]
        return {self.random_key(): self.document(depth + 1) for _ in range(r.randrange(6))}

    def random_key(self) -> str:
        return "".join(self.random.choice("abcxyz日本_- ") for _ in range(self.random.randrange(6)))

    def text_of(self, document: Any) -> str:
        r = self.random
        text = json.dumps(document, ensure_ascii=r.random() < 0.3, indent=r.choice([None, 1]))
        return text.replace('"\\\\ud800"', '"\\ud800"')  # a real lone-surrogate escape

    def mutate(self, text: str) -> str:
        r = self.random
        if not text:
            return "{"
        at = r.randrange(len(text))
        junk = r.choice([",", "}", "]", "{", "[", '"', ":", "x", "\\", " ", "0", "-", "e", "\x00"])
        operation = r.randrange(6)
        if operation == 0:
            return text[:at]
        if operation == 1:
            return text[:at] + junk + text[at + 1 :]
        if operation == 2:
            return text[:at] + junk + text[at:]
        if operation == 3:
            return text + r.choice([" x", "}", ",", "\n]"])
        if operation == 4:
            return text[:at] + text[at:][:1] * 2 + text[at + 1 :]
        return r.choice(["'", "`"]) + text[1:]

    def special(self) -> tuple[str, int, bytes]:
        r = self.random
        kind = r.randrange(12)
        if kind == 0:
            return (
                "constant",
                1,
                r.choice(["NaN", "[Infinity]", '{"a": -Infinity}', "[1,NaN]"]).encode(),
            )
        if kind == 1:
            depth = r.choice([253, 254, 255, 600, 1023, 1024, 1025, 1100, 5000])
            return "deep", 1, ("[" * depth + "]" * depth).encode()
        if kind == 2:
            digits = r.choice([18, 19, 20, 300, 4300, 4301, 9000])
            return "long integer", 1, ("-" * r.randrange(2) + "9" * digits).encode()
        if kind == 3:
            return "big exponent", 1, r.choice(["1e999", "[-1e400]", "1E309", "1e-999"]).encode()
        if kind == 4:
            return "whitespace", 1, r.choice(["", " ", "\n\t", " [1] ", "\ufeff[1]"]).encode()
        if kind == 5:
            return "binary", 2, bytes(r.randrange(256) for _ in range(r.randrange(40)))
        if kind == 6:
            body = bytes(r.randrange(256) for _ in range(r.randrange(1, 12)))
            return "maybe invalid utf-8", 1, b'["' + body + b'"]'
        if kind == 7:
            size = r.choice([LIMIT - 30, LIMIT - 2, LIMIT, LIMIT + 1, 2 * LIMIT])
            return "near the limit", 1, json.dumps("y" * (size - 2)).encode()
        if kind == 8:
            return (
                "control characters",
                1,
                json.dumps(chr(r.randrange(32))).encode()[:-1] + b'\x01"',
            )
        if kind == 9:
            return "duplicate keys", 1, b'{"a": 1, "a": [2], "b": {}, "a": null}'
        if kind == 10:
            return (
                "numbers",
                1,
                r.choice(
                    ["-0", "0.0e0", "1.0", "01", "1.", ".5", "+1", "-", "1e", "0x10", "1_000"]
                ).encode(),
            )
        return (
            "plain text",
            1,
            r.choice(["Echo: {'x': 1}", "hello", "<html>", "true false", "null,"]).encode(),
        )

    def __iter__(self) -> Any:
        while True:
            roll = self.random.random()
            if roll < 0.4:
                yield "valid", 1, self.text_of(self.document()).encode()
            elif roll < 0.75:
                yield "mutated", 1, self.mutate(self.text_of(self.document())).encode()
            else:
                yield self.special()


# -- the check


def expected_reply(payload: bytes) -> tuple[str, Any]:
    """What the server must answer: ("close", code), ("echo", document or text) or
    ("error", (code, line, column) or code)."""
    if len(payload) > LIMIT:
        return "close", 1009
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return "close", 1007
    try:
        return "echo", strict_loads(text)
    except json.JSONDecodeError as error:
        if "is not JSON" in error.msg:
            return "error", "invalid_json"
        return "error", ("invalid_json", error.lineno, error.colno)
    except RecursionError:
        return "error", "nesting_too_deep"
    except ValueError:  # over the int digit limit: echoed as sent
        return "echo-verbatim", text.strip(" \t\n\r")


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def check(kind: str, opcode: int, payload: bytes, got: tuple[str, Any]) -> str | None:
    """None when ``got`` is right for the input, else what is wrong."""
    if opcode == 2:
        ok = got[0] == "reply" and json.loads(got[1]).get("code") == "unsupported_frame"
        return None if ok else f"binary frame: {got!r}"
    if kind == "deep":  # too deep for json.loads here: checked on the raw text
        depth = payload.count(b"[")
        verbatim = '{"type":"echo","data":' + payload.decode() + "}"
        if depth <= 1024:
            return None if got == ("reply", verbatim) else f"depth {depth}: {got!r:.120}"
        ok = got[0] == "reply" and '"code":"nesting_too_deep"' in got[1]
        return None if ok else f"depth {depth}: {got!r:.120}"
    want, value = expected_reply(payload)
    if want == "close":
        return None if got == ("close", value) else f"want close {value}, got {got!r}"
    if got[0] != "reply":
        return f"want {want}, got {got!r}"
    raw = got[1]
    if want == "echo-verbatim":
        return (
            None if raw == '{"type":"echo","data":' + value + "}" else f"not verbatim: {raw[:80]}"
        )
    try:
        reply = json.loads(raw, parse_constant=lambda name: name)
    except ValueError as error:
        return f"the reply is not JSON ({error}): {raw[:80]}"
    if want == "echo":
        if reply.get("type") != "echo":
            if reply.get("code") == "nesting_too_deep":
                return None  # json read it (3.12+ allows deeper), the server's limit is 1024
            return f"want echo, got {raw[:120]}"
        if (isinstance(value, float) and math.isinf(value)) or "e999" in payload.decode().lower():
            return None if "Infinity" not in raw else f"Infinity echoed: {raw[:80]}"
        data = reply["data"]
        if not same(data, value) and not (isinstance(value, float) and math.isinf(value)):
            if raw == '{"type":"echo","data":' + payload.decode().strip(" \t\n\r") + "}":
                return None  # echoed verbatim (a number beyond a double, deep nesting)
            return f"echo differs: sent {payload[:80]!r}, got {raw[:80]}"
        return None
    if isinstance(value, tuple):
        if (reply.get("code"), reply.get("line"), reply.get("column")) != value:
            if reply.get("code") == "nesting_too_deep":
                return None
            return f"want {value}, got {raw[:160]}"
        return None
    return None if reply.get("code") == value else f"want {value}, got {raw[:120]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "embedded_server",
            "--port",
            "0",
            "--exit-with-parent",
            "--max-message-size",
            str(LIMIT),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert server.stdout is not None
    url = server.stdout.readline().decode().split(" ", 1)[1].strip()
    kinds: Counter[str] = Counter()
    closes: Counter[int] = Counter()
    problems: list[str] = []
    ws = websocket.create_connection(url, timeout=20, suppress_origin=True)
    try:
        for number, (kind, opcode, payload) in enumerate(Inputs(args.seed)):
            if number >= args.count:
                break
            kinds[kind] += 1
            ws.send(payload, opcode=opcode)
            try:
                frame_opcode, frame = ws.recv_data_frame(True)
            except websocket.WebSocketTimeoutException:
                problems.append(f"#{number} {kind}: no answer within 20 s to {payload[:60]!r}")
                ws.close()
                try:
                    ws = websocket.create_connection(url, timeout=20, suppress_origin=True)
                except (OSError, websocket.WebSocketException) as error:
                    problems.append(f"#{number}: the server takes no new connection: {error}")
                    break
                continue
            if frame_opcode == websocket.ABNF.OPCODE_CLOSE:
                code = struct.unpack("!H", frame.data[:2])[0] if len(frame.data) >= 2 else 1005
                closes[code] += 1
                got: tuple[str, Any] = ("close", code)
                ws.close()
                ws = websocket.create_connection(url, timeout=20, suppress_origin=True)
            else:
                got = ("reply", frame.data.decode())
            problem = check(kind, opcode, payload, got)
            if problem:
                problems.append(f"#{number} {kind}: {problem}")
    finally:
        ws.close()
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    tracebacks = stderr.decode(errors="replace").count("Traceback")
    undocumented = {code: n for code, n in closes.items() if code not in DOCUMENTED_CLOSES}
    summary = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": args.seed,
        "inputs": sum(kinds.values()),
        "kinds": dict(kinds.most_common()),
        "closes": {str(code): n for code, n in sorted(closes.items())},
        "undocumented_closes": undocumented,
        "tracebacks_in_server_log": tracebacks,
        "problems": problems[:50],
        "problem_count": len(problems),
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    if not args.no_save:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        (BENCH / "results" / f"fuzz-{stamp}.json").write_text(json.dumps(summary, indent=2) + "\n")
    return 1 if problems or undocumented or tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
