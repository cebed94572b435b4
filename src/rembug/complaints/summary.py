"""The summary of reports Rembug keeps itself, so that no page aggregates every report.

Each report contributes to one :class:`~rembug.complaints.models.ComplaintSummary` row — its
month of submission (in the government's time zone), agency, category, kecamatan, status, whether
it is verified and whether the public sees it — with received / answered / with a due time /
answered with a due time / answered in time / rating sum and count, and, once answered, to one
:class:`~rembug.complaints.models.ComplaintAnswerTime` bucket of first-answer durations (whole
hours below three days, six hours below fourteen days, days below ninety, then weeks) with the
sum of the exact durations.

**Kept current** by :func:`summary_sync`, called in the same transaction as every change: the
model signals below cover every ``save``/``delete`` of a report, its rating and its moderation
state (the services, the API, the demo), and the LAPOR! import calls it for each batch it
inserts. It reads the reports' current state, subtracts what they contributed as last counted
(:class:`~rembug.complaints.models.ComplaintSummaryEntry`) and adds the new contribution with
``F()`` increments — a missing row is inserted in a savepoint and, if a concurrent writer
inserted it first, incremented — so two writers never lose a count, on SQLite or PostgreSQL.

**Rebuilt** by :func:`summary_rebuild` (``rembug complaints rebuild-summary``, nightly task
:func:`summary_rebuild_task`): recounts a government from its report rows, compares with what was
kept and reports the drift. Writers hold the government's
:class:`~rembug.complaints.models.ComplaintSummaryState` row shared (PostgreSQL ``FOR SHARE``)
and the rebuild holds it alone, so a rebuild never interleaves with a write.

**Read** by ``complaints.statistics`` (service statistics, counts by kecamatan, the figures of the
portal, the dashboards and the live indicators). Figures that depend on the clock — a report not
yet answered counts against the service level only once its due time has passed — take the few
reports still unanswered *before* their due time from the report rows (an index on the due time
of unanswered reports): these are bounded by the intake of one service-level period, not by
history.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django_tasks import task

from rembug.complaints.models import (
    Complaint,
    ComplaintAnswerTime,
    ComplaintRating,
    ComplaintSummary,
    ComplaintSummaryEntry,
    ComplaintSummaryState,
    Privacy,
    Status,
)
from rembug.governments.models import Government

log = logging.getLogger(__name__)

PUBLIC_PRIVACY = frozenset({Privacy.PUBLIC, Privacy.ANONYMOUS})
COUNTERS = (
    "received",
    "answered",
    "with_due",
    "answered_with_due",
    "answered_in_time",
    "rating_sum",
    "rating_count",
)
# The fields of a report that change what it contributes; a save of other fields only is skipped.
TRACKED = frozenset(
    {
        "government",
        "submitted_at",
        "agency",
        "category",
        "kecamatan",
        "status",
        "privacy",
        "verified_at",
        "first_answered_at",
        "due_at",
    }
)
# First-answer buckets: (below this many hours, bucket width in hours).
BUCKETS = ((72, 1), (14 * 24, 6), (90 * 24, 24))
WIDE_BUCKET = 7 * 24


def bucket_of(seconds: float) -> int:
    """The lower bound, in hours, of the bucket a first-answer duration falls in."""
    hours = max(seconds, 0) / 3600
    for below, width in BUCKETS:
        if hours < below:
            return int(hours // width) * width
    return int(hours // WIDE_BUCKET) * WIDE_BUCKET


def bucket_width(lower: int) -> int:
    for below, width in BUCKETS:
        if lower < below:
            return width
    return WIDE_BUCKET


def month_of(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    return moment.astimezone(zone).date().replace(day=1)


# ---------------------------------------------------------------- what a report contributes


@dataclass(frozen=True)
class Contribution:
    summary_key: str
    time_key: str  # "" while unanswered
    answered: bool
    with_due: bool
    in_time: bool
    rating: int | None
    seconds: int

    def counters(self) -> dict[str, int]:
        return {
            "received": 1,
            "answered": int(self.answered),
            "with_due": int(self.with_due),
            "answered_with_due": int(self.answered and self.with_due),
            "answered_in_time": int(self.in_time),
            "rating_sum": self.rating or 0,
            "rating_count": int(self.rating is not None),
        }

    @classmethod
    def of_entry(cls, entry: ComplaintSummaryEntry) -> Contribution:
        return cls(
            entry.summary_key,
            entry.time_key,
            entry.answered,
            entry.with_due,
            entry.in_time,
            entry.rating,
            entry.seconds,
        )


def _dims(row: dict[str, Any], zone: ZoneInfo) -> tuple[str, str]:
    month = month_of(row["submitted_at"], zone)
    public = (
        row["privacy"] in PUBLIC_PRIVACY
        and row["verified_at"] is not None
        and row["status"] != Status.ARCHIVED
        and not row["withheld"]
    )
    place = f"{month:%Y-%m}|{row['agency_id'] or ''}|{row['category_id'] or ''}|"
    place += row["kecamatan_id"] or ""
    summary_key = f"{place}|{row['status']}|{int(row['verified_at'] is not None)}{int(public)}"
    return place, summary_key


def contribution_of(row: dict[str, Any], zone: ZoneInfo) -> Contribution:
    """What a report (a row of :func:`_state_rows`) contributes."""
    place, summary_key = _dims(row, zone)
    answered_at, due = row["first_answered_at"], row["due_at"]
    seconds = 0
    time_key = ""
    if answered_at is not None:
        seconds = round((answered_at - row["submitted_at"]).total_seconds())
        time_key = f"{place}|{bucket_of(seconds)}"
    return Contribution(
        summary_key=summary_key,
        time_key=time_key,
        answered=answered_at is not None,
        with_due=due is not None,
        in_time=answered_at is not None and due is not None and answered_at <= due,
        rating=row["rating"],
        seconds=max(seconds, 0) if time_key else 0,
    )


STATE_FIELDS = (
    "id",
    "submitted_at",
    "agency_id",
    "category_id",
    "kecamatan_id",
    "status",
    "privacy",
    "verified_at",
    "first_answered_at",
    "due_at",
    "rating",
    "withheld",
)


def _state_rows(government_id: int, ids: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    """The reports' current state with their rating and whether moderation withholds them."""
    from rembug.moderation.models import ModeratedItem, State

    reports = Complaint.objects.filter(government_id=government_id)
    if ids is not None:
        reports = reports.filter(pk__in=list(ids))
    withheld = ModeratedItem.objects.filter(
        government_id=government_id,
        content_type=ContentType.objects.get_for_model(Complaint),
        object_id=OuterRef("pk"),
        state__in=[State.HIDDEN, State.BLOCKED],
    )
    rating = ComplaintRating.objects.filter(
        government_id=government_id, complaint=OuterRef("pk")
    ).values("score")[:1]
    return (
        reports.order_by()
        .annotate(rating=Subquery(rating), withheld=Exists(withheld))
        .values(*STATE_FIELDS)
        .iterator(chunk_size=5000)
    )


def _zone(government_id: int) -> ZoneInfo:
    name = Government.objects.filter(pk=government_id).values_list("timezone", flat=True).first()
    return ZoneInfo(name or "Asia/Jakarta")


# ---------------------------------------------------------------- applying changes


@dataclass
class Delta:
    summary: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    times: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, part: Contribution, sign: int) -> None:
        """Count ``part`` in its month's rows and in the all-time rows (``ALL_TIME``)."""
        counters = part.counters()
        for key in (part.summary_key, all_time(part.summary_key)):
            row = self.summary[key]
            for name, value in counters.items():
                row[name] = row.get(name, 0) + sign * value
        if part.time_key:
            for key in (part.time_key, all_time(part.time_key)):
                bucket = self.times[key]
                bucket[0] += sign
                bucket[1] += sign * part.seconds


# A report also counts in rows without a month (the month column holds this date): the pages
# that read every month at once (the statistics, the map by kecamatan, the dashboards' charts by
# category and kecamatan) read these, whose number does not grow with the months of history.
ALL_TIME = dt.date(1, 1, 1)
ALL_TIME_KEY = "0001-01"  # (strftime does not pad the year 1)


def all_time(key: str) -> str:
    return ALL_TIME_KEY + key[len(ALL_TIME_KEY) :]


def _parse_place(place: str) -> dict[str, Any]:
    month, agency, category, kecamatan = place.split("|")[:4]
    return {
        "month": dt.date(int(month[:4]), int(month[5:7]), 1),
        "agency_id": int(agency) if agency else None,
        "category_id": int(category) if category else None,
        "kecamatan_id": kecamatan or None,
    }


def _summary_fields(key: str) -> dict[str, Any]:
    parts = key.split("|")
    flags = parts[5]
    return {
        **_parse_place(key),
        "status": parts[4],
        "verified": flags[0] == "1",
        "public": flags[1] == "1",
    }


def _time_fields(key: str) -> dict[str, Any]:
    return {**_parse_place(key), "bucket": int(key.split("|")[4])}


def _increment(
    model: Any, government_id: int, key: str, changes: dict[str, int], **dims: Any
) -> None:
    """Add ``changes`` to the row ``key`` — an ``F()`` update; a missing row is inserted in a
    savepoint, and if a concurrent writer inserted it first, incremented after all."""
    update = {name: F(name) + value for name, value in changes.items()}
    rows = model.objects.filter(government_id=government_id, key=key)
    if rows.update(**update):
        return
    try:
        with transaction.atomic():
            model.objects.create(government_id=government_id, key=key, **dims, **changes)
    except IntegrityError:
        rows.update(**update)


def _apply(government_id: int, delta: Delta) -> None:
    for key, changes in sorted(delta.summary.items()):
        changes = {name: value for name, value in changes.items() if value}
        if changes:
            _increment(ComplaintSummary, government_id, key, changes, **_summary_fields(key))
    for key, (count, seconds) in sorted(delta.times.items()):
        if count or seconds:
            _increment(
                ComplaintAnswerTime,
                government_id,
                key,
                {"count": count, "seconds": seconds},
                **_time_fields(key),
            )


def _hold(government_id: int, *, alone: bool) -> None:
    """Hold the government's summary state row: shared by writers, alone by the rebuild. The
    row is made by whoever comes first; a writer waits for a rebuild that is making it."""
    if connection.vendor != "postgresql":
        if alone:  # SQLite runs one writing transaction at a time: this write takes the lock
            ComplaintSummaryState.objects.get_or_create(government_id=government_id)
        return
    # The table name comes from the model, quoted; the government id is a parameter.
    table = connection.ops.quote_name(ComplaintSummaryState._meta.db_table)
    mode = "UPDATE" if alone else "SHARE"
    lock = f"SELECT 1 FROM {table} WHERE government_id = %s FOR {mode}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(lock, [government_id])
        if cursor.fetchone() is None:
            cursor.execute(
                f"INSERT INTO {table} (government_id, rebuilt_at, drift) "  # noqa: S608
                "VALUES (%s, NULL, '{}') ON CONFLICT (government_id) DO NOTHING",
                [government_id],
            )
            cursor.execute(lock, [government_id])


def _entry(complaint_id: int, government_id: int, part: Contribution) -> ComplaintSummaryEntry:
    return ComplaintSummaryEntry(
        complaint_id=complaint_id,
        government_id=government_id,
        summary_key=part.summary_key,
        time_key=part.time_key,
        answered=part.answered,
        with_due=part.with_due,
        in_time=part.in_time,
        rating=part.rating,
        seconds=part.seconds,
    )


ENTRY_FIELDS = ("summary_key", "time_key", "answered", "with_due", "in_time", "rating", "seconds")


def summary_sync(
    government_id: int, complaint_ids: Iterable[int], *, zone: ZoneInfo | None = None
) -> None:
    """Bring the summary up to date with these reports' current state (deleted ones drop out).
    Call it inside the transaction that changed them (``zone``: the government's, if known)."""
    ids = sorted({int(pk) for pk in complaint_ids})
    if not ids:
        return
    with transaction.atomic():
        _hold(government_id, alone=False)
        zone = zone or _zone(government_id)
        now = {row["id"]: contribution_of(row, zone) for row in _state_rows(government_id, ids)}
        entries = {
            entry.complaint_id: entry
            for entry in ComplaintSummaryEntry.objects.select_for_update().filter(
                complaint_id__in=ids
            )
        }
        delta = Delta()
        create: list[ComplaintSummaryEntry] = []
        update: list[ComplaintSummaryEntry] = []
        gone: list[int] = []
        for pk in ids:
            entry = entries.get(pk)
            before = Contribution.of_entry(entry) if entry else None
            after = now.get(pk)
            if before == after:
                continue
            if before is not None:
                delta.add(before, -1)
            if after is not None:
                delta.add(after, +1)
                fresh = _entry(pk, government_id, after)
                (update if entry else create).append(fresh)
            else:
                gone.append(pk)
        _apply(government_id, delta)
        if create:
            ComplaintSummaryEntry.objects.bulk_create(create, batch_size=1000)
        if len(update) == 1:
            fresh = update[0]
            ComplaintSummaryEntry.objects.filter(pk=fresh.pk).update(
                **{name: getattr(fresh, name) for name in ENTRY_FIELDS}
            )
        elif update:
            ComplaintSummaryEntry.objects.bulk_update(update, ENTRY_FIELDS, batch_size=1000)
        if gone:
            ComplaintSummaryEntry.objects.filter(complaint_id__in=gone).delete()


# ---------------------------------------------------------------- rebuilding


@dataclass
class Drift:
    """What a rebuild found the kept summary to differ by from a recount of the reports."""

    government: str
    rows_wrong: int = 0  # summary and bucket rows whose counts differed, were missing or extra
    entries_wrong: int = 0  # reports counted under a stale or missing contribution
    received_kept: int = 0
    received_counted: int = 0

    @property
    def any(self) -> bool:
        return bool(self.rows_wrong or self.entries_wrong)

    def as_dict(self) -> dict[str, Any]:
        return {
            "government": self.government,
            "rows_wrong": self.rows_wrong,
            "entries_wrong": self.entries_wrong,
            "received_kept": self.received_kept,
            "received_counted": self.received_counted,
        }

    def line(self) -> str:
        if not self.any:
            return (
                f"{self.government}: {self.received_counted} reports, no drift / tidak ada selisih"
            )
        return (
            f"{self.government}: drift corrected / selisih diperbaiki — {self.rows_wrong} summary "
            f"rows, {self.entries_wrong} reports; received {self.received_kept} kept, "
            f"{self.received_counted} counted"
        )


def _kept(model: Any, government_id: int, names: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    return {
        row[0]: tuple(row[1:])
        for row in model.objects.filter(government_id=government_id).values_list("key", *names)
        if any(row[1:])
    }


def summary_rebuild(government: Government) -> Drift:
    """Recount ``government``'s summary from its report rows, replace what was kept, and report
    how far it had drifted."""
    drift = Drift(government.slug)
    zone = ZoneInfo(government.timezone)
    with transaction.atomic():
        _hold(government.pk, alone=True)
        ComplaintSummaryState.objects.filter(government=government).update(
            rebuilt_at=timezone.now()
        )  # on SQLite this write takes the database's write lock before anything is read
        kept_entries = {
            row[0]: row[1:]
            for row in ComplaintSummaryEntry.objects.filter(government=government).values_list(
                "complaint_id", *ENTRY_FIELDS
            )
        }
        delta = Delta()
        entries = []
        for row in _state_rows(government.pk):
            part = contribution_of(row, zone)
            delta.add(part, +1)
            entry = _entry(row["id"], government.pk, part)
            entries.append(entry)
            if kept_entries.pop(row["id"], None) != tuple(getattr(entry, n) for n in ENTRY_FIELDS):
                drift.entries_wrong += 1
        drift.entries_wrong += len(kept_entries)  # reports gone but still counted
        counted = {
            key: tuple(changes.get(name, 0) for name in COUNTERS)
            for key, changes in delta.summary.items()
        }
        counted_times = {key: (c, s) for key, (c, s) in delta.times.items()}
        kept = _kept(ComplaintSummary, government.pk, COUNTERS)
        kept_times = _kept(ComplaintAnswerTime, government.pk, ("count", "seconds"))
        monthly = [key for key in kept.keys() | counted.keys() if not key.startswith(ALL_TIME_KEY)]
        drift.received_kept = sum(kept.get(key, (0,))[0] for key in monthly)
        drift.received_counted = sum(counted.get(key, (0,))[0] for key in monthly)
        drift.rows_wrong = sum(
            1 for key in kept.keys() | counted.keys() if kept.get(key) != counted.get(key)
        ) + sum(
            1
            for key in kept_times.keys() | counted_times.keys()
            if kept_times.get(key) != counted_times.get(key)
        )
        ComplaintSummary.objects.filter(government=government).delete()
        ComplaintAnswerTime.objects.filter(government=government).delete()
        ComplaintSummaryEntry.objects.filter(government=government).delete()
        ComplaintSummary.objects.bulk_create(
            [
                ComplaintSummary(
                    government=government,
                    key=key,
                    **_summary_fields(key),
                    **dict(zip(COUNTERS, values, strict=True)),
                )
                for key, values in counted.items()
            ],
            batch_size=1000,
        )
        ComplaintAnswerTime.objects.bulk_create(
            [
                ComplaintAnswerTime(
                    government=government,
                    key=key,
                    count=count,
                    seconds=seconds,
                    **_time_fields(key),
                )
                for key, (count, seconds) in counted_times.items()
            ],
            batch_size=1000,
        )
        ComplaintSummaryEntry.objects.bulk_create(entries, batch_size=2000)
        ComplaintSummaryState.objects.filter(government=government).update(
            rebuilt_at=timezone.now(), drift=drift.as_dict()
        )
    if drift.any:
        log.warning("complaint summary drift: %s", drift.line())
    return drift


@task()
def summary_rebuild_task(government_id: int | None = None) -> list[dict[str, Any]]:
    """Nightly: rebuild every government's summary (or one) and report the drift found."""
    governments = Government.objects.order_by("slug")
    if government_id is not None:
        governments = governments.filter(pk=government_id)
    return [summary_rebuild(government).as_dict() for government in governments]


# ---------------------------------------------------------------- keeping current


def _changed(sender: Any, instance: Complaint, update_fields: Any = None, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # fixtures and restores: the rebuild recounts
    if update_fields is not None and not (TRACKED & set(update_fields)):
        return
    summary_sync(instance.government_id, [instance.pk], zone=_known_zone(instance))


def _known_zone(instance: Complaint) -> ZoneInfo | None:
    """The government's time zone when the report already holds its government (no query)."""
    if Complaint.government.is_cached(instance):
        return ZoneInfo(instance.government.timezone)
    return None


def _deleted(sender: Any, instance: Complaint, **kwargs: Any) -> None:
    if _government_goes(kwargs.get("origin")):
        return
    summary_sync(instance.government_id, [instance.pk])


def _government_goes(origin: Any) -> bool:
    """Whether a deletion started at a government (its summary goes with it)."""
    model = getattr(origin, "model", None) or type(origin)
    return model is Government


def _rating_changed(sender: Any, instance: ComplaintRating, **kwargs: Any) -> None:
    if kwargs.get("raw") or _government_goes(kwargs.get("origin")):
        return
    summary_sync(instance.government_id, [instance.complaint_id])


def _moderation_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or _government_goes(kwargs.get("origin")):
        return
    if instance.content_type_id == ContentType.objects.get_for_model(Complaint).pk:
        summary_sync(instance.government_id, [instance.object_id])


def connect() -> None:
    """Keep the summary current on every save and delete (``ComplaintsConfig.ready``)."""
    from rembug.moderation.models import ModeratedItem

    post_save.connect(_changed, sender=Complaint, dispatch_uid="complaint_summary_save")
    post_delete.connect(_deleted, sender=Complaint, dispatch_uid="complaint_summary_delete")
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            _rating_changed, sender=ComplaintRating, dispatch_uid=f"complaint_summary_rating_{name}"
        )
        signal.connect(
            _moderation_changed,
            sender=ModeratedItem,
            dispatch_uid=f"complaint_summary_moderation_{name}",
        )
