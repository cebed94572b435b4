"""Every search is bounded (issue 8): at most ``SCAN_BUDGET`` postings examined. Checked against a
brute-force search of the same small corpus: with the budget larger than the corpus the answer is
exactly the brute-force AND of stemmed words and filters; with a tiny budget a search stops short,
says so, and following its cursor gives exactly the same answer, page after page."""

import datetime as dt
import random

import pytest

from rembug.complaints.models import Complaint
from rembug.complaints.tests.factories import serang_regions, verified
from rembug.search import selectors
from rembug.search.models import SearchEntry
from rembug.search.selectors import SearchFilters, search
from rembug.search.terms import words

# Inflected forms on purpose: the brute force stems them with the same Indonesian stemmer, so
# "perbaikan jalan" must find "jalan rusak diperbaiki".
VOCABULARY = [
    "jalan",
    "jalanan",
    "rusak",
    "diperbaiki",
    "perbaikan",
    "lampu",
    "banjir",
    "kebanjiran",
    "sampah",
    "menumpuk",
    "drainase",
    "longsor",
]
QUERIES = [
    "jalan",
    "perbaikan jalan",
    "banjir lampu",
    "sampah menumpuk",
    "jalan rusak lampu",
    "longsor",
    "kebanjiran",
]


def _corpus(people, size=36, seed=8):
    """``size`` public reports with random words, kecamatan, agency and year."""
    rng = random.Random(seed)
    regions = serang_regions()
    documents = {}
    for n in range(size):
        title = " ".join(rng.sample(VOCABULARY, 2))
        text = " ".join(rng.sample(VOCABULARY, rng.randint(1, 4)))
        report = verified(
            government=people.government,
            title=f"{title} {n}",
            text=text,
            kecamatan=regions[rng.choice(["Kasemen", "Serang"])],
            agency=rng.choice([people.agency, people.agency_b]),
        )
        year = rng.choice([2024, 2025, 2026])
        Complaint.objects.filter(pk=report.pk).update(
            submitted_at=dt.datetime(year, 5, 1, 8, tzinfo=dt.UTC) + dt.timedelta(hours=n)
        )
        report.refresh_from_db()
        documents[report.pk] = report
    return documents


def _brute_force(documents, text, filters):
    wanted = set(words(text))
    return {
        pk
        for pk, report in documents.items()
        if wanted <= set(words(f"{report.title} {report.text}"))
        and (filters.agency_id is None or report.agency_id == filters.agency_id)
        and (filters.kecamatan is None or report.kecamatan_id == filters.kecamatan)
        and (filters.year is None or report.submitted_at.year == filters.year)
        and filters.kind in (None, "report")
    }


def _every_page(government, text, filters, limit=4):
    """Follow ``next_cursor`` to the end: the object ids found, and the pages."""
    pages, before = [], None
    while True:
        page = search(government, text, filters, before=before, limit=limit)
        pages.append(page)
        if page.next_cursor is None:
            break
        assert before is None or page.next_cursor < before
        before = page.next_cursor
    ids = [entry.object_id for page in pages for entry in page.results]
    assert len(ids) == len(set(ids)), "an entry on two pages"
    entry_ids = [entry.pk for page in pages for entry in page.results]
    assert entry_ids == sorted(entry_ids, reverse=True), "newest first"
    return set(ids), pages


def _filters(people):
    return [
        SearchFilters(),
        SearchFilters(kind="report"),
        SearchFilters(kind="input"),
        SearchFilters(agency_id=people.agency_b.pk),
        SearchFilters(kecamatan="36.73.02"),
        SearchFilters(year=2025),
        SearchFilters(kecamatan="36.73.01", year=2026, agency_id=people.agency.pk),
    ]


@pytest.mark.django_db
def test_within_the_budget_every_search_is_exactly_the_brute_force_answer(people):
    documents = _corpus(people)
    search(people.government, "jalan")  # index the corpus
    assert SearchEntry.objects.filter(government=people.government).count() == len(documents)
    checked = 0
    for text in QUERIES:
        for filters in _filters(people):
            found, pages = _every_page(people.government, text, filters)
            assert found == _brute_force(documents, text, filters), (text, filters)
            assert not any(page.partial for page in pages)
            checked += bool(found)
    assert checked >= 15  # the corpus is not so sparse that most answers are empty


@pytest.mark.django_db
def test_a_tiny_budget_stops_short_says_so_and_its_cursor_reaches_the_same_answer(
    people, monkeypatch
):
    documents = _corpus(people)
    monkeypatch.setattr(selectors, "SCAN_BUDGET", 5)
    monkeypatch.setattr(selectors, "FREQUENCY_CAP", 5)
    partial_seen = 0
    for text in QUERIES:
        for filters in _filters(people):
            found, pages = _every_page(people.government, text, filters)
            assert found == _brute_force(documents, text, filters), (text, filters)
            for page in pages:
                assert (page.examined or 0) <= 5
                if page.partial:
                    partial_seen += 1
                    assert len(page.results) < 4 and page.next_cursor is not None
    assert partial_seen > 10


@pytest.mark.django_db
def test_perbaikan_jalan_finds_jalan_rusak_diperbaiki_on_a_partial_walk(people, monkeypatch):
    target = verified(
        government=people.government, title="Jalan rusak diperbaiki", text="Sudah diperbaiki"
    )
    for n in range(6):
        verified(government=people.government, title=f"Jalan berlubang {n}", text="Berlubang")
    for n in range(6):
        verified(government=people.government, title=f"Pipa diperbaiki {n}", text="Pipa bocor")
    monkeypatch.setattr(selectors, "SCAN_BUDGET", 3)
    monkeypatch.setattr(selectors, "FREQUENCY_CAP", 3)
    first = search(people.government, "perbaikan jalan")
    assert first.partial and first.results == [] and first.examined == 3
    found, _pages = _every_page(people.government, "perbaikan jalan", SearchFilters())
    assert found == {target.pk}


@pytest.mark.django_db
def test_the_page_and_the_api_say_when_results_are_partial(client, people, monkeypatch):
    regions = serang_regions()
    for n in range(8):
        verified(
            government=people.government,
            title=f"Jalan rusak {n}",
            text="Jalan rusak",
            kecamatan=regions["Kasemen"],
        )
        verified(  # Serang has reports too, none about a road
            government=people.government,
            title=f"Sampah menumpuk {n}",
            text="Sampah",
            kecamatan=regions["Serang"],
        )
    monkeypatch.setattr(selectors, "SCAN_BUDGET", 3)
    monkeypatch.setattr(selectors, "FREQUENCY_CAP", 3)
    query = {"q": "jalan", "kecamatan": "36.73.01"}
    response = client.get("/kota-serang/cari/", query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "search-partial" in html and 'rel="next"' in html and "before=" in html
    api = client.get("/api/v1/governments/kota-serang/search", query).json()
    assert api["partial"] is True and api["examined"] == 3 and api["results"] == []
    assert api["next"] and api["next_cursor"]
    # Followed to the end: nothing in Serang, and the last page is complete.
    cursor = api["next_cursor"]
    while cursor:
        api = client.get(
            "/api/v1/governments/kota-serang/search", {**query, "cursor": cursor}
        ).json()
        assert api["results"] == []
        cursor = api["next_cursor"]
    assert api["partial"] is False
    # Within the budget nothing is said.
    monkeypatch.setattr(selectors, "SCAN_BUDGET", 50)
    monkeypatch.setattr(selectors, "FREQUENCY_CAP", 50)
    html = client.get("/kota-serang/cari/", query).content.decode()
    assert "search-partial" not in html and 'rel="next"' not in html
    assert client.get("/api/v1/governments/kota-serang/search", query).json()["partial"] is False


@pytest.mark.django_db
def test_a_word_no_entry_holds_ends_the_search_early(people, django_assert_max_num_queries):
    verified(government=people.government, title="Jalan rusak", text="Jalan rusak")
    search(people.government, "jalan")
    with django_assert_max_num_queries(1):  # the frequencies: no walk, no moderation read
        page = search(people.government, "jalan zebra", refresh=False)
    assert page.results == [] and not page.partial
