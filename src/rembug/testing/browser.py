"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

A missing Chromium fails the test run; a developer without it may set
``REMBUG_BROWSER=optional`` to have the browser tests reported as skipped instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

__all__ = ["assert_accessible", "browser", "page", "sign_in"]

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


def _chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = _chromium_path()
    if executable is None:
        message = "Chromium not found: apt-get install chromium (or set CHROMIUM=/path)."
        if os.environ.get("REMBUG_BROWSER") == "optional":
            pytest.skip(message)
        pytest.fail(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    # A stylesheet or script that fails to load makes every later check meaningless (contrast
    # measured on an unstyled page, htmx missing), so it fails the test.
    tab.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and "/static/" in response.url
            else None
        ),
    )
    yield tab
    context.close()
    assert not errors, f"JavaScript errors or missing static files on the page: {errors}"


def _axe_source() -> str:
    from importlib.resources import files

    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def assert_accessible(tab: Any) -> None:
    """axe-core finds no serious or critical violation on the current page.

    axe is evaluated through the DevTools protocol (``page.evaluate``), not added as a
    ``<script>`` element, so our ``script-src 'self'`` policy does not block it; the check fails
    loudly if axe did not run at all (``tests/browser/test_accessibility.py`` proves both).
    """
    tab.wait_for_load_state("load")
    if not tab.evaluate("() => typeof window.axe === 'object'"):
        tab.evaluate(_axe_source())
    results = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert results.get("testEngine", {}).get("name") == "axe-core", "axe-core did not run"
    bad = [v for v in results["violations"] if v.get("impact") in {"serious", "critical"}]
    assert not bad, f"Accessibility violations on {tab.url}:\n" + "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in bad
    )


def sign_in(tab: Any, user: Any, password: str, *, next: str = "") -> None:
    """Log in through the login page; for someone with two-step sign-in, enter a code too."""
    from rembug.testing.fixtures import two_factor_code

    tab.goto(f"/akun/masuk/?next={next}" if next else "/akun/masuk/")
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", password)
    tab.click("main form button[type=submit]")
    tab.wait_for_load_state("load")
    if "/akun/masuk/kode/" in tab.url:
        tab.fill("input[name=code]", two_factor_code(user))
        tab.click("main form button[type=submit]")
        tab.wait_for_load_state("load")
