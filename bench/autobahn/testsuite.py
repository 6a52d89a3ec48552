"""Running Autobahn|Testsuite's ``wstest`` inside the folder make-image.sh builds.

wstest 0.8.2 is a Python 2.7 program; it lives in a debootstrapped Debian bullseye
folder and is entered with ``chroot``, which shares this machine's network: the
servers and clients under test listen on or connect to 127.0.0.1 as usual. Each run
gets a fresh work folder inside the tree (``/run/tsushin-*``) for its spec, its log and
its reports; :meth:`Wstest.collect` copies the reports out and removes the folder.

With ``docker_image`` (the same folder imported by ``DOCKER_TAG=... make-image.sh``)
wstest runs in a container on the host's network instead, the work folder mounted at
the same path; that needs a Docker daemon but not root.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
MAKE_IMAGE = HERE / "make-image.sh"

_IN_ROOT_ENV = [
    "env",
    "-i",
    "PATH=/usr/local/bin:/usr/bin:/bin",
    "HOME=/root",
    "LANG=C.UTF-8",
    # cryptography's "Python 2 is no longer supported" on every start.
    "PYTHONWARNINGS=ignore",
    "PYTHONUNBUFFERED=1",
]


def default_root() -> Path:
    """Where make-image.sh puts the tree unless told otherwise."""
    env = os.environ.get("TSUSHIN_AUTOBAHN_ROOT")
    return Path(env) if env else Path.home() / ".cache" / "tsushin" / "autobahn-0.8.2"


def check_root(root: Path, docker_image: str | None = None) -> str | None:
    """Why wstest cannot run from ``root`` (or ``docker_image``), or None when it can."""
    if docker_image is not None:
        found = subprocess.run(
            ["docker", "image", "inspect", docker_image], capture_output=True, check=False
        )
        if found.returncode != 0:
            return f"docker has no image {docker_image}: {found.stderr.decode().strip()}"
        return None
    if sys.platform != "linux":
        return "the Autobahn harness runs on Linux only (it uses chroot; or give --docker)"
    if os.geteuid() != 0:
        return "chroot needs root: run this with sudo"
    if not (root / "usr" / "local" / "bin" / "wstest").exists():
        return f"no Autobahn|Testsuite in {root}: run  sudo {MAKE_IMAGE}  first"
    return None


def die_with_parent() -> None:
    """preexec_fn: the child gets SIGTERM when this process dies, even by SIGKILL."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def free_port() -> int:
    """A port nothing listens on now (wstest needs the number in its spec)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(port: int, process: subprocess.Popen[Any], timeout: float = 30.0) -> None:
    """Return once 127.0.0.1:port accepts connections; raise if ``process`` ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"wstest exited with code {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"wstest did not listen on port {port} within {timeout:g} s")


class Wstest:
    """One wstest process in ``mode`` with ``spec``, run in the tree at ``root`` (or in
    a container of ``docker_image``)."""

    def __init__(
        self, root: Path, mode: str, spec: dict[str, Any], docker_image: str | None = None
    ) -> None:
        self.root = root
        self.mode = mode
        self.docker_image = docker_image
        self.name = f"tsushin-{uuid.uuid4().hex[:12]}"
        self.inside = f"/run/{self.name}"
        if docker_image is None:
            self.workdir = root / self.inside.lstrip("/")
        else:
            self.workdir = Path(tempfile.mkdtemp(prefix="tsushin-autobahn-")) / "run"
        self.spec = dict(spec, outdir=f"{self.inside}/reports")
        self.process: subprocess.Popen[bytes] | None = None
        self._log: TextIO | None = None

    @property
    def log_path(self) -> Path:
        return self.workdir / "wstest.log"

    def start(self) -> None:
        """Write the spec and start wstest; its output goes to ``wstest.log``."""
        self.workdir.mkdir(parents=True)
        (self.workdir / "spec.json").write_text(json.dumps(self.spec, indent=2))
        if self.docker_image is None:
            command = ["chroot", str(self.root), *_IN_ROOT_ENV]
        else:
            command = ["docker", "run", "--rm", "--name", self.name, "--network", "host"]
            command += ["-v", f"{self.workdir}:{self.inside}", self.docker_image]
            command += _IN_ROOT_ENV
        command += ["wstest", "-m", self.mode, "-s", f"{self.inside}/spec.json"]
        if self.mode == "fuzzingserver":
            command += ["--webport", "0"]  # no report web server on 8080
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,
        )

    def wait(self, timeout: float | None = None) -> int:
        """Wait for wstest to end by itself (fuzzingclient does once all cases ran)."""
        assert self.process is not None
        return self.process.wait(timeout)

    def stop(self) -> None:
        """End wstest (fuzzingserver runs until it is told to)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.docker_image is not None:
            # The container may outlive a killed `docker run`.
            subprocess.run(["docker", "rm", "-f", self.name], capture_output=True, check=False)
        if self._log is not None:
            self._log.close()
            self._log = None

    def collect(self, dest: Path) -> Path:
        """Copy the reports and log to ``dest`` (replacing what it had); return the
        ``index.json`` path there. The work folder inside the tree is removed."""
        self.stop()
        try:
            reports = self.workdir / "reports"
            if dest.exists():
                shutil.rmtree(dest)
            if reports.exists():
                shutil.copytree(reports, dest)
            else:
                dest.mkdir(parents=True)
            shutil.copy2(self.log_path, dest / "wstest.log")
            shutil.copy2(self.workdir / "spec.json", dest / "spec.json")
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)
            if self.docker_image is not None:
                shutil.rmtree(self.workdir.parent, ignore_errors=True)
        return dest / "index.json"
