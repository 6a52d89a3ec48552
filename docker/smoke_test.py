"""Smoke test of the server image: run it, talk to it over loopback, stop it.

Needs a Docker daemon, an image built from the Dockerfile, and `websocket-client` on the
host. Not part of the pytest suite or CI (those have no Docker).

    docker build -t tsushin-server .
    python3 docker/smoke_test.py                           # image tsushin-server, port 8000
    python3 docker/smoke_test.py --image IMAGE --port 8001
    python3 docker/smoke_test.py --attach NAME             # a container already running,
                                                           # e.g. from docker compose up
    docker compose up -d && python3 docker/smoke_test.py --compose   # 8000 and 8001

Checks: READY line, GET /healthz, a JSON echo round trip, invalid JSON answered with
line and column, health status "healthy", the server runs as non-root, connection log
lines, Origin policy with DJANGO_ALLOWED_HOSTS, and a clean `docker stop` (exit code 0,
well within the stop timeout). With ``--compose``: both servers of docker-compose.yml
answer /healthz, and in one room a member on each server sees the other join, gets the
message the other sent with the same ``seq``, and ``who`` lists both. Exit code 0 when
every check passed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.request

import websocket  # websocket-client

FAILURES: list[str] = []


def check(name: str, ok: bool, detail: object = "") -> bool:
    print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail != "" else ""))
    if not ok:
        FAILURES.append(name)
    return ok


def docker(*args: str, check_rc: bool = True) -> str:
    result = subprocess.run(["docker", *args], capture_output=True, text=True)
    if check_rc and result.returncode != 0:
        raise RuntimeError(f"docker {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip()


def logs(name: str) -> str:
    result = subprocess.run(["docker", "logs", name], capture_output=True, text=True)
    return result.stdout + result.stderr


def wait_for(predicate, timeout: float, step: float = 0.25):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


def start(image: str, name: str, port: int, env: dict[str, str]) -> None:
    docker("rm", "-f", name, check_rc=False)
    args = ["run", "-d", "--name", name, "-p", f"127.0.0.1:{port}:8000"]
    for key, value in env.items():
        args += ["-e", f"{key}={value}"]
    docker(*args, image)


def wait_ready(name: str) -> bool:
    line = wait_for(
        lambda: next((x for x in logs(name).splitlines() if x.startswith("READY ")), None), 30
    )
    return check("READY line in docker logs", line is not None, line or logs(name)[-500:])


def check_serving(name: str, port: int) -> None:
    base = f"127.0.0.1:{port}"
    with urllib.request.urlopen(f"http://{base}/healthz", timeout=5) as response:
        body = response.read().decode()
    check("GET /healthz", response.status == 200 and json.loads(body) == {"status": "ok"}, body)

    ws = websocket.create_connection(f"ws://{base}/websock1-2/", timeout=5)
    try:
        document = {"hello": "docker", "n": [1, 2.5, None, True], "nested": {"ü": "日本"}}
        ws.send(json.dumps(document))
        reply = json.loads(ws.recv())
        check("JSON echo round trip", reply == {"type": "echo", "data": document}, reply)

        ws.send('{"a": 1,\n  "b": }')
        reply = json.loads(ws.recv())
        check(
            "invalid JSON answered with line/column, connection stays open",
            reply.get("type") == "error"
            and reply.get("code") == "invalid_json"
            and reply.get("line") == 2
            and isinstance(reply.get("column"), int),
            reply,
        )
        ws.send("[1]")
        reply = json.loads(ws.recv())
        check("still open after invalid JSON", reply == {"type": "echo", "data": [1]}, reply)
    finally:
        ws.close()

    status_lines = docker("exec", name, "cat", "/proc/1/status").splitlines()
    uid_line = next(x for x in status_lines if x.startswith("Uid:"))
    cmdline = docker("exec", name, "cat", "/proc/1/cmdline").replace("\0", " ").strip()
    check(
        "server (PID 1) runs as non-root",
        uid_line.split()[1] != "0" and "embedded_server" in cmdline,
        f"{uid_line.split()[1:]} {cmdline}",
    )

    status = wait_for(
        lambda: (
            (s := docker("inspect", "--format", "{{.State.Health.Status}}", name)) != "starting"
            and s
        ),
        60,
        1,
    )
    check("health status becomes healthy", status == "healthy", status)

    text = logs(name)
    check(
        "connection log lines (ws.connect, ws.disconnect)",
        "event=ws.connect" in text and "event=ws.disconnect" in text,
    )


def check_origin(port: int, allowed: str) -> None:
    url = f"ws://127.0.0.1:{port}/websock1-2/"
    try:
        ws = websocket.create_connection(url, timeout=5, origin=f"http://{allowed}")
        ws.send('{"origin": "allowed"}')
        accepted = json.loads(ws.recv())["type"] == "echo"
        ws.close()
    except Exception as error:  # reported as a failure
        accepted = False
        print("   ", error)
    check(f"handshake with Origin http://{allowed} accepted", accepted)

    try:
        websocket.create_connection(url, timeout=5, origin="http://evil.example").close()
        status = 101
    except websocket.WebSocketBadStatusException as error:
        status = error.status_code
    check("handshake with Origin http://evil.example refused", status == 403, status)

    # websocket-client sends "Origin: http://HOST:PORT" unless told not to.
    ws = websocket.create_connection(url, timeout=5, suppress_origin=True)
    ws.send("1")
    check("handshake without Origin accepted", json.loads(ws.recv())["type"] == "echo")
    ws.close()


def check_rooms_across(first: int, second: int) -> None:
    """A message sent to a room on one server reaches a member on the other (the servers
    of docker-compose.yml share Redis)."""
    for port in (first, second):
        ok = wait_for(lambda p=port: _healthy_http(p), 60, 0.5)
        check(f"GET /healthz on 127.0.0.1:{port}", ok)
    room = f"smoke-{int(time.time() * 1000) % 1_000_000}"
    bob = websocket.create_connection(f"ws://127.0.0.1:{second}/rooms/{room}/?name=bob", timeout=10)
    alice = websocket.create_connection(
        f"ws://127.0.0.1:{first}/rooms/{room}/?name=alice", timeout=10
    )
    try:
        welcome_bob = json.loads(bob.recv())
        check(f"bob (:{second}) is welcomed", welcome_bob.get("type") == "welcome", welcome_bob)
        welcome_alice = json.loads(alice.recv())
        check(
            f"alice (:{first}) is welcomed with bob (:{second}) in the member list",
            welcome_alice.get("type") == "welcome"
            and [m["name"] for m in welcome_alice.get("members", [])] == ["bob", "alice"],
            welcome_alice,
        )
        joined = json.loads(bob.recv())
        check(
            "bob hears that alice joined on the other server",
            joined.get("type") == "joined" and joined["member"]["name"] == "alice",
            joined,
        )
        alice.send(json.dumps({"text": "hello from the other server", "n": [1, 2]}))
        at_alice = json.loads(alice.recv())
        at_bob = json.loads(bob.recv())
        check(
            f"a message sent on :{first} reaches the member on :{second}",
            at_bob.get("type") == "message"
            and at_bob.get("data") == {"text": "hello from the other server", "n": [1, 2]}
            and at_bob["from"]["name"] == "alice",
            at_bob,
        )
        check("both got it with the same seq", at_alice.get("seq") == at_bob.get("seq") == 1,
              (at_alice.get("seq"), at_bob.get("seq")))  # fmt: skip
        bob.send('{"type": "who"}')
        members = json.loads(bob.recv())
        check(
            "who on the second server lists both members",
            sorted(m["name"] for m in members.get("members", [])) == ["alice", "bob"],
            members,
        )
    finally:
        alice.close()
    left = json.loads(bob.recv())
    check("bob hears that alice left", left.get("type") == "left", left)
    bob.close()


def _healthy_http(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def check_stop(name: str) -> None:
    started = time.monotonic()
    docker("stop", "-t", "10", name)
    elapsed = time.monotonic() - started
    code = docker("inspect", "--format", "{{.State.ExitCode}}", name)
    check("docker stop: exit code 0", code == "0", code)
    check(
        "docker stop: well under the 10 s timeout (SIGTERM handled)",
        elapsed < 5,
        f"{elapsed:.2f} s",
    )
    check("stopped log line", "event=server.stopped" in logs(name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", default="tsushin-server")
    parser.add_argument("--port", type=int, default=8000, help="host port on 127.0.0.1")
    parser.add_argument("--attach", metavar="CONTAINER", help="check a running container")
    parser.add_argument("--keep", action="store_true", help="leave the containers behind")
    parser.add_argument(
        "--compose",
        nargs="?",
        const="8000,8001",
        metavar="PORT,PORT",
        help="check rooms across the two servers of docker compose up (default 8000,8001)",
    )
    args = parser.parse_args()

    if args.compose:
        first, second = (int(port) for port in args.compose.split(","))
        print(f"== rooms across 127.0.0.1:{first} and 127.0.0.1:{second} (docker compose)")
        check_rooms_across(first, second)
        print("all checks passed" if not FAILURES else f"FAILED: {FAILURES}")
        return 1 if FAILURES else 0

    if args.attach:
        name = args.attach
        wait_ready(name)
        check_serving(name, args.port)
        check_stop(name)
        return 1 if FAILURES else 0

    name = "tsushin-smoke"
    try:
        print(f"== docker run {args.image} on 127.0.0.1:{args.port}")
        start(args.image, name, args.port, {})
        if wait_ready(name):
            check_serving(name, args.port)
        check_stop(name)
        print(logs(name))

        print("== DJANGO_ALLOWED_HOSTS=myhost.test")
        start(args.image, name, args.port, {"DJANGO_ALLOWED_HOSTS": "myhost.test"})
        if wait_ready(name):
            check_origin(args.port, "myhost.test")
            status = wait_for(
                lambda: (
                    (s := docker("inspect", "--format", "{{.State.Health.Status}}", name))
                    != "starting"
                    and s
                ),
                60,
                1,
            )
            check("healthy with DJANGO_ALLOWED_HOSTS=myhost.test too", status == "healthy", status)
        check_stop(name)
        print(logs(name))
    finally:
        if not args.keep:
            docker("rm", "-f", name, check_rc=False)

    print("all checks passed" if not FAILURES else f"FAILED: {FAILURES}")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
