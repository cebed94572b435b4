"""Who may read, enter, approve and reopen a Renja's quarterly realisation.

- Read: whoever may read the Renja (planning's rule: public from rancangan awal on).
- Enter (and submit): the officers of the Renja's agency, and the planner (Bappeda).
- Approve (or return): standing in for the head of the agency, a *different* officer of the
  same agency than the one who submitted (four eyes), or the planner.
- Reopen a locked period: the coordinator (recorded in the audit trail).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from rembug.governments.access import Roles, roles_for
from rembug.governments.models import Government, Role
from rembug.monitoring.models import ReportingPeriod
from rembug.planning.access import plan_document_get_for_user
from rembug.planning.models import DocumentKind, PlanDocument


def may_enter(held: Roles, document: PlanDocument) -> bool:
    if held.has(Role.PLANNER):
        return True
    return Role.AGENCY_OFFICER in held.roles and held.serves(document.agency_id or 0)


def may_reopen(held: Roles) -> bool:
    return held.has(Role.COORDINATOR)


def renja_get_for_user(user: Any, government: Government, pk: int) -> PlanDocument:
    """A Renja the user may read; 404 for any other kind of document."""
    document = plan_document_get_for_user(user, government, pk)
    if document.kind != DocumentKind.RENJA:
        raise Http404(_("Realisation is reported on a Renja."))
    return document


def period_get_for_user(
    user: Any, government: Government, pk: int, *, enter: bool = False, reopen: bool = False
) -> ReportingPeriod:
    """The reporting period ``pk``; 404 if absent or its Renja is hidden, 403 if the user may
    not ``enter`` realisation (or approve) or ``reopen`` it."""
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
    if reopen and not may_reopen(held):
        raise PermissionDenied(_("Only the coordinator may reopen a locked period."))
    return period


def may_bind(held: Roles) -> bool:
    """Binding an indicator to a live metric: the planner (Bappeda) or the coordinator."""
    return held.has(Role.PLANNER) or held.has(Role.COORDINATOR)
