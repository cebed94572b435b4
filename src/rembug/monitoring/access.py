"""Who may read, enter, approve and reopen a Renja's quarterly realisation.

- Read: whoever may read the Renja (planning's rule: public from rancangan awal on).
- Enter (and submit): the officers of the Renja's agency, and the planner (Bappeda).
- Approve (or return with a reason) a submitted quarter: the head of the Renja's agency (Kepala
  Perangkat Daerah, ``Membership.is_head``). When the agency has no head designated, or the head
  entered and submitted the quarter themselves, the planner (Bappeda) approves *on the head's
  behalf*: the period's timeline and the audit trail say so, and the page tells who approves.
  Whoever submitted a quarter never approves it (nor does any other officer of the agency).
- Reopen a locked period: the coordinator (recorded in the audit trail).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from rembug.governments.access import Roles, agency_head, roles_for
from rembug.governments.models import Government, Membership, Role
from rembug.monitoring.models import ReportingPeriod
from rembug.planning.access import plan_document_get_for_user
from rembug.planning.models import DocumentKind, PlanDocument


def may_enter(held: Roles, document: PlanDocument) -> bool:
    if held.has(Role.PLANNER):
        return True
    return Role.AGENCY_OFFICER in held.roles and held.serves(document.agency_id or 0)


class Approver:
    """Who approves ``period`` and whether ``user`` is that person: ``as_head`` when they are
    the head of the agency, ``on_behalf`` when they are the planner standing in for a head who
    is missing (or who submitted the quarter themselves)."""

    def __init__(self, user: Any, held: Roles, period: ReportingPeriod, *, head: Any = ...) -> None:
        """``head``: the agency's head membership (or None) when the caller already has it."""
        agency_id = period.document.agency_id or 0
        if head is ...:
            head = agency_head(agency_id) if agency_id else None
        self.head: Membership | None = head
        head_submitted = self.head is not None and self.head.user_id == period.submitted_by_id
        self.planner_stands_in = self.head is None or head_submitted
        self.is_submitter = bool(
            period.submitted_by_id and period.submitted_by_id == getattr(user, "pk", None)
        )
        self.as_head = held.heads(agency_id) and not self.is_submitter
        self.on_behalf = (
            not self.as_head
            and not self.is_submitter
            and self.planner_stands_in
            and held.has(Role.PLANNER)
        )

    @property
    def allowed(self) -> bool:
        return self.as_head or self.on_behalf

    def refusal(self) -> str:
        if self.is_submitter:
            return _(
                "You submitted this quarter: you cannot approve or return your own submission."
            )
        if self.planner_stands_in:
            return _(
                "Only the head of the agency approves this quarter; as none is available, "
                "the planner approves on the head's behalf."
            )
        return _("Only the head of the agency approves or returns this quarter.")


def may_reopen(held: Roles) -> bool:
    return held.has(Role.COORDINATOR)


def renja_get_for_user(user: Any, government: Government, pk: int) -> PlanDocument:
    """A Renja the user may read; 404 for any other kind of document."""
    document = plan_document_get_for_user(user, government, pk)
    if document.kind != DocumentKind.RENJA:
        raise Http404(_("Realisation is reported on a Renja."))
    return document


def period_get_for_user(
    user: Any,
    government: Government,
    pk: int,
    *,
    enter: bool = False,
    approve: bool = False,
    reopen: bool = False,
) -> ReportingPeriod:
    """The reporting period ``pk``; 404 if absent or its Renja is hidden, 403 if the user may
    not ``enter`` realisation, ``approve`` (or return) it, or ``reopen`` it."""
    period = (
        ReportingPeriod.objects.filter(government=government, pk=pk)
        .select_related("document__government", "document__agency")
        .first()
    )
    if period is None:
        raise Http404(_("No such reporting period."))
    plan_document_get_for_user(user, government, period.document_id)
    held = roles_for(user, government)
    if enter and not may_enter(held, period.document):
        raise PermissionDenied(_("Only this agency's officers and the planner report realisation."))
    if approve:
        approver = Approver(user, held, period)
        if not approver.allowed:
            raise PermissionDenied(approver.refusal())
    if reopen and not may_reopen(held):
        raise PermissionDenied(_("Only the coordinator may reopen a locked period."))
    return period


def may_bind(held: Roles) -> bool:
    """Binding an indicator to a live metric: the planner (Bappeda) or the coordinator."""
    return held.has(Role.PLANNER) or held.has(Role.COORDINATOR)
