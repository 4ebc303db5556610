"""A progress bar drawn by hand for the housekeeping commands (no dependency needed)."""

from __future__ import annotations

import time

from django.core.management.base import OutputWrapper

WIDTH = 30


class ProgressBar:
    """``[#####.....] 4000/19112  1234 rows/s`` redrawn in place on a terminal.

    When the output is not a terminal (cron, tests) one line per call is written instead,
    so logs show the progress too.
    """

    def __init__(self, stdout: OutputWrapper, verb: str) -> None:
        self.stdout = stdout
        self.verb = verb
        self.started = time.monotonic()
        self.tty = stdout.isatty()

    def __call__(self, done: int, total: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        if self.tty:
            filled = WIDTH * done // total if total else WIDTH
            bar = "#" * filled + "." * (WIDTH - filled)
            self.stdout.write(f"\r[{bar}] {done}/{total} {self.verb}  {rate:.0f} rows/s", ending="")
            if done >= total:
                self.stdout.write("")
        else:
            self.stdout.write(f"  {done}/{total} {self.verb} ({rate:.0f} rows/s)")
