"""The summary of reports (``complaints.summary``) is what a direct aggregate over the reports
says, after any sequence of changes through the services, and the rebuild repairs it."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import statistics
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db.models import Case, Count, F, Q, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from rembug.complaints import services
from rembug.complaints.models import (
    ArchiveReason,
    Classification,
    Complaint,
    ComplaintAnswerTime,
    ComplaintSummary,
    ComplaintSummaryState,
    Privacy,
    Status,
)
from rembug.complaints.selectors import kecamatan_counts, public_complaints
from rembug.complaints.statistics import figures, service_statistics
from rembug.complaints.summary import (
    ALL_TIME,
    bucket_of,
    bucket_width,
    summary_rebuild,
    summary_rebuild_task,
)
from rembug.complaints.tests.factories import CategoryFactory, serang_regions
from rembug.moderation.models import State
from rembug.moderation.services import content_moderate

pytestmark = pytest.mark.django_db

COUNTED = (
    "received",
    "answered",
    "with_due",
    "answered_with_due",
    "answered_in_time",
    "rating_sum",
    "rating_count",
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# ---------------------------------------------------------------- the oracle: straight from rows


def direct_counts(government):
    """The summary's rows as one GROUP BY over the reports (no summary code involved)."""
    zone = ZoneInfo(government.timezone)
    public = public_complaints(government).order_by().values("id")
    answered = Q(first_answered_at__isnull=False)
    due = Q(due_at__isnull=False)
    rows = (
        Complaint.objects.filter(government=government)
        .order_by()
        .annotate(
            m=TruncMonth("submitted_at", tzinfo=zone),
            is_verified=Case(When(verified_at__isnull=False, then=Value(True)), default=False),
            is_public=Case(When(pk__in=public, then=Value(True)), default=False),
        )
        .values("m", "agency_id", "category_id", "kecamatan_id", "status", "is_verified")
        .annotate(
            p=F("is_public"),
            received=Count("id"),
            answered=Count("id", filter=answered),
            with_due=Count("id", filter=due),
            answered_with_due=Count("id", filter=answered & due),
            answered_in_time=Count(
                "id", filter=answered & due & Q(first_answered_at__lte=F("due_at"))
            ),
            rating_sum=Sum("ratings__score", default=0),
            rating_count=Count("ratings__id"),
        )
    )
    out = {}
    for row in rows:
        month = timezone.localtime(row["m"], zone).date()
        key = (
            month,
            row["agency_id"],
            row["category_id"],
            row["kecamatan_id"],
            row["status"],
            row["is_verified"],
            row["p"],
        )
        values = tuple(row[name] for name in COUNTED)
        previous = out.get(key, (0,) * len(COUNTED))
        out[key] = tuple(a + b for a, b in zip(previous, values, strict=True))
    return out


def kept_counts(government):
    return {
        (
            r.month,
            r.agency_id,
            r.category_id,
            r.kecamatan_id,
            r.status,
            r.verified,
            r.public,
        ): tuple(getattr(r, name) for name in COUNTED)
        for r in ComplaintSummary.objects.filter(government=government)
        if any(getattr(r, name) for name in COUNTED)
    }


def direct_times(government):
    zone = ZoneInfo(government.timezone)
    out = {}
    for row in Complaint.objects.filter(
        government=government, first_answered_at__isnull=False
    ).values("submitted_at", "first_answered_at", "agency_id", "category_id", "kecamatan_id"):
        seconds = max(round((row["first_answered_at"] - row["submitted_at"]).total_seconds()), 0)
        month = row["submitted_at"].astimezone(zone).date().replace(day=1)
        key = (month, row["agency_id"], row["category_id"], row["kecamatan_id"], bucket_of(seconds))
        count, total = out.get(key, (0, 0))
        out[key] = (count + 1, total + seconds)
    return out


def kept_times(government):
    return {
        (r.month, r.agency_id, r.category_id, r.kecamatan_id, r.bucket): (r.count, r.seconds)
        for r in ComplaintAnswerTime.objects.filter(government=government)
        if r.count or r.seconds
    }


def _over_all_months(counts):
    """The same counts with the month left out: what the all-time rows hold."""
    out = {}
    for key, values in counts.items():
        merged = (ALL_TIME, *key[1:])
        previous = out.get(merged, (0,) * len(values))
        out[merged] = tuple(a + b for a, b in zip(previous, values, strict=True))
    return out


def assert_summary_is_the_reports(government):
    direct, kept = direct_counts(government), kept_counts(government)
    assert {k: v for k, v in kept.items() if k[0] != ALL_TIME} == direct
    assert {k: v for k, v in kept.items() if k[0] == ALL_TIME} == _over_all_months(direct)
    direct, kept = direct_times(government), kept_times(government)
    assert {k: v for k, v in kept.items() if k[0] != ALL_TIME} == direct
    assert {k: v for k, v in kept.items() if k[0] == ALL_TIME} == _over_all_months(direct)


# ---------------------------------------------------------------- random work through the services


class Actor:
    def __init__(self, people, rng):
        self.people, self.rng = people, rng
        regions = serang_regions()
        self.kecamatan = [regions["Kasemen"], regions["Serang"], None]
        self.categories = [
            CategoryFactory(government=people.government, name="Jalan", slug="jalan"),
            CategoryFactory(government=people.government, name="Sampah", slug="sampah"),
            None,
        ]
        self.reports: list[Complaint] = []

    def pick(self):
        return Complaint.objects.get(pk=self.rng.choice(self.reports).pk)

    def submit(self):
        people, rng = self.people, self.rng
        self.reports.append(
            services.complaint_submit(
                government=people.government,
                title="Jalan berlubang dekat pasar",
                text="Lubang besar di tengah jalan, sudah dua motor jatuh minggu ini.",
                classification=rng.choice(list(Classification)),
                category=rng.choice(self.categories),
                kecamatan=rng.choice(self.kecamatan),
                privacy=rng.choice(list(Privacy)),
                by=people.resident,
            )
        )

    def step(self):
        people, rng = self.people, self.rng
        if not self.reports or rng.random() < 0.2:
            self.submit()
            return
        report = self.pick()
        agency = rng.choice([people.agency, people.agency_b])
        officer = people.officer if report.agency_id == people.agency.pk else people.officer_b
        actions = {
            "verify": lambda: services.complaint_verify(complaint=report, by=people.coordinator),
            "dispatch": lambda: services.complaint_dispatch(
                complaint=report, agency=agency, by=people.coordinator
            ),
            "start": lambda: services.complaint_start(complaint=report, by=officer),
            "answer": lambda: services.complaint_answer(
                complaint=report, text="Sudah kami tangani.", by=officer
            ),
            "ask": lambda: services.complaint_request_info(
                complaint=report, question="Di mana tepatnya?", by=people.coordinator
            ),
            "reply": lambda: services.complaint_reply(
                complaint=report, text="Di depan pasar.", by=people.resident
            ),
            "close": lambda: services.complaint_close(complaint=report, by=people.resident),
            "reopen": lambda: services.complaint_reopen(
                complaint=report, reason="Belum diperbaiki.", by=people.resident
            ),
            "rate": lambda: services.complaint_rate(
                complaint=report, score=rng.randint(1, 5), by=people.resident
            ),
            "archive": lambda: services.complaint_archive(
                complaint=report, reason=ArchiveReason.UNCLEAR, by=people.coordinator
            ),
            "restore": lambda: services.complaint_restore(complaint=report, by=people.coordinator),
            "forward": lambda: services.complaint_forward(
                complaint=report, to="Pemerintah Provinsi", by=people.coordinator
            ),
            "hide": lambda: content_moderate(
                government=people.government,
                content=report,
                to=rng.choice([State.HIDDEN, State.BLOCKED, State.VISIBLE]),
                by=people.coordinator,
                reason="Kata kasar.",
            ),
            "backdate": lambda: self.backdate(report),
            "delete": lambda: self.delete(report),
        }
        name = rng.choice(list(actions))
        with contextlib.suppress(ValidationError, PermissionDenied, ValueError):
            actions[name]()  # refused from this state: nothing changed

    def delete(self, report):
        self.reports = [kept for kept in self.reports if kept.pk != report.pk]
        report.delete()

    def backdate(self, report):
        """Move a report back in time by hours to months (months, durations, due times)."""
        shift = dt.timedelta(hours=self.rng.choice([3, 30, 200, 900, 3000]))
        report.submitted_at -= shift
        if report.due_at and self.rng.random() < 0.7:
            report.due_at -= shift
        report.save(update_fields=["submitted_at", "due_at", "updated_at"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_summary_is_the_reports_after_random_work(people, seed):
    actor = Actor(people, random.Random(seed))
    for _n in range(70):
        actor.step()
    assert Complaint.objects.filter(government=people.government).count() > 5
    assert_summary_is_the_reports(people.government)
    drift = summary_rebuild(people.government)
    assert not drift.any, drift.line()


def test_the_lapor_import_counts_what_it_writes_in_bulk(people, tmp_path):
    from rembug.lapor.services import lapor_import
    from rembug.lapor.tests.test_import import OFFICIAL, row, write_csv

    actor = Actor(people, random.Random(2))  # Kasemen and Serang, and a few reports already
    for _n in range(5):
        actor.step()
    rows = [
        row("6000001"),
        row("6000002", **{"Tanggal Laporan Masuk": "2 Jan 2025"}),
        row("6000003", **{"Tanggal Laporan Masuk": "30 Jan 2025"}),
        row("6000004", **{"Tipe Laporan (Anonim/Rahasia)": "Rahasia"}),
    ]
    path = write_csv(tmp_path / "lapor.csv", OFFICIAL, rows)
    assert lapor_import(government=people.government, path=path, batch_size=3).created == 4
    assert_summary_is_the_reports(people.government)
    assert not summary_rebuild(people.government).any


# ---------------------------------------------------------------- the rebuild


def test_the_rebuild_repairs_a_corrupted_summary_and_reports_the_drift(people):
    actor = Actor(people, random.Random(7))
    for _n in range(30):
        actor.step()
    truth = direct_counts(people.government)
    row = (
        ComplaintSummary.objects.filter(government=people.government, received__gt=0)
        .exclude(month=ALL_TIME)
        .first()
    )
    ComplaintSummary.objects.filter(pk=row.pk).update(received=F("received") + 5)
    ComplaintSummary.objects.create(
        government=people.government,
        key="1999-01||||closed|11",
        month=dt.date(1999, 1, 1),
        status=Status.CLOSED,
        verified=True,
        public=True,
        received=3,
    )
    ComplaintAnswerTime.objects.filter(government=people.government).delete()
    assert kept_counts(people.government) != truth

    drift = summary_rebuild(people.government)

    assert drift.any
    assert drift.rows_wrong >= 2
    assert drift.received_kept == drift.received_counted + 8
    assert {k: v for k, v in kept_counts(people.government).items() if k[0] != ALL_TIME} == truth
    assert_summary_is_the_reports(people.government)
    state = ComplaintSummaryState.objects.get(government=people.government)
    assert state.rebuilt_at is not None and state.drift["rows_wrong"] == drift.rows_wrong
    assert not summary_rebuild(people.government).any


def test_the_command_and_the_nightly_task_rebuild_and_report(people, capsys):
    actor = Actor(people, random.Random(3))
    for _n in range(10):
        actor.step()
    ComplaintSummary.objects.filter(government=people.government).update(received=0)
    call_command("complaints", "rebuild-summary", "--government", people.government.slug)
    out = capsys.readouterr().out
    assert "drift corrected / selisih diperbaiki" in out and people.government.slug in out
    assert_summary_is_the_reports(people.government)
    result = summary_rebuild_task.enqueue().return_value  # tests run tasks immediately
    assert {row["government"] for row in result} >= {people.government.slug}
    assert all(row["rows_wrong"] == 0 for row in result)


# ---------------------------------------------------------------- the figures read from it


def old_statistics(government, by, now):
    """What ``service_statistics`` computed from the report rows before the summary."""
    column = {"agency": "agency_id", "category": "category_id", "kecamatan": "kecamatan_id"}[by]
    reports = Complaint.objects.filter(government=government)
    if by == "agency":
        reports = reports.filter(agency__isnull=False)
    judged = Q(due_at__isnull=False) & (Q(first_answered_at__isnull=False) | Q(due_at__lt=now))
    out = {}
    for row in (
        reports.order_by()
        .values(column)
        .annotate(
            received=Count("id"),
            answered=Count("id", filter=Q(first_answered_at__isnull=False)),
            judged=Count("id", filter=judged),
            within=Count("id", filter=judged & Q(first_answered_at__lte=F("due_at"))),
            ratings=Count("ratings__id"),
        )
    ):
        durations = [
            (b - a).total_seconds() / 3600
            for a, b in reports.filter(
                **{column: row[column]}, first_answered_at__isnull=False
            ).values_list("submitted_at", "first_answered_at")
        ]
        out[row[column]] = (
            row["received"],
            row["answered"],
            row["within"] / row["judged"] if row["judged"] else None,
            row["ratings"],
            statistics.median(durations) if durations else None,
        )
    return out


@pytest.mark.parametrize("by", ["agency", "category", "kecamatan"])
def test_the_statistics_are_the_same_numbers_as_from_the_rows(people, by):
    actor = Actor(people, random.Random(11))
    for _n in range(80):
        actor.step()
    now = timezone.now()
    before = old_statistics(people.government, by, now)
    after = {row.key: row for row in service_statistics(people.government, by=by, now=now)}
    assert set(after) == set(before)
    for key, (received, answered, within, ratings, median) in before.items():
        row = after[key]
        assert (row.received, row.answered, row.ratings) == (received, answered, ratings)
        assert row.within_service_level == pytest.approx(within)
        if median is None:
            assert row.median_hours_to_first_answer is None
        else:  # exact to its bucket
            width = bucket_width(bucket_of(median * 3600))
            assert abs(row.median_hours_to_first_answer - median) <= width


def test_a_report_not_yet_due_is_judged_once_its_due_time_passes(people):
    report = services.complaint_submit(
        government=people.government, title="Lampu mati", text="Lampu jalan mati.", by=None
    )
    services.complaint_verify(complaint=report, by=people.coordinator)
    report.refresh_from_db()
    early = figures(people.government, now=report.due_at - dt.timedelta(minutes=1))[None]
    late = figures(people.government, now=report.due_at + dt.timedelta(minutes=1))[None]
    assert (early.judged, early.within_service_level) == (0, None)
    assert (late.judged, late.within_service_level) == (1, 0.0)


def test_a_period_inside_a_month_reads_its_edges_from_the_rows(people):
    actor = Actor(people, random.Random(5))
    for _n in range(40):
        actor.step()
    zone = ZoneInfo(people.government.timezone)
    reports = Complaint.objects.filter(government=people.government)
    since = timezone.localtime(timezone.now(), zone) - dt.timedelta(days=40, hours=5)
    until = timezone.localtime(timezone.now(), zone) - dt.timedelta(hours=2)
    found = figures(people.government, since=since, until=until)
    expected = reports.filter(submitted_at__gte=since, submitted_at__lt=until).count()
    assert (found[None].received if found else 0) == expected


def test_the_public_counts_by_kecamatan_leave_out_what_the_public_list_leaves_out(people):
    actor = Actor(people, random.Random(13))
    for _n in range(60):
        actor.step()
    rows = kecamatan_counts(people.government)
    shown = {row["kecamatan"].pk if row["kecamatan"] else None: row for row in rows}
    listed = public_complaints(people.government)
    for code, row in shown.items():
        mine = listed.filter(kecamatan_id=code)
        assert row["total"] == mine.count()
        assert row["done"] == mine.filter(status__in=[Status.ANSWERED, Status.CLOSED]).count()


# ---------------------------------------------------------------- the demo, before and after


@pytest.fixture
def demo():
    """The complaints demo on its two cities (as ``test_demo`` loads it)."""
    from rembug.complaints.tests.test_demo import DISTRICTS
    from rembug.demo import complaints as demo_complaints
    from rembug.demo import foundation
    from rembug.demo.context import DemoContext
    from rembug.testing.factories import RegionFactory, region_chain

    for code, name in [("36.73", "Kota Serang"), ("36.74", "Kota Tangerang Selatan")]:
        city = region_chain(code, name)
        for n, district in enumerate(DISTRICTS[code], start=1):
            RegionFactory(code=f"{code}.{n:02d}", name=district, level=3, parent=city)
    RegionFactory(code="36.73.02.1001", name="Kasemen", level=4, parent_id="36.73.02")
    context = DemoContext()
    foundation.load(context)
    demo_complaints.load(context)
    return context


def test_the_demo_shows_the_same_numbers_as_from_the_rows(demo):
    now = timezone.now()
    for government in demo.governments.values():
        assert_summary_is_the_reports(government)
        for by in ("agency", "category", "kecamatan"):
            before = old_statistics(government, by, now)
            after = {row.key: row for row in service_statistics(government, by=by, now=now)}
            assert set(after) == set(before)
            for key, (received, answered, within, ratings, median) in before.items():
                row = after[key]
                assert (row.received, row.answered, row.ratings) == (received, answered, ratings)
                assert row.within_service_level == pytest.approx(within)
                if median is not None:
                    width = bucket_width(bucket_of(median * 3600))
                    assert abs(row.median_hours_to_first_answer - median) <= width
        listed = public_complaints(government)
        for row in kecamatan_counts(government):
            code = row["kecamatan"].pk if row["kecamatan"] else None
            assert row["total"] == listed.filter(kecamatan_id=code).count()
