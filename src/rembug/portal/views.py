"""The public portal (floor 5): pages composed from every module of the loop."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rembug.complaints.selectors import public_complaints
from rembug.forums.selectors import forums_of, government_statistics
from rembug.governments.models import Agency, Government
from rembug.planning.selectors import documents_for

LATEST = 5


@require_GET
def government_home(request: HttpRequest, government: str) -> HttpResponse:
    """A government's home: its plans, forums and public reports, then its agencies."""
    current: Government = request.government  # type: ignore[attr-defined]
    agencies = list(current.agencies.filter(is_active=True).order_by("kind", "name"))
    reports = public_complaints(current)
    return render(
        request,
        "portal/government_home.html",
        {
            "agencies": [a for a in agencies if a.kind != Agency.Kind.KECAMATAN],
            "kecamatan_offices": [a for a in agencies if a.kind == Agency.Kind.KECAMATAN],
            "district_count": current.region.children.count(),
            "documents": documents_for(request.user, current),
            "forums": list(forums_of(current)[:LATEST]),
            "forum_statistics": government_statistics(current),
            "reports": list(reports[:LATEST]),
            "report_count": reports.count(),
        },
    )
