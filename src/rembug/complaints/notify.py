"""Messages to reporters, sent after the transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rembug.complaints.access import COORDINATOR_ROLES
from rembug.complaints.models import Complaint
from rembug.governments.models import Government, Membership


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


def coordinator_addresses(government: Government) -> list[str]:
    """The e-mail addresses of the government's coordinators (and administrators)."""
    rows = (
        Membership.objects.filter(
            government=government, role__in=COORDINATOR_ROLES, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(set(rows))


def coordinators_notify_overdue(government: Government, complaints: list[Complaint]) -> None:
    """Tell the coordinators which reports have just become overdue (one message per run, not
    one per report), sent once the escalation commits. Agencies are not named to the reporter
    here: this goes to staff only, and lists report numbers and titles, never identities."""
    addresses = coordinator_addresses(government)
    if not complaints or not addresses:
        return
    queue = reverse("complaints:coordinator_queue", kwargs={"government": government.slug})
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    lines = []
    for complaint in complaints:
        path = reverse(
            "complaints:detail", kwargs={"government": government.slug, "pk": complaint.pk}
        )
        agency = complaint.agency.short_name if complaint.agency else "—"
        lines.append(f"#{complaint.pk} [{agency}] {complaint.title}\n  {site}{path}")
    subject = ngettext(
        "%(count)d report is overdue: escalated to the coordinator",
        "%(count)d reports are overdue: escalated to the coordinator",
        len(complaints),
    ) % {"count": len(complaints)}
    body = _(
        "These reports of %(government)s passed their service level and now wait in the "
        "coordinator's “Overdue” queue:\n\n%(reports)s\n\nThe queue: %(url)s"
    ) % {"government": government.name, "reports": "\n".join(lines), "url": f"{site}{queue}"}
    transaction.on_commit(lambda: send_mail(subject, body, None, addresses, fail_silently=True))
