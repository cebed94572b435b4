"""Every planning page against every standing role: who may read, who may write, wrong methods."""

import pytest

from rembug.planning.templatetags.rupiah import angka, rupiah

pytestmark = pytest.mark.django_db

READ_PAGES = [
    "/kota-serang/rencana/",
    "/kota-serang/rencana/dokumen/{renstra}/",
    "/kota-serang/rencana/dokumen/{renstra}/periksa/",
    "/kota-serang/rencana/dokumen/{renstra}/templat.xlsx",
    "/kota-serang/rencana/butir/{program}/",
    "/kota-serang/rencana/butir/{program}/anak/",
    "/kota-serang/rencana/butir/{program}/rantai/",
]
WRITE_PAGES = [
    "/kota-serang/rencana/dokumen/{renstra}/ubah/",
    "/kota-serang/rencana/dokumen/{renstra}/impor/",
    "/kota-serang/rencana/dokumen/{renstra}/butir-baru/",
    "/kota-serang/rencana/butir/{program}/ubah/",
    "/kota-serang/rencana/butir/{program}/indikator-baru/",
    "/kota-serang/rencana/butir/{program}/pagu/",
    "/kota-serang/rencana/butir/{sasaran}/keselarasan/",
    "/kota-serang/rencana/indikator/{indicator}/ubah/",
]


def fill(page, cascade):
    return page.format(
        renstra=cascade.renstra.pk,
        program=cascade.program.pk,
        sasaran=cascade.sasaran.pk,
        indicator=cascade.program.indicators.get().pk,
    )


@pytest.mark.parametrize("page", READ_PAGES)
@pytest.mark.parametrize("who", ["anonymous", "resident", "outsider", "leadership", "officer"])
def test_public_pages_are_readable_by_everyone(client, people, cascade, page, who):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    assert client.get(fill(page, cascade)).status_code == 200


@pytest.mark.parametrize("page", READ_PAGES)
def test_public_pages_refuse_post(client, people, cascade, page):
    client.force_login(people.planner)
    assert client.post(fill(page, cascade)).status_code == 405


@pytest.mark.parametrize("page", WRITE_PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("stakeholder", 403),
        ("leadership", 403),
        ("coordinator", 403),
        ("officer_b", 403),
        ("outsider", 403),
        ("officer", 200),
        ("planner", 200),
    ],
)
def test_write_pages_are_for_the_planner_and_the_agencys_officers(
    client, people, cascade, page, who, status
):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    assert client.get(fill(page, cascade)).status_code == status


@pytest.mark.parametrize("page", WRITE_PAGES)
def test_write_pages_refuse_other_methods(client, people, cascade, page):
    client.force_login(people.planner)
    assert client.put(fill(page, cascade)).status_code == 405


@pytest.mark.parametrize("page", WRITE_PAGES)
def test_write_pages_of_an_adopted_document_are_closed(client, people, cascade, page):
    cascade.renstra.state = "ditetapkan"
    cascade.renstra.save()
    client.force_login(people.planner)
    assert client.get(fill(page, cascade)).status_code == 403


def test_rupiah_is_written_the_indonesian_way():
    assert rupiah(1250000000) == "Rp 1.250.000.000"
    assert rupiah("1500.5") == "Rp 1.500,50"
    assert rupiah(0) == "Rp 0"
    assert rupiah(None) == "–"
    assert rupiah(-999) == "-Rp 999"
    assert angka("1234.50") == "1.234,5"
    assert angka("99.70") == "99,7"
    assert angka(None) == "–"
