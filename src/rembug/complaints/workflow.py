"""The one transition table of a report, and who may take each step.

Actors: the *coordinator* (Admin Koordinator: the coordinator or administrator role), the *agency*
(Admin Penghubung: an officer of the agency the report is dispatched to), the *reporter* (the
signed-in reporter, or whoever holds the tracking code of a report made without an account) and
the *system* (auto-close, escalation).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rembug.complaints.models import Status

COORDINATOR = "coordinator"
AGENCY = "agency"
REPORTER = "reporter"
SYSTEM = "system"

ACTORS = frozenset({COORDINATOR, AGENCY, REPORTER, SYSTEM})

C = frozenset({COORDINATOR})
A = frozenset({AGENCY})
CA = frozenset({COORDINATOR, AGENCY})

# from status → {to status: actors allowed}
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    Status.SUBMITTED: {
        Status.VERIFIED: C,
        Status.NEEDS_INFO: C,
        Status.DUPLICATE: C,
        Status.FORWARDED: C,
        Status.ARCHIVED: frozenset({COORDINATOR, REPORTER}),
    },
    Status.VERIFIED: {
        Status.DISPATCHED: C,
        Status.ANSWERED: C,  # the coordinator may answer an information request directly
        Status.NEEDS_INFO: C,
        Status.DUPLICATE: C,
        Status.FORWARDED: C,
        Status.ARCHIVED: C,
    },
    Status.DISPATCHED: {
        Status.IN_PROGRESS: A,
        Status.ANSWERED: CA,
        Status.NEEDS_INFO: CA,
        Status.VERIFIED: CA,  # sent back to the coordinator (agency) or recalled (coordinator)
        Status.DISPATCHED: C,  # routed again to another agency
        Status.DUPLICATE: C,
        Status.FORWARDED: C,
        Status.ARCHIVED: C,
    },
    Status.IN_PROGRESS: {
        Status.ANSWERED: CA,
        Status.NEEDS_INFO: CA,
        Status.VERIFIED: CA,
        Status.DISPATCHED: C,
        Status.DUPLICATE: C,
        Status.ARCHIVED: C,
    },
    Status.NEEDS_INFO: {
        # The reporter's reply puts the report back where it was waiting.
        Status.SUBMITTED: frozenset({REPORTER, COORDINATOR}),
        Status.DISPATCHED: frozenset({REPORTER, COORDINATOR}),
        Status.ARCHIVED: frozenset({COORDINATOR, SYSTEM}),
    },
    Status.ANSWERED: {
        Status.CLOSED: frozenset({COORDINATOR, REPORTER, SYSTEM}),
        Status.REOPENED: frozenset({REPORTER, COORDINATOR}),
    },
    Status.REOPENED: {
        Status.IN_PROGRESS: A,
        Status.ANSWERED: CA,
        Status.VERIFIED: CA,
        Status.DISPATCHED: C,
        Status.CLOSED: C,
    },
    Status.CLOSED: {
        Status.REOPENED: C,
    },
    Status.DUPLICATE: {Status.VERIFIED: C},
    Status.FORWARDED: {Status.VERIFIED: C},
    Status.ARCHIVED: {Status.VERIFIED: C},
}


def allowed_targets(status: str, actors: frozenset[str]) -> list[str]:
    """The statuses these actors may move a report in ``status`` to."""
    return [to for to, who in TRANSITIONS.get(status, {}).items() if who & actors]


def transition_check(status: str, to: str, actors: frozenset[str]) -> str:
    """Raise 403 unless one of ``actors`` may move a report from ``status`` to ``to``; returns
    the actor that acts (the most specific one)."""
    allowed = TRANSITIONS.get(status, {}).get(to)
    if allowed is None:
        raise PermissionDenied(
            _("A report that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(status).label, "to": Status(to).label}
        )
    acting = allowed & actors
    if not acting:
        raise PermissionDenied(_("You may not take this step on this report."))
    for actor in (SYSTEM, AGENCY, REPORTER, COORDINATOR):
        if actor in acting:
            return actor
    raise AssertionError("unreachable")
