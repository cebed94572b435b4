"""The demo's realisation: Kota Serang's Diskominfo Renja 2022 reported through Triwulan III.

Every third sub kegiatan is behind (its procurement slipped: low output, little money spent, an
obstacle and a follow-up noted); the others are on track. Two sub kegiatan, one on track and
one behind, carry a picture as evidence of Triwulan III. Triwulan I and II are approved by the
head of Diskominfo (``kepala.diskominfo.serang``), Triwulan III is submitted; the deadlines of
2022 have long passed, so the periods are locked — and the coordinator has reopened Triwulan IV
(audited) so that a visitor can try the grid.

The live indicator: the demo complaints are spread over the last weeks, so no quarter of 2022
holds any of them (a live indicator on the Renja 2022 would count nothing). Kota Tangerang
Selatan's Diskominfo Renja 2026 covers them: its program 2.16.02 gets the outcome indicator of
the Renstra's sasaran, complaints followed up on time, bound to the live metric over the whole
city and computed for the current quarter from the demo complaints.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from rembug.demo.context import DemoContext
from rembug.monitoring import services
from rembug.monitoring.live import indicator_bind, live_indicators_refresh
from rembug.monitoring.models import (
    IndicatorRealisation,
    IndicatorSetting,
    LiveMetric,
    LiveScope,
    MonitoringSettings,
    ReportingPeriod,
)
from rembug.monitoring.selectors import LAST_UNITS, default_aggregation
from rembug.planning.models import DocumentKind, Indicator, PlanDocument, PlanItem
from rembug.planning.services import indicator_create

ON_TRACK = (Decimal("0.25"), Decimal("0.30"), Decimal("0.27"))  # share of the year per quarter
BEHIND = (Decimal("0.05"), Decimal("0.10"), Decimal("0.12"))
SPENT_ON_TRACK = (Decimal("0.18"), Decimal("0.27"), Decimal("0.25"))
SPENT_BEHIND = (Decimal("0.02"), Decimal("0.08"), Decimal("0.10"))
OBSTACLE = (
    "Pengadaan barang/jasa melalui e-katalog mundur karena penyedia belum tayang; "
    "pekerjaan lapangan baru dimulai akhir triwulan."
)
FOLLOW_UP = (
    "Koordinasi dengan Bagian Pengadaan Barang/Jasa Setda; percepatan pekerjaan di triwulan IV."
)


def _evidence_picture(item: PlanItem, *, late: bool) -> ContentFile[bytes]:
    """A PNG standing in for the officer's photo of the work (drawn here, no file shipped)."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (800, 450), "#f3efe6" if late else "#e8f1ea")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((20, 20, 780, 430), outline="#555555", width=3)
    lines = [
        "Dokumentasi realisasi Triwulan III 2022",
        f"{item.code}",
        item.text[:70],
        "Progres fisik terlambat: pengadaan mundur" if late else "Pekerjaan sesuai jadwal",
    ]
    for row, line in enumerate(lines):
        draw.text((50, 60 + 60 * row), line, fill="#222222", font_size=26)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=f"dokumentasi-{item.code}-tw3.png")


def _user(ctx: DemoContext, login: str) -> Any:
    return ctx.users.get(login) or get_user_model().objects.get(username=login)


def _value(
    indicator: Indicator, target: Decimal, shares: tuple[Decimal, ...], quarter: int
) -> Decimal:
    """The quarter's value: an increment for counts (whole things: documents, channels), the
    level reached for percentages and indexes."""
    if default_aggregation(indicator) == "last":
        level = sum(shares[:quarter], Decimal(0)) * target
        if indicator.direction == Indicator.Direction.LOWER:
            level = target * (2 - sum(shares[:quarter], Decimal(0)))
        if indicator.unit.strip().lower() not in LAST_UNITS:  # a cumulative count
            return level.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return level.quantize(Decimal("0.01"))
    return (shares[quarter - 1] * target).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def load(ctx: DemoContext) -> None:
    _load_serang(ctx)
    _load_live_indicator(ctx)


LIVE_INDICATOR = "Persentase pengaduan masyarakat yang ditindaklanjuti tepat waktu"


def _load_live_indicator(ctx: DemoContext) -> None:
    """Tangsel's Renja 2026: one indicator fed by the demo complaints of the current quarter."""
    program = (
        PlanItem.objects.filter(
            government__slug="kota-tangerang-selatan",
            document__kind=DocumentKind.RENJA,
            document__period_start=2026,
            document__agency__short_name="Diskominfo",
            code="2.16.02",
        )
        .select_related("document__government", "document__agency")
        .first()
    )
    if program is None:
        ctx.note("Monitoring: no Renja Diskominfo 2026 of Tangerang Selatan, no live indicator.")
        return
    renja = program.document
    officer = _user(ctx, "petugas.kominfo.tangsel")
    planner = _user(ctx, "perencana.tangsel")
    indicator = Indicator.objects.filter(item=program, name=LIVE_INDICATOR).first()
    if indicator is None:
        indicator = indicator_create(
            item=program,
            by=officer,
            name=LIVE_INDICATOR,
            unit="persen",
            definition="Pengaduan yang dijawab pertama kali dalam batas waktu layanan ÷ pengaduan "
            "yang sudah dijawab atau sudah lewat batas waktunya × 100",
            data_source="Rembug (dihitung otomatis dari aduan)",
            responsible_unit="Bidang Informasi dan Komunikasi Publik",
            # As the Renstra's sasaran indicator: 80 % targeted for 2025, 85 % for 2026.
            baseline_year=2025,
            baseline_value=Decimal(80),
            end_target=Decimal(85),
            targets={2026: (Decimal(85), "")},
        )
    if not IndicatorSetting.objects.filter(indicator=indicator).exclude(live_metric="").exists():
        indicator_bind(
            indicator=indicator,
            metric=LiveMetric.COMPLAINTS_ON_TIME,
            scope=LiveScope.GOVERNMENT,
            by=planner,
        )
    today = timezone.localdate()
    periods = services.periods_ensure(document=renja)
    services.periods_lock_overdue(by=None)
    current = ReportingPeriod.objects.get(pk=periods[(today.month - 1) // 3].pk)
    written = live_indicators_refresh(period=current) if today.year == 2026 else 0
    value = IndicatorRealisation.objects.filter(period=current, indicator=indicator).first()
    ctx.note(
        f"{renja.government.name}: indikator langsung “{LIVE_INDICATOR}” {renja} "
        f"{current.get_quarter_display()}: "
        f"{value.source if value and written else 'belum dihitung (di luar tahun 2026)'}"
    )


def _load_serang(ctx: DemoContext) -> None:
    renja = (
        PlanDocument.objects.filter(
            government__slug="kota-serang",
            kind=DocumentKind.RENJA,
            period_start=2022,
            agency__short_name="Diskominfo",
        )
        .select_related("government", "agency")
        .first()
    )
    if renja is None:
        ctx.note("Monitoring: no Renja Diskominfo 2022 of Kota Serang, nothing reported.")
        return
    if IndicatorRealisation.objects.filter(period__document=renja).exists():
        ctx.note(f"Monitoring: {renja} already reported, kept as it is.")
        return
    government = renja.government
    officer = _user(ctx, "petugas.kominfo.serang")
    head = _user(ctx, "kepala.diskominfo.serang")
    coordinator = _user(ctx, "koordinator.serang")
    MonitoringSettings.objects.update_or_create(
        government=government,
        defaults={"thresholds": {"1": [10, 20], "2": [25, 45], "3": [50, 70], "4": [75, 95]}},
    )
    periods = services.periods_ensure(document=renja)
    deadlines = {p.pk: p.deadline for p in periods}
    # Entered in time, as it was in 2022: the deadlines are restored afterwards.
    open_until = timezone.localdate() + dt.timedelta(days=1)
    ReportingPeriod.objects.filter(pk__in=deadlines).update(deadline=open_until)
    for period in periods:
        period.deadline = open_until

    subs = list(
        PlanItem.objects.filter(document=renja, kind=PlanItem.Kind.SUB_KEGIATAN).order_by("code")
    )
    behind = {sub.pk for index, sub in enumerate(subs) if index % 3 == 1}
    items = list(
        PlanItem.objects.filter(document=renja).prefetch_related("indicators__targets", "funding")
    )
    for item in items:
        late = item.pk in behind
        shares = BEHIND if late else ON_TRACK
        for indicator in item.indicators.all():
            target = next((t.value for t in indicator.targets.all() if t.year == 2022), None)
            if target is None:
                continue
            for quarter in (1, 2, 3):
                services.indicator_realisation_set(
                    period=periods[quarter - 1],
                    indicator=indicator,
                    value=_value(indicator, target, shares, quarter),
                    by=officer,
                )
        if item.kind != PlanItem.Kind.SUB_KEGIATAN:
            continue
        pagu = next((f.amount for f in item.funding.all() if f.year == 2022), None)
        spent = SPENT_BEHIND if late else SPENT_ON_TRACK
        for quarter in (1, 2, 3):
            services.item_realisation_set(
                period=periods[quarter - 1],
                item=item,
                amount=(pagu * spent[quarter - 1]).quantize(Decimal(1)) if pagu else None,
                obstacles=OBSTACLE if late and quarter == 3 else "",
                follow_up=FOLLOW_UP if late and quarter == 3 else "",
                by=officer,
            )
    for sub in (subs[0], subs[1]):
        services.evidence_add(
            period=periods[2],
            item=sub,
            file=_evidence_picture(sub, late=sub.pk in behind),
            title=(
                "Foto progres fisik dan daftar hadir rapat percepatan"
                if sub.pk in behind
                else "Dokumentasi kegiatan dan berita acara pemeriksaan pekerjaan"
            ),
            by=officer,
        )
    for period in periods[:3]:
        services.period_submit(period=period, by=officer)
    for period in periods[:2]:
        services.period_approve(period=period, by=head)

    for period in periods:
        period.deadline = deadlines[period.pk]
        ReportingPeriod.objects.filter(pk=period.pk).update(deadline=period.deadline)
    services.periods_lock_overdue(by=None)
    q4 = ReportingPeriod.objects.get(pk=periods[3].pk)
    services.period_reopen(
        period=q4,
        by=coordinator,
        until=timezone.localdate() + dt.timedelta(days=60),
        note="Demo: Triwulan IV dibuka kembali agar pengunjung dapat mencoba isian realisasi.",
    )
    ctx.note(
        f"{government.name}: realisasi {renja} triwulan I–III "
        f"({len(subs) - len(behind)} sub kegiatan sesuai jadwal, {len(behind)} terlambat)"
    )
