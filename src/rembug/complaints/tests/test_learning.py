"""The routing model learns from the coordinator: feedback on every dispatch, retraining as a
background task after enough corrections, a gate against worse versions, the coordinator's page."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rembug.complaints import learning, services
from rembug.complaints.models import Status
from rembug.complaints.tests.factories import ComplaintFactory, verified
from rembug.triage.models import RoutingFeedback, TriageModel

pytestmark = pytest.mark.django_db

ROADS = [
    "Jalan berlubang besar di depan pasar, motor sering jatuh",
    "Aspal jalan rusak parah dan retak setelah hujan deras",
    "Jembatan kecil di kampung kami retak dan hampir ambruk",
    "Drainase jalan tersumbat sehingga jalan tergenang air",
    "Perbaikan jalan kampung yang rusak belum juga dikerjakan",
]
INTERNET = [
    "Wifi gratis di taman kota tidak bisa tersambung internet",
    "Situs web resmi pemkot tidak bisa diakses sejak kemarin",
    "Jaringan internet kantor kelurahan putus, layanan terhenti",
    "Aplikasi layanan online pemkot error saat login",
    "Menara BTS dekat rumah tidak memberi sinyal internet",
]


def routed_history(people, n_each=20):
    """``2 × n_each`` reports already routed: road reports to DPUPR, internet ones to Kominfo."""
    for i in range(n_each):
        for texts, agency in ((ROADS, people.agency_b), (INTERNET, people.agency)):
            ComplaintFactory(
                government=people.government,
                title=texts[i % len(texts)][:40],
                text=f"{texts[i % len(texts)]} (laporan {i})",
                status=Status.DISPATCHED,
                agency=agency,
                verified_at=timezone.now(),
                dispatched_at=timezone.now(),
            )


def road_report(people, i=0):
    return verified(
        government=people.government,
        title="Jalan rusak berlubang",
        text=f"Jalan aspal di RT {i} berlubang dan rusak parah, mohon diperbaiki.",
    )


def test_dispatch_records_whether_the_first_suggestion_was_taken(people):
    taken = road_report(people, 1)
    services.complaint_dispatch(complaint=taken, agency=people.agency_b, by=people.coordinator)
    corrected = road_report(people, 2)
    services.complaint_dispatch(complaint=corrected, agency=people.agency, by=people.coordinator)

    first, second = RoutingFeedback.objects.order_by("id")
    assert (first.subject, first.subject_id) == (learning.SUBJECT, taken.pk)
    assert first.suggested == people.agency_b == first.chosen
    assert first.model_version is None and 0 < first.confidence <= 1
    assert first.created_by == people.coordinator
    assert second.suggested == people.agency_b and second.chosen == people.agency


def test_enough_corrections_retrain_the_model_in_the_background(
    people, django_capture_on_commit_callbacks
):
    routed_history(people)
    for i in range(learning.RETRAIN_AFTER - 1):
        services.complaint_dispatch(
            complaint=road_report(people, i), agency=people.agency, by=people.coordinator
        )
    assert not TriageModel.objects.exists()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.complaint_dispatch(
            complaint=road_report(people, 99), agency=people.agency, by=people.coordinator
        )
    assert len(callbacks) >= 1
    model = TriageModel.objects.get(government=people.government)
    assert model.is_active and model.version == 1
    assert model.metrics["n_reports"] == 40 + learning.RETRAIN_AFTER
    assert model.metrics["n_agencies"] == 2


def test_a_government_with_too_little_history_keeps_the_seed_corpus(people):
    routed_history(people, n_each=5)
    outcome = learning.complaints_triage_retrain(government=people.government)
    assert not outcome.trained and "too few" in outcome.reason
    assert not TriageModel.objects.exists()


def test_a_worse_version_is_kept_but_not_activated(people):
    routed_history(people)
    first = learning.complaints_triage_retrain(government=people.government)
    assert first.activated and first.model is not None
    TriageModel.objects.filter(pk=first.model.pk).update(metrics={"cv_accuracy": 1.5})

    second = learning.complaints_triage_retrain(government=people.government)
    assert second.trained and not second.activated
    assert "kept version 1" in second.reason
    active = TriageModel.objects.get(government=people.government, is_active=True)
    assert active.version == 1
    assert TriageModel.objects.filter(government=people.government).count() == 2


def test_marked_duplicates_are_measured_against_the_similar_reports_lookup(people):
    original = road_report(people, 7)
    copy = verified(government=people.government, title=original.title, text=original.text)
    services.complaint_mark_duplicate(complaint=copy, original=original, by=people.coordinator)
    unrelated_original = verified(government=people.government, title="Wifi", text=INTERNET[0])
    unrelated = verified(
        government=people.government, title="Sampah", text="Tumpukan sampah di pinggir sungai."
    )
    services.complaint_mark_duplicate(
        complaint=unrelated, original=unrelated_original, by=people.coordinator
    )

    figures = learning.duplicate_mark_recall(people.government)
    assert figures == {"duplicate_marks": 2, "duplicate_recall_at_3": 0.5}


def test_the_retrain_command_retrains_only_governments_with_corrections(people):
    routed_history(people)
    out = io.StringIO()
    call_command("complaints", "retrain", stdout=out)
    assert out.getvalue() == ""
    call_command("complaints", "retrain", "--all", stdout=out)
    assert f"{people.government.slug}: version 1 active" in out.getvalue()


def test_the_coordinator_sees_versions_retrains_and_rolls_back(client, people):
    routed_history(people)
    url = reverse("complaints:routing", kwargs={"government": people.government.slug})
    client.force_login(people.coordinator)
    client.cookies["django_language"] = "en"
    assert b"No model has been trained yet" in client.get(url).content

    retrain = reverse("complaints:routing_retrain", kwargs={"government": people.government.slug})
    assert client.post(retrain).status_code == 302
    assert client.post(retrain).status_code == 302
    assert TriageModel.objects.get(is_active=True).version == 2

    page = client.get(url)
    assert page.status_code == 200
    assert [m.version for m, _feedback in page.context["versions"]] == [2, 1]

    activate = reverse(
        "complaints:routing_activate",
        kwargs={"government": people.government.slug, "version": 1},
    )
    assert client.post(activate).status_code == 302
    assert TriageModel.objects.get(is_active=True).version == 1


@pytest.mark.parametrize("who", ["officer", "planner", "resident", "outsider"])
def test_only_the_coordinator_manages_routing(client, people, who):
    client.force_login(getattr(people, who))
    slug = people.government.slug
    assert client.get(reverse("complaints:routing", kwargs={"government": slug})).status_code == 403
    retrain = reverse("complaints:routing_retrain", kwargs={"government": slug})
    assert client.post(retrain).status_code == 403
    assert not TriageModel.objects.exists()
