"""Throwaway servers a test starts and stops itself, on its own loopback port (9300-9399)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.tools import executable


def wait_for_port(
    port: int,
    timeout: float = 15.0,
    host: str = "127.0.0.1",
    process: subprocess.Popen | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server meant for port {port} exited ({process.returncode})")
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout} s")


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((host, port)) != 0


def stop(process: subprocess.Popen, kill: bool = False) -> None:
    if process.poll() is not None:
        return
    process.kill() if kill else process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def redis_server(port: int, folder: Path) -> Iterator[subprocess.Popen]:
    """A private redis-server (no persistence) on ``port``; stopped on exit."""
    binary = executable("redis-server")
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process=process)
        yield process
    finally:
        stop(process, kill=True)
