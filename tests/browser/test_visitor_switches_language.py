import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_to_english_and_back(page, people):
    page.goto("/kota-serang/")
    header = page.get_by_role("banner")
    assert header.get_by_role("link", name="Masuk").is_visible()
    assert page.locator("html").get_attribute("lang") == "id"

    languages = header.get_by_role("group", name="Bahasa")
    assert languages.get_by_role("button", name="EN").get_attribute("title") == "English"
    assert languages.get_by_role("button", name="ID").get_attribute("aria-current") == "true"
    languages.get_by_role("button", name="EN").click()
    page.wait_for_url("**/kota-serang/")
    header.get_by_role("link", name="Log in").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Regional agencies (Perangkat Daerah)").is_visible()

    # The choice sticks while browsing on.
    page.goto("/")
    assert header.get_by_role("link", name="Log in").is_visible()

    header.get_by_role("button", name="ID").click()
    header.get_by_role("link", name="Masuk").wait_for()
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", name="Pemerintah Daerah").is_visible()
