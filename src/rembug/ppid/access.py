"""Who may see and work on an information request.

* The agency's PPID (its officers) sees and answers the requests made to the agency.
* The superior (coordinator or administrator) sees every request and answers objections.
* Leadership reads every request, without the requester's identity.
* The requester sees their own request (signed in, or holding its tracking code).
* Everyone else sees the public register only: no detail page, no personal data.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from rembug.governments.access import roles_for
from rembug.governments.models import Government, Role
from rembug.ppid.models import InformationRequest, tracking_code_normalise
from rembug.ppid.workflow import PPID, REQUESTER, SUPERIOR

SUPERIOR_ROLES = (Role.COORDINATOR, Role.ADMINISTRATOR)


def request_actors(
    user: Any, request: InformationRequest, *, holds_code: bool = False
) -> frozenset[str]:
    held = roles_for(user, request.government)
    actors: set[str] = set()
    if held.serves(request.agency_id):
        actors.add(PPID)
    if held.has(*SUPERIOR_ROLES):
        actors.add(SUPERIOR)
    own = bool(
        request.requester_id
        and getattr(user, "is_authenticated", False)
        and request.requester_id == user.pk
    )
    if own or holds_code:
        actors.add(REQUESTER)
    return frozenset(actors)


def sees_identity(actors: frozenset[str]) -> bool:
    return bool(actors & {PPID, SUPERIOR, REQUESTER})


def request_get_for_user(
    user: Any, government: Government, pk_or_code: int | str
) -> tuple[InformationRequest, frozenset[str]]:
    """A request of ``government`` by id (staff, its signed-in requester) or by tracking code
    (whoever holds it), with the actors the user counts as; 404 if unknown, 403 if not theirs."""
    queryset = InformationRequest.objects.filter(government=government).select_related(
        "government", "agency", "requester"
    )
    holds_code = isinstance(pk_or_code, str)
    if holds_code:
        found = queryset.filter(tracking_code=tracking_code_normalise(str(pk_or_code))).first()
    else:
        found = queryset.filter(pk=pk_or_code).first()
    if found is None:
        raise Http404(_("No such information request."))
    actors = request_actors(user, found, holds_code=holds_code)
    if not actors and not roles_for(user, government).has(Role.LEADERSHIP):
        raise PermissionDenied(_("Only the requester and the agency's PPID may open this request."))
    return found, actors


def may_keep_list(user: Any, government: Government, agency_id: int) -> bool:
    """May maintain the agency's Daftar Informasi Publik: its PPID or the superior."""
    held = roles_for(user, government)
    return held.serves(agency_id) or held.has(*SUPERIOR_ROLES)


def require_list_keeper(user: Any, government: Government, agency_id: int) -> None:
    if not may_keep_list(user, government, agency_id):
        raise PermissionDenied(
            _("Only the agency's PPID and the coordinators may change its list of information.")
        )
