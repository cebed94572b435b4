from decimal import Decimal

import pytest

from rembug.planning.models import DocumentState, Funding, Indicator
from rembug.planning.services import plan_item_input_link, renja_create_from_renstra

pytestmark = pytest.mark.django_db


def test_the_item_page_shows_indicators_targets_and_rolled_up_pagu(client, cascade):
    response = client.get(cascade.program.get_absolute_url())
    assert response.status_code == 200
    assert "Indikator PROGRAM APLIKASI INFORMATIKA" in response.text
    assert "Rp 200.000.000" in response.text
    assert "Rp 1.000.000.000" in response.text  # five years


def test_the_item_page_of_a_sasaran_rolls_up_its_programs(client, cascade):
    response = client.get(cascade.sasaran.get_absolute_url())
    assert "Rp 1.000.000.000" in response.text
    assert "Meningkatnya penerapan SPBE" in response.text  # the RPJMD sasaran it serves


def test_the_item_page_is_hidden_for_drafts_and_other_governments(client, people, cascade):
    cascade.renstra.state = DocumentState.DRAFT
    cascade.renstra.save()
    assert client.get(cascade.program.get_absolute_url()).status_code == 404
    client.force_login(people.outsider)
    assert client.get(cascade.program.get_absolute_url()).status_code == 404
    assert (
        client.get(f"/kota-tangerang-selatan/rencana/butir/{cascade.program.pk}/").status_code
        == 404
    )


def test_the_item_page_refuses_post(client, people, cascade):
    client.force_login(people.planner)
    assert client.post(cascade.program.get_absolute_url()).status_code == 405


def test_the_chain_runs_down_from_an_rpjpd_mission_to_every_renja_sub_kegiatan(
    client, people, cascade
):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    renja.state = DocumentState.RANCANGAN
    renja.save()
    response = client.get(f"/kota-serang/rencana/butir/{cascade.rpjpd_misi.pk}/rantai/")
    assert response.status_code == 200
    for sub in renja.items.filter(kind="sub_kegiatan"):
        assert sub.get_absolute_url() in response.text
    for sub in cascade.subs:
        assert sub.get_absolute_url() in response.text


def test_the_chain_runs_up_from_a_renja_sub_kegiatan_to_the_rpjpd(client, people, cascade):
    renja = renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    renja.state = DocumentState.RANCANGAN
    renja.save()
    sub = renja.items.filter(kind="sub_kegiatan").first()
    response = client.get(f"/kota-serang/rencana/butir/{sub.pk}/rantai/")
    text = response.text[response.text.index('id="up-title"') :]
    positions = [
        text.index(str(doc)) for doc in (cascade.rpjpd, cascade.rpjmd, cascade.renstra, renja)
    ]
    assert positions == sorted(positions)
    assert cascade.rpjpd_misi.get_absolute_url() in text


def test_an_officer_edits_an_indicator_and_its_targets(client, people, cascade):
    client.force_login(people.officer)
    indicator = cascade.program.indicators.get()
    page = f"/kota-serang/rencana/indikator/{indicator.pk}/ubah/"
    assert client.get(page).status_code == 200
    data = {
        "name": "Indeks SPBE",
        "unit": "indeks",
        "direction": "higher",
        "baseline_year": 2024,
        "baseline_value": "2.5",
        "end_target": "3.5",
        **{f"target_{y}": str(2.5 + 0.2 * (y - 2024)) for y in range(2025, 2030)},
    }
    response = client.post(page, data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Indeks SPBE"
    assert indicator.targets.get(year=2029).value == Decimal("3.5")
    data["target_text_2026"] = "Tersusun"
    data["target_2026"] = ""
    assert client.post(page, data).status_code == 422
    assert indicator.targets.get(year=2026).value is not None


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("officer_b", 403),
        ("outsider", 403),
        ("officer", 200),
    ],
)
def test_who_may_edit_the_funding(client, people, cascade, who, status):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    assert (
        client.get(f"/kota-serang/rencana/butir/{cascade.subs[0].pk}/pagu/").status_code == status
    )


def test_the_funding_form_saves_per_year(client, people, cascade):
    client.force_login(people.officer)
    sub = cascade.subs[0]
    response = client.post(
        f"/kota-serang/rencana/butir/{sub.pk}/pagu/",
        {"amount_2025": "125000000", "amount_2026": ""},
    )
    assert response.status_code == 302
    assert dict(Funding.objects.filter(item=sub).values_list("year", "amount"))[2025] == Decimal(
        "125000000"
    )
    assert not Funding.objects.filter(item=sub, year=2026).exists()
    assert (
        client.post(f"/kota-serang/rencana/butir/{sub.pk}/pagu/", {"amount_2025": "-1"}).status_code
        == 422
    )


def test_an_indicator_is_added_and_removed(client, people, cascade):
    client.force_login(people.officer)
    page = f"/kota-serang/rencana/butir/{cascade.sasaran.pk}/indikator-baru/"
    response = client.post(
        page,
        {
            "name": "Persentase PD terhubung jaringan fiber",
            "unit": "persen",
            "direction": "higher",
            "target_2025": "40",
        },
    )
    assert response.status_code == 302
    created = Indicator.objects.get(name="Persentase PD terhubung jaringan fiber")
    assert created.targets.get().value == Decimal("40")
    assert client.post(f"/kota-serang/rencana/indikator/{created.pk}/hapus/").status_code == 302
    assert not Indicator.objects.filter(pk=created.pk).exists()


def test_the_alignment_form_links_to_the_rpjmd(client, people, cascade):
    client.force_login(people.officer)
    page = f"/kota-serang/rencana/butir/{cascade.sasaran.pk}/keselarasan/"
    assert "Meningkatnya penerapan SPBE" in client.get(page).text
    assert client.post(page, {}).status_code == 302
    assert not cascade.sasaran.alignments.exists()
    client.post(page, {"targets": [cascade.rpjmd_sasaran.pk]})
    assert cascade.sasaran.alignments.get().target == cascade.rpjmd_sasaran


def test_public_inputs_show_on_the_item(client, people, cascade):
    plan_item_input_link(
        item=cascade.subs[0],
        source_kind="complaint",
        source_id=42,
        note="Aduan jaringan",
        by=people.coordinator,
    )
    assert "Aduan jaringan" in client.get(cascade.subs[0].get_absolute_url()).text


def test_the_indicator_form_shows_plain_numbers(client, people, cascade):
    client.force_login(people.officer)
    indicator = cascade.program.indicators.get()
    text = client.get(f"/kota-serang/rencana/indikator/{indicator.pk}/ubah/").text
    assert 'value="10"' in text and "10.0000" not in text
