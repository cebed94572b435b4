import json

import pytest
from django.core import mail
from django.urls import reverse

from rembug.moderation.models import Appeal, BlockedTerm, ModeratedItem, ModerationPolicy, State
from rembug.moderation.services import content_flag, content_moderate


def _url(name, people, **kwargs):
    return reverse(f"moderation:{name}", kwargs={"government": people.government.slug, **kwargs})


def test_it_lets_anyone_flag_a_public_report(client, people, report):
    url = _url("flag", people, kind="complaint", pk=report.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 302
    assert ModeratedItem.objects.get().flag_count == 1
    again = client.post(url, {"reason": "spam"})
    assert again.status_code == 422
    assert ModeratedItem.objects.get().flag_count == 1


def test_flagging_needs_a_reason_and_known_content(client, people, report):
    url = _url("flag", people, kind="complaint", pk=report.pk)
    assert client.post(url, {"reason": ""}).status_code == 422
    assert client.get(_url("flag", people, kind="nothing", pk=report.pk)).status_code == 404
    other = _url("flag", people, kind="complaint", pk=report.pk + 999)
    assert client.get(other).status_code == 404
    assert not ModeratedItem.objects.exists()


def test_the_queue_is_for_moderators_only(client, people, report):
    url = _url("queue", people)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for user in (people.resident, people.officer, people.leadership, people.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(people.coordinator)
    assert client.get(url).status_code == 200


def test_the_queue_lists_hidden_items_with_their_history(client, people, report):
    content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason="sara",
    )
    client.force_login(people.coordinator)
    page = client.get(_url("queue", people) + "?tab=hidden").content.decode()
    assert report.title in page
    item = ModeratedItem.objects.get()
    detail = client.get(_url("item", people, pk=item.pk)).content.decode()
    assert "3673012501850003" in detail  # the moderator reads the original
    assert "SARA" in detail


def test_a_moderator_restores_and_the_author_is_told(
    client, people, report, django_capture_on_commit_callbacks
):
    item = content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason="spam",
    )
    mail.outbox.clear()
    client.force_login(people.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("decide", people, pk=item.pk), {"to": "visible"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.VISIBLE
    assert len(mail.outbox) == 1
    assert "tampil kembali" in mail.outbox[0].body


def test_a_decision_from_another_government_or_a_bad_one_changes_nothing(client, people, report):
    item = content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason="spam",
    )
    client.force_login(people.coordinator)
    assert client.post(_url("decide", people, pk=item.pk), {"to": "blocked"}).status_code == 422
    assert client.get(_url("decide", people, pk=item.pk)).status_code == 405
    other = reverse(
        "moderation:item", kwargs={"government": people.other_government.slug, "pk": item.pk}
    )
    assert client.get(other).status_code == 404
    item.refresh_from_db()
    assert item.state == State.HIDDEN


def test_the_public_sees_a_notice_the_agency_the_report(client, people, report):
    content_moderate(
        government=people.government,
        content=report,
        to=State.BLOCKED,
        by=people.coordinator,
        reason="abuse",
    )
    public = client.get(report.get_absolute_url()).content.decode()
    assert "Konten diblokir" in public
    assert "Jalan berlubang dekat rumah" not in public
    listing = client.get(reverse("complaints:list", kwargs={"government": "kota-serang"}))
    assert report.title not in listing.content.decode()
    client.force_login(people.officer)
    handled = client.get(report.get_absolute_url()).content.decode()
    assert "3673012501850003" in handled


def test_public_pages_and_the_api_mask_personal_data(client, people, report):
    page = client.get(report.get_absolute_url()).content.decode()
    assert "3673012501850003" not in page
    assert "081234567890" not in page
    assert "NIK/KK disembunyikan" in page
    api = client.get(f"/api/v1/governments/kota-serang/reports/{report.pk}").json()
    assert "3673012501850003" not in api["text"]
    open311 = client.get(
        f"/open311/v2/requests/{report.pk}.json", {"jurisdiction_id": people.government.code}
    )
    assert open311.status_code == 200
    assert "081234567890" not in open311.content.decode()
    client.force_login(people.coordinator)
    assert "3673012501850003" in client.get(report.get_absolute_url()).content.decode()


def test_the_author_appeals_once(client, people, report):
    item = content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason="off_topic",
    )
    url = _url("appeal", people, pk=item.pk)
    client.force_login(people.officer)
    assert client.get(url).status_code == 404
    client.force_login(people.resident)
    assert "Ajukan banding" in client.get(report.get_absolute_url()).content.decode()
    assert client.post(url, {"text": "Laporan saya sesuai topik."}).status_code == 302
    assert client.post(url, {"text": "Lagi"}).status_code == 422
    assert Appeal.objects.count() == 1
    client.force_login(people.coordinator)
    queue = client.get(_url("queue", people) + "?tab=appeals").content.decode()
    assert report.title in queue


def test_the_moderator_sets_the_threshold_and_the_block_list(client, people):
    client.force_login(people.coordinator)
    url = _url("settings", people)
    assert client.get(url).status_code == 200
    assert client.post(url, {"hide_after_flags": "5"}).status_code == 302
    assert ModerationPolicy.objects.get().hide_after_flags == 5
    assert client.post(url, {"hide_after_flags": "0"}).status_code == 422
    assert client.post(url, {"term": "judi-online.example"}).status_code == 302
    assert BlockedTerm.objects.get().term == "judi-online.example"
    client.force_login(people.resident)
    assert client.post(url, {"term": "lain"}).status_code == 403


def test_blocking_a_spam_account_from_the_queue(client, people, report):
    item = content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason="spam",
    )
    client.force_login(people.coordinator)
    response = client.post(
        _url("account_block", people, pk=item.pk), {"reason": "spam", "remove_content": "on"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.BLOCKED


def test_the_preview_masks_what_is_being_written(client, people):
    response = client.post(_url("pii_preview", people), {"text": "WA saya 0812-3456-7890"})
    data = json.loads(response.content)
    assert data["found"] == 1
    assert "0812" not in data["masked"]
    assert client.get(_url("pii_preview", people)).status_code == 405


@pytest.mark.parametrize("url_name", ["complaints:new"])
def test_the_report_form_says_numbers_will_be_hidden(client, people, url_name):
    page = client.get(reverse(url_name, kwargs={"government": "kota-serang"})).content.decode()
    assert "data-pii-preview" in page
    assert "pii-preview.js" in page
    assert 'name="website"' in page


def test_public_lists_and_statistics_count_withheld_reports_apart(client, people, report):
    content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason="spam",
    )
    listing = client.get(reverse("complaints:list", kwargs={"government": "kota-serang"}))
    text = listing.content.decode()
    assert report.title not in text
    assert "1 disembunyikan" in text
    statistics = client.get(reverse("complaints:statistics", kwargs={"government": "kota-serang"}))
    assert "Angka ini termasuk 1" in statistics.content.decode()


def test_a_hidden_report_stays_in_its_agency_queue(client, people, report):
    from rembug.complaints.models import Status

    report.status = Status.DISPATCHED
    report.save()
    content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason="spam",
    )
    client.force_login(people.officer)
    queue = client.get(reverse("complaints:agency_queue", kwargs={"government": "kota-serang"}))
    assert report.title in queue.content.decode()


def test_the_queue_query_count_does_not_grow_with_items(client, people, flaggers):
    from rembug.complaints.tests.factories import verified
    from rembug.testing.fixtures import assert_query_count_constant

    def grow():
        for n in range(3):
            report = verified(government=people.government, title=f"Laporan ramai {n}")
            for user in flaggers[:2]:
                content_flag(
                    government=people.government,
                    content=report,
                    reason="spam",
                    by=user,
                    address="",
                )

    grow()
    client.force_login(people.coordinator)
    url = _url("queue", people)
    assert_query_count_constant(lambda: client.get(url), grow, label="moderation queue")


def test_an_empty_appeal_or_signup_is_refused(client, people, report):
    item = content_moderate(
        government=people.government,
        content=report,
        to=State.HIDDEN,
        by=people.coordinator,
        reason="spam",
    )
    client.force_login(people.resident)
    assert client.post(_url("appeal", people, pk=item.pk), {}).status_code == 422
    assert not Appeal.objects.exists()
    client.logout()
    assert client.post(reverse("signup:start"), {}).status_code == 422
