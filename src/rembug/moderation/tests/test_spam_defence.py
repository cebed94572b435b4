import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings

from rembug.moderation.checks import publish_check
from rembug.moderation.humans import HumanCheckForm, form_stamp
from rembug.moderation.ratelimit import rate_limit_check
from rembug.moderation.services import account_block, blocked_term_add


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _request(address="10.0.0.1"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


@override_settings(RATE_LIMITS={"report": "3/h"})
def test_it_limits_per_address_and_per_account(people):
    for _ in range(3):
        rate_limit_check(_request(), "report")
    with pytest.raises(ValidationError):
        rate_limit_check(_request(), "report")
    rate_limit_check(_request("10.0.0.2"), "report")  # another address has its own count
    for n in range(3):
        rate_limit_check(_request(f"10.0.1.{n}"), "report", user=people.resident)
    with pytest.raises(ValidationError):
        rate_limit_check(_request("10.0.2.1"), "report", user=people.resident)


def test_block_listed_words_and_links_are_refused(people):
    blocked_term_add(government=people.government, term="Judi", by=people.coordinator)
    blocked_term_add(government=people.government, term="slot88.example", by=people.coordinator)
    publish_check(government=people.government, user=None, texts=["Jalan rusak di Kasemen"])
    publish_check(government=people.government, user=None, texts=["perjudian"])  # whole words
    with pytest.raises(ValidationError):
        publish_check(government=people.government, user=None, texts=["ayo main judi"])
    with pytest.raises(ValidationError):
        publish_check(
            government=people.government, user=None, texts=["kunjungi https://slot88.example/x"]
        )
    # Another government's list does not apply.
    publish_check(government=people.other_government, user=None, texts=["ayo main judi"])


def test_a_blocked_account_cannot_publish(people):
    account_block(
        government=people.government, user=people.resident, by=people.coordinator, reason="spam"
    )
    with pytest.raises(ValidationError):
        publish_check(government=people.government, user=people.resident, texts=["halo"])
    publish_check(government=people.other_government, user=people.resident, texts=["halo"])


@override_settings(FORM_HUMAN_CHECK=True, FORM_MIN_SECONDS=3)
def test_the_honeypot_and_the_time_check_stop_bots(monkeypatch):
    assert not HumanCheckForm({"website": "", "form_started": form_stamp()}).is_valid()
    assert not HumanCheckForm({"website": "", "form_started": ""}).is_valid()
    assert not HumanCheckForm({"website": "", "form_started": "forged"}).is_valid()
    import time

    stamp = form_stamp()
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)
    assert HumanCheckForm({"website": "", "form_started": stamp}).is_valid()
    assert not HumanCheckForm({"website": "http://spam", "form_started": stamp}).is_valid()


@override_settings(FORM_HUMAN_CHECK=True, FORM_MIN_SECONDS=3)
def test_a_report_sent_at_once_is_refused_with_a_clear_message(client, people):
    from django.urls import reverse

    from rembug.complaints.models import Complaint

    url = reverse("complaints:new", kwargs={"government": "kota-serang"})
    response = client.post(
        url,
        {
            "title": "Lampu jalan mati",
            "text": "Lampu jalan di depan rumah mati sejak seminggu.",
            "classification": "pengaduan",
            "privacy": "publik",
            "website": "",
            "form_started": form_stamp(),
        },
    )
    assert response.status_code == 422
    assert "terlalu cepat" in response.content.decode()
    assert not Complaint.objects.exists()


@override_settings(RATE_LIMITS={"comment": "2/h"})
def test_statements_are_rate_limited_and_checked_against_the_block_list(client, people):
    from rembug.forums.models import Forum, Statement
    from rembug.forums.tests.factories import ForumFactory

    forum = ForumFactory(
        government=people.government, organiser=people.agency, phase=Forum.Phase.INPUT_OPEN
    )
    blocked_term_add(government=people.government, term="slot gacor", by=people.coordinator)
    client.force_login(people.stakeholder)
    url = f"/kota-serang/forum/{forum.pk}/pernyataan/"
    assert client.post(url, {"text": "Main slot gacor di balai warga"}).status_code == 422
    assert client.post(url, {"text": "Fiber optik sampai kelurahan"}).status_code == 302
    assert client.post(url, {"text": "Taman baca di tiap RW"}).status_code == 422
    assert list(Statement.objects.values_list("text", flat=True)) == [
        "Fiber optik sampai kelurahan"
    ]
