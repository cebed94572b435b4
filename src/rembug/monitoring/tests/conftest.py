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
