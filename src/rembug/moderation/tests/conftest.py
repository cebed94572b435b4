import pytest

from rembug.complaints.tests.factories import verified


@pytest.fixture
def report(people):
    """A public report by the resident, with a NIK and a phone number in it."""
    return verified(
        government=people.government,
        reporter=people.resident,
        title="Jalan berlubang di Kasemen",
        text="Jalan berlubang dekat rumah saya, NIK 3673012501850003, hp 081234567890.",
        agency=people.agency,
    )


@pytest.fixture
def flaggers(people):
    from rembug.testing.factories import UserFactory

    return [UserFactory(username=f"penanda{n}") for n in range(5)]
