"""axe-core really runs under our Content-Security-Policy, and finds what it should."""

import pytest

from rembug.core.middleware import CONTENT_SECURITY_POLICY
from rembug.testing.browser import assert_accessible

BROKEN = """<!DOCTYPE html><html lang="id"><head><title>Rusak</title>
<link rel="stylesheet" href="/static/rembug/css/rembug.css"></head>
<body><main><h1>Halaman rusak</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p class="low-contrast">Teks yang hampir tak terbaca</p></main></body></html>"""


def serve_broken_page(page, live_server):
    """Answer one URL of our own origin with a broken page and our real CSP header."""
    url = f"{live_server.url}/uji-aksesibilitas/"
    page.route(
        url,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY},
            body=BROKEN,
        ),
    )
    return url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_finds_an_image_without_alt_under_our_csp(page, live_server):
    page.goto(serve_broken_page(page, live_server))
    # The page really is under the policy: an inline script may not run.
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "image-alt" in str(failure.value)


@pytest.mark.browser
def test_axe_finds_low_contrast_text(page):
    page.set_content(
        '<!DOCTYPE html><html lang="id"><head><title>Kontras</title></head><body><main>'
        '<p style="color:#bbb;background:#fff">Teks abu-abu muda di atas putih</p>'
        "</main></body></html>"
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "color-contrast" in str(failure.value)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_checks_the_styled_page(page, live_server):
    # Contrast is only meaningful when our stylesheet and scripts really load under the CSP.
    page.goto("/")
    header = page.evaluate(
        "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header == "rgb(11, 93, 75)"
    # Deferred scripts have run by the load event (no wait_for_function: CSP forbids its eval).
    assert page.evaluate("() => typeof window.htmx") == "object"
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_csp_blocks_inline_script_on_our_pages(page, live_server):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/")
    page.evaluate(
        """() => { const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true'; document.body.appendChild(s); }"""
    )
    assert page.evaluate("() => window.__inlineRan === true") is False
    assert any("Content Security Policy" in m for m in messages)
