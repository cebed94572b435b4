import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Not the login page: its user name field takes the focus itself (autofocus).
@pytest.mark.parametrize("url", ["/", "/kota-serang/", "/kota-serang/perangkat-daerah/"])
def test_the_skip_link_comes_first_and_moves_focus_to_main(page, people, url):
    page.goto(url)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.innerText]"
    )
    assert focused == ["skip-link", "Langsung ke konten utama"]
    assert page.locator(".skip-link").is_visible()  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # The next Tab goes into the content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")
