"""Open311 compatibility with an existing client library used unchanged: ``georeport`` (PyPI,
Apache-2.0) talking to a real server on loopback, in JSON and in XML."""

import pytest
from georeport import GeoReport

from rembug.api.open311.clients import open311_client_issue
from rembug.complaints.tests.factories import CategoryFactory, serang_regions, verified


@pytest.fixture
def no_proxy(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def served(people, no_proxy):
    regions = serang_regions()
    category = CategoryFactory(government=people.government, slug="jalan-rusak", name="Jalan rusak")
    CategoryFactory(government=people.government, slug="sampah", name="Sampah")
    reports = [
        verified(government=people.government, category=category, kecamatan=regions["Kasemen"]),
        verified(government=people.government, category=category),
    ]
    open311_client_issue(government=people.government, name="georeport", by=None)
    return reports


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_reads_services_definitions_and_requests(live_server, served, output_format):
    client = GeoReport(
        f"{live_server.url}/open311/v2", jurisdiction="36.73", output_format=output_format
    )
    services = client.get_service_list()
    codes = [s["service_code"] for s in services]
    assert codes == ["jalan-rusak", "sampah"]
    definition = client.get_service_definition("jalan-rusak")
    assert definition["service_code"] == "jalan-rusak"
    attributes = definition["attributes"]
    if output_format == "xml":
        attributes = attributes["attribute"]
    assert [a["code"] for a in attributes][:3] == ["title", "classification", "privacy"]
    requests = client.get_service_requests(service_code="jalan-rusak", status="open")
    assert {r["service_request_id"] for r in requests} == {str(r.pk) for r in served}
    one = client.get_service_request(str(served[0].pk))
    assert one["service_request_id"] == str(served[0].pk)
    assert one["status"] == "open"
