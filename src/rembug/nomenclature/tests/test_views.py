from pathlib import Path

import pytest

from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.nomenclature.services import nomenclature_import
from rembug.testing.fixtures import assert_query_count_constant

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "nomenklatur_2019_kabkota_2.16.csv"


@pytest.fixture
def version(db):
    return nomenclature_import(
        path=SAMPLE,
        version_name="Permendagri 90/2019 (sampel 2.16)",
        regulation="Permendagri 90/2019",
    ).version


def test_it_lists_versions_and_says_the_demo_holds_only_a_sample(client, version):
    response = client.get("/nomenklatur/")
    assert response.status_code == 200
    assert "Permendagri 90/2019 (sampel 2.16)" in response.text
    assert "Kepmendagri 900.1-2850/2025" in response.text
    assert "rembug import-nomenclature" in response.text
    assert f'href="/nomenklatur/{version.pk}/"' in response.text


def test_the_list_says_when_nothing_is_imported(client, db):
    response = client.get("/nomenklatur/")
    assert response.status_code == 200
    assert "Kepmendagri 900.1-2850/2025" in response.text


def test_it_shows_a_version_as_a_tree(client, version):
    response = client.get(f"/nomenklatur/{version.pk}/")
    assert response.status_code == 200
    text = response.text
    assert "PROGRAM APLIKASI INFORMATIKA" in text
    assert (
        text.index("2.16.03.2.02") < text.index("2.16.03.2.02.09") < text.index("2.16.03.2.02.11")
    )
    assert "Pengelolaan Pusat Data Pemerintahan Daerah" in text


def test_it_narrows_the_tree_to_one_bidang_urusan(client, version):
    NomenclatureItem.objects.create(
        version=version,
        code="2.20",
        level="bidang_urusan",
        name="URUSAN PEMERINTAHAN BIDANG STATISTIK",
    )
    response = client.get(f"/nomenklatur/{version.pk}/?bidang=2.20")
    assert response.status_code == 200
    text = response.text
    assert 'href="?bidang=2.16"' in text  # the other bidang urusan is offered
    assert 'aria-current="page">2.20 URUSAN PEMERINTAHAN BIDANG STATISTIK' in text
    assert "Pelayanan Informasi Publik" not in text


def test_a_bad_bidang_parameter_is_ignored(client, version):
    response = client.get(f"/nomenklatur/{version.pk}/?bidang=<script>")
    assert response.status_code == 200
    assert "<script>" not in response.text


def test_an_unknown_version_is_404(client, db):
    assert client.get("/nomenklatur/999/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["anonymous", "resident", "leadership", "outsider", "administrator"]
)
def test_the_pages_are_public_for_every_role(client, people, version, who):
    user = people.all_roles()[who]
    if user:
        client.force_login(user)
    assert client.get("/nomenklatur/").status_code == 200
    assert client.get(f"/nomenklatur/{version.pk}/").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_pages_refuse_writes(client, version, method):
    assert getattr(client, method)("/nomenklatur/").status_code == 405
    assert getattr(client, method)(f"/nomenklatur/{version.pk}/").status_code == 405


def test_the_list_query_count_does_not_grow(client, version):
    def grow():
        for n in range(3):
            NomenclatureVersion.objects.create(name=f"v{n}", code_format="2021")

    assert_query_count_constant(lambda: client.get("/nomenklatur/"), grow, label="versions")


def test_the_tree_query_count_does_not_grow(client, version):
    kegiatan = version.items.get(code="2.16.03.2.02")

    def grow():
        for n in range(12, 20):
            NomenclatureItem.objects.create(
                version=version,
                code=f"2.16.03.2.02.{n}",
                level="sub_kegiatan",
                name=f"Uji {n}",
                parent=kegiatan,
            )

    assert_query_count_constant(
        lambda: client.get(f"/nomenklatur/{version.pk}/"), grow, label="tree"
    )


def test_a_government_cannot_take_the_nomenclature_address():
    from rembug.governments.models import RESERVED_SLUGS

    assert "nomenklatur" in RESERVED_SLUGS


def test_a_large_version_is_shown_one_bidang_urusan_at_a_time(client, version, monkeypatch):
    from rembug.nomenclature import views

    monkeypatch.setattr(views, "WHOLE_TREE_LIMIT", 10)
    response = client.get(f"/nomenklatur/{version.pk}/")
    assert 'href="?bidang=2.16"' in response.text
    assert "Pelayanan Informasi Publik" not in response.text
    response = client.get(f"/nomenklatur/{version.pk}/?bidang=2.16")
    assert "Pelayanan Informasi Publik" in response.text
