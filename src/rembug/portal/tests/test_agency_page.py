import datetime as dt

import pytest
from django.utils import timezone

from rembug.complaints.models import ComplaintRating
from rembug.complaints.tests.factories import verified
from rembug.planning.models import DocumentKind, DocumentState
from rembug.planning.tests.factories import PlanDocumentFactory
from rembug.ppid.tests.factories import information_request
from rembug.testing.fixtures import assert_query_count_constant

pytestmark = pytest.mark.django_db

URL = "/kota-serang/perangkat-daerah/diskominfo/"


def _answered(people, hours):
    now = timezone.now()
    return verified(
        government=people.government,
        agency=people.agency,
        submitted_at=now - dt.timedelta(hours=hours + 1),
        first_answered_at=now - dt.timedelta(hours=1),
        due_at=now + dt.timedelta(days=1),
    )


def test_it_shows_plans_service_statistics_and_ppid(client, people):
    PlanDocumentFactory(
        government=people.government,
        agency=people.agency,
        kind=DocumentKind.RENSTRA,
        title="Renstra Diskominfo 2025–2029",
        state=DocumentState.DITETAPKAN,
    )
    PlanDocumentFactory(
        government=people.government,
        agency=people.agency,
        kind=DocumentKind.RENSTRA,
        title="Draf kerja Renstra",
    )
    first = _answered(people, 2)
    _answered(people, 4)
    _answered(people, 6)
    ComplaintRating.objects.create(
        government=people.government, complaint=first, agency=people.agency, score=4
    )
    information_request(people.agency)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Renstra Diskominfo 2025–2029" in response.text
    assert "Draf kerja Renstra" not in response.text
    service = response.context["service"]
    assert (service.received, service.answered) == (3, 3)
    assert service.median_hours_to_first_answer == pytest.approx(4, abs=0.01)
    assert service.within_service_level == 1.0
    assert service.satisfaction == 4.0
    assert response.context["ppid"].year == timezone.localdate().year
    assert 'href="/kota-serang/ppid/daftar-informasi/diskominfo/"' in response.text


def test_staff_see_draft_plans_and_the_edit_link(client, people):
    PlanDocumentFactory(
        government=people.government,
        agency=people.agency,
        kind=DocumentKind.RENSTRA,
        title="Draf kerja Renstra",
    )
    client.force_login(people.officer)
    response = client.get(URL)
    assert "Draf kerja Renstra" in response.text
    assert 'href="/kota-serang/perangkat-daerah/diskominfo/ubah/"' in response.text


def test_an_unknown_agency_is_404_and_post_is_refused(client, people):
    assert client.get("/kota-serang/perangkat-daerah/tidak-ada/").status_code == 404
    assert client.post(URL).status_code == 405
    assert client.get("/kota-tangerang-selatan/perangkat-daerah/diskominfo/").status_code == 404


def test_its_query_count_does_not_grow(client, people):
    def grow():
        for hours in (1, 2, 3):
            _answered(people, hours)
            information_request(people.agency)

    assert_query_count_constant(lambda: client.get(URL), grow, label="agency page")
