"""Background tasks of the forums app (Django's Tasks API; see settings.TASKS)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from rembug.forums.models import Disposition


@task()
def forum_proposers_notify(government_id: int, forum_id: int) -> int:
    """E-mail every proposer who left an address what became of their input, in one connection
    (a forum has thousands of inputs), in Indonesian; returns how many went. Queued when the
    forum publishes its results (``services.forum_phase_advance``)."""
    base = str(getattr(settings, "SITE_URL", "") or "").rstrip("/")
    answers = (
        Disposition.objects.filter(
            government_id=government_id, input__forum_id=forum_id, input__proposer_email__gt=""
        )
        .select_related("input", "input__forum", "input__government")
        .order_by("id")
    )
    messages = []
    with translation.override("id"):
        for disposition in answers.iterator(chunk_size=500):
            item = disposition.input
            subject = _("Your proposal “%(title)s” has been answered") % {"title": item.title}
            body = _(
                "Your proposal “%(title)s” at %(forum)s: %(outcome)s.\n%(reason)s\n\n"
                "See what became of it: %(url)s"
            ) % {
                "title": item.title,
                "forum": item.forum.title,
                "outcome": disposition.get_outcome_display(),
                "reason": disposition.reason,
                "url": f"{base}{item.get_absolute_url()}",
            }
            messages.append(
                EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [item.proposer_email])
            )
    if not messages:
        return 0
    return int(get_connection().send_messages(messages) or 0)
