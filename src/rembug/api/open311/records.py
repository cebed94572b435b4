"""Rembug's records as Open311 sees them: categories are services, public reports are service
requests. Nothing that identifies a reporter is ever part of a service request."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from rembug.complaints.models import (
    Category,
    Classification,
    Complaint,
    Privacy,
    Status,
)
from rembug.core.pii import pii_mask
from rembug.governments.models import Government
from rembug.regions.models import Region

# Open311 knows two states. A report the agency has answered counts as closed (resolved) even
# while Rembug still waits for the reporter's objection; every other live state is open.
CLOSED_STATUSES = frozenset(
    {Status.ANSWERED, Status.CLOSED, Status.DUPLICATE, Status.FORWARDED, Status.ARCHIVED}
)


def open311_status(status: str) -> str:
    return "closed" if status in CLOSED_STATUSES else "open"


def statuses_for(open311: str) -> list[str]:
    closed = [str(s) for s in CLOSED_STATUSES]
    if open311 == "closed":
        return closed
    return [str(s) for s in Status if s not in CLOSED_STATUSES]


def service_out(category: Category) -> dict[str, Any]:
    agency = category.default_agency
    return {
        "service_code": category.slug,
        "service_name": category.name,
        "description": category.name,
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": agency.short_name if agency is not None else "",
    }


def _values(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"key": key, "name": name} for key, name in pairs]


def service_definition(government: Government, category: Category) -> dict[str, Any]:
    """The attributes a client may send as ``attribute[code]`` with a request of this service."""
    kecamatan = list(
        Region.objects.filter(parent_id=government.region_id, level=Region.Level.DISTRICT)
        .order_by("code")
        .values_list("code", "name")
    )
    attributes: list[dict[str, Any]] = [
        {
            "variable": True,
            "code": "title",
            "datatype": "string",
            "required": False,
            "datatype_description": _("At most 200 characters"),
            "order": 1,
            "description": _("A short title (the first line of the description if left out)"),
        },
        {
            "variable": True,
            "code": "classification",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": "",
            "order": 2,
            "description": _("Kind of report (complaint if left out)"),
            "values": _values([(str(c.value), str(c.label)) for c in Classification]),
        },
        {
            "variable": True,
            "code": "privacy",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": "",
            "order": 3,
            "description": _("Who may see the report (public if left out)"),
            "values": _values([(str(p.value), str(p.label)) for p in Privacy]),
        },
        {
            "variable": True,
            "code": "kecamatan",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": "",
            "order": 4,
            "description": _("District (kecamatan)"),
            "values": _values([(code, name) for code, name in kecamatan]),
        },
        {
            "variable": True,
            "code": "kelurahan",
            "datatype": "string",
            "required": False,
            "datatype_description": _("Kemendagri code of the kelurahan/desa, e.g. 36.73.02.1001"),
            "order": 5,
            "description": _("Village (kelurahan/desa)"),
        },
    ]
    return {"service_code": category.slug, "attributes": attributes}


def _rounded(value: Decimal | None) -> float | None:
    return round(float(value), 3) if value is not None else None


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def request_out(complaint: Complaint) -> dict[str, Any]:
    """A public report as an Open311 service request."""
    place = ", ".join(
        region.name for region in (complaint.kelurahan, complaint.kecamatan) if region is not None
    )
    category = complaint.category
    agency = complaint.agency
    return {
        "service_request_id": str(complaint.pk),
        "status": open311_status(complaint.status),
        "status_notes": str(Status(complaint.status).label),
        "service_name": category.name if category is not None else "",
        "service_code": category.slug if category is not None else "",
        "description": pii_mask(complaint.text),
        "agency_responsible": agency.name if agency is not None else "",
        "service_notice": "",
        "requested_datetime": _iso(complaint.submitted_at),
        "updated_datetime": _iso(complaint.updated_at),
        "expected_datetime": _iso(complaint.due_at),
        "address": place,
        "address_id": "",
        "zipcode": "",
        "lat": _rounded(complaint.latitude),
        "long": _rounded(complaint.longitude),
        "media_url": "",
    }
