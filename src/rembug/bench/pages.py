"""The key pages of a generated government, as the role that uses each: what the page benchmark
times at 1×, 10× and 100× data and what the tests hold to a constant number of queries."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.test import Client

from rembug.complaints.models import Complaint
from rembug.forums.models import Forum
from rembug.governments.models import Membership, Role
from rembug.planning.models import PlanDocument


def key_pages(slug: str) -> list[tuple[str, str | None, str]]:
    """(label, login or None for anonymous, URL) of a generated government's key pages."""
    reports = Complaint.objects.filter(government__slug=slug)
    report = reports.public().order_by("-submitted_at").first()
    dispatched = reports.exclude(agency=None).order_by("-submitted_at").first()
    forum = Forum.objects.filter(government__slug=slug).order_by("id").first()
    renja = PlanDocument.objects.filter(government__slug=slug, kind="renja").order_by("id").first()
    assert report and dispatched and forum and renja, slug
    officer = (
        Membership.objects.filter(
            government__slug=slug, role=Role.AGENCY_OFFICER, agency_id=dispatched.agency_id or 0
        )
        .select_related("user")
        .first()
    )
    assert officer is not None
    return [
        ("portal home", None, f"/{slug}/"),
        ("report list (public)", None, f"/{slug}/aduan/"),
        ("report page (public)", None, f"/{slug}/aduan/{report.pk}/"),
        ("report statistics", None, f"/{slug}/aduan/statistik/"),
        ("reports by kecamatan", None, f"/{slug}/aduan/per-kecamatan/"),
        ("coordinator queue", f"koordinator.{slug}", f"/{slug}/aduan/koordinator/"),
        ("agency queue", officer.user.username, f"/{slug}/aduan/perangkat-daerah/"),
        ("forum list", None, f"/{slug}/forum/"),
        ("forum page", None, f"/{slug}/forum/{forum.pk}/"),
        ("plan documents", None, f"/{slug}/rencana/"),
        ("monitoring dashboard", None, f"/{slug}/monitoring/"),
        ("Renja realisation", f"perencana.{slug}", f"/{slug}/monitoring/renja/{renja.pk}/"),
    ]


def client_for(login: str | None) -> Client:
    """A test client signed in as ``login`` (anonymous for None). Staff pages want an enrolled
    authenticator; the session counts as checked."""
    client = Client()
    if login:
        client.force_login(get_user_model().objects.get(username=login))
        session = client.session
        session["two_factor_checked_until"] = time.time() + 86400
        session.save()
    return client
