"""Benchmark: every report list page at 10,000 and at 1,000,000 reports (PostgreSQL, one run).

Two governments in one throw-away database, alike in everything (40 agencies, 20 categories,
6 kecamatan, a coordinator, an agency officer, a resident with 60 reports of his own) but the
number of reports: ``--small`` (10,000) and ``--large`` (1,000,000). The reports are written in
SQL (``INSERT … SELECT … FROM generate_series``) over three years ending now, with a spread of
status (old reports mostly closed, a stale backlog of about 4 % still open, the last month
mostly open), classification, privacy, category (skewed), agency (the officer's agency handles
a quarter of the dispatched reports), kecamatan, source, coordinates and moderation (one report
in 331 hidden or blocked). The ten newest reports of each government are open emergencies, so
the call centre's screen holds the same ten rows at both sizes. Timeline entries are not
generated: no list page reads them (the cards and rows show the report's own columns).

Rows are kept between runs: a government that already holds its reports is measured as it is
(generation takes a few minutes; measuring again a few seconds).

Then every list page is requested through Django's test client (the whole request: middleware,
view, template or serialiser) as the role that uses it, the median of ``--runs`` runs, its SQL
query count beside it, both sizes side by side in one run: the public list with and without
each filter and its next page, the coordinator's queue and its sections (overdue, due), the
emergency queue, the agency officer's queue and its next page, "my reports", the API's report
list with its next cursor page, and Open311 ``requests.json``. Open311 answers at most 1,000
requests of at most 90 days, so it is measured over windows holding the same number of requests
at both sizes (90 days at 10,000; the same share of the three years at 1,000,000).

Goal (issue 5, issue 8): each page at 1,000,000 within 1.5× of its time at 10,000, in the same
number of queries.

Run: ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/rembug_list_bench
.venv/bin/python bench/list_scale.py`` (the database is created if absent). In the runner:
``rembug bench run list-scale [--full]``. Prints one ``FIGURE {json}`` line per page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SRC = Path(__file__).resolve().parents[1] / "src"
GOAL_RATIO = 1.5
AGENCIES = 40
CATEGORIES = 20
KECAMATAN = 6
MINE = 60  # the resident's own reports, whatever the size
EMERGENCIES = 10  # open emergencies, whatever the size
CHUNK = 100_000
YEARS_DAYS = 1095
# One "now" for both governments, so that both spread their reports over the same three years.
END = "2026-11-23 06:00:00+00"

TITLES = [
    "Jalan berlubang di depan pasar",
    "Lampu penerangan jalan mati",
    "Sampah menumpuk di pinggir kali",
    "Saluran air tersumbat saat hujan",
    "Pelayanan KTP elektronik lambat",
    "Pungutan liar di kantor kelurahan",
    "Usulan taman bermain anak",
    "Jadwal vaksinasi puskesmas",
    "Banjir di perumahan warga",
    "Pohon tumbang menutup jalan",
    "Air PDAM tidak mengalir",
    "Parkir liar di trotoar",
]


def setup() -> None:
    sys.path.insert(0, str(SRC))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rembug.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE", "0")
    os.environ.setdefault("SECRET_KEY", "bench")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("list_scale.py measures PostgreSQL: set DATABASE_URL=postgres://…/throwaway")
    _database_create(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _database_create(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not found:
            connection.execute(f'CREATE DATABASE "{name}"')


def figure(name: str, value: float, unit: str, **extra: object) -> None:
    print("FIGURE " + json.dumps({"name": name, "value": value, "unit": unit, **extra}), flush=True)


# ---------------------------------------------------------------- generation


def _hash(k: int) -> str:
    """A deterministic pseudo-random number in [0, 1) of the row number ``n`` (the k-th of
    eight independent ones): a multiplicative hash modulo a prime."""
    primes = [
        (7919, 1000003), (104729, 999983), (1299709, 999979), (15485863, 999961),
        (32452843, 999959), (49979687, 999953), (67867967, 999931), (86028121, 999917),
    ]  # fmt: skip
    multiplier, modulus = primes[k]
    return f"((n::bigint * {multiplier}) %% {modulus})::float8 / {modulus}"


REPORTS_SQL = """
WITH s AS (
    SELECT n, {h1} AS h1, {h2} AS h2, {h3} AS h3, {h4} AS h4, {h5} AS h5, {h6} AS h6,
           {h7} AS h7, {h8} AS h8,
           (%(size)s - n)::float8 / %(size)s * {days} AS age_days
    FROM generate_series(%(start)s, %(stop)s - 1) AS n
), t AS (
    SELECT s.*,
        %(end)s::timestamptz - age_days * interval '1 day' - h8 * interval '50 minutes' AS at,
        n > %(size)s - {emergencies} * 4 AND n %% 4 = 0 AS open_emergency,
        CASE
            WHEN n > %(size)s - {emergencies} * 4 AND n %% 4 = 0 THEN 'verified'
            WHEN h4 < 0.003 THEN 'closed'
            WHEN age_days < 30 THEN CASE
                WHEN h1 < 0.15 THEN 'submitted' WHEN h1 < 0.25 THEN 'verified'
                WHEN h1 < 0.40 THEN 'dispatched' WHEN h1 < 0.55 THEN 'in_progress'
                WHEN h1 < 0.60 THEN 'needs_info' WHEN h1 < 0.80 THEN 'answered'
                WHEN h1 < 0.92 THEN 'closed' WHEN h1 < 0.95 THEN 'duplicate'
                WHEN h1 < 0.97 THEN 'forwarded' WHEN h1 < 0.99 THEN 'archived'
                ELSE 'reopened' END
            ELSE CASE
                WHEN h1 < 0.005 THEN 'submitted' WHEN h1 < 0.010 THEN 'verified'
                WHEN h1 < 0.020 THEN 'dispatched' WHEN h1 < 0.035 THEN 'in_progress'
                WHEN h1 < 0.040 THEN 'needs_info' WHEN h1 < 0.080 THEN 'answered'
                WHEN h1 < 0.850 THEN 'closed' WHEN h1 < 0.890 THEN 'duplicate'
                WHEN h1 < 0.920 THEN 'forwarded' WHEN h1 < 0.985 THEN 'archived'
                ELSE 'reopened' END
        END AS status,
        CASE WHEN h5 < 0.60 THEN 'pengaduan' WHEN h5 < 0.65 THEN 'pengaduan_pengawasan'
             WHEN h5 < 0.90 THEN 'aspirasi' ELSE 'permintaan_informasi' END AS classification
    FROM s
), u AS (
    SELECT t.*,
        CASE WHEN status IN ('submitted', 'verified', 'forwarded') THEN NULL
             WHEN h3 < 0.25 THEN (%(agencies)s::bigint[])[1]
             ELSE (%(agencies)s::bigint[])[2 + floor(h3 * 1000)::int %% {others}] END AS agency,
        CASE WHEN open_emergency THEN interval '30 minutes'
             WHEN classification = 'pengaduan' THEN interval '20 days'
             WHEN classification = 'pengaduan_pengawasan' THEN interval '84 days'
             ELSE interval '7 days' END AS allowed,
        CASE WHEN status IN ('answered', 'closed', 'reopened')
             THEN interval '1 day' * (1 + floor(h8 * 20)) END AS to_answer
    FROM t
)
INSERT INTO complaints_complaint ({columns})
SELECT {values} FROM u
"""

COLUMNS = {
    "government_id": "%(government)s",
    "tracking_code": (
        "'L' || substr(lpad(n::text, 9, '0'), 1, 4) || '-' || substr(lpad(n::text, 9, '0'), 5, 5)"
    ),
    "lapor_tracking_id": "''",
    "title": "(%(titles)s::text[])[1 + floor(h2 * 1000)::int %% 12]",
    "text": (
        "(%(titles)s::text[])[1 + floor(h2 * 1000)::int %% 12] || '. Mohon segera "
        "ditindaklanjuti, sudah beberapa minggu warga mengeluhkan hal ini. Laporan nomor ' "
        "|| n || '.'"
    ),
    "classification": "classification",
    "category_id": (
        "CASE WHEN h2 < 0.05 THEN NULL ELSE (%(categories)s::bigint[])[1 + "
        "floor(power((h2 - 0.05) / 0.95, 1.6) * {categories})::int] END"
    ),
    "agency_id": "agency",
    "kecamatan_id": (
        "CASE WHEN h6 > 0.97 THEN NULL ELSE (%(kecamatan)s::text[])[1 + floor(h6 / 0.97 * "
        "{kecamatan})::int] END"
    ),
    "kelurahan_id": "NULL",
    "latitude": "CASE WHEN h7 < 0.3 THEN round((-6.15 + h8 * 0.1)::numeric, 6) END",
    "longitude": "CASE WHEN h7 < 0.3 THEN round((106.10 + h3 * 0.1)::numeric, 6) END",
    "address": "''",
    "share_location": "false",
    "privacy": (
        "CASE WHEN open_emergency THEN 'publik' WHEN h7 < 0.70 THEN 'publik' WHEN h7 < "
        "0.85 THEN 'anonim' WHEN h7 < 0.95 THEN 'rahasia' ELSE 'anonim_rahasia' END"
    ),
    "reporter_id": (
        "CASE WHEN n %% %(mine_every)s = 0 AND n / %(mine_every)s <= {mine} THEN "
        "%(resident)s::bigint END"
    ),
    "contact_name": "''",
    "contact_email": "''",
    "contact_phone": "''",
    "status": "status",
    "severity": "''",
    "is_emergency": "open_emergency OR h4 < 0.003",
    "emergency_kind": "CASE WHEN open_emergency OR h4 < 0.003 THEN 'kebakaran' ELSE '' END",
    "source": (
        "CASE WHEN h5 * 10 - floor(h5 * 10) < 0.6 THEN 'web' WHEN h5 * 10 - floor(h5 * "
        "10) < 0.75 THEN 'whatsapp' WHEN h5 * 10 - floor(h5 * 10) < 0.85 THEN 'lapor' "
        "WHEN h5 * 10 - floor(h5 * 10) < 0.95 THEN 'android' ELSE 'loket' END"
    ),
    "duplicate_of_id": "NULL",
    "forwarded_to": "CASE WHEN status = 'forwarded' THEN 'Pemerintah Provinsi' ELSE '' END",
    "archive_reason": "CASE WHEN status = 'archived' THEN 'unclear' ELSE '' END",
    "resolved_by": (
        "CASE WHEN status = 'closed' THEN 'system' WHEN status = 'archived' THEN 'admin' "
        "ELSE '' END"
    ),
    "due_at": "at + allowed",
    "submitted_at": "at",
    "verified_at": "CASE WHEN status = 'submitted' THEN NULL ELSE at + interval '3 hours' END",
    "dispatched_at": "CASE WHEN agency IS NULL THEN NULL ELSE at + interval '1 day' END",
    "first_answered_at": "at + to_answer",
    "answered_at": "at + to_answer",
    "closed_at": "CASE WHEN status = 'closed' THEN at + to_answer + interval '10 days' END",
    "escalated_at": (
        "CASE WHEN status IN ('submitted', 'verified', 'dispatched', 'in_progress', "
        "'reopened') AND age_days > 90 THEN at + allowed + interval '1 hour' END"
    ),
    "created_at": "at",
    "updated_at": "at + coalesce(to_answer, interval '1 hour')",
}

MODERATION_SQL = """
INSERT INTO moderation_moderateditem
    (government_id, kind, content_type_id, object_id, author_id, title, state, reason,
     flag_count, appealed, created_at, updated_at)
SELECT c.government_id, 'complaint', %(content_type)s, c.id, NULL, c.title,
       CASE WHEN c.id %% 2 = 0 THEN 'hidden' ELSE 'blocked' END, 'spam', 3, false,
       c.submitted_at + interval '1 day', c.submitted_at + interval '1 day'
FROM complaints_complaint c
WHERE c.government_id = %(government)s AND c.id %% 331 = 5
"""


def _sql_reports() -> str:
    from rembug.complaints.models import Complaint

    names = [field.column for field in Complaint._meta.concrete_fields if field.column != "id"]
    missing = set(names) - set(COLUMNS)
    assert not missing, f"the generator does not fill {sorted(missing)}"
    hashes = {f"h{k + 1}": _hash(k) for k in range(8)}
    template = REPORTS_SQL.format(
        days=YEARS_DAYS,
        emergencies=EMERGENCIES,
        others=AGENCIES - 1,
        columns=", ".join(names),
        values=", ".join(COLUMNS[name] for name in names),
        **hashes,
    )
    return template.format(categories=CATEGORIES, kecamatan=KECAMATAN, mine=MINE)


def _people(government: Any, agencies: list[Any]) -> dict[str, Any]:
    from rembug.governments.models import Membership, Role
    from rembug.testing.factories import UserFactory

    slug = government.slug
    coordinator = UserFactory(username=f"koordinator.{slug}")
    officer = UserFactory(username=f"petugas.{slug}")
    resident = UserFactory(username=f"warga.{slug}")
    for user, role, agency in (
        (coordinator, Role.COORDINATOR, None),
        (officer, Role.AGENCY_OFFICER, agencies[0]),
        (resident, Role.RESIDENT, None),
    ):
        Membership.objects.get_or_create(government=government, user=user, role=role, agency=agency)
    return {"coordinator": coordinator, "officer": officer, "resident": resident}


def _reports_clear(government_id: int) -> None:
    """Delete a government's reports and every row pointing at them in SQL (a queryset delete
    would send a signal per report)."""
    from django.db import connection

    from rembug.complaints.models import Complaint

    reports = "SELECT id FROM complaints_complaint WHERE government_id = %s"
    with connection.cursor() as cursor:
        for relation in Complaint._meta.related_objects:
            table = relation.related_model._meta.db_table
            column = relation.field.column
            if relation.related_model is Complaint:
                cursor.execute(
                    f"UPDATE {table} SET {column} = NULL WHERE government_id = %s",  # noqa: S608
                    [government_id],
                )
                continue
            cursor.execute(
                f"DELETE FROM {table} WHERE {column} IN ({reports})",  # noqa: S608
                [government_id],
            )
        cursor.execute("DELETE FROM complaints_complaint WHERE government_id = %s", [government_id])


def prepared(slug: str, code: str, name: str, size: int) -> dict[str, Any]:
    """A government with ``size`` generated reports (kept from an earlier run if complete)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from rembug.complaints.models import Category, Complaint
    from rembug.governments.models import Agency
    from rembug.moderation.models import ModeratedItem
    from rembug.testing.factories import GovernmentFactory, RegionFactory

    government = GovernmentFactory(slug=slug, code=code, region_name=name)
    kecamatan = [
        RegionFactory(
            code=f"{code}.0{k + 1}", name=f"Kecamatan {k + 1}", level=3, parent=government.region
        )
        for k in range(KECAMATAN)
    ]
    agencies = list(Agency.objects.filter(government=government).order_by("id"))
    if len(agencies) < AGENCIES:
        Agency.objects.bulk_create(
            Agency(
                government=government,
                name=f"Dinas {k + 1:02d}",
                short_name=f"D{k + 1:02d}",
                slug=f"dinas-{k + 1:02d}",
                urusan_codes=["2.16"],
            )
            for k in range(len(agencies), AGENCIES)
        )
        agencies = list(Agency.objects.filter(government=government).order_by("id"))
    categories = list(Category.objects.filter(government=government).order_by("id"))
    if len(categories) < CATEGORIES:
        Category.objects.bulk_create(
            Category(
                government=government,
                name=f"Kategori {k + 1:02d}",
                slug=f"kategori-{k + 1:02d}",
                default_agency=agencies[k % AGENCIES],
            )
            for k in range(len(categories), CATEGORIES)
        )
        categories = list(Category.objects.filter(government=government).order_by("id"))
    people = _people(government, agencies)
    reports = Complaint.objects.filter(government=government)
    if reports.count() != size:
        began = time.perf_counter()
        with transaction.atomic():
            ModeratedItem.objects.filter(government=government).delete()
            _reports_clear(government.pk)
        sql = _sql_reports()
        with connection.cursor() as cursor:
            for start in range(1, size + 1, CHUNK):
                cursor.execute(
                    sql,
                    {
                        "government": government.pk,
                        "size": size,
                        "start": start,
                        "stop": min(start + CHUNK, size + 1),
                        "end": END,
                        "titles": TITLES,
                        "agencies": [a.pk for a in agencies],
                        "categories": [c.pk for c in categories],
                        "kecamatan": [k.pk for k in kecamatan],
                        "mine_every": size // MINE,
                        "resident": people["resident"].pk,
                    },
                )
                print(f"{slug}: {min(start + CHUNK, size + 1) - 1:,} reports", flush=True)
            cursor.execute(
                MODERATION_SQL,
                {
                    "government": government.pk,
                    "content_type": ContentType.objects.get_for_model(Complaint).pk,
                },
            )
            # As autovacuum would leave them: statistics, and a visibility map.
            cursor.execute("VACUUM ANALYZE complaints_complaint")
            cursor.execute("VACUUM ANALYZE moderation_moderateditem")
        print(f"{slug}: {size:,} reports in {time.perf_counter() - began:.0f} s", flush=True)
    return {
        "government": government,
        "agencies": agencies,
        "categories": categories,
        "kecamatan": kecamatan,
        **people,
    }


# ---------------------------------------------------------------- pages


def _client(user: Any) -> Any:
    from rembug.bench.pages import client_for

    return client_for(user.username if user is not None else None)


def pages(world: dict[str, Any], size: int, small: int) -> list[tuple[str, Any, str]]:
    """(label, user or None, URL) of every list page of one government."""
    government = world["government"]
    slug = government.slug
    agency = world["agencies"][7]
    category = world["categories"][5]
    kecamatan = world["kecamatan"][2]
    month_start = (dt.date(2025, 11, 1)).isoformat()
    month_end = (dt.date(2025, 11, 30)).isoformat()
    end = dt.datetime.fromisoformat(END.replace("+00", "+00:00"))
    # Open311: windows holding the same number of requests at both sizes (90 days, its
    # longest, at the small size).
    window = dt.timedelta(days=90 * small / size)
    start = (end - window).strftime("%Y-%m-%dT%H:%M:%SZ")
    stop = end.strftime("%Y-%m-%dT%H:%M:%SZ")
    # Open requests: the share of open reports depends on their age (the last month is mostly
    # open), so these windows end 120 days back, where both sizes hold the same mix.
    old_end = end - dt.timedelta(days=120)
    old_start = (old_end - window).strftime("%Y-%m-%dT%H:%M:%SZ")
    old_stop = old_end.strftime("%Y-%m-%dT%H:%M:%SZ")
    code = government.region_id
    coordinator, officer, resident = world["coordinator"], world["officer"], world["resident"]
    public = f"/{slug}/aduan/"
    api = f"/api/v1/governments/{slug}/reports"
    open311 = f"/open311/v2/requests.json?jurisdiction_id={code}&start_date={start}&end_date={stop}"
    return [
        ("public list", None, public),
        ("public list, status", None, f"{public}?status=in_progress"),
        ("public list, rare status", None, f"{public}?status=reopened"),
        ("public list, category", None, f"{public}?category={category.pk}"),
        ("public list, kecamatan", None, f"{public}?kecamatan={kecamatan.pk}"),
        ("public list, agency", None, f"{public}?agency={agency.pk}"),
        ("public list, classification", None, f"{public}?classification=pengaduan_pengawasan"),
        ("public list, period", None, f"{public}?since={month_start}&until={month_end}"),
        ("public list, two filters", None, f"{public}?status=closed&kecamatan={kecamatan.pk}"),
        (
            # Three filters that rarely meet: no single index holds the combination.
            "public list, rare combination",
            None,
            f"{public}?agency={agency.pk}&classification=pengaduan_pengawasan&status=reopened",
        ),
        ("public list, next page", None, "next:public list"),
        ("public list, filtered next page", None, "next:public list, category"),
        ("coordinator queue", coordinator, f"/{slug}/aduan/koordinator/"),
        ("coordinator, overdue", coordinator, f"/{slug}/aduan/koordinator/?antrian=overdue"),
        ("coordinator, overdue next", coordinator, "next:coordinator, overdue"),
        ("coordinator, new by due", coordinator, f"/{slug}/aduan/koordinator/?antrian=new"),
        ("emergency queue", coordinator, f"/{slug}/aduan/darurat/"),
        ("agency queue", officer, f"/{slug}/aduan/perangkat-daerah/"),
        ("agency queue, next page", officer, "next:agency queue"),
        ("my reports", resident, f"/{slug}/aduan/laporan-saya/"),
        ("my reports, page 2", resident, "next:my reports"),
        ("API reports", None, api),
        ("API reports, filtered", None, f"{api}?status=closed&classification=aspirasi"),
        ("API reports, next cursor", None, "next:API reports"),
        ("API reports, agency", None, f"{api}?agency={agency.slug}"),
        ("Open311 requests", None, open311),
        (
            "Open311 open requests",
            None,
            f"/open311/v2/requests.json?jurisdiction_id={code}&start_date={old_start}"
            f"&end_date={old_stop}&status=open",
        ),
        ("Open311 one service", None, f"{open311}&service_code={world['categories'][0].slug}"),
    ]


NEXT_LINK = re.compile(
    r'<a [^>]*href="([^"]+)"[^>]*rel="next"|<a [^>]*rel="next"[^>]*href="([^"]+)"'
)


def next_url(url: str, response: Any) -> str | None:
    """The page after ``response``: the API's ``next``, or the page's ``rel="next"`` link."""
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(response.content)
        found = body.get("next") if isinstance(body, dict) else None
        return urlsplit(found)._replace(scheme="", netloc="").geturl() if found else None
    match = NEXT_LINK.search(response.content.decode())
    if not match:
        return None
    href = (match.group(1) or match.group(2)).replace("&amp;", "&")
    return href if href.startswith("/") else url.split("?")[0] + href


def resolved(
    world: dict[str, Any], size: int, small: int, only: str
) -> list[tuple[str, Any, str, int]]:
    """The pages with their next-page URLs followed (each page requested once: warm caches)."""
    out = []
    followed: dict[str, str | None] = {}
    for label, user, url in pages(world, size, small):
        if url.startswith("next:"):
            target = followed.get(url[5:])
            if not target:
                print(f"{label}: no next page at {size:,}", flush=True)
                continue
            url = target
        response = _client(user).get(url)
        assert response.status_code == 200, (label, url, response.status_code)
        followed[label] = next_url(url, response)
        if not only or only in label:
            out.append((label, user, url, rows_of(response)))
    return out


def rows_of(response: Any) -> int:
    """How many reports the response shows (JSON results, cards or queue rows)."""
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(response.content)
        return len(body["results"] if isinstance(body, dict) else body)
    html = response.content.decode()
    return html.count('<li class="card') + html.count('<td class="num">')


def timed(client: Any, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        began = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - began
    assert response.status_code == 200, (url, response.status_code)
    return seconds, len(context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", default="", help="Measure only pages whose label has this.")
    args = parser.parse_args()
    setup()
    began = time.perf_counter()
    small_world = prepared("bench-daftar-kecil", "36.74", "Kota Kecil", args.small)
    large_world = prepared("bench-daftar", "36.73", "Kota Besar", args.large)
    print(f"prepared in {time.perf_counter() - began:.0f} s", flush=True)
    small_pages = {
        label: (user, url, rows)
        for label, user, url, rows in resolved(small_world, args.small, args.small, args.only)
    }
    large_pages = {
        label: (user, url, rows)
        for label, user, url, rows in resolved(large_world, args.large, args.small, args.only)
    }
    print(f"{'page':34} {f'{args.small:,}':>25} {f'{args.large:,}':>25}   ratio")
    for label, (small_user, small_url, small_rows) in small_pages.items():
        if label not in large_pages:
            continue
        large_user, large_url, large_rows = large_pages[label]
        clients = (_client(small_user), _client(large_user))
        # Side by side: the two sizes alternately, so that the shared machine's load falls on
        # both alike.
        rows: tuple[list[tuple[float, int]], list[tuple[float, int]]] = ([], [])
        for _ in range(args.runs):
            rows[0].append(timed(clients[0], small_url))
            rows[1].append(timed(clients[1], large_url))
        ms_small = statistics.median(t for t, _q in rows[0]) * 1000
        ms_large = statistics.median(t for t, _q in rows[1]) * 1000
        q_small, q_large = rows[0][-1][1], rows[1][-1][1]
        ratio = ms_large / ms_small
        # A page showing fewer rows at the small size (too few reports to fill it) is not
        # comparable: its figure is printed without a verdict.
        met: bool | None = ratio <= GOAL_RATIO and q_small == q_large
        if small_rows != large_rows and q_small == q_large:
            met = None
        print(
            f"{label:34} {ms_small:9.1f} ms {q_small:3d} q {small_rows:4d} r"
            f" {ms_large:9.1f} ms {q_large:3d} q {large_rows:4d} r"
            f"  {ratio:5.2f}×"
            + {True: "", False: "  NOT MET", None: "  (rows differ: not comparable)"}[met],
            flush=True,
        )
        figure(
            f"lists.{label}.time_ratio",
            round(ratio, 2),
            "×",
            goal=f"≤ {GOAL_RATIO}× and the same query count",
            met=met,
            ms=[round(ms_small, 1), round(ms_large, 1)],
            queries=[q_small, q_large],
            rows_shown=[small_rows, large_rows],
            reports=[args.small, args.large],
        )


if __name__ == "__main__":
    main()
