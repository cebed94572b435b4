"""A person's own data (UU 27/2022 on personal data protection): download all of it, or delete the
account.

Composed here, on the top floor, because it reads every module: the profile (accounts), reports
with their public timeline (complaints), forum inputs, participations, supports, statements and
reactions (forums), and information requests (ppid).

Deleting an account keeps what the person said, without who said it: reports, forum inputs and
information requests stay (a government must answer and account for them) with the name, e-mail,
phone, address and ID number removed, shown as *Pelapor anonim*; supports are removed with the
login. Every anonymised record and the deletion itself are audited without copying the erased
values into the audit trail. Past audit entries keep the actor's label they were written with:
the trail is a legal record and cannot be rewritten (UU 27/2022 Pasal 43 allows keeping data a
law requires).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from rembug.accounts.models import User
from rembug.complaints.access import ComplaintAccess
from rembug.complaints.models import Complaint, Privacy
from rembug.complaints.selectors import reporter_complaints
from rembug.complaints.selectors import timeline as complaint_timeline
from rembug.complaints.workflow import REPORTER
from rembug.core.audit import audit_record
from rembug.core.models import AuditEntry
from rembug.forums.models import ForumInput, Participant, Reaction, Statement, Support
from rembug.governments.models import Government
from rembug.ppid.models import InformationRequest
from rembug.ppid.selectors import requester_requests
from rembug.ppid.selectors import timeline as request_timeline

# Stored as data (like the demo's texts), in the pemda's language, not the reader's.
ANONYMOUS_REPORTER = "Pelapor anonim"
ANONYMOUS_PROPOSER = "Pengusul anonim"
ANONYMOUS_PARTICIPANT = "Peserta anonim"
ANONYMOUS_REQUESTER = "Pemohon anonim"
AS_ANONYMOUS = {
    Privacy.PUBLIC: Privacy.ANONYMOUS,
    Privacy.CONFIDENTIAL: Privacy.ANONYMOUS_CONFIDENTIAL,
}
ERASED = {"personal_data": ["erased at the person's request (UU 27/2022)", None]}


def _when(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _governments(model: type[Model], **lookup: Any) -> list[Government]:
    ids = model._default_manager.filter(**lookup).values_list("government_id", flat=True)
    return list(Government.objects.filter(pk__in=set(ids)).order_by("name"))


def _reports(user: User) -> list[dict[str, Any]]:
    access = ComplaintAccess(
        actors=frozenset({REPORTER}), sees_content=True, sees_identity=True, sees_internal=False
    )
    out = []
    for government in _governments(Complaint, reporter=user):
        for complaint in reporter_complaints(government, user):
            out.append(
                {
                    "government": government.slug,
                    "tracking_code": complaint.tracking_code,
                    "title": complaint.title,
                    "text": complaint.text,
                    "classification": complaint.classification,
                    "privacy": complaint.privacy,
                    "status": complaint.status,
                    "address": complaint.address,
                    "latitude": str(complaint.latitude) if complaint.latitude is not None else None,
                    "longitude": str(complaint.longitude)
                    if complaint.longitude is not None
                    else None,
                    "contact": {
                        "name": complaint.contact_name,
                        "email": complaint.contact_email,
                        "phone": complaint.contact_phone,
                    },
                    "submitted_at": _when(complaint.submitted_at),
                    "timeline": [
                        {
                            "at": _when(event.at),
                            "kind": event.kind,
                            "by": event.actor_role,
                            "from": event.from_status,
                            "to": event.to_status,
                            "note": event.note,
                        }
                        for event in complaint_timeline(complaint, access)
                    ],
                }
            )
    return out


def _forums(user: User) -> dict[str, list[dict[str, Any]]]:
    inputs = ForumInput.objects.filter(proposer=user).select_related("forum", "government")
    participations = Participant.objects.filter(user=user).select_related("forum")
    supports = Support.objects.filter(user=user).select_related("input")
    statements = Statement.objects.filter(author=user).select_related("forum")
    reactions = Reaction.objects.filter(participant__user=user).select_related("statement")
    return {
        "inputs": [
            {
                "forum": str(item.forum),
                "title": item.title,
                "text": item.text,
                "proposer": item.proposer_name,
                "email": item.proposer_email,
                "institution": item.institution,
                "submitted_at": _when(item.created_at),
            }
            for item in inputs.order_by("id")
        ],
        "participations": [
            {
                "forum": str(p.forum),
                "name": p.name,
                "position": p.position,
                "institution": p.institution,
                "attended_at": _when(p.attended_at),
            }
            for p in participations.order_by("id")
        ],
        "supports": [
            {"input": s.input.title, "at": _when(s.created_at)} for s in supports.order_by("id")
        ],
        "statements": [
            {"forum": str(s.forum), "text": s.text, "at": _when(s.created_at)}
            for s in statements.order_by("id")
        ],
        "reactions": [
            {"statement": r.statement.text, "value": r.value} for r in reactions.order_by("id")
        ],
    }


def _requests(user: User) -> list[dict[str, Any]]:
    out = []
    for government in _governments(InformationRequest, requester=user):
        for request in requester_requests(government, user):
            out.append(
                {
                    "government": government.slug,
                    "tracking_code": request.tracking_code,
                    "information": request.information,
                    "purpose": request.purpose,
                    "status": request.status,
                    "identity": {
                        "name": request.name,
                        "id_kind": request.id_kind,
                        "id_number": request.id_number,
                        "address": request.address,
                        "phone": request.phone,
                        "email": request.email,
                    },
                    "timeline": [
                        {
                            "at": _when(event.at),
                            "by": event.actor_role,
                            "from": event.from_status,
                            "to": event.to_status,
                        }
                        for event in request_timeline(request)
                    ],
                }
            )
    return out


def personal_data_export(user: User) -> dict[str, Any]:
    """Everything Rembug holds about ``user``, as plain JSON-ready data."""
    memberships = user.memberships.select_related("government", "agency").order_by("id")
    return {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "username": user.username,
            "full_name": user.full_name,
            "email": user.email,
            "phone": user.phone,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "two_factor": hasattr(user, "two_factor"),
            "roles": [
                {
                    "government": m.government.slug,
                    "role": m.role,
                    "agency": m.agency.short_name if m.agency else None,
                }
                for m in memberships
            ],
        },
        "reports": _reports(user),
        "forums": _forums(user),
        "information_requests": _requests(user),
    }


def _anonymise(rows: list[Any], **values: Any) -> None:
    for row in rows:
        for name, value in values.items():
            setattr(row, name, value(row) if callable(value) else value)
        row.save(update_fields=list(values))
        # By nobody: the entry must not carry the name it erases.
        audit_record(instance=row, by=None, action=AuditEntry.Action.UPDATE, changes=ERASED)


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Delete ``user``'s login and strip their identity from what they wrote (see module doc)."""
    _anonymise(
        list(Complaint.objects.filter(reporter=user)),
        contact_name=ANONYMOUS_REPORTER,
        contact_email="",
        contact_phone="",
        privacy=lambda c: AS_ANONYMOUS.get(c.privacy, c.privacy),
        reporter=None,
    )
    _anonymise(
        list(ForumInput.objects.filter(proposer=user)),
        proposer_name=ANONYMOUS_PROPOSER,
        proposer_email="",
        proposer=None,
    )
    _anonymise(
        list(Participant.objects.filter(user=user)),
        name=ANONYMOUS_PARTICIPANT,
        position="",
        user=None,
    )
    _anonymise(
        list(InformationRequest.objects.filter(requester=user)),
        name=ANONYMOUS_REQUESTER,
        id_number="",
        address="",
        phone="",
        email="",
        requester=None,
    )
    audit_record(
        instance=user,
        by=None,
        action=AuditEntry.Action.DELETE,
        changes={"account": ["erased", None]},
    )
    user.delete()
