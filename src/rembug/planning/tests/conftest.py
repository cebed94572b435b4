import pytest

from rembug.planning.tests.factories import Cascade, complete_renstra


@pytest.fixture
def cascade(people) -> Cascade:
    """A complete, passing RPJPD → RPJMD → Renstra of ``people.agency`` (Diskominfo)."""
    return complete_renstra(people.government, people.agency)
