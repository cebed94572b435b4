"""Who may read, take part in and run a forum. Built on :func:`governments.access.roles_for`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from rembug.forums.models import Disposition, Forum, ForumInput, Participant
from rembug.governments.access import roles_for
from rembug.governments.models import Government, Role

# Roles that take part in any forum of their government; residents only where it is open to them.
PARTICIPANT_ROLES = (
    Role.STAKEHOLDER,
    Role.AGENCY_OFFICER,
    Role.COORDINATOR,
    Role.PLANNER,
    Role.ADMINISTRATOR,
)


def can_manage(user: Any, forum: Forum) -> bool:
    """Facilitators: coordinators, administrators and the organising agency's officers."""
    held = roles_for(user, forum.government)
    return held.has(Role.COORDINATOR, Role.ADMINISTRATOR) or held.serves(forum.organiser_id)


def can_dispose(user: Any, forum: Forum) -> bool:
    """Answering inputs is the facilitators' and Bappeda's planners' work."""
    return can_manage(user, forum) or roles_for(user, forum.government).has(Role.PLANNER)


def answers_visible(user: Any, forum: Forum) -> bool:
    """The answers (dispositions) are public once the results are published, all at once;
    until then only those who answer inputs see them, as drafts."""
    return forum.phase == Forum.Phase.PUBLISHED or can_dispose(user, forum)


def can_take_part(user: Any, forum: Forum) -> bool:
    if user is None or not user.is_authenticated:
        return False
    held = roles_for(user, forum.government)
    if held.has(*PARTICIPANT_ROLES):
        return True
    if forum.allow_public_input and held.has(Role.RESIDENT):
        return True
    return Participant.objects.filter(government=forum.government, forum=forum, user=user).exists()


def forum_get_for_user(
    user: Any,
    government: Government,
    pk: int,
    *,
    manage: bool = False,
    take_part: bool = False,
    dispose: bool = False,
) -> Forum:
    """A forum of ``government``. Forums are public to read; ``take_part`` needs a role there (or
    an invitation), ``manage`` a facilitator, ``dispose`` a facilitator or planner."""
    forum = (
        Forum.objects.filter(government=government, pk=pk)
        .select_related("government", "organiser", "region", "plan_document")
        .first()
    )
    if forum is None:
        raise Http404(_("No such forum."))
    if manage and not can_manage(user, forum):
        raise PermissionDenied(_("Only the forum's facilitators may do this."))
    if dispose and not can_dispose(user, forum):
        raise PermissionDenied(_("Only facilitators and planners answer inputs."))
    if take_part and not can_take_part(user, forum):
        raise PermissionDenied(_("You are not a participant of this forum."))
    return forum


def forum_input_get(forum: Forum, pk: int) -> ForumInput:
    """An input of ``forum`` (access to the forum decides access to its inputs)."""
    found = (
        ForumInput.objects.filter(government=forum.government, forum=forum, pk=pk)
        .select_related("target_agency", "kecamatan", "kelurahan")
        .prefetch_related(
            Prefetch(
                "dispositions",
                queryset=Disposition.objects.select_related(
                    "plan_item__document", "merged_into", "forwarded_to"
                ),
            )
        )
        .first()
    )
    if found is None:
        raise Http404(_("No such input."))
    found.forum = forum
    return found


def forum_create_check(user: Any, government: Government) -> list[int] | None:
    """Who may announce a forum: coordinators and administrators (for any organiser, returned as
    None) or an agency's officers (for their own agencies, whose ids are returned)."""
    held = roles_for(user, government)
    if held.has(Role.COORDINATOR, Role.ADMINISTRATOR):
        return None
    if held.agency_ids:
        return sorted(held.agency_ids)
    raise PermissionDenied(_("Only coordinators and agency officers announce forums."))
