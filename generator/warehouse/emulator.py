"""Run an ephemeral BigQuery API emulator (bqemulator) on loopback, for CI and local development.

bqemulator keeps its data in DuckDB and needs DuckDB's spatial extension, which it would try to
download. Each emulator here gets a private HOME into which the extension is installed from the
`duckdb-extension-spatial` wheel, so nothing is fetched and no state survives the emulator.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import duckdb

from generator.errors import UsageError


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _install_spatial(home: Path) -> None:
    try:
        import duckdb_extension_spatial
    except ImportError:
        raise UsageError(
            "the BigQuery emulator needs the duckdb-extension-spatial package (pip install -e '.[dev]')"
        ) from None
    wheel_dir = Path(duckdb_extension_spatial.__file__).parent
    extension = next(wheel_dir.rglob("spatial.duckdb_extension"), None)
    if extension is None:
        raise UsageError(f"no spatial.duckdb_extension inside {wheel_dir}")
    con = duckdb.connect()
    con.execute(f"set extension_directory = '{home / '.duckdb' / 'extensions'}'")
    con.execute(f"install '{extension}'")
    con.close()


class BigQueryEmulator:
    """`with BigQueryEmulator() as url:` starts a fresh emulator and always stops it."""

    def __init__(
        self,
        project: str = "c360-local",
        startup_timeout: float = 90.0,
        log: Path | None = None,
        rest_port: int | None = None,
    ):
        self.project, self.startup_timeout = project, startup_timeout
        self.home = Path(tempfile.mkdtemp(prefix="c360-bqemulator-"))
        self.log = log or self.home / "emulator.log"
        self.rest_port, self.grpc_port = rest_port or _free_port(), _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rest_port}"

    def start(self) -> str:
        _install_spatial(self.home)
        executable = Path(sys.executable).with_name("bqemulator")
        command = [
            str(executable),
            "start",
            "--ephemeral",
            "--rest-port",
            str(self.rest_port),
            "--grpc-port",
            str(self.grpc_port),
            "--project",
            self.project,
            "--log-level",
            "warning",
        ]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command,
                env={**os.environ, "HOME": str(self.home)},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise UsageError(f"the BigQuery emulator exited at start-up: {self.last_log_line()}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as reply:
                    if reply.status == 200:
                        return self.url
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise UsageError(f"the BigQuery emulator did not become healthy within {self.startup_timeout:.0f}s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)

    def last_log_line(self) -> str:
        lines = self.log.read_text(errors="replace").strip().splitlines() if self.log.exists() else []
        return lines[-1] if lines else "(no output)"

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
