"""Who may do what in a government: the one place that decides, for governments and agencies.

Every other resource's access helper builds on :func:`roles_for` and :func:`require_role`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from rembug.governments.models import Agency, Government, Membership, Role

STAFF_ROLES = frozenset(
    {Role.AGENCY_OFFICER, Role.COORDINATOR, Role.PLANNER, Role.LEADERSHIP, Role.ADMINISTRATOR}
)


@dataclass(frozen=True)
class Roles:
    """A user's roles in one government, the agencies they serve as officer, and those they
    head (Kepala Perangkat Daerah)."""

    roles: frozenset[str] = frozenset()
    agency_ids: frozenset[int] = frozenset()
    head_agency_ids: frozenset[int] = frozenset()
    is_superuser: bool = False
    institutions: tuple[str, ...] = field(default=())

    def has(self, *roles: str) -> bool:
        return self.is_superuser or bool(self.roles.intersection(roles))

    @property
    def is_staff(self) -> bool:
        return self.is_superuser or bool(self.roles & STAFF_ROLES)

    def serves(self, agency: Agency | int) -> bool:
        agency_id = agency if isinstance(agency, int) else agency.pk
        return self.is_superuser or agency_id in self.agency_ids

    def heads(self, agency: Agency | int) -> bool:
        """Whether the user is the head of ``agency``. A superuser is not: the head is a person
        the administrator designates, and what they sign is theirs alone."""
        agency_id = agency if isinstance(agency, int) else agency.pk
        return agency_id in self.head_agency_ids


def roles_for(user: Any, government: Government) -> Roles:
    """The user's roles in ``government``; cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return Roles()
    cache: dict[int, Roles] = user.__dict__.setdefault("_rembug_roles", {})
    if government.pk not in cache:
        memberships = list(
            Membership.objects.filter(user=user, government=government).values_list(
                "role", "agency_id", "institution", "is_head"
            )
        )
        cache[government.pk] = Roles(
            roles=frozenset(role for role, _agency, _inst, _head in memberships),
            agency_ids=frozenset(
                agency
                for role, agency, _inst, _head in memberships
                if role == Role.AGENCY_OFFICER and agency
            ),
            head_agency_ids=frozenset(
                agency
                for role, agency, _inst, head in memberships
                if role == Role.AGENCY_OFFICER and agency and head
            ),
            is_superuser=bool(user.is_superuser),
            institutions=tuple(inst for _role, _agency, inst, _head in memberships if inst),
        )
    return cache[government.pk]


def require_role(user: Any, government: Government, roles: Iterable[str]) -> Roles:
    """Raise 403 unless the user holds one of ``roles`` in ``government``."""
    held = roles_for(user, government)
    if not held.has(*roles):
        raise PermissionDenied(_("You do not have the role needed for this page."))
    return held


def government_get(slug: str) -> Government:
    found = Government.objects.select_related("region").filter(slug=slug, is_active=True).first()
    if found is None:
        raise Http404(_("No such government."))
    return found


def agency_get_for_user(
    user: Any, government: Government, slug: str, *, write: bool = False
) -> Agency:
    """An agency of ``government``. Anyone may read an active agency; writing needs the
    administrator or coordinator role, or the agency's own officer."""
    agency = Agency.objects.filter(government=government, slug=slug).first()
    if agency is None or (not agency.is_active and not roles_for(user, government).is_staff):
        raise Http404(_("No such agency."))
    if write:
        held = roles_for(user, government)
        if not (held.has(Role.ADMINISTRATOR, Role.COORDINATOR) or held.serves(agency)):
            raise PermissionDenied(
                _("Only this agency's officers and the coordinators may change it.")
            )
    return agency


def agency_head(agency: Agency | int) -> Membership | None:
    """The membership of the head of ``agency`` (Kepala Perangkat Daerah), if one is designated."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    return (
        Membership.objects.filter(agency_id=agency_id, is_head=True, role=Role.AGENCY_OFFICER)
        .select_related("user")
        .first()
    )


def can_read_audit(user: Any, government: Government) -> bool:
    return roles_for(user, government).has(Role.ADMINISTRATOR)
