"""The one transition table of an information request, and who may take each step.

Actors: the *ppid* (an officer of the agency asked), the *superior* (atasan PPID: the coordinator
or administrator role), the *requester* (the signed-in requester, or whoever holds the tracking
code). Time rules (an objection only after the answer or once its due time has passed, within 30
working days) are checked in ``ppid.services``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rembug.ppid.models import Status

PPID = "ppid"
SUPERIOR = "superior"
REQUESTER = "requester"

P = frozenset({PPID})
R = frozenset({REQUESTER})
S = frozenset({SUPERIOR})

TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    Status.SUBMITTED: {
        Status.EXTENDED: P,
        Status.GRANTED: P,
        Status.PARTLY_GRANTED: P,
        Status.REFUSED: P,
        Status.OBJECTED: R,  # no answer by the due time (Pasal 35 ayat 1 huruf c)
    },
    Status.EXTENDED: {
        Status.GRANTED: P,
        Status.PARTLY_GRANTED: P,
        Status.REFUSED: P,
        Status.OBJECTED: R,
    },
    Status.GRANTED: {Status.OBJECTED: R},
    Status.PARTLY_GRANTED: {Status.OBJECTED: R},
    Status.REFUSED: {Status.OBJECTED: R},
    Status.OBJECTED: {Status.OBJECTION_ANSWERED: S},
    Status.OBJECTION_ANSWERED: {},
}


def allowed_targets(status: str, actors: frozenset[str]) -> list[str]:
    return [to for to, who in TRANSITIONS.get(status, {}).items() if who & actors]


def transition_check(status: str, to: str, actors: frozenset[str]) -> str:
    """Raise 403 unless one of ``actors`` may move a request from ``status`` to ``to``; returns
    the actor that acts."""
    allowed = TRANSITIONS.get(status, {}).get(to)
    if allowed is None:
        raise PermissionDenied(
            _("A request that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(status).label, "to": Status(to).label}
        )
    acting = allowed & actors
    if not acting:
        raise PermissionDenied(_("You may not take this step on this request."))
    return sorted(acting)[0]
