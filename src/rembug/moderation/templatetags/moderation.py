"""``{% load moderation %}`` for the pages of moderated content:

* ``{% moderation_of complaint as mod %}`` the item (or None) for one piece of content;
* ``{% moderation_notice complaint staff=access.is_staff %}`` the public notice in place of
  withheld content, the author's appeal link and everyone's "report this content" link;
* ``{% moderation_counts government "complaints.Complaint" as withheld %}`` for statistics.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps
from django.db import models

from rembug.moderation.access import is_moderator
from rembug.moderation.registry import content_kind_of
from rembug.moderation.selectors import item_of, withheld_counts

register = template.Library()


@register.simple_tag
def moderation_of(content: models.Model) -> Any:
    return item_of(content)


@register.inclusion_tag("moderation/_notice.html", takes_context=True)
def moderation_notice(
    context: template.Context, content: models.Model, staff: bool = False, mod: Any = None
) -> dict[str, Any]:
    kind = content_kind_of(content)
    item = mod if mod is not None else item_of(content)
    user = context.get("user")
    government = context.get("government")
    is_author = bool(
        item
        and item.author_id
        and getattr(user, "is_authenticated", False)
        and item.author_id == user.pk  # type: ignore[union-attr]
    )
    return {
        "item": item,
        "kind": kind,
        "content": content,
        "staff": staff,
        "is_author": is_author,
        "is_moderator": government is not None and is_moderator(user, government),
        "government": government,
    }


@register.simple_tag
def moderation_counts(government: Any, model_label: str) -> dict[str, int]:
    return withheld_counts(government, apps.get_model(model_label))


@register.inclusion_tag("moderation/_withheld_counts.html")
def moderation_withheld(government: Any, model_label: str, where: str = "list") -> dict[str, Any]:
    """A line under a public list or statistic: how many items moderation withholds, so that
    they are counted apart rather than silently dropped."""
    counts = withheld_counts(government, apps.get_model(model_label))
    return {"hidden": counts["hidden"], "blocked": counts["blocked"], "where": where}
