"""Standing people for every role, so that every test can check access.

``people.officer`` serves ``people.agency``; ``people.officer_b`` serves ``people.agency_b``;
``people.outsider`` is an administrator of another government.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

if TYPE_CHECKING:
    from rembug.governments.models import Agency, Government

__all__ = [
    "People",
    "_fast_password_hashing",
    "assert_query_count_constant",
    "count_queries",
    "government",
    "other_government",
    "password",
    "people",
    "two_factor_code",
]

# The standing coordinator and administrators are enrolled in two-step sign-in with this secret
# (their role requires it); ``two_factor_code(user)`` gives a code the login page accepts.
TWO_FACTOR_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"


@dataclass
class People:
    government: Government
    other_government: Government
    agency: Agency
    agency_b: Agency
    resident: Any
    stakeholder: Any
    officer: Any
    officer_b: Any
    coordinator: Any
    planner: Any
    leadership: Any
    administrator: Any
    outsider: Any

    def all_roles(self) -> dict[str, Any]:
        """Every standing user by name, plus ``anonymous`` as None."""
        return {
            "anonymous": None,
            "resident": self.resident,
            "stakeholder": self.stakeholder,
            "officer": self.officer,
            "officer_b": self.officer_b,
            "coordinator": self.coordinator,
            "planner": self.planner,
            "leadership": self.leadership,
            "administrator": self.administrator,
            "outsider": self.outsider,
        }


@pytest.fixture
def password() -> str:
    from rembug.testing.factories import PASSWORD

    return PASSWORD


@pytest.fixture
def government(db: Any) -> Government:
    from rembug.testing.factories import GovernmentFactory

    return GovernmentFactory(
        slug="kota-serang", code="36.73", region_name="Kota Serang", name="Pemerintah Kota Serang"
    )


@pytest.fixture
def other_government(db: Any) -> Government:
    from rembug.testing.factories import GovernmentFactory

    return GovernmentFactory(
        slug="kota-tangerang-selatan",
        code="36.74",
        region_name="Kota Tangerang Selatan",
        name="Pemerintah Kota Tangerang Selatan",
    )


@pytest.fixture
def people(government: Government, other_government: Government) -> People:
    from rembug.governments.models import Role
    from rembug.testing.factories import AgencyFactory, MembershipFactory, UserFactory

    agency = AgencyFactory(
        government=government,
        name="Dinas Komunikasi dan Informatika",
        short_name="Diskominfo",
        slug="diskominfo",
        urusan_codes=["2.16", "2.20", "2.21"],
    )
    agency_b = AgencyFactory(
        government=government,
        name="Dinas Pekerjaan Umum dan Penataan Ruang",
        short_name="DPUPR",
        slug="dpupr",
        urusan_codes=["1.03"],
    )

    def member(
        username: str, role: str, gov: Government = government, agency: Agency | None = None
    ) -> Any:
        user = UserFactory(username=username)
        MembershipFactory(user=user, government=gov, role=role, agency=agency)
        return user

    def enrolled(user: Any) -> Any:
        from rembug.accounts.two_factor import two_factor_enrol_with_secret

        two_factor_enrol_with_secret(user=user, secret=TWO_FACTOR_SECRET)
        return user

    return People(
        government=government,
        other_government=other_government,
        agency=agency,
        agency_b=agency_b,
        resident=member("warga", Role.RESIDENT),
        stakeholder=member("pemangku", Role.STAKEHOLDER),
        officer=member("petugas", Role.AGENCY_OFFICER, agency=agency),
        officer_b=member("petugas_b", Role.AGENCY_OFFICER, agency=agency_b),
        coordinator=enrolled(member("koordinator", Role.COORDINATOR)),
        planner=member("perencana", Role.PLANNER),
        leadership=member("pimpinan", Role.LEADERSHIP),
        administrator=enrolled(member("admin_pemda", Role.ADMINISTRATOR)),
        outsider=enrolled(member("admin_lain", Role.ADMINISTRATOR, gov=other_government)),
    )


def two_factor_code(user: Any) -> str:
    """A code for ``user``'s authenticator that has not been used yet (a used one is refused)."""
    import time

    from rembug.accounts.models import TwoFactor
    from rembug.accounts.totp import DRIFT_STEPS, hotp, step_at

    device = TwoFactor.objects.get(user=user)
    step = max(step_at(), device.last_step + 1)
    while step > step_at() + DRIFT_STEPS:
        time.sleep(1)
    return hotp(device.secret, step)


@contextmanager
def count_queries() -> Iterator[CaptureQueriesContext]:
    """``with count_queries() as ctx: ...``; then ``len(ctx)`` is the number of SQL queries."""
    with CaptureQueriesContext(connection) as context:
        yield context


def assert_query_count_constant(
    measure: Callable[[], Any], grow: Callable[[], Any], *, label: str = ""
) -> int:
    """Run ``measure`` once, ``grow`` the data, run it again: the query count must not change.
    Returns the count. Use it for every list page (N+1 guard)."""
    measure()  # warm caches (content types, sessions) so they do not skew the first count
    with count_queries() as before:
        measure()
    grow()
    with count_queries() as after:
        measure()
    assert len(after) == len(before), (
        f"{label} ran {len(before)} queries before and {len(after)} after the data grew:\n"
        + "\n".join(q["sql"][:200] for q in after.captured_queries)
    )
    return len(after)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is the production hasher (tested apart); tests hash thousands of passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
