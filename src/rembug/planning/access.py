"""Who may read and change plan documents.

- Read: anyone, once a document has left the working draft (from rancangan awal on it is
  discussed in public forums); a working draft only the government's staff.
- Write (content, lifecycle, perubahan): the planner (Bappeda) for every document, and for a
  Renstra or Renja also the officers of its agency. Content of an adopted document is read-only
  until a perubahan is opened.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from rembug.governments.access import Roles, roles_for
from rembug.governments.models import Government, Role
from rembug.planning.models import PlanDocument, PlanItem


def may_author(held: Roles, document: PlanDocument) -> bool:
    """Whether ``held`` may write ``document`` (ignoring its state)."""
    if held.has(Role.PLANNER):
        return True
    return (
        document.agency_id is not None
        and Role.AGENCY_OFFICER in held.roles
        and held.serves(document.agency_id)
    )


def may_read(held: Roles, document: PlanDocument) -> bool:
    return document.is_public or held.is_staff


def _check(user: Any, document: PlanDocument, *, write: bool, author: bool) -> PlanDocument:
    held = roles_for(user, document.government)
    if not may_read(held, document):
        raise Http404(_("No such plan document."))
    if (write or author) and not may_author(held, document):
        raise PermissionDenied(
            _("Only the planner (Bappeda) and this agency's officers may change this plan.")
        )
    if write and document.is_frozen:
        raise PermissionDenied(
            _("This document is adopted and read-only. Open a perubahan (amendment) to change it.")
        )
    return document


def plan_document_get_for_user(
    user: Any, government: Government, pk: int, *, write: bool = False, author: bool = False
) -> PlanDocument:
    """The document ``pk`` of ``government``; 404 if absent or hidden, 403 if not allowed.

    ``write``: the user changes the content (needs authorship and an unfrozen document).
    ``author``: the user acts on the document as a whole (lifecycle, perubahan, new Renja),
    which is allowed on an adopted document too.
    """
    document = (
        PlanDocument.objects.filter(government=government, pk=pk)
        .select_related("government", "agency", "nomenclature_version", "based_on")
        .first()
    )
    if document is None:
        raise Http404(_("No such plan document."))
    return _check(user, document, write=write, author=author)


def plan_item_get_for_user(
    user: Any, government: Government, pk: int, *, write: bool = False
) -> PlanItem:
    """The item ``pk`` of ``government`` with its document, under the document's rules."""
    item = (
        PlanItem.objects.filter(government=government, pk=pk)
        .select_related(
            "document__government",
            "document__agency",
            "document__nomenclature_version",
            "nomenclature_item",
            "parent",
            "government",
        )
        .first()
    )
    if item is None:
        raise Http404(_("No such plan item."))
    _check(user, item.document, write=write, author=False)
    return item
