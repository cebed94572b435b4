import pytest

from rembug.planning.models import DocumentState, PlanDocument, PlanItem
from rembug.planning.tests.factories import PlanDocumentFactory, complete_renstra, item
from rembug.testing.factories import AgencyFactory
from rembug.testing.fixtures import assert_query_count_constant

pytestmark = pytest.mark.django_db


def login(client, user):
    if user is not None:
        client.force_login(user)


def test_it_lists_documents_and_rpjpd_missions(client, cascade):
    response = client.get("/kota-serang/rencana/")
    assert response.status_code == 200
    assert "Renstra Diskominfo 2025–2029" in response.text
    assert "Transformasi tata kelola yang adaptif" in response.text


def test_the_list_hides_working_drafts_from_the_public(client, people, cascade):
    PlanDocumentFactory(
        government=people.government, title="Konsep internal", state=DocumentState.DRAFT
    )
    assert "Konsep internal" not in client.get("/kota-serang/rencana/").text
    login(client, people.officer_b)
    assert "Konsep internal" in client.get("/kota-serang/rencana/").text


def test_the_list_query_count_does_not_grow(client, people, cascade):
    def grow():
        for _ in range(4):
            agency = AgencyFactory(government=people.government)
            complete_renstra(people.government, agency, subs=1)

    assert_query_count_constant(
        lambda: client.get("/kota-serang/rencana/"), grow, label="document list"
    )


def test_the_list_refuses_post(client, people):
    login(client, people.planner)
    assert client.post("/kota-serang/rencana/").status_code == 405


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("outsider", 403),
        ("leadership", 403),
        ("planner", 200),
        ("officer", 200),
    ],
)
def test_who_may_open_the_create_form(client, people, who, status):
    login(client, people.all_roles()[who])
    assert client.get("/kota-serang/rencana/baru/").status_code == status


def test_a_planner_creates_an_rpjmd(client, people, cascade):
    login(client, people.planner)
    response = client.post(
        "/kota-serang/rencana/baru/",
        {
            "kind": "rpjmd",
            "title": "RPJMD 2030–2034",
            "period_start": 2030,
            "period_end": 2034,
            "based_on": cascade.rpjpd.pk,
        },
    )
    created = PlanDocument.objects.get(title="RPJMD 2030–2034")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.state == DocumentState.DRAFT and created.events.count() == 1


def test_an_officer_cannot_create_another_agencys_renstra(client, people):
    login(client, people.officer)
    from rembug.planning.tests.factories import sample_nomenclature

    response = client.post(
        "/kota-serang/rencana/baru/",
        {
            "kind": "renstra",
            "title": "Renstra DPUPR",
            "period_start": 2025,
            "period_end": 2029,
            "agency": people.agency_b.pk,
            "nomenclature_version": sample_nomenclature().pk,
        },
    )
    assert response.status_code == 403
    assert not PlanDocument.objects.filter(title="Renstra DPUPR").exists()


def test_an_invalid_document_is_422_and_nothing_changes(client, people):
    login(client, people.planner)
    response = client.post(
        "/kota-serang/rencana/baru/",
        {"kind": "renja", "title": "X", "period_start": 2025, "period_end": 2026},
    )
    assert response.status_code == 422
    assert not PlanDocument.objects.exists()


def test_the_tree_page_shows_the_top_levels(client, cascade):
    response = client.get(cascade.renstra.get_absolute_url())
    assert response.status_code == 200
    assert "Terwujudnya pemerintahan digital" in response.text
    assert "Meningkatnya kualitas layanan SPBE" in response.text
    # the program is two levels down: loaded on demand
    assert "PROGRAM APLIKASI INFORMATIKA" not in response.text


def test_the_tree_page_query_count_does_not_depend_on_the_tree_size(client, people, cascade):
    login(client, people.officer)

    def grow():
        for _ in range(20):
            kegiatan = item(cascade.renstra, "kegiatan", cascade.program, code="2.16.03.2.01")
            for m in range(3):
                item(cascade.renstra, "sub_kegiatan", kegiatan, code=f"2.16.03.2.01.0{m + 1}")

    size_before = PlanItem.objects.filter(document=cascade.renstra).count()
    assert_query_count_constant(
        lambda: client.get(cascade.renstra.get_absolute_url()), grow, label="tree"
    )
    assert PlanItem.objects.filter(document=cascade.renstra).count() > 10 * size_before


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("resident", 404), ("outsider", 404), ("officer_b", 200)],
)
def test_a_working_draft_is_staff_only(client, people, cascade, who, status):
    cascade.renstra.state = DocumentState.DRAFT
    cascade.renstra.save()
    login(client, people.all_roles()[who])
    assert client.get(cascade.renstra.get_absolute_url()).status_code == status


def test_a_document_of_another_government_is_404(client, people, cascade):
    other = PlanDocumentFactory(government=people.other_government, state=DocumentState.RANCANGAN)
    assert client.get(f"/kota-serang/rencana/dokumen/{other.pk}/").status_code == 404


def test_the_tree_page_refuses_post(client, people, cascade):
    login(client, people.planner)
    assert client.post(cascade.renstra.get_absolute_url()).status_code == 405


def test_the_check_page_reports_findings(client, people, cascade):
    response = client.get(f"/kota-serang/rencana/dokumen/{cascade.renstra.pk}/periksa/")
    assert response.status_code == 200
    PlanItem.objects.filter(pk=cascade.sasaran.pk).first().indicators.all().delete()
    response = client.get(f"/kota-serang/rencana/dokumen/{cascade.renstra.pk}/periksa/")
    assert cascade.sasaran.get_absolute_url() in response.text  # readers: to the item
    client.force_login(people.officer)
    response = client.get(f"/kota-serang/rencana/dokumen/{cascade.renstra.pk}/periksa/")
    assert f"/butir/{cascade.sasaran.pk}/indikator-baru/" in response.text  # authors: to the fix


def test_the_tree_page_shows_the_pagu_per_year(client, cascade):
    response = client.get(cascade.renstra.get_absolute_url())
    assert response.text.count("Rp 200.000.000") == 5


def test_the_renja_page_offers_last_years_renja_for_comparison(client, people, cascade):
    from rembug.planning.services import renja_copy_from_previous, renja_create_from_renstra

    first = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    second = renja_copy_from_previous(previous=first, by=people.officer)
    client.force_login(people.officer)
    response = client.get(second.get_absolute_url())
    assert f"?dengan={first.pk}" in response.text
    compare = client.get(f"/kota-serang/rencana/dokumen/{second.pk}/bandingkan/?dengan={first.pk}")
    assert compare.status_code == 200
    client.logout()
    first.state = second.state = DocumentState.RANCANGAN
    first.save()
    second.save()
    amended = PlanDocumentFactory(
        government=people.government,
        kind="renja",
        agency=people.agency,
        title=second.title,
        period_start=2027,
        period_end=2027,
        version=2,
        state=DocumentState.DRAFT,
    )
    assert f"?dengan={amended.pk}" not in client.get(second.get_absolute_url()).text


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("leadership", 403),
        ("outsider", 403),
        ("officer", 200),
    ],
)
def test_who_may_edit_the_document_details(client, people, cascade, who, status):
    login(client, people.all_roles()[who])
    assert (
        client.get(f"/kota-serang/rencana/dokumen/{cascade.renstra.pk}/ubah/").status_code == status
    )


def test_the_officer_edits_the_document_details(client, people, cascade):
    login(client, people.officer)
    page = f"/kota-serang/rencana/dokumen/{cascade.renstra.pk}/ubah/"
    version = cascade.renstra.nomenclature_version
    assert (
        client.post(page, {"title": "Renstra baru", "nomenclature_version": ""}).status_code == 422
    )
    response = client.post(
        page,
        {
            "title": "Renstra Diskominfo (rancangan)",
            "legal_basis": "",
            "nomenclature_version": version.pk,
        },
    )
    assert response.status_code == 302
    cascade.renstra.refresh_from_db()
    assert cascade.renstra.title == "Renstra Diskominfo (rancangan)"
    assert client.put(page).status_code == 405


def test_administrators_reach_the_documents_audit_trail(client, people, cascade):
    from rembug.planning.services import plan_document_transition

    plan_document_transition(document=cascade.renstra, to="rancangan_akhir", by=people.planner)
    client.force_login(people.administrator)
    response = client.get(cascade.renstra.get_absolute_url())
    link = response.text.split('href="/kota-serang/riwayat/', 1)[1].split('"', 1)[0]
    assert client.get(f"/kota-serang/riwayat/{link}").status_code == 200
    client.force_login(people.officer)
    assert "/kota-serang/riwayat/" not in client.get(cascade.renstra.get_absolute_url()).text


def test_the_create_form_starts_from_the_officers_agency(client, people):
    login(client, people.officer)
    response = client.get("/kota-serang/rencana/baru/")
    assert f'<option value="{people.agency.pk}" selected>' in response.text
