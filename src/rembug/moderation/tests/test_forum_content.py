import pytest
from django.urls import reverse

from rembug.forums.models import Forum
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory, StatementFactory
from rembug.moderation.models import ModeratedItem, State
from rembug.moderation.services import content_moderate


@pytest.fixture
def forum(people):
    return ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.INPUT_OPEN
    )


def test_anyone_flags_a_statement_from_the_forum_page(client, people, forum):
    statement = StatementFactory(forum=forum, text="Kontak saya 081234567890")
    page = client.get(forum.get_absolute_url()).content.decode()
    assert "081234567890" not in page
    flag_url = reverse(
        "moderation:flag",
        kwargs={"government": "kota-serang", "kind": "statement", "pk": statement.pk},
    )
    assert flag_url in page
    assert client.post(flag_url, {"reason": "personal_data"}).status_code == 302
    assert ModeratedItem.objects.get().kind == "statement"


def test_a_blocked_input_leaves_the_forum_page_and_shows_its_reason(client, people, forum):
    item = ForumInputFactory(
        forum=forum, title="Usulan iklan", text="Hubungi budi@contoh.id", proposer=people.resident
    )
    assert "[e-mail disembunyikan]" in client.get(item.get_absolute_url()).content.decode()
    content_moderate(
        government=people.government,
        content=item,
        to=State.BLOCKED,
        by=people.coordinator,
        reason="spam",
    )
    assert "Usulan iklan" not in client.get(forum.get_absolute_url()).content.decode()
    detail = client.get(item.get_absolute_url()).content.decode()
    assert "Konten diblokir" in detail
    assert "spam atau iklan" in detail
    client.force_login(people.resident)
    assert "Ajukan banding" in client.get(item.get_absolute_url()).content.decode()


def test_the_coordinator_queue_links_to_moderation(client, people):
    client.force_login(people.coordinator)
    page = client.get(reverse("complaints:coordinator_queue", kwargs={"government": "kota-serang"}))
    assert (
        reverse("moderation:queue", kwargs={"government": "kota-serang"}) in page.content.decode()
    )
