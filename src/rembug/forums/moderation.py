"""Forum inputs and statements as content the moderation app (floor 2) can flag and hide."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rembug.forums.models import ForumInput, Statement
from rembug.moderation.registry import ContentKind, content_kind_register


def _input_email(item: ForumInput) -> str:
    if item.proposer_email:
        return item.proposer_email
    return str(item.proposer.email) if item.proposer_id and item.proposer else ""


def _statement_url(statement: Statement) -> str:
    slug = statement.government.slug
    return reverse("forums:detail", kwargs={"government": slug, "pk": statement.forum_id})


def _statement_email(statement: Statement) -> str:
    return str(statement.author.email) if statement.author_id and statement.author else ""


def _inputs_by(government: Any, user: Any) -> Any:
    return ForumInput.objects.filter(government=government, proposer=user)


def _statements_by(government: Any, user: Any) -> Any:
    return Statement.objects.filter(government=government, author=user)


def register() -> None:
    content_kind_register(
        ContentKind(
            key="forum_input",
            model=ForumInput,
            label=_("input (usulan)"),
            title=lambda i: i.title,
            text=lambda i: f"{i.title}\n\n{i.text}",
            author_id=lambda i: i.proposer_id,
            author_email=_input_email,
            url=lambda i: i.get_absolute_url(),
            is_public=lambda i: True,
            by_author=_inputs_by,
        )
    )
    content_kind_register(
        ContentKind(
            key="statement",
            model=Statement,
            label=_("statement"),
            title=lambda s: s.text[:80],
            text=lambda s: s.text,
            author_id=lambda s: s.author_id,
            author_email=_statement_email,
            url=_statement_url,
            is_public=lambda s: not s.is_moderated_out,
            by_author=_statements_by,
        )
    )
