import pytest

from rembug.planning.services import renja_create_from_renstra
from rembug.planning.tests.factories import Cascade, complete_renstra


@pytest.fixture
def cascade(people) -> Cascade:
    """A complete RPJPD → RPJMD → Renstra 2025–2029 of ``people.agency`` (Diskominfo)."""
    return complete_renstra(people.government, people.agency)


@pytest.fixture
def renja(cascade, people):
    """The Renja 2025 made from the cascade's Renstra (a working draft)."""
    return renja_create_from_renstra(renstra=cascade.renstra, year=2025, by=people.planner)


@pytest.fixture
def periods(renja):
    """The Renja's four quarters, open with deadlines a month ahead."""
    import datetime as dt

    from django.utils import timezone

    from rembug.monitoring.models import ReportingPeriod
    from rembug.monitoring.services import periods_ensure

    periods_ensure(document=renja)
    ReportingPeriod.objects.filter(document=renja).update(
        deadline=timezone.localdate() + dt.timedelta(days=30)
    )
    return list(ReportingPeriod.objects.filter(document=renja).order_by("quarter"))


@pytest.fixture
def renja_items(renja):
    """program, kegiatan and the sub kegiatan of the Renja, by kind."""
    from rembug.planning.models import PlanItem

    items = list(PlanItem.objects.filter(document=renja).order_by("id"))
    return {
        "program": next(i for i in items if i.kind == "program"),
        "kegiatan": next(i for i in items if i.kind == "kegiatan"),
        "subs": [i for i in items if i.kind == "sub_kegiatan"],
    }


@pytest.fixture
def head(people):
    """The head of ``people.agency`` (Kepala Perangkat Daerah): an officer of the agency."""
    from rembug.governments.models import Role
    from rembug.governments.services import membership_grant
    from rembug.testing.factories import UserFactory

    user = UserFactory(username="kepala", full_name="Kepala Dinas Kominfo")
    membership_grant(
        user=user,
        government=people.government,
        role=Role.AGENCY_OFFICER,
        agency=people.agency,
        is_head=True,
    )
    return user
