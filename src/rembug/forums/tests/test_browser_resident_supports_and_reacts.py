"""User story: a resident takes part in an open forum online — supports a proposal and reacts
to the statements — and the page answers in place (htmx) without a reload."""

import pytest

from rembug.forums.models import Reaction, Support
from rembug.forums.tests.factories import ForumInputFactory, StatementFactory
from rembug.testing.browser import assert_accessible
from rembug.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_supports_an_input_and_reacts_to_statements(page, people, forum):
    item = ForumInputFactory(forum=forum, title="Internet gratis di fasilitas publik")
    first = StatementFactory(
        forum=forum, text="Internet gratis lebih penting daripada aplikasi baru."
    )
    StatementFactory(forum=forum, text="Fiber optik harus sampai ke kelurahan.")

    page.goto(f"/akun/masuk/?next=/kota-serang/forum/{forum.pk}/")
    page.fill("input[name=username]", "warga")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/kota-serang/forum/{forum.pk}/")
    assert_accessible(page)

    page.click(f"#dukungan-{item.pk} button")
    page.wait_for_selector(f"#dukungan-{item.pk} .badge-ok")
    assert page.text_content(f"#dukungan-{item.pk} strong") == "1"

    page.click(f"#pernyataan-{first.pk} button[value='1']")
    page.wait_for_selector(f"#pernyataan-{first.pk} .badge")
    assert page.locator(f"#pernyataan-{first.pk} form").count() == 0

    assert Support.objects.filter(input=item, user=people.resident).count() == 1
    assert list(Reaction.objects.values_list("statement_id", "value")) == [(first.pk, 1)]
    page.reload()
    assert page.locator(f"#dukungan-{item.pk} .badge-ok").count() == 1
    assert_accessible(page)
