"""External tools the tests use (Chromium, node packages, servers); how a missing one is met.

Locally a missing tool skips the test with the reason. Under CI (`CI` set, as `.ci/run` runs) it
fails the test instead: CI installs every tool, so a skip there would hide a missing install step.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    if condition:
        return
    if under_ci():
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


def node_modules_dir() -> Path | None:
    """The throwaway npm folder (`AUDIT_NODE_DIR`, filled by `.ci/run`), if any."""
    folder = os.environ.get("AUDIT_NODE_DIR", "")
    return Path(folder) / "node_modules" if folder else None


def node_package_file(package: str, relative: str) -> Path:
    modules = node_modules_dir()
    path = modules / package / relative if modules else None
    require(
        path is not None and path.exists(),
        f"npm package {package} is not installed (set AUDIT_NODE_DIR to a folder with "
        f"`npm install --prefix $AUDIT_NODE_DIR {package}`; .ci/run does)",
    )
    return path


def executable(name: str) -> str:
    sbin = Path("/usr/sbin") / name
    found = shutil.which(name) or (str(sbin) if sbin.exists() else None)
    require(found is not None, f"{name} is not installed")
    return found
