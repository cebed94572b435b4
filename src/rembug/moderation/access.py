"""Who moderates: a government's coordinators and administrators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from rembug.governments.access import roles_for
from rembug.governments.models import Government, Role
from rembug.moderation.models import ModeratedItem

MODERATOR_ROLES = (Role.COORDINATOR, Role.ADMINISTRATOR)


def is_moderator(user: Any, government: Government) -> bool:
    return roles_for(user, government).has(*MODERATOR_ROLES)


def moderator_require(user: Any, government: Government) -> None:
    if not is_moderator(user, government):
        raise PermissionDenied(_("Only the coordinator moderates content."))


def moderated_item_get_for_user(user: Any, government: Government, pk: int) -> ModeratedItem:
    """An item of ``government`` for its moderators: 404 if there is none, 403 for others."""
    item = (
        ModeratedItem.objects.filter(government=government, pk=pk)
        .select_related("author", "content_type")
        .first()
    )
    if item is None:
        raise Http404(_("No such item."))
    moderator_require(user, government)
    return item
