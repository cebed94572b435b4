"""E-mails of the PPID module, written in Indonesian and sent by a background task once the step
that caused them has committed (never inside the request).

The requester hears of every step of their request when they gave an e-mail address (or asked
while signed in): its registration with the tracking code, an extension with its reason and new
due date, the answer (a refusal with its legal ground), and the outcome of an objection. The
agency's PPID officers hear of a new request and of a new objection; the superiors (coordinators,
administrators) of a new objection too, since they answer it.

Staff messages carry no identity of the requester: an e-mail is forwarded and kept where the
register's rules do not reach; the officer reads the identity on the request's page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from rembug.core.calendar import WorkingCalendar
from rembug.governments.models import Membership, Role
from rembug.ppid.models import InformationRequest, Status

REGISTERED = "registered"
EXTENDED = "extended"
ANSWERED = "answered"
OBJECTION_ANSWERED = "objection_answered"
NEW_REQUEST = "new_request"
NEW_OBJECTION = "new_objection"
EVENTS = (REGISTERED, EXTENDED, ANSWERED, OBJECTION_ANSWERED, NEW_REQUEST, NEW_OBJECTION)

# After the superior's answer a dispute goes to the Komisi Informasi (UU 14/2008 Pasal 37).
DISPUTE_DAYS = 14


def site_base(site: str = "") -> str:
    """The address links start with: ``settings.SITE_URL`` when set, else the one given (the
    address of the request that queued the e-mail)."""
    return (getattr(settings, "SITE_URL", "") or site).rstrip("/")


def notify_later(request: InformationRequest, event: str, *, site: str = "") -> None:
    """Queue the e-mails of ``event`` once the current transaction commits."""
    from rembug.ppid.tasks import ppid_notify

    assert event in EVENTS, event
    request_id, base = request.pk, site_base(site)
    transaction.on_commit(
        lambda: ppid_notify.enqueue(request_id=request_id, event=event, site=base)
    )


def _day(request: InformationRequest, moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    local = WorkingCalendar.for_government(request.government).local_date(moment)
    return formats.date_format(local, "j F Y")


def _track_url(request: InformationRequest, base: str) -> str:
    path = reverse(
        "ppid:track",
        kwargs={"government": request.government.slug, "code": request.tracking_code},
    )
    return f"{base}{path}"


def _staff_url(request: InformationRequest, base: str) -> str:
    return f"{base}{request.get_absolute_url()}"


def requester_address(request: InformationRequest) -> str:
    if request.email:
        return request.email
    return str(getattr(request.requester, "email", "") or "") if request.requester_id else ""


def _officer_addresses(request: InformationRequest, *, superiors: bool) -> list[str]:
    """The agency's PPID officers (and, with ``superiors``, the coordinators and
    administrators), active accounts with an address, each once."""
    officers = Membership.objects.filter(
        government_id=request.government_id, role=Role.AGENCY_OFFICER, agency_id=request.agency_id
    )
    if superiors:
        officers = officers | Membership.objects.filter(
            government_id=request.government_id,
            role__in=[Role.COORDINATOR, Role.ADMINISTRATOR],
        )
    emails = officers.filter(user__is_active=True, user__email__gt="").values_list(
        "user__email", flat=True
    )
    return sorted(set(emails))


def _objection_until(request: InformationRequest) -> str:
    from rembug.ppid.services import objection_window_end

    return _day(request, objection_window_end(request))


def _registered(request: InformationRequest, base: str) -> tuple[str, str]:
    subject = _("Information request %(code)s received") % {"code": request.tracking_code}
    body = _(
        "Your request for information to %(agency)s (%(government)s) has been received.\n\n"
        "Information requested: %(information)s\n\n"
        "Tracking code: %(code)s\n"
        "The PPID answers in writing by %(due)s at the latest (10 working days; the time may be "
        "extended once, by 7 working days, with a written reason).\n\n"
        "Follow the request here: %(url)s\n\n"
        "Keep this code: whoever holds it can follow the request and object to its answer."
    ) % {
        "agency": request.agency.name,
        "government": request.government.name,
        "information": request.information,
        "code": request.tracking_code,
        "due": _day(request, request.due_at),
        "url": _track_url(request, base),
    }
    return subject, body


def _extended(request: InformationRequest, base: str) -> tuple[str, str]:
    subject = _("Information request %(code)s: the time to answer is extended") % {
        "code": request.tracking_code
    }
    body = _(
        "The PPID of %(agency)s has extended the time to answer your request %(code)s by 7 "
        "working days.\n\n"
        "Reason: %(reason)s\n\n"
        "New due date: %(due)s\n\n"
        "Follow the request here: %(url)s"
    ) % {
        "agency": request.agency.name,
        "code": request.tracking_code,
        "reason": request.extension_reason,
        "due": _day(request, request.due_at),
        "url": _track_url(request, base),
    }
    return subject, body


def _answered(request: InformationRequest, base: str) -> tuple[str, str]:
    values = {
        "agency": request.agency.name,
        "code": request.tracking_code,
        "outcome": Status(request.outcome).label,
        "answer": request.answer,
        "ground": request.get_refusal_ground_display(),
        "until": _objection_until(request),
        "url": _track_url(request, base),
    }
    if request.outcome == Status.REFUSED:
        subject = _("Information request %(code)s is refused") % values
        body = (
            _(
                "The PPID of %(agency)s has refused your request %(code)s.\n\n"
                "Legal ground: %(ground)s\n\n"
                "Answer: %(answer)s\n\n"
                "If you disagree you may object (keberatan) to the PPID's superior until %(until)s "
                "(30 working days, UU 14/2008 Pasal 35–36), on the request's page: %(url)s"
            )
            % values
        )
    elif request.outcome == Status.PARTLY_GRANTED:
        subject = _("Information request %(code)s is partly granted") % values
        body = (
            _(
                "The PPID of %(agency)s has answered your request %(code)s: %(outcome)s.\n\n"
                "Answer: %(answer)s\n\n"
                "Legal ground for what is withheld: %(ground)s\n\n"
                "If you disagree you may object (keberatan) to the PPID's superior until %(until)s "
                "(30 working days, UU 14/2008 Pasal 35–36), on the request's page: %(url)s"
            )
            % values
        )
    else:
        subject = _("Information request %(code)s is answered") % values
        body = (
            _(
                "The PPID of %(agency)s has answered your request %(code)s: %(outcome)s.\n\n"
                "Answer: %(answer)s\n\n"
                "If the answer is not what you asked for you may object (keberatan) to the PPID's "
                "superior until %(until)s, on the request's page: %(url)s"
            )
            % values
        )
    return subject, body


def _objection_answered(request: InformationRequest, base: str) -> tuple[str, str]:
    subject = _("Objection to information request %(code)s answered") % {
        "code": request.tracking_code
    }
    body = _(
        "The PPID's superior has answered your objection to request %(code)s (%(agency)s).\n\n"
        "Outcome: %(outcome)s\n\n"
        "Answer: %(answer)s\n\n"
        "If you are not satisfied, you may bring the dispute to the Komisi Informasi within "
        "%(days)d working days of receiving this answer (UU 14/2008 Pasal 37).\n\n"
        "The request's page: %(url)s"
    ) % {
        "code": request.tracking_code,
        "agency": request.agency.name,
        "outcome": request.get_objection_outcome_display(),
        "answer": request.objection_answer,
        "days": DISPUTE_DAYS,
        "url": _track_url(request, base),
    }
    return subject, body


def _new_request(request: InformationRequest, base: str) -> tuple[str, str]:
    subject = _("New information request %(code)s to %(agency)s") % {
        "code": request.tracking_code,
        "agency": request.agency.short_name or request.agency.name,
    }
    body = _(
        "A new request for information has come to the PPID of %(agency)s.\n\n"
        "Tracking code: %(code)s\n"
        "Information requested: %(information)s\n"
        "Purpose: %(purpose)s\n\n"
        "Answer it in writing by %(due)s (10 working days). The requester's identity is on "
        "the request's page (sign in): %(url)s"
    ) % {
        "agency": request.agency.name,
        "code": request.tracking_code,
        "information": request.information,
        "purpose": request.purpose,
        "due": _day(request, request.due_at),
        "url": _staff_url(request, base),
    }
    return subject, body


def _new_objection(request: InformationRequest, base: str) -> tuple[str, str]:
    subject = _("Objection to information request %(code)s (%(agency)s)") % {
        "code": request.tracking_code,
        "agency": request.agency.short_name or request.agency.name,
    }
    body = _(
        "The requester has objected (keberatan) to the handling of request %(code)s by the "
        "PPID of %(agency)s.\n\n"
        "Reason: %(reason)s\n\n"
        "Objection: %(text)s\n\n"
        "The PPID's superior answers in writing by %(due)s (30 working days). The request's "
        "page (sign in): %(url)s"
    ) % {
        "code": request.tracking_code,
        "agency": request.agency.name,
        "reason": request.get_objection_reason_display(),
        "text": request.objection_text,
        "due": _day(request, request.objection_due_at),
        "url": _staff_url(request, base),
    }
    return subject, body


def messages_for(request: InformationRequest, event: str, *, site: str = "") -> list[EmailMessage]:
    """The e-mails of ``event`` for ``request`` (none when nobody has an address), in
    Indonesian."""
    base = site_base(site)
    builders = {
        REGISTERED: _registered,
        EXTENDED: _extended,
        ANSWERED: _answered,
        OBJECTION_ANSWERED: _objection_answered,
        NEW_REQUEST: _new_request,
        NEW_OBJECTION: _new_objection,
    }
    if event in (NEW_REQUEST, NEW_OBJECTION):
        to: Iterable[str] = _officer_addresses(request, superiors=event == NEW_OBJECTION)
    else:
        address = requester_address(request)
        to = [address] if address else []
    to = list(to)
    if not to:
        return []
    with translation.override("id"):
        subject, body = builders[event](request, base)
    sender = settings.DEFAULT_FROM_EMAIL
    if event in (NEW_REQUEST, NEW_OBJECTION):
        # One message each: officers must not learn each other's addresses.
        return [EmailMessage(subject, body, sender, [address]) for address in to]
    return [EmailMessage(subject, body, sender, to)]


def send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    return int(get_connection().send_messages(messages) or 0)
