import pytest
from django.core.management import call_command

from rembug.api.tokens import api_token_issue, api_token_revoke
from rembug.api.v1 import foundation
from rembug.governments.models import Agency, Government
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.regions.models import Region
from rembug.testing.factories import AgencyFactory, GovernmentFactory, RegionFactory
from rembug.testing.fixtures import assert_query_count_constant


@pytest.mark.django_db
def test_it_lists_governments_with_their_kemendagri_code(client, people):
    response = client.get("/api/v1/governments")
    assert response.status_code == 200
    body = response.json()
    assert [g["slug"] for g in body["results"]] == ["kota-serang", "kota-tangerang-selatan"]
    assert body["results"][0]["code"] == "36.73"
    assert body["next"] is None


@pytest.mark.django_db
def test_it_pages_with_a_cursor_without_repeating_or_losing_rows(client, db):
    for n in range(7):
        GovernmentFactory(slug=f"kab-uji-{n}")
    seen: list[str] = []
    url = "/api/v1/governments?limit=3"
    pages = 0
    while url:
        body = client.get(url).json()
        seen += [g["slug"] for g in body["results"]]
        url = body["next"]
        pages += 1
    assert pages == 3
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 7


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["%%%", "bm90LWpzb24", "WyJhIiwiYiJd"])
def test_it_answers_a_bad_cursor_with_422_and_the_error_body(client, db, cursor):
    response = client.get(f"/api/v1/nomenclature/versions?cursor={cursor}")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    assert body["errors"][0]["loc"] == ["query", "cursor"]


@pytest.mark.django_db
def test_a_cursor_of_the_wrong_type_is_422_not_500(client, db):
    from rembug.api.pagination import _cursor_encode

    response = client.get(f"/api/v1/nomenclature/versions?cursor={_cursor_encode('abc')}")
    assert response.status_code == 422


@pytest.mark.django_db
def test_it_rejects_a_limit_out_of_range(client, db):
    body = client.get("/api/v1/governments?limit=0").json()
    assert body["errors"][0]["loc"][-1] == "limit"


@pytest.mark.django_db
def test_it_filters_governments_by_kind_and_name(client, people):
    GovernmentFactory(
        slug="prov-banten", kind=Government.Kind.PROVINCE, code="36", region_name="Banten"
    )
    assert [
        g["slug"] for g in client.get("/api/v1/governments?kind=provinsi").json()["results"]
    ] == ["prov-banten"]
    assert [g["slug"] for g in client.get("/api/v1/governments?q=serang").json()["results"]] == [
        "kota-serang"
    ]


@pytest.mark.django_db
def test_unknown_government_is_404_with_the_error_body(client, db):
    response = client.get("/api/v1/governments/tidak-ada")
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.django_db
def test_it_lists_only_the_governments_own_active_agencies(client, people):
    AgencyFactory(government=people.other_government, slug="dinas-lain")
    AgencyFactory(government=people.government, slug="dinas-tutup", is_active=False)
    body = client.get("/api/v1/governments/kota-serang/agencies").json()
    assert [a["slug"] for a in body["results"]] == ["diskominfo", "dpupr"]
    assert body["results"][0]["urusan_codes"] == ["2.16", "2.20", "2.21"]
    assert client.get("/api/v1/governments/kota-serang/agencies/dinas-lain").status_code == 404
    assert (
        client.get("/api/v1/governments/kota-serang/agencies/dpupr").json()["short_name"] == "DPUPR"
    )


@pytest.mark.django_db
def test_agency_list_query_count_does_not_grow(client, people):
    def grow() -> None:
        for _ in range(5):
            AgencyFactory(government=people.government)

    assert_query_count_constant(
        lambda: client.get("/api/v1/governments/kota-serang/agencies"), grow, label="agencies"
    )


@pytest.mark.django_db
def test_it_lists_the_children_of_a_region_code(client, people):
    RegionFactory(code="36.73.01", name="Serang", level=3, parent_id="36.73")
    RegionFactory(code="36.73.02", name="Kasemen", level=3, parent_id="36.73")
    body = client.get("/api/v1/regions?parent=36.73").json()
    assert [(r["code"], r["parent_code"]) for r in body["results"]] == [
        ("36.73.01", "36.73"),
        ("36.73.02", "36.73"),
    ]
    assert client.get("/api/v1/regions/36.73.02").json()["name"] == "Kasemen"
    assert client.get("/api/v1/regions/99.99").status_code == 404
    assert [r["code"] for r in client.get("/api/v1/regions").json()["results"]] == ["36"]


@pytest.mark.django_db
def test_it_lists_nomenclature_versions_and_items(client, db):
    version = NomenclatureVersion.objects.create(name="Permendagri 90/2019", code_format="2019")
    program = NomenclatureItem.objects.create(
        version=version, code="2.16.02", level="program", name="Program Informasi"
    )
    NomenclatureItem.objects.create(
        version=version, code="2.16.02.2.01", level="kegiatan", name="Kegiatan", parent=program
    )
    versions = client.get("/api/v1/nomenclature/versions").json()["results"]
    assert versions[0]["item_count"] == 2
    items = client.get(f"/api/v1/nomenclature/versions/{version.pk}/items?parent=2.16.02").json()[
        "results"
    ]
    assert [(i["code"], i["parent_code"]) for i in items] == [("2.16.02.2.01", "2.16.02")]
    assert client.get("/api/v1/nomenclature/versions/999/items").status_code == 404


def test_the_filter_literals_match_the_model_choices():
    from typing import get_args

    assert set(get_args(foundation.GovernmentKind)) == set(Government.Kind.values)
    assert set(get_args(foundation.AgencyKind)) == set(Agency.Kind.values)
    assert set(get_args(foundation.RegionLevel)) == set(Region.Level.values)
    assert set(get_args(foundation.ItemLevel)) == set(NomenclatureItem.Level.values)


@pytest.mark.django_db
def test_me_needs_a_valid_token(client, people):
    assert client.get("/api/v1/me").status_code == 401
    token, secret = api_token_issue(user=people.officer, name="skrip")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.json()["memberships"] == [
        {"government": "kota-serang", "role": "agency_officer", "agency": "diskominfo"}
    ]
    api_token_revoke(token=token)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.django_db
def test_public_reads_need_no_token(client, people):
    response = client.get("/api/v1/governments", headers={"Authorization": "Bearer salah"})
    assert response.status_code == 200  # public reads declare no auth at all


@pytest.mark.django_db
def test_the_token_is_stored_hashed_and_printed_once(capsys, people):
    call_command("api", "issue-token", "--user", "petugas", "--name", "skrip")
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert secret.startswith("rbg_")
    token = people.officer.api_tokens.get()
    assert secret not in (token.digest, token.prefix) and secret.startswith(token.prefix)


@pytest.mark.django_db
def test_it_answers_in_english_when_asked(client, db):
    body = client.get("/api/v1/governments/tidak-ada", headers={"Accept-Language": "en"}).json()
    assert body["detail"]


@pytest.mark.django_db
def test_wrong_method_is_405(client, db):
    assert client.post("/api/v1/governments").status_code == 405


@pytest.mark.django_db
def test_the_openapi_document_lists_the_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/governments/{slug}/agencies" in schema["paths"]


@pytest.mark.django_db
def test_the_docs_load_swagger_from_our_own_static_files(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.text
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html.replace(" ", "")  # no inline script, only src= and JSON data
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/ninja/swagger-ui-init.js").status_code == 200
