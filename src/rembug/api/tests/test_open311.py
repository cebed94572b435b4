"""Open311 GeoReport v2, read back with the standard library's XML parser and as JSON."""

import datetime as dt
import json
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command
from django.utils import timezone

from rembug.api.models import Open311Client
from rembug.api.open311.clients import open311_client_issue
from rembug.complaints.models import Complaint, Privacy, Source, Status
from rembug.complaints.tests.factories import (
    CategoryFactory,
    ComplaintFactory,
    serang_regions,
    verified,
)
from rembug.testing.fixtures import assert_query_count_constant

BASE = "/open311/v2"
J = {"jurisdiction_id": "36.73"}
PERSONAL = ("Siti", "Rahmawati", "siti@contoh.id", "081234567890")


@pytest.fixture
def city(people):
    regions = serang_regions()
    category = CategoryFactory(
        government=people.government,
        slug="jalan-rusak",
        name="Jalan rusak",
        default_agency=people.agency_b,
    )
    CategoryFactory(government=people.government, slug="sampah", name="Sampah")
    CategoryFactory(government=people.other_government, slug="lain", name="Kategori lain")
    _client, key = open311_client_issue(
        government=people.government, name="Aplikasi Warga", by=None
    )
    people.category = category
    people.regions = regions
    people.key = key
    return people


def xml(response):
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response, in a test)


def errors_of(response):
    root = xml(response)
    assert root.tag == "errors"
    return [(e.findtext("code"), e.findtext("description")) for e in root.findall("error")]


def post(client, data, **headers):
    return client.post(f"{BASE}/requests.xml", {**J, **data}, headers=headers)


def report(city, **overrides):
    data = {
        "api_key": city.key,
        "service_code": "jalan-rusak",
        "lat": "-6.1104",
        "long": "106.1640",
        "description": "Jalan berlubang besar di depan pasar Rau, membahayakan pengendara.",
        "first_name": "Siti",
        "last_name": "Rahmawati",
        "email": "siti@contoh.id",
        "phone": "081234567890",
        "attribute[kecamatan]": "36.73.02",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_discovery_names_the_endpoint_and_formats(client, db):
    root = xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    endpoint = root.find("endpoints/endpoint")
    assert endpoint.findtext("url") == "http://testserver/open311/v2"
    assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml", "application/json"]
    body = client.get(f"{BASE}/discovery.json").json()
    assert body["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"


@pytest.mark.django_db
def test_services_are_the_governments_categories(client, city):
    root = xml(client.get(f"{BASE}/services.xml", J))
    assert root.tag == "services"
    services = root.findall("service")
    assert [s.findtext("service_code") for s in services] == ["jalan-rusak", "sampah"]
    first = services[0]
    assert [child.tag for child in first] == [
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ]
    assert first.findtext("metadata") == "true"
    assert first.findtext("type") == "realtime"
    assert first.findtext("group") == "DPUPR"
    body = client.get(f"{BASE}/services.json", J).json()
    assert body[0]["service_code"] == "jalan-rusak" and body[0]["metadata"] is True


@pytest.mark.django_db
def test_jurisdiction_is_required_when_several_governments_are_hosted(client, city):
    response = client.get(f"{BASE}/services.xml")
    assert response.status_code == 400
    assert errors_of(response)[0][0] == "400"
    response = client.get(f"{BASE}/services.xml", {"jurisdiction_id": "99.99"})
    assert response.status_code == 404
    assert client.get(f"{BASE}/services.json").json()[0]["code"] == 400


@pytest.mark.django_db
def test_a_single_hosted_government_needs_no_jurisdiction(client, government):
    CategoryFactory(government=government, slug="banjir")
    assert [s.findtext("service_code") for s in xml(client.get(f"{BASE}/services.xml"))] == [
        "banjir"
    ]


@pytest.mark.django_db
def test_service_definition_lists_the_attributes(client, city):
    root = xml(client.get(f"{BASE}/services/jalan-rusak.xml", J))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "jalan-rusak"
    attributes = root.findall("attributes/attribute")
    codes = [a.findtext("code") for a in attributes]
    assert codes == ["title", "classification", "privacy", "kecamatan", "kelurahan"]
    kecamatan = attributes[3]
    assert kecamatan.findtext("datatype") == "singlevaluelist"
    assert kecamatan.findtext("variable") == "true" and kecamatan.findtext("required") == "false"
    assert [(v.findtext("key"), v.findtext("name")) for v in kecamatan.findall("values/value")] == [
        ("36.73.01", "Serang"),
        ("36.73.02", "Kasemen"),
    ]
    assert client.get(f"{BASE}/services/lain.xml", J).status_code == 404  # another government's
    body = client.get(f"{BASE}/services/jalan-rusak.json", J).json()
    assert body["attributes"][1]["values"][0]["key"] == "pengaduan"


@pytest.mark.django_db
def test_posting_a_request_creates_a_report_through_complaint_submit(client, city):
    response = post(client, report(city))
    assert response.status_code == 201, response.content
    root = xml(response)
    assert root.tag == "service_requests"
    item = root.find("request")
    assert [child.tag for child in item] == ["service_request_id", "service_notice", "account_id"]
    complaint = Complaint.objects.get(pk=int(item.findtext("service_request_id")))
    assert complaint.government == city.government
    assert complaint.source == Source.OPEN311
    assert complaint.category == city.category
    assert complaint.kecamatan_id == "36.73.02"
    assert complaint.contact_name == "Siti Rahmawati"
    assert complaint.title.startswith("Jalan berlubang")
    assert complaint.events.count() == 1


@pytest.mark.django_db
def test_posting_as_json(client, city):
    response = client.post(f"{BASE}/requests.json", {**J, **report(city, account_id="u-7")})
    assert response.status_code == 201
    body = response.json()
    assert body[0]["account_id"] == "u-7" and body[0]["service_request_id"].isdigit()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"api_key": None}, 403),
        ({"api_key": "o311_salah"}, 403),
        ({"service_code": "lain"}, 400),
        ({"description": "x" * 4001}, 400),
        ({"description": ""}, 400),
        ({"lat": None, "long": None}, 400),
        ({"long": None}, 400),
        ({"lat": "abc"}, 400),
        ({"lat": "91"}, 400),
        ({"attribute[kecamatan]": "99.99.99"}, 400),
        ({"attribute[privacy]": "semua"}, 400),
    ],
)
def test_bad_posts_get_the_spec_error_list(client, city, change, status):
    response = post(client, report(city, **change))
    assert response.status_code == status
    code, description = errors_of(response)[0]
    assert code == str(status) and description
    assert Complaint.objects.count() == 0


@pytest.mark.django_db
def test_an_address_string_is_enough_as_location(client, city):
    response = post(client, report(city, lat=None, long=None, address_string="Pasar Rau, Serang"))
    assert response.status_code == 201
    assert Complaint.objects.get().address == "Pasar Rau, Serang"


@pytest.mark.django_db
def test_a_key_of_another_government_does_not_work_here(client, city):
    _c, other_key = open311_client_issue(government=city.other_government, name="Lain", by=None)
    assert post(client, report(city, api_key=other_key)).status_code == 403


@pytest.mark.django_db
def test_a_retried_post_with_an_idempotency_key_makes_one_report(client, city):
    first = post(client, report(city), **{"Idempotency-Key": "o311-1"})
    second = post(client, report(city), **{"Idempotency-Key": "o311-1"})
    assert first.status_code == 201 and second.status_code == 200
    assert first.content == second.content
    assert Complaint.objects.count() == 1
    changed = post(
        client,
        report(city, description="Lain lagi isinya, jalan rusak berat."),
        **{"Idempotency-Key": "o311-1"},
    )
    assert changed.status_code == 400
    assert Complaint.objects.count() == 1


@pytest.mark.django_db
def test_requests_list_public_reports_without_personal_data(client, city):
    shown = verified(
        government=city.government,
        category=city.category,
        agency=city.agency_b,
        kecamatan=city.regions["Kasemen"],
        kelurahan=city.regions["Kasemen/Banten"],
        contact_name="Siti Rahmawati",
        contact_email="siti@contoh.id",
        contact_phone="081234567890",
        address="Jl. Rumah Siti no. 5",
        privacy=Privacy.ANONYMOUS,
    )
    verified(government=city.government, privacy=Privacy.CONFIDENTIAL)
    ComplaintFactory(government=city.government)  # not verified
    verified(government=city.other_government)
    response = client.get(f"{BASE}/requests.xml", J)
    root = xml(response)
    assert root.tag == "service_requests"
    items = root.findall("request")
    assert [i.findtext("service_request_id") for i in items] == [str(shown.pk)]
    item = items[0]
    assert [child.tag for child in item] == [
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    ]
    assert item.findtext("status") == "open"
    assert item.findtext("service_code") == "jalan-rusak"
    assert item.findtext("agency_responsible") == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert item.findtext("address") == "Banten, Kasemen"
    for personal in (*PERSONAL, "Jl. Rumah"):
        assert personal not in response.text


@pytest.mark.django_db
def test_requests_filters(client, city):
    now = timezone.now()
    closed = verified(government=city.government, status=Status.CLOSED, category=city.category)
    open_ = verified(government=city.government)
    old = verified(government=city.government, submitted_at=now - dt.timedelta(days=120))

    def ids(**params):
        root = xml(client.get(f"{BASE}/requests.xml", {**J, **params}))
        return {int(i.findtext("service_request_id")) for i in root.findall("request")}

    assert ids() == {closed.pk, open_.pk}  # the last 90 days by default
    assert ids(status="closed") == {closed.pk}
    assert ids(status="open") == {open_.pk}
    assert ids(service_code="jalan-rusak") == {closed.pk}
    start = (now - dt.timedelta(days=130)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now - dt.timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(start_date=start, end_date=end) == {old.pk}
    assert ids(service_request_id=f"{old.pk},{open_.pk}", status="closed") == {old.pk, open_.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
        {"start_date": "kemarin"},
        {"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"status": "pending"},
    ],
)
def test_bad_request_filters_are_400(client, city, params):
    response = client.get(f"{BASE}/requests.xml", {**J, **params})
    assert response.status_code == 400
    assert errors_of(response)[0][1]


@pytest.mark.django_db
def test_request_detail_and_tokens(client, city):
    shown = verified(government=city.government)
    hidden = verified(government=city.government, privacy=Privacy.CONFIDENTIAL)
    root = xml(client.get(f"{BASE}/requests/{shown.pk}.xml", J))
    assert root.find("request").findtext("service_request_id") == str(shown.pk)
    assert client.get(f"{BASE}/requests/{shown.pk}.json", J).json()[0]["status"] == "open"
    assert client.get(f"{BASE}/requests/{hidden.pk}.xml", J).status_code == 404
    assert client.get(f"{BASE}/requests/99999999999999999999.xml", J).status_code == 404
    token = xml(client.get(f"{BASE}/tokens/{shown.pk}.xml", J)).find("request")
    assert token.findtext("service_request_id") == str(shown.pk)
    assert client.get(f"{BASE}/tokens/abc.json", J).status_code == 404


@pytest.mark.django_db
def test_wrong_method_is_405_in_the_spec_format(client, city):
    response = client.post(f"{BASE}/services.xml", J)
    assert response.status_code == 405
    assert errors_of(response)[0][0] == "405"
    assert client.delete(f"{BASE}/requests.json").status_code == 405


@pytest.mark.django_db
def test_requests_list_query_count_does_not_grow(client, city):
    def grow():
        for _ in range(5):
            verified(
                government=city.government,
                category=city.category,
                agency=city.agency,
                kecamatan=city.regions["Serang"],
                kelurahan=city.regions["Serang/Cipare"],
            )

    assert_query_count_constant(
        lambda: client.get(f"{BASE}/requests.xml", J), grow, label="open311"
    )


@pytest.mark.django_db
def test_issue_key_prints_the_key_once_and_stores_it_hashed(client, city, capsys):
    call_command("open311", "issue-key", "--government", "kota-serang", "--name", "Kanal 112")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    stored = Open311Client.objects.get(name="Kanal 112")
    assert key.startswith("o311_") and key not in (stored.digest, stored.prefix)
    assert post(client, report(city, api_key=key)).status_code == 201
    call_command("open311", "revoke-key", "--government", "kota-serang", "--name", "Kanal 112")
    assert post(client, report(city, api_key=key)).status_code == 403


@pytest.mark.django_db
def test_json_and_xml_say_the_same(client, city):
    verified(government=city.government, category=city.category)
    from_json = client.get(f"{BASE}/requests.json", J).json()[0]
    from_xml = xml(client.get(f"{BASE}/requests.xml", J)).find("request")
    for key, value in from_json.items():
        expected = "" if value is None else str(value)
        assert from_xml.findtext(key) == expected, key
    assert json.loads(json.dumps(from_json)) == from_json
