"""What the dashboards show, for a government or one agency: each chart with the table behind
it (:class:`~rembug.monitoring.charts.Figure`). Every figure is read in a constant number of
queries: the Renja from their summary rows, complaints from the summary of reports
(``complaints.statistics``), forum inputs as SQL aggregates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rembug.complaints.statistics import Figures, GroupBy, ServiceStats, figures, service_statistics
from rembug.forums.models import Disposition, Forum, ForumInput
from rembug.governments.models import Agency, Government
from rembug.monitoring.achievement import mean, ratio
from rembug.monitoring.charts import Figure, bar_chart
from rembug.monitoring.models import ItemRealisation
from rembug.monitoring.selectors import QUARTERS
from rembug.monitoring.summary import RenjaOverview
from rembug.nomenclature.models import NomenclatureItem
from rembug.planning.models import PlanDocument

COUNT = ""  # counts carry no unit in the charts

# A forum's answers count once its results are published (they are drafts until then).
PUBLISHED = Q(forum__phase=Forum.Phase.PUBLISHED)


def complaints_by(
    government: Government, by: GroupBy, *, agency: Agency | None = None
) -> list[ServiceStats]:
    """Complaints' service statistics by ``category`` or ``kecamatan`` (complaints' own
    selector), busiest first."""
    return service_statistics(government, by=by, agency=agency)


def service_level_by_month(
    government: Government,
    *,
    agency: Agency | None = None,
    months: int = 12,
    now: dt.datetime | None = None,
) -> list[tuple[str, ServiceStats | None]]:
    """Each of the last ``months`` months of submission with its statistics (None for a month
    without reports)."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    year, month = divmod(local.year * 12 + local.month - 1 - (months - 1), 12)
    start = local.replace(year=year, month=month + 1, day=1, hour=0, minute=0, second=0)
    start = start.replace(microsecond=0)
    found = {
        row.label: row
        for row in service_statistics(government, by="month", since=start, agency=agency, now=now)
    }
    out: list[tuple[str, ServiceStats | None]] = []
    year, month = start.year, start.month
    for _step in range(months):
        label = f"{year}-{month:02d}"
        out.append((label, found.get(label)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _share(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value * 100)).quantize(Decimal("0.01"))


def _hours(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))


def forum_inputs_by_forum(
    government: Government, *, agency: Agency | None = None
) -> list[tuple[str, int, int]]:
    """Per forum: (forum, inputs received, accepted into a plan), of inputs addressed to
    ``agency`` if given; the latest forums first."""
    found = ForumInput.objects.filter(government=government)
    if agency:
        found = found.filter(target_agency=agency)
    return [
        (title, n, ok)
        for title, n, ok in found.values("forum_id")
        .annotate(
            n=Count("id"),
            ok=Count("id", filter=Q(disposition__outcome=Disposition.Outcome.ACCEPTED) & PUBLISHED),
        )
        .order_by("-forum__starts_at", "-forum_id")
        .values_list("forum__title", "n", "ok")
    ]


def _complaint_figures(government: Government, agency: Agency | None, stem: str) -> list[Figure]:
    categories = complaints_by(government, "category", agency=agency)
    kecamatan = complaints_by(government, "kecamatan", agency=agency)
    months = service_level_by_month(government, agency=agency)
    forums = forum_inputs_by_forum(government, agency=agency)
    header = [
        _("Reports"),
        _("Answered"),
        _("Within the service level (%)"),
        _("Median hours to first answer"),
    ]

    def cells(row: ServiceStats | None) -> list[Any]:
        if row is None:
            return [0, 0, None, None]
        return [
            row.received,
            row.answered,
            _share(row.within_service_level),
            _hours(row.median_hours_to_first_answer),
        ]

    return [
        Figure(
            "complaints-category",
            bar_chart(
                _("Complaints by category"),
                [(r.label or _("(not given)"), r.received, "bar") for r in categories],
                top=Decimal(1),
                unit=COUNT,
            ),
            [_("Category"), *header],
            [[r.label or _("(not given)"), *cells(r)] for r in categories],
            f"aduan-kategori-{stem}",
        ),
        Figure(
            "complaints-kecamatan",
            bar_chart(
                _("Complaints by kecamatan"),
                [(r.label or _("(not given)"), r.received, "bar") for r in kecamatan],
                top=Decimal(1),
                unit=COUNT,
            ),
            [_("Kecamatan"), *header],
            [[r.label or _("(not given)"), *cells(r)] for r in kecamatan],
            f"aduan-kecamatan-{stem}",
        ),
        Figure(
            "service-level",
            bar_chart(
                _("Complaints first answered within the service level, by month (%)"),
                [(m, _share(r.within_service_level) if r else None, "bar") for m, r in months],
            ),
            [_("Month"), *header],
            [[m, *cells(r)] for m, r in months],
            f"aduan-tepat-waktu-{stem}",
        ),
        Figure(
            "forum-inputs",
            bar_chart(
                _("Forum inputs accepted into a plan, by forum"),
                [(title, ok, "bar") for title, _n, ok in forums],
                top=Decimal(1),
                unit=COUNT,
            ),
            [_("Forum"), _("Inputs received"), _("Accepted")],
            [list(row) for row in forums],
            f"usulan-diterima-{stem}",
        ),
    ]


Quarters = list[tuple[int, Decimal | None, Decimal | None, Decimal | None]]


def _absorption_figure(quarters: Quarters, stem: str) -> Figure:
    return Figure(
        "absorption",
        bar_chart(
            _("Budget absorbed by the end of each quarter (%)"),
            [(f"Triwulan {q}", share, "bar") for q, _s, _u, share in quarters],
        ),
        [_("Quarter"), _("Spent in the quarter (Rp)"), _("Spent so far (Rp)"), _("Absorbed (%)")],
        [[f"Triwulan {q}", spent, until, share] for q, spent, until, share in quarters],
        f"serapan-{stem}",
    )


def government_figures(government: Government, overviews: list[RenjaOverview]) -> list[Figure]:
    """The government's dashboard: achievement by agency, absorption by quarter over every
    Renja, then complaints and forum inputs."""
    bars = []
    for renja in overviews:
        quarter = renja.last_reported
        achieved = renja.capaian(quarter) if quarter else None
        bars.append((renja, quarter, achieved))
    pagu = sum((r.pagu for r in overviews), Decimal(0))
    latest = max((r.last_reported for r in overviews), default=0)
    quarters: Quarters = []
    for q in QUARTERS:
        if q > latest:  # not reported yet: no bar repeating the last quarter's share
            quarters.append((q, None, None, None))
            continue
        spent = sum((r.spent_in(q) for r in overviews), Decimal(0))
        until = sum((r.spent_until(q) for r in overviews), Decimal(0))
        quarters.append((q, spent, until, ratio(until, pagu)))
    stem = government.slug
    return [
        Figure(
            "agencies",
            bar_chart(
                _("Achievement by agency (%)"),
                [(_agency(r.document), a, r.colour(a, q)) for r, q, a in bars],
            ),
            [
                _("Agency"),
                _("Reported up to"),
                _("Achievement (%)"),
                _("Pagu (Rp)"),
                _("Absorbed (%)"),
            ],
            [
                [_agency(r.document), q or None, a, r.pagu, r.absorption(q) if q else None]
                for r, q, a in bars
            ],
            f"capaian-perangkat-daerah-{stem}",
        ),
        _absorption_figure(quarters, stem),
        *_complaint_figures(government, None, stem),
    ]


def agency_figures(renja: RenjaOverview) -> list[Figure]:
    """One agency's Renja: achievement by program, absorption by quarter, then the complaints
    dispatched to the agency and the forum inputs addressed to it."""
    document = renja.document
    quarter = renja.last_reported
    stem = f"renja-{document.pk}"
    programs = [
        (p, p.capaian(quarter) if quarter else None, p.absorption(quarter) if quarter else None)
        for p in renja.programs
    ]
    quarters: Quarters = [
        (q, renja.spent_in(q), renja.spent_until(q), renja.absorption(q))
        if q <= quarter
        else (q, None, None, None)  # not reported yet
        for q in QUARTERS
    ]
    figures = [
        Figure(
            "programs",
            bar_chart(
                _("Achievement by program (%)"),
                [(p.item.text, value, renja.colour(value, quarter)) for p, value, _a in programs],
            ),
            [_("Program"), _("Achievement (%)"), _("Absorbed (%)"), _("Pagu (Rp)")],
            [
                [f"{p.item.code} {p.item.text}".strip(), value, share, p.pagu]
                for p, value, share in programs
            ],
            f"capaian-program-{stem}",
        ),
        _absorption_figure(quarters, stem),
    ]
    if document.agency is not None:
        figures += _complaint_figures(document.government, document.agency, stem)
    return figures


def _agency(document: PlanDocument) -> str:
    return document.agency.short_name or document.agency.name if document.agency else str(document)


@dataclass(frozen=True)
class BehindProgram:
    """A program behind schedule, for the DPRD: its figures and the obstacles its sub kegiatan
    reported in the quarter."""

    agency: str
    code: str
    text: str
    capaian: Decimal | None
    absorption: Decimal | None
    colour: str
    obstacles: list[tuple[str, str, str]]  # (sub kegiatan, obstacles, follow-up)


def programs_behind(
    government: Government, overviews: list[RenjaOverview]
) -> list[tuple[str, str, list[BehindProgram]]]:
    """Programs in red or amber at their Renja's last reported quarter, by bidang urusan
    (code, name, programs), with the obstacles noted below them (three queries)."""
    behind: list[tuple[RenjaOverview, Any, int]] = []
    for renja in overviews:
        quarter = renja.last_reported
        for program in renja.programs:
            if quarter and renja.colour(program.capaian(quarter), quarter) in {"red", "amber"}:
                behind.append((renja, program, quarter))
    notes: dict[tuple[int, int], list[tuple[str, str, str]]] = defaultdict(list)
    wanted = {(r.document.pk, q) for r, _p, q in behind}
    for row in (
        ItemRealisation.objects.filter(
            government=government,
            period__document_id__in={d for d, _q in wanted},
        )
        .exclude(obstacles="")
        .select_related("period", "item__parent__parent")
        .order_by("item__code", "id")
    ):
        if (row.period.document_id, row.period.quarter) not in wanted:
            continue
        root = row.item
        while root.parent is not None:
            root = root.parent
        notes[(root.pk, row.period.quarter)].append(
            (f"{row.item.code} {row.item.text}".strip(), row.obstacles, row.follow_up)
        )
    groups: dict[str, list[BehindProgram]] = defaultdict(list)
    for renja, program, quarter in behind:
        value = program.capaian(quarter)
        groups[".".join(program.item.code.split(".")[:2])].append(
            BehindProgram(
                agency=_agency(renja.document),
                code=program.item.code,
                text=program.item.text,
                capaian=value,
                absorption=program.absorption(quarter),
                colour=renja.colour(value, quarter),
                obstacles=notes.get((program.item.pk, quarter), []),
            )
        )
    names = dict(
        NomenclatureItem.objects.filter(
            level=NomenclatureItem.Level.BIDANG_URUSAN, code__in=list(groups)
        ).values_list("code", "name")
    )
    return [(code, names.get(code, ""), groups[code]) for code in sorted(groups)]


def leadership_summary(government: Government, overviews: list[RenjaOverview]) -> dict[str, Any]:
    """The head of the region's screen: agencies by early-warning colour, the five most behind,
    overall achievement and absorption, complaints of the year answered in time, forum inputs
    accepted (a constant number of queries)."""
    agencies = []
    for renja in overviews:
        quarter = renja.last_reported
        value = renja.capaian(quarter) if quarter else None
        agencies.append((_agency(renja.document), value, renja.colour(value, quarter), renja))
    colours = {c: sum(1 for a in agencies if a[2] == c) for c in ("green", "amber", "red", "none")}
    reported = [a for a in agencies if a[1] is not None]
    quarter = max((r.last_reported for r in overviews), default=0)
    pagu = sum((r.pagu for r in overviews), Decimal(0))
    spent = sum((r.spent_until(quarter) for r in overviews), Decimal(0))
    now = timezone.now()
    local = timezone.localtime(now)
    year = local.year
    # The verified reports of the year, from the summary of reports (complaints.statistics).
    complaints = figures(
        government,
        since=local.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0),
        until=local.replace(
            year=year + 1, month=1, day=1, hour=0, minute=0, second=0, microsecond=0
        ),
        verified_only=True,
        median=False,
        now=now,
    ).get(None, Figures())
    inputs = ForumInput.objects.filter(government=government).aggregate(
        n=Count("id"),
        ok=Count("id", filter=Q(disposition__outcome=Disposition.Outcome.ACCEPTED) & PUBLISHED),
        answered=Count("id", filter=Q(disposition__isnull=False) & PUBLISHED),
    )
    return {
        "agencies": len(agencies),
        "colours": colours,
        "behind": sorted(reported, key=lambda a: a[1] or Decimal(0))[:5],
        "capaian": _mean_of([a[1] for a in reported]),
        "quarter": quarter,
        "pagu": pagu,
        "absorption": ratio(spent, pagu) if quarter else None,
        "complaints_year": year,
        "complaints": complaints.received,
        "complaints_on_time": ratio(
            Decimal(complaints.answered_in_time), Decimal(complaints.judged)
        ),
        "inputs": inputs["n"],
        "inputs_answered": inputs["answered"],
        "inputs_accepted": inputs["ok"],
    }


def _mean_of(values: list[Any]) -> Decimal | None:
    return mean([v for v in values if v is not None])
