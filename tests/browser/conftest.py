"""Shared fixtures of the browser tests: Debian's Chromium driven by Playwright, and axe-core.

Chromium is never downloaded: it is `/usr/bin/chromium` (`.ci/run` installs it from apt). axe-core
comes from the throwaway npm folder that `.ci/run` fills (`AUDIT_NODE_DIR`). Locally a missing
tool skips the test with the reason; under CI (`CI=true`) it fails, so nothing passes by skipping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.tools import node_package_file, require

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1366, "height": 900}
MOBILE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def chromium_browser():
    # Function-scoped: Playwright's sync API runs an event loop while it is open, and Django
    # refuses database calls from a thread with a running loop (fixtures between tests make them).
    require(CHROMIUM.exists(), "Debian's Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_browser_page(chromium_browser) -> Iterator[Callable]:
    """Factory: `new_browser_page(viewport=MOBILE)` opens a page in a fresh browser context."""
    contexts = []

    def make(viewport: dict | None = None, **context_options):
        context = chromium_browser.new_context(viewport=viewport or DESKTOP, **context_options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(new_browser_page):
    return new_browser_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = node_package_file("axe-core", "axe.min.js")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def axe_violations(axe_source) -> Callable:
    """`axe_violations(page)` → axe-core's serious and critical violations on the page."""

    def run(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
        # Evaluated through DevTools, not as an inline <script>: the site's Content-Security-
        # Policy (script-src 'none') blocks inline scripts, and the audit must not need it lifted.
        page.evaluate(axe_source)
        result = page.evaluate("async () => await axe.run(document)")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]
            if v["impact"] in impacts
        ]

    return run
