"""`c360 serve` started for tests and bench scripts: on a copy of a build (so the build stays writable by
other tests), on a free loopback port, stopped afterwards."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from .harness import BIN, ROOT, workspace


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(database: Path, scratch: Path, *extra: str):
    """Yield the base URL of `c360 serve` over a copy of `database`."""
    ws = workspace(scratch)
    shutil.copy(database, ws.database)
    port = free_port()
    log = (scratch / "serve.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "c360"), "serve", "--target", "duckdb", "--project-dir", str(ROOT), "--port", str(port), *extra],
        env=ws.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/dashboards", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"c360 serve did not start: {(scratch / 'serve.log').read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
