import pytest
from django.utils import timezone

from rembug.complaints.models import Privacy, Status
from rembug.complaints.tests.factories import ComplaintFactory, serang_regions, verified
from rembug.forums.tests.factories import ForumFactory, ForumInputFactory
from rembug.planning.models import DocumentKind, DocumentState, PlanItem
from rembug.planning.tests.factories import PlanDocumentFactory, PlanItemFactory, indicator
from rembug.search.models import SearchEntry, SearchTerm
from rembug.search.selectors import SearchFilters, search
from rembug.search.services import search_rebuild
from rembug.testing.fixtures import assert_query_count_constant

URL = "/kota-serang/cari/"


def _titles(government, text, filters=None):
    return [entry.title for entry in search(government, text, filters).results]


@pytest.mark.django_db
def test_it_finds_perbaikan_jalan_in_jalan_rusak_diperbaiki(people):
    verified(
        government=people.government,
        title="Jalan rusak diperbaiki setengah",
        text="Jalan di depan pasar Rau rusak, baru diperbaiki sebagian oleh kontraktor.",
    )
    verified(government=people.government, title="Lampu mati", text="Lampu taman mati total.")
    assert _titles(people.government, "perbaikan jalan") == ["Jalan rusak diperbaiki setengah"]


@pytest.mark.django_db
def test_it_never_indexes_hidden_reports_or_personal_data(people):
    gov = people.government
    verified(
        government=gov, title="Banjir rahasia", text="Banjir di gang", privacy=Privacy.CONFIDENTIAL
    )
    verified(government=gov, title="Banjir diarsip", text="Banjir di gang", status=Status.ARCHIVED)
    ComplaintFactory(government=gov, title="Banjir belum diverifikasi", text="Banjir di gang")
    shown = verified(
        government=gov,
        title="Banjir anonim",
        text="Banjir setinggi lutut, hubungi 081234567890 atau siti@contoh.id",
        privacy=Privacy.ANONYMOUS,
        contact_name="Siti Rahmawati",
    )
    assert _titles(gov, "banjir") == ["Banjir anonim"]
    assert _titles(gov, "siti") == [] and _titles(gov, "rahmawati") == []
    entry = SearchEntry.objects.get(object_id=shown.pk)
    assert "0812" not in entry.snippet and "@" not in entry.snippet
    assert not SearchTerm.objects.filter(term__contains="siti").exists()


@pytest.mark.django_db
def test_a_report_is_found_once_public_and_gone_once_hidden_without_manual_steps(people):
    gov = people.government
    report = ComplaintFactory(government=gov, title="Sampah menumpuk", text="Sampah di pasar.")
    assert _titles(gov, "sampah") == []
    report.status, report.verified_at = Status.VERIFIED, timezone.now()
    report.save()
    assert _titles(gov, "sampah") == ["Sampah menumpuk"]
    report.privacy = Privacy.CONFIDENTIAL
    report.save()
    assert _titles(gov, "sampah") == []


@pytest.mark.django_db
def test_it_filters_by_type_agency_kecamatan_and_year(people):
    gov = people.government
    regions = serang_regions()
    old = verified(
        government=gov,
        title="Drainase tersumbat Kasemen",
        text="Saluran air tersumbat",
        kecamatan=regions["Kasemen"],
        agency=people.agency_b,
    )
    old.submitted_at = old.submitted_at.replace(year=2024)
    old.save()
    verified(
        government=gov,
        title="Drainase tersumbat Serang",
        text="Saluran air tersumbat",
        kecamatan=regions["Serang"],
    )
    forum = ForumFactory(government=gov, organiser=people.agency, plan_year=2027)
    ForumInputFactory(forum=forum, title="Drainase kelurahan", text="Normalisasi saluran air")
    assert len(_titles(gov, "saluran air")) == 3
    assert _titles(gov, "saluran", SearchFilters(kind="input")) == ["Drainase kelurahan"]
    assert _titles(gov, "saluran", SearchFilters(agency_id=people.agency_b.pk)) == [
        "Drainase tersumbat Kasemen"
    ]
    assert _titles(gov, "saluran", SearchFilters(kecamatan="36.73.01")) == [
        "Drainase tersumbat Serang"
    ]
    assert _titles(gov, "saluran", SearchFilters(year=2024)) == ["Drainase tersumbat Kasemen"]
    assert _titles(gov, "saluran", SearchFilters(year=2027)) == ["Drainase kelurahan"]


@pytest.mark.django_db
def test_it_finds_plans_items_and_indicators_but_not_working_drafts(people):
    gov = people.government
    plan = PlanDocumentFactory(
        government=gov,
        kind=DocumentKind.RENSTRA,
        agency=people.agency,
        title="Renstra Diskominfo",
        state=DocumentState.RANCANGAN,
    )
    program = PlanItemFactory(
        document=plan, kind=PlanItem.Kind.PROGRAM, text="Program pengelolaan jaringan internet"
    )
    indicator(
        program, years=[2025, 2026], name="Persentase kelurahan terjangkau jaringan serat optik"
    )
    draft = PlanDocumentFactory(government=gov, title="Draf internet", state=DocumentState.DRAFT)
    PlanItemFactory(document=draft, kind=PlanItem.Kind.VISI, text="Internet gratis di taman")
    assert _titles(gov, "internet") == ["Program pengelolaan jaringan internet"]
    assert _titles(gov, "serat optik") == ["Persentase kelurahan terjangkau jaringan serat optik"]
    assert _titles(gov, "renstra diskominfo", SearchFilters(kind="plan")) == ["Renstra Diskominfo"]
    assert _titles(gov, "taman") == []


@pytest.mark.django_db
def test_it_finds_forum_inputs_without_the_proposer(people):
    forum = ForumFactory(government=people.government, organiser=people.agency)
    ForumInputFactory(
        forum=forum,
        title="Aplikasi perjalanan dinas",
        text="Membangun aplikasi SPPD",
        proposer_name="Budi Santoso",
    )
    assert _titles(people.government, "aplikasi") == ["Aplikasi perjalanan dinas"]
    assert _titles(people.government, "budi santoso") == []


@pytest.mark.django_db
def test_it_keeps_each_government_to_its_own(people):
    verified(government=people.other_government, title="Pohon tumbang", text="Pohon tumbang")
    assert _titles(people.government, "pohon") == []
    assert _titles(people.other_government, "pohon") == ["Pohon tumbang"]


@pytest.mark.django_db
def test_it_pages_by_cursor_newest_first(people):
    for n in range(5):
        verified(government=people.government, title=f"Parit {n}", text="Parit meluap")
    first = search(people.government, "parit", limit=2)
    second = search(people.government, "parit", before=first.next_cursor, limit=2)
    third = search(people.government, "parit", before=second.next_cursor, limit=2)
    titles = [e.title for page in (first, second, third) for e in page.results]
    assert titles == [f"Parit {n}" for n in (4, 3, 2, 1, 0)]
    assert third.next_cursor is None


@pytest.mark.django_db
def test_a_full_rebuild_gives_the_same_answers_and_drops_deleted_rows(people):
    gov = people.government
    keep = verified(government=gov, title="Trotoar rusak", text="Trotoar rusak parah")
    gone = verified(government=gov, title="Trotoar hilang", text="Trotoar hilang")
    assert len(_titles(gov, "trotoar")) == 2
    gone.delete()
    search_rebuild(government=gov)
    assert [e.object_id for e in search(gov, "trotoar", refresh=False).results] == [keep.pk]


@pytest.mark.django_db
def test_search_runs_a_constant_number_of_queries(people):
    gov = people.government
    verified(government=gov, title="Jalan berlubang", text="Jalan berlubang besar")
    search(gov, "jalan")

    def grow():
        for n in range(30):
            verified(government=gov, title=f"Jalan rusak {n}", text="Jalan rusak dan berlubang")
        search(gov, "jalan")  # the catch-up after growth is not what is measured

    assert_query_count_constant(lambda: search(gov, "jalan berlubang"), grow, label="search")


@pytest.mark.django_db
def test_what_moderation_withholds_is_not_found_even_though_the_report_did_not_change(people):
    from django.contrib.contenttypes.models import ContentType

    from rembug.complaints.models import Complaint
    from rembug.moderation.models import ModeratedItem, State

    gov = people.government
    report = verified(government=gov, title="Iklan pinjaman", text="Pinjaman cepat cair")
    assert _titles(gov, "pinjaman") == ["Iklan pinjaman"]
    ModeratedItem.objects.create(
        government=gov,
        kind="complaint",
        content_type=ContentType.objects.get_for_model(Complaint),
        object_id=report.pk,
        title=report.title,
        state=State.HIDDEN,
    )
    assert _titles(gov, "pinjaman") == []


@pytest.mark.django_db
def test_snippets_and_titles_are_masked_like_the_public_pages(people):
    verified(
        government=people.government,
        title="KTP 3673021201900001 hilang",
        text="KTP saya dengan NIK 3673021201900001 hilang di pasar, hubungi 0812 3456 7890.",
    )
    [entry] = search(people.government, "hilang").results
    assert "3673021201900001" not in entry.title + entry.snippet
    assert "7890" not in entry.snippet


@pytest.mark.django_db
def test_the_catch_up_runs_at_most_once_every_few_seconds(people, settings):
    from django.core.cache import cache

    settings.SEARCH_REFRESH_SECONDS = 60
    cache.clear()
    gov = people.government
    verified(government=gov, title="Genangan air", text="Genangan air di jalan")
    assert _titles(gov, "genangan") == ["Genangan air"]  # the first search catches up
    verified(government=gov, title="Genangan lagi", text="Genangan air lagi")
    assert _titles(gov, "genangan") == ["Genangan air"]  # within the minute: not yet
    cache.clear()  # the minute has passed
    assert _titles(gov, "genangan") == ["Genangan lagi", "Genangan air"]


@pytest.mark.django_db
def test_it_walks_the_rarest_term_and_checks_the_common_ones(people, settings):
    import rembug.search.selectors as selectors

    settings.SEARCH_REFRESH_SECONDS = 0
    selectors_cap = selectors.FREQUENCY_CAP
    selectors.FREQUENCY_CAP = 3
    try:
        gov = people.government
        for n in range(6):
            verified(government=gov, title=f"Jalan {n}", text="Jalan rusak")
        verified(government=gov, title="Jalan longsor", text="Jalan tertutup longsor")
        assert _titles(gov, "jalan longsor") == ["Jalan longsor"]
        assert _titles(gov, "longsor jalan") == ["Jalan longsor"]
        assert len(_titles(gov, "jalan rusak")) == 6
    finally:
        selectors.FREQUENCY_CAP = selectors_cap
