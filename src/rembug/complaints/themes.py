"""Recurring themes of reports, taken into planning: what residents keep reporting in one place
(the same category in the same kecamatan) becomes a forum input, so it reaches the next Renja.

``recurring_themes`` finds them; ``complaint_theme_promote`` writes the input through the forums'
own service and links every report of the theme to it (``forums.ForumInputReport``), each report
getting a public timeline entry that names the forum. The input's page lists the reports and
each report's page names the input: linked both ways.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from rembug.complaints.access import is_coordinator
from rembug.complaints.models import Category, Complaint, ComplaintEvent, Status
from rembug.complaints.services import _event
from rembug.complaints.workflow import COORDINATOR
from rembug.forums.models import Forum, ForumInput, ForumInputReport, InstitutionKind
from rembug.forums.phases import Action, phase_allows
from rembug.forums.services import InputFields, forum_input_submit
from rembug.governments.models import Government
from rembug.regions.models import Region

# A theme is "recurring" from this many reports on; fewer is an incident, not a pattern.
MIN_REPORTS = 3
# Reports older than this say little about next year's plan.
WINDOW_DAYS = 365
# Neither a duplicate (the same voice twice) nor an archived report (no evidence, blocked,
# withdrawn) counts towards a theme.
NOT_COUNTED = (Status.DUPLICATE, Status.ARCHIVED)


@dataclass(frozen=True)
class Theme:
    category: Category
    kecamatan: Region
    count: int
    first_at: dt.datetime
    last_at: dt.datetime
    inputs: list[ForumInput]  # the forum inputs it was already taken to

    @property
    def query(self) -> str:
        return f"kategori={self.category.pk}&kecamatan={self.kecamatan.pk}"


def _since(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=WINDOW_DAYS)


def theme_reports(
    government: Government, *, category: Category, kecamatan: Region, now: dt.datetime | None = None
) -> Any:
    """The reports of one theme in the window, newest first."""
    return (
        Complaint.objects.filter(
            government=government,
            category=category,
            kecamatan=kecamatan,
            submitted_at__gte=_since(now),
        )
        .exclude(status__in=NOT_COUNTED)
        .order_by("-submitted_at", "-pk")
    )


def recurring_themes(
    government: Government, *, min_reports: int = MIN_REPORTS, now: dt.datetime | None = None
) -> list[Theme]:
    """The government's themes with at least ``min_reports`` reports in the last year, the
    largest first (three queries whatever the number of reports)."""
    rows = list(
        Complaint.objects.filter(
            government=government,
            category__isnull=False,
            kecamatan__isnull=False,
            submitted_at__gte=_since(now),
        )
        .exclude(status__in=NOT_COUNTED)
        .values("category_id", "kecamatan_id")
        .annotate(count=Count("id"), first_at=Min("submitted_at"), last_at=Max("submitted_at"))
        .filter(count__gte=min_reports)
        .order_by("-count", "-last_at")[:100]
    )
    categories = Category.objects.filter(government=government).in_bulk(
        {row["category_id"] for row in rows}
    )
    districts = Region.objects.in_bulk({row["kecamatan_id"] for row in rows})
    taken: dict[tuple[int, str], list[ForumInput]] = {}
    links = (
        ForumInputReport.objects.filter(
            government=government,
            complaint__category_id__in=categories,
            complaint__kecamatan_id__in=districts,
        )
        .select_related("input__forum", "complaint")
        .order_by("input_id")
    )
    for link in links:
        key = (link.complaint.category_id or 0, link.complaint.kecamatan_id or "")
        found = taken.setdefault(key, [])
        if link.input not in found:
            found.append(link.input)
    return [
        Theme(
            category=categories[row["category_id"]],
            kecamatan=districts[row["kecamatan_id"]],
            count=row["count"],
            first_at=row["first_at"],
            last_at=row["last_at"],
            inputs=taken.get((row["category_id"], row["kecamatan_id"]), []),
        )
        for row in rows
    ]


def forums_taking_inputs(government: Government) -> list[Forum]:
    """The government's forums that take inputs now (online input or the forum day)."""
    forums = Forum.objects.filter(government=government).order_by("-starts_at")
    return [forum for forum in forums if phase_allows(forum, Action.SUBMIT)]


def theme_summary(government: Government, *, category: Category, kecamatan: Region) -> str:
    """A first draft of the input's text: what residents reported, from the public reports'
    titles only (a confidential report is counted, never quoted; nobody is named)."""
    reports = list(theme_reports(government, category=category, kecamatan=kecamatan))
    public = list(theme_reports(government, category=category, kecamatan=kecamatan).public()[:10])
    lines = [
        _(
            "%(count)d residents' reports about %(category)s in Kecamatan %(kecamatan)s "
            "between %(first)s and %(last)s, among them:"
        )
        % {
            "count": len(reports),
            "category": category.name,
            "kecamatan": kecamatan.name,
            "first": reports[-1].submitted_at.date().isoformat() if reports else "",
            "last": reports[0].submitted_at.date().isoformat() if reports else "",
        }
    ]
    lines += [f"- #{c.pk} {c.title}" for c in public]
    return "\n".join(lines)


@transaction.atomic
def complaint_theme_promote(
    *,
    government: Government,
    category: Category,
    kecamatan: Region,
    forum: Forum,
    title: str,
    text: str,
    by: Any,
) -> ForumInput:
    """Take a recurring theme to a forum as one input (captured by the coordinator), link its
    reports to the input and tell each report's followers on its public timeline."""
    if not is_coordinator(by, government):
        raise PermissionDenied(_("Only the coordinator takes reports to a forum."))
    if category.government_id != government.pk or forum.government_id != government.pk:
        raise PermissionDenied(_("Choose a category and a forum of this government."))
    reports = list(
        theme_reports(government, category=category, kecamatan=kecamatan).select_for_update()
    )
    if len(reports) < MIN_REPORTS:
        raise ValidationError(
            _("A theme needs at least %(count)d reports; this one has %(found)d.")
            % {"count": MIN_REPORTS, "found": len(reports)}
        )
    item = forum_input_submit(
        forum=forum,
        by=by,
        captured=True,
        fields=InputFields(
            title=title,
            text=text,
            proposer_name=_("Coordinator: residents' reports"),
            institution=government.name,
            institution_kind=InstitutionKind.AGENCY,
            category=category.name,
            target_agency=category.default_agency,
            kecamatan=kecamatan,
        ),
    )
    ForumInputReport.objects.bulk_create(
        [
            ForumInputReport(government=government, input=item, complaint=c, created_by=by)
            for c in reports
        ]
    )
    note = _("Taken with similar reports to the forum “%(forum)s” as input #%(input)d.") % {
        "forum": forum.title,
        "input": item.pk,
    }
    for complaint in reports:
        _event(complaint, kind=ComplaintEvent.Kind.NOTE, by=by, actor_role=COORDINATOR, note=note)
    return item
