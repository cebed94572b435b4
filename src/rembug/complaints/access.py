"""Who may see and work on a report. Used by the HTML views, htmx fragments and (later) the API.

* The coordinator (and administrator) sees everything, including an anonymous reporter's identity.
* Leadership reads every report's content, but not an anonymous reporter's identity.
* An agency officer sees the reports dispatched to their agency, never an anonymous identity.
* The reporter sees their own report (signed in, or by holding its tracking code).
* Everyone else sees public reports only: verified, not confidential, not archived.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from rembug.complaints.models import Complaint, Status, tracking_code_normalise
from rembug.complaints.workflow import AGENCY, COORDINATOR, REPORTER
from rembug.governments.access import roles_for
from rembug.governments.models import Government, Role

COORDINATOR_ROLES = (Role.COORDINATOR, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class ComplaintAccess:
    """What one person may do with one report."""

    actors: frozenset[str]
    sees_content: bool
    sees_identity: bool
    sees_internal: bool

    @property
    def is_coordinator(self) -> bool:
        return COORDINATOR in self.actors

    @property
    def is_agency(self) -> bool:
        return AGENCY in self.actors

    @property
    def is_reporter(self) -> bool:
        return REPORTER in self.actors

    @property
    def is_staff(self) -> bool:
        return self.is_coordinator or self.is_agency


def is_coordinator(user: Any, government: Government) -> bool:
    return roles_for(user, government).has(*COORDINATOR_ROLES)


def complaint_access(
    user: Any, complaint: Complaint, *, holds_code: bool = False
) -> ComplaintAccess:
    """The actors ``user`` counts as for ``complaint`` and what they may see. ``holds_code`` says
    the request came with the tracking code (the reporter of a report made without an account)."""
    held = roles_for(user, complaint.government)
    actors: set[str] = set()
    if held.has(*COORDINATOR_ROLES):
        actors.add(COORDINATOR)
    if complaint.agency_id and held.serves(complaint.agency_id):
        actors.add(AGENCY)
    is_own = bool(
        complaint.reporter_id
        and getattr(user, "is_authenticated", False)
        and complaint.reporter_id == user.pk
    )
    if is_own or (holds_code and not complaint.reporter_id):
        actors.add(REPORTER)
    reads_all = held.has(Role.LEADERSHIP, *COORDINATOR_ROLES)
    staff = bool(actors & {COORDINATOR, AGENCY}) or reads_all
    return ComplaintAccess(
        actors=frozenset(actors),
        sees_content=staff or bool(actors) or holds_code or not complaint.hides_content,
        sees_identity=COORDINATOR in actors or REPORTER in actors or not complaint.hides_identity,
        sees_internal=staff,
    )


def _is_public(complaint: Complaint) -> bool:
    return (
        not complaint.hides_content
        and complaint.verified_at is not None
        and complaint.status != Status.ARCHIVED
    )


def complaint_get_for_user(
    user: Any,
    government: Government,
    pk_or_code: int | str,
    *,
    write: bool = False,
) -> Complaint:
    """A report of ``government`` by id (an int) or by tracking code (a str), or 404.

    By id: staff see what their role allows, the reporter their own, everyone else public reports
    only. By code: whoever holds the code follows the report. ``write`` asks for the right to
    work on it (coordinator, the agency it is dispatched to, or the reporter): 403 otherwise.
    """
    queryset = Complaint.objects.filter(government=government).select_related(
        "government", "category", "agency", "kecamatan", "kelurahan", "reporter", "duplicate_of"
    )
    holds_code = isinstance(pk_or_code, str)
    if holds_code:
        complaint = queryset.filter(tracking_code=tracking_code_normalise(str(pk_or_code))).first()
    else:
        complaint = queryset.filter(pk=pk_or_code).first()
    if complaint is None:
        raise Http404(_("No such report."))
    access = complaint_access(user, complaint, holds_code=holds_code)
    held = roles_for(user, government)
    may_read = (
        holds_code
        or bool(access.actors)
        or held.has(Role.LEADERSHIP, *COORDINATOR_ROLES)
        or _is_public(complaint)
    )
    if not may_read:
        raise Http404(_("No such report."))
    if write and not access.actors:
        raise PermissionDenied(
            _("Only the coordinator, the agency handling it or the reporter may do this.")
        )
    complaint.access = access  # type: ignore[attr-defined]
    return complaint
