"""Tree editing through htmx fragments (and without htmx, plain redirects)."""

import pytest

from rembug.planning.models import DocumentState, PlanItem
from rembug.planning.tests.factories import nomenclature

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def url(cascade, name, pk=None):
    base = "/kota-serang/rencana"
    return {
        "create": f"{base}/dokumen/{cascade.renstra.pk}/butir-baru/",
        "children": f"{base}/butir/{pk}/anak/",
        "edit": f"{base}/butir/{pk}/ubah/",
        "move": f"{base}/butir/{pk}/pindah/",
        "delete": f"{base}/butir/{pk}/hapus/",
    }[name]


def test_children_load_on_demand(client, cascade):
    response = client.get(url(cascade, "children", cascade.sasaran.pk), **HX)
    assert response.status_code == 200
    assert "PROGRAM APLIKASI INFORMATIKA" in response.text
    assert "<html" not in response.text


def test_children_of_a_draft_are_hidden_from_the_public(client, cascade):
    cascade.renstra.state = DocumentState.DRAFT
    cascade.renstra.save()
    assert client.get(url(cascade, "children", cascade.sasaran.pk)).status_code == 404


def test_children_refuse_post(client, people, cascade):
    client.force_login(people.officer)
    assert client.post(url(cascade, "children", cascade.sasaran.pk)).status_code == 405


def test_an_officer_adds_a_sub_kegiatan_without_reload(client, people, cascade):
    client.force_login(people.officer)
    form = client.get(url(cascade, "create") + f"?induk={cascade.kegiatan.pk}", **HX)
    assert form.status_code == 200 and "2.16.03.2.02.07" in form.text
    code = nomenclature("2.16.03.2.02.07")
    response = client.post(
        url(cascade, "create"),
        {"induk": cascade.kegiatan.pk, "kind": "sub_kegiatan", "nomenclature_item": code.pk},
        **HX,
    )
    assert response.status_code == 200
    assert "Pengembangan Aplikasi dan Proses Bisnis" in response.text
    added = PlanItem.objects.get(document=cascade.renstra, code="2.16.03.2.02.07")
    assert added.parent == cascade.kegiatan and added.text == code.name


def test_an_invalid_item_is_422_retargeted_to_its_form(client, people, cascade):
    client.force_login(people.officer)
    before = PlanItem.objects.count()
    response = client.post(
        url(cascade, "create"), {"induk": cascade.kegiatan.pk, "kind": "sub_kegiatan"}, **HX
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#form-slot-{cascade.kegiatan.pk}"
    assert PlanItem.objects.count() == before


def test_codes_outside_the_agency_urusan_are_not_offered(client, people, cascade):
    cascade.renstra.agency.urusan_codes = ["1.03"]
    cascade.renstra.agency.save()
    client.force_login(people.officer)
    form = client.get(url(cascade, "create") + f"?induk={cascade.kegiatan.pk}", **HX)
    assert "2.16.03.2.02.07" not in form.text


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("officer_b", 403),
        ("leadership", 403),
        ("outsider", 403),
        ("planner", 200),
    ],
)
def test_who_may_add(client, people, cascade, who, status):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    assert client.get(url(cascade, "create"), **HX).status_code == status


def test_nothing_is_added_to_an_adopted_document(client, people, cascade):
    cascade.renstra.state = DocumentState.DITETAPKAN
    cascade.renstra.save()
    client.force_login(people.planner)
    assert (
        client.post(url(cascade, "create"), {"kind": "tujuan", "text": "Baru"}).status_code == 403
    )


def test_edit_returns_the_row(client, people, cascade):
    client.force_login(people.officer)
    assert client.get(url(cascade, "edit", cascade.sasaran.pk), **HX).status_code == 200
    response = client.post(
        url(cascade, "edit", cascade.sasaran.pk), {"text": "Sasaran yang dirumuskan ulang"}, **HX
    )
    assert response.status_code == 200 and "Sasaran yang dirumuskan ulang" in response.text
    assert f'id="row-{cascade.sasaran.pk}"' in response.text
    assert f'id="node-{cascade.sasaran.pk}"' not in response.text  # only the row is swapped
    response = client.post(url(cascade, "edit", cascade.sasaran.pk), {"text": ""}, **HX)
    assert response.status_code == 422


def test_move_reorders_siblings(client, people, cascade):
    client.force_login(people.officer)
    first, second = cascade.subs
    response = client.post(url(cascade, "move", second.pk), {"arah": "naik"}, **HX)
    assert response.status_code == 200
    assert response.text.index(second.text) < response.text.index(first.text)
    assert client.get(url(cascade, "move", second.pk)).status_code == 405


def test_delete_removes_the_subtree(client, people, cascade):
    client.force_login(people.officer)
    response = client.post(url(cascade, "delete", cascade.kegiatan.pk), **HX)
    assert response.status_code == 200
    assert not PlanItem.objects.filter(pk__in=[s.pk for s in cascade.subs]).exists()
    assert client.get(url(cascade, "delete", cascade.program.pk)).status_code == 405


def test_without_htmx_a_write_redirects_to_the_document(client, people, cascade):
    client.force_login(people.officer)
    response = client.post(url(cascade, "move", cascade.subs[1].pk), {"arah": "naik"})
    assert (
        response.status_code == 302 and response["Location"] == cascade.renstra.get_absolute_url()
    )
    assert client.get(url(cascade, "create") + f"?induk={cascade.kegiatan.pk}").status_code == 200


def test_add_below_is_offered_only_where_the_tree_allows_children(client, people, cascade):
    client.force_login(people.planner)
    cascade.rpjpd.state = "draft"
    cascade.rpjpd.save()
    response = client.get(cascade.rpjpd.get_absolute_url())
    visi = cascade.rpjpd_misi.parent
    assert f"butir-baru/?induk={visi.pk}" in response.text
    assert f"butir-baru/?induk={cascade.rpjpd_misi.pk}" not in response.text


def test_the_full_page_forms_post_normally(client, people, cascade):
    client.force_login(people.officer)
    page = client.get(url(cascade, "create") + f"?induk={cascade.kegiatan.pk}")
    assert "hx-post" not in page.text.split("<main", 1)[1]
    assert (
        "hx-post"
        not in client.get(url(cascade, "edit", cascade.sasaran.pk)).text.split("<main", 1)[1]
    )
    response = client.post(url(cascade, "edit", cascade.sasaran.pk), {"text": "Sasaran baru"})
    assert (
        response.status_code == 302 and response["Location"] == cascade.sasaran.get_absolute_url()
    )


def test_only_codes_under_the_parents_code_are_offered(client, people, cascade):
    client.force_login(people.officer)
    form = client.get(url(cascade, "create") + f"?induk={cascade.program.pk}", **HX).text
    assert "2.16.03.2.01 " in form and "2.16.02.2.01 " not in form


def test_the_state_form_offers_the_next_step_first(client, people, cascade):
    client.force_login(people.officer)
    text = client.get(cascade.renstra.get_absolute_url()).text
    assert text.index('value="rancangan_akhir"') < text.index('value="rancangan_awal"')
