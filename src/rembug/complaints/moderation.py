"""Reports as content the moderation app (floor 2) can flag, hide and block."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from rembug.complaints.models import Complaint, Privacy, Status
from rembug.moderation.registry import ContentKind, content_kind_register


def _is_public(complaint: Complaint) -> bool:
    return (
        complaint.privacy in {Privacy.PUBLIC, Privacy.ANONYMOUS}
        and complaint.verified_at is not None
        and complaint.status != Status.ARCHIVED
    )


def _author_email(complaint: Complaint) -> str:
    if complaint.reporter_id and complaint.reporter and complaint.reporter.email:
        return str(complaint.reporter.email)
    return complaint.contact_email


def _by_author(government: Any, user: Any) -> Any:
    return Complaint.objects.filter(government=government, reporter=user)


def register() -> None:
    content_kind_register(
        ContentKind(
            key="complaint",
            model=Complaint,
            label=_("report"),
            title=lambda c: c.title,
            text=lambda c: f"{c.title}\n\n{c.text}",
            author_id=lambda c: c.reporter_id,
            author_email=_author_email,
            url=lambda c: c.get_absolute_url(),
            is_public=_is_public,
            by_author=_by_author,
        )
    )
