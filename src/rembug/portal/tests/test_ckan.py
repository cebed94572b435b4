import pytest

from rembug.portal.opendata import DATASETS

pytestmark = pytest.mark.django_db

API = "/kota-serang/api/3/action/"


def test_package_list_names_every_dataset(client, people):
    body = client.get(f"{API}package_list").json()
    assert body["success"] is True
    assert body["help"].endswith("/kota-serang/api/3/action/help_show?name=package_list")
    assert body["result"] == sorted(DATASETS)


def test_package_show_answers_as_ckan_does(client, people):
    body = client.get(f"{API}package_show", {"id": "laporan-publik"}).json()
    assert body["success"] is True
    package = body["result"]
    assert package["name"] == "laporan-publik"
    assert package["license_id"] == "CC-BY-4.0"
    assert package["organization"]["title"] == "Pemerintah Kota Serang"
    assert package["num_resources"] == len(package["resources"]) == 3
    for resource in package["resources"]:
        assert resource["url"].startswith("http://testserver/kota-serang/data/laporan-publik.")
        assert resource["format"] in {"CSV", "JSON", "XLSX"}
        assert resource["name"]
        assert resource["package_id"] == package["id"]
    # CKAN accepts the id as well as the name.
    by_id = client.get(f"{API}package_show", {"id": package["id"]}).json()
    assert by_id["result"]["name"] == "laporan-publik"


def test_package_show_of_a_missing_id_is_a_404_error(client, people):
    response = client.get(f"{API}package_show", {"id": "tidak-ada"})
    assert response.status_code == 404
    body = response.json()
    assert body["success"] is False
    assert body["error"] == {"message": "Not found", "__type": "Not Found Error"}
    assert "result" not in body
    missing = client.get(f"{API}package_show")
    assert missing.status_code == 409
    assert missing.json()["error"]["__type"] == "Validation Error"


def test_package_search_with_q_rows_and_start(client, people):
    body = client.get(f"{API}package_search", {"q": "ppid"}).json()["result"]
    assert body["count"] == 2  # the register and the service statistics
    names = [p["name"] for p in body["results"]]
    assert "register-ppid" in names
    everything = client.get(f"{API}package_search", {"rows": 2, "start": 1}).json()["result"]
    assert everything["count"] == len(DATASETS)
    assert [p["name"] for p in everything["results"]] == sorted(DATASETS)[1:3]
    bad = client.get(f"{API}package_search", {"rows": "banyak"})
    assert bad.status_code == 409
    assert bad.json()["error"]["rows"] == ["Invalid integer"]


def test_an_unknown_action_is_a_bad_request(client, people):
    response = client.get(f"{API}package_create")
    assert response.status_code == 400
    assert response.json()["success"] is False


def test_an_unknown_government_is_404(client, people):
    assert client.get("/kota-tidak-ada/api/3/action/package_list").status_code == 404


def test_the_help_link_and_status_show_answer(client, people):
    body = client.get(f"{API}package_search").json()
    help_text = client.get(body["help"]).json()
    assert help_text["success"] is True
    assert ":param rows:" in help_text["result"]
    assert client.get(f"{API}help_show", {"name": "package_create"}).status_code == 404
    status = client.get(f"{API}status_show").json()["result"]
    assert status["ckan_version"].startswith("2.")
    assert status["site_url"] == "http://testserver/kota-serang/data/"
