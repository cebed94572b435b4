"""Telling an author what happened to their content, and why (sent after the commit)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from rembug.moderation.models import Decision, ModeratedItem


def author_notify(*, item: ModeratedItem, decision: Decision, email: str, url: str) -> None:
    if not email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"item": item, "decision": decision, "url": url}
        subject = render_to_string("moderation/author_mail_subject.txt", context).strip()
        body = render_to_string("moderation/author_mail.txt", context)
    send_mail(subject, body, None, [email])
