"""SMTP servers a test owns: a sink that records messages (aiosmtpd, optionally slow), and
one that accepts connections but never answers (a hung mail server)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


class _Recorder:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


class Sink:
    def __init__(self, recorder: _Recorder) -> None:
        self._recorder = recorder

    @property
    def messages(self) -> list[Message]:
        with self._recorder.lock:
            return list(self._recorder.messages)

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if address in (m["To"] or "")]

    def wait_for(self, count: int, timeout: float = 60) -> list[Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.messages) < count:
            time.sleep(0.1)
        return self.messages


@contextmanager
def smtp_sink(port: int, delay: float = 0.0) -> Iterator[Sink]:
    """An SMTP server on 127.0.0.1:port that keeps every message (after ``delay`` seconds)."""
    recorder = _Recorder(delay)
    controller = Controller(recorder, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    try:
        yield Sink(recorder)
    finally:
        controller.stop()


@contextmanager
def hanging_smtp(port: int) -> Iterator[list[socket.socket]]:
    """Accepts TCP connections on 127.0.0.1:port and never sends a greeting; yields the list
    of connections it accepted."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)
    held: list[socket.socket] = []
    stopping = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stopping.is_set():
            try:
                connection, _ = listener.accept()
                held.append(connection)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield held
    finally:
        stopping.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        listener.close()


@contextmanager
def smtp_sink_process(port: int, delay: float = 0.0) -> Iterator[subprocess.Popen]:
    """``smtp_sink`` in a process of its own, for load runs: in the load generator's process
    its message handling would take the clients' interpreter lock and slow the clients."""
    from .appserver import PROJECT, kill_group, wait_for_port

    code = (
        "import sys, time; from tests.support.smtp import smtp_sink\n"
        "with smtp_sink(int(sys.argv[1]), delay=float(sys.argv[2])):\n"
        "    while True: time.sleep(3600)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(port), str(delay)],
        cwd=PROJECT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, timeout=30, process=process)
        yield process
    finally:
        kill_group(process, signal.SIGTERM)
