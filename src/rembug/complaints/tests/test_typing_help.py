"""While a resident writes a report: the categories that fit it and the public reports that read
nearly the same (besides the 112 message)."""

import pytest
from playwright.sync_api import expect

from rembug.complaints.models import Privacy
from rembug.complaints.tests.factories import CategoryFactory, serang_regions, verified

URL = "/kota-serang/aduan/baru/cek-darurat/"
ROAD = "Jalan aspal di depan pasar berlubang besar dan rusak parah, motor sering jatuh"


@pytest.fixture
def categories(people):
    return {
        "roads": CategoryFactory(
            government=people.government, name="Jalan Rusak", default_agency=people.agency_b
        ),
        "internet": CategoryFactory(
            government=people.government, name="Internet Publik", default_agency=people.agency
        ),
        "other_city": CategoryFactory(
            government=people.other_government, name="Jalan Tangsel", default_agency=None
        ),
    }


@pytest.mark.django_db
def test_a_road_report_is_offered_the_road_category(client, categories):
    response = client.post(URL, {"title": "Jalan berlubang", "text": ROAD})
    assert response.status_code == 200
    assert f'data-category-pick="{categories["roads"].pk}"' in response.text
    assert f'data-category-pick="{categories["internet"].pk}"' not in response.text
    assert "Jalan Tangsel" not in response.text
    assert 'hx-swap-oob="true"' in response.text


@pytest.mark.django_db
def test_a_few_words_get_no_suggestion_yet(client, categories):
    response = client.post(URL, {"title": "", "text": "jalan rusak"})
    assert "data-category-pick" not in response.text


@pytest.mark.django_db
def test_nearly_the_same_public_report_is_shown_but_never_a_confidential_one(client, people):
    kasemen = serang_regions()["Kasemen"]
    public = verified(
        government=people.government, title="Jalan berlubang di pasar", text=ROAD, kecamatan=kasemen
    )
    secret = verified(
        government=people.government,
        title="Jalan berlubang di pasar lagi",
        text=ROAD,
        kecamatan=kasemen,
        privacy=Privacy.CONFIDENTIAL,
    )
    elsewhere = verified(
        government=people.other_government, title="Jalan berlubang di pasar", text=ROAD
    )
    response = client.post(
        URL, {"title": "Jalan berlubang di pasar", "text": ROAD, "kecamatan": kasemen.pk}
    )
    assert f"/aduan/{public.pk}/" in response.text
    assert f"/aduan/{secret.pk}/" not in response.text
    assert f"/aduan/{elsewhere.pk}/" not in response.text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_resident_takes_the_suggested_category_while_typing(page, categories):
    page.goto("/kota-serang/aduan/baru/")
    page.fill("#id_title", "Jalan berlubang")
    page.locator("#id_text").press_sequentially(ROAD[:60], delay=5)
    pick = page.locator(f'[data-category-pick="{categories["roads"].pk}"]')
    expect(pick).to_be_visible()
    pick.click()
    expect(page.locator("#id_category")).to_have_value(str(categories["roads"].pk))
