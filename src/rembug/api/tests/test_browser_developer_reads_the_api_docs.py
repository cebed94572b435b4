"""User story: a developer opens the interactive API docs; Swagger UI loads from our own static
files under the site's CSP (script-src 'self') and lists the endpoints."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_developer_sees_the_endpoints_in_swagger_ui(page):
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto("/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/governments/{slug}/reports" in path for path in paths)
    assert violations == []
