import pytest

from rembug.forums.models import Forum
from rembug.forums.tests.factories import ForumFactory


@pytest.fixture
def forum(people):
    """An open Forum Renja of Kota Serang, organised by Diskominfo (``people.agency``)."""
    return ForumFactory(
        government=people.government,
        organiser=people.agency,
        phase=Forum.Phase.INPUT_OPEN,
        title="Forum Perangkat Daerah Diskominfo 2022",
    )


def login(client, people, who):
    user = people.all_roles()[who]
    if user is not None:
        client.force_login(user)
    return user
