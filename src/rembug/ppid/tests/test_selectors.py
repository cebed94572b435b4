import datetime as dt

import pytest

from rembug.ppid import services
from rembug.ppid.models import RefusalGround, Status
from rembug.ppid.selectors import on_time_share, year_statistics, year_statistics_by_agency
from rembug.ppid.tests.factories import MONDAY, WIB, information_request
from rembug.ppid.workflow import PPID, REQUESTER

pytestmark = pytest.mark.django_db

P = frozenset({PPID})


def _answer(made, outcome=Status.GRANTED, days=1, ground=""):
    services.request_answer(
        request=made,
        outcome=outcome,
        answer="Jawaban tertulis",
        refusal_ground=ground,
        actors=P,
        by=None,
        at=made.submitted_at + dt.timedelta(days=days),
    )


@pytest.fixture
def year_of_requests(people):
    on_time = information_request(people.agency)
    _answer(on_time)
    late = information_request(people.agency)
    _answer(late, days=30)
    refused = information_request(people.agency_b)
    _answer(refused, outcome=Status.REFUSED, ground=RefusalGround.NOT_CONTROLLED)
    partly = information_request(people.agency_b)
    _answer(partly, outcome=Status.PARTLY_GRANTED, ground=RefusalGround.P17H)
    waiting = information_request(people.agency)
    services.request_extend(request=waiting, reason="Perlu dicari di arsip", actors=P, by=None)
    services.request_object(
        request=refused,
        reason="a",
        text="Keberatan",
        actors=frozenset({REQUESTER}),
        by=None,
        at=MONDAY + dt.timedelta(days=4),
    )
    return people


def test_year_statistics_count_each_outcome_and_ground(year_of_requests):
    stats = year_statistics(year_of_requests.government, 2025)
    assert (stats.received, stats.answered, stats.on_time) == (5, 4, 3)
    assert (stats.granted, stats.partly_granted, stats.refused) == (2, 1, 1)
    assert (stats.pending, stats.extended, stats.objections) == (1, 1, 1)
    assert dict(stats.refused_by_ground) == {
        str(RefusalGround.P17H.label): 1,
        str(RefusalGround.NOT_CONTROLLED.label): 1,
    }
    assert year_statistics(year_of_requests.government, 2024).received == 0
    assert year_statistics(year_of_requests.other_government, 2025).received == 0


def test_statistics_by_agency_follow_the_agency_order(year_of_requests):
    people = year_of_requests
    rows = year_statistics_by_agency(people.government, 2025, [people.agency_b, people.agency])
    assert [r.received for r in rows] == [2, 3]


def test_on_time_share_counts_answered_and_past_due_requests(year_of_requests):
    people = year_of_requests
    start = dt.datetime(2025, 1, 1, tzinfo=WIB)
    end = dt.datetime(2026, 1, 1, tzinfo=WIB)
    # The extended one is past due by now (2025 is long gone), so it counts as not on time.
    assert on_time_share(people.government, start=start, end=end) == pytest.approx(3 / 5)
    assert on_time_share(people.government, agency=people.agency_b, start=start, end=end) == 1.0
    before = dt.datetime(2025, 3, 4, tzinfo=WIB)
    assert on_time_share(people.government, start=start, end=end, now=before) == pytest.approx(
        3 / 4
    )
    assert on_time_share(people.other_government, start=start, end=end) is None
