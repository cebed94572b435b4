"""Messages to reporters, sent after the transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from rembug.complaints.models import Complaint


def tracking_url(complaint: Complaint) -> str:
    path = reverse(
        "complaints:track",
        kwargs={"government": complaint.government.slug, "code": complaint.tracking_code},
    )
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def tracking_code_send(complaint: Complaint) -> None:
    """E-mail the tracking code to the reporter's address, once the report is stored."""
    address = complaint.contact_email
    if not address:
        return
    subject = _("Your report %(code)s") % {"code": complaint.tracking_code}
    body = _(
        "Thank you for your report “%(title)s” to %(government)s.\n\n"
        "Your tracking code: %(code)s\n"
        "Follow the report here: %(url)s\n\n"
        "Keep this code: whoever holds it can follow and answer for the report."
    ) % {
        "title": complaint.title,
        "government": complaint.government.name,
        "code": complaint.tracking_code,
        "url": tracking_url(complaint),
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))


def reporter_address(complaint: Complaint) -> str:
    if complaint.contact_email:
        return complaint.contact_email
    reporter = complaint.reporter if complaint.reporter_id else None
    return str(getattr(reporter, "email", "") or "")


def reporter_notify(complaint: Complaint, *, what: str, text: str) -> None:
    """Tell the reporter (if we have an address) that their report moved: answered, or
    information is needed. Sent once the transaction commits."""
    address = reporter_address(complaint)
    if not address:
        return
    subject = _("Your report %(code)s: %(what)s") % {"code": complaint.tracking_code, "what": what}
    body = _("%(what)s\n\n%(text)s\n\nFollow the report and reply here: %(url)s") % {
        "what": what,
        "text": text,
        "url": tracking_url(complaint),
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))
