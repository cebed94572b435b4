"""Schemathesis over our own OpenAPI document: every operation, generated requests (about 100
spread so that over 1,000 run in all), no 5xx, every response conforming to the documented schema.

One test drives all operations so that the total can be asserted even when pytest-xdist spreads
tests over workers."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from rembug.complaints.tests.factories import CategoryFactory, serang_regions, verified
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.planning.tests.factories import complete_renstra

TOTAL_CASES = 1100  # spread evenly over the operations


@pytest.fixture
def seeded(people):
    regions = serang_regions()
    category = CategoryFactory(government=people.government, slug="jalan")
    for n in range(5):
        verified(
            government=people.government,
            category=category,
            agency=people.agency,
            kecamatan=regions["Kasemen"],
            verified_at=timezone.now(),
            title=f"Jalan rusak {n}",
        )
    version = NomenclatureVersion.objects.create(name="Permendagri 90/2019", code_format="2019")
    NomenclatureItem.objects.create(
        version=version, code="2.16", level="bidang_urusan", name="Kominfo"
    )
    cascade = complete_renstra(people.government, people.agency, subs=1)
    forum = ForumFactory(government=people.government, organiser=people.agency)
    ForumInputFactory(forum=forum, target_agency=people.agency)
    people.plan, people.forum = cascade.renstra, forum
    return people


@pytest.fixture
def connections_kept():
    """The real WSGI handler closes the database connection after each request, which would
    end the test's transaction on PostgreSQL; Django's own test client holds it open the same
    way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_answers_as_documented(seeded, connections_kept):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    counts: dict[str, list[int]] = {}
    operations = 0
    found = [result.ok() for result in schema.get_all_operations()]
    per_operation = -(-TOTAL_CASES // len(found))
    for operation in found:
        operations += 1
        counts.setdefault(operation.label, [])

        @given(case=operation.as_strategy())
        @settings(
            max_examples=per_operation,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            cache.clear()  # keep the write rate limit out of the way of generated POSTs
            # Valid-by-schema input can still name a category or region that does not exist:
            # a documented 422 is right there, so "positive data must be accepted" is not checked.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])
            counts[case.operation.label].append(1)

        run()
    total = sum(len(calls) for calls in counts.values())
    print(f"schemathesis: {total} cases over {operations} operations")
    assert operations >= 18
    assert total >= 1000, f"only {total} cases ran"
