"""deploy/systemd: the mail worker yields the CPU to the web server."""

from __future__ import annotations

import configparser
from pathlib import Path

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
DEFAULT_CPU_WEIGHT = 100  # systemd's, for a unit that sets none


def _service(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(UNITS / name)
    return parser["Service"]


def test_the_worker_weighs_less_than_the_web_server():
    # Each unit is its own cgroup: the kernel shares the CPU between them by weight before any
    # nice value counts, so Nice= alone would leave mail level with citizens' requests.
    worker = _service("citizen-diplomat-worker.service")
    web = _service("citizen-diplomat-web.service")
    assert int(worker["CPUWeight"]) < int(web.get("CPUWeight", DEFAULT_CPU_WEIGHT))
    assert int(worker["Nice"]) > int(web.get("Nice", 0))
