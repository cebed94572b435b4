"""Metadata of a government's open data: the catalogue rows, DCAT (data.json) and CKAN packages,
all from :data:`rembug.portal.opendata.DATASETS`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from rembug.governments.models import Government
from rembug.portal.formats import FORMATS
from rembug.portal.opendata import DATASETS, Coverage, Dataset, coverage

LICENSE_ID = "CC-BY-4.0"
LICENSE_TITLE = "Creative Commons Attribution 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Entry:
    dataset: Dataset
    coverage: Coverage
    government: Government

    @property
    def name(self) -> str:
        return self.dataset.slug

    def download_path(self, fmt: str) -> str:
        return reverse(
            "portal:dataset_download",
            kwargs={"government": self.government.slug, "dataset": self.name, "fmt": fmt},
        )

    @property
    def downloads(self) -> list[tuple[str, str]]:
        return [(label, self.download_path(fmt)) for fmt, (_mime, label) in FORMATS.items()]


def entries(government: Government) -> list[Entry]:
    """Every dataset with its coverage (one query per dataset)."""
    return [Entry(d, coverage(d, government), government) for d in DATASETS.values()]


def entry(government: Government, name: str) -> Entry | None:
    found = DATASETS.get(name)
    return Entry(found, coverage(found, government), government) if found else None


def _iso(entry: Entry) -> str:
    modified = entry.coverage.modified
    return modified.isoformat(timespec="seconds") if modified else ""


def spatial(government: Government) -> str:
    return f"{government.region.name} (Kemendagri {government.code})"


def dcat_catalog(request: HttpRequest, government: Government) -> dict[str, Any]:
    """The catalogue as DCAT-US 1.1 (Project Open Data ``data.json``), a JSON-LD document."""
    base = request.build_absolute_uri
    landing = base(reverse("portal:data_catalogue", kwargs={"government": government.slug}))
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": base(reverse("portal:data_json", kwargs={"government": government.slug})),
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": [
            {
                "@type": "dcat:Dataset",
                "identifier": base(item.download_path("json")).rsplit(".", 1)[0],
                "title": str(item.dataset.title),
                "description": str(item.dataset.description),
                "keyword": list(item.dataset.keywords),
                "modified": _iso(item),
                "publisher": {"@type": "org:Organization", "name": government.name},
                "contactPoint": {"@type": "vcard:Contact", "fn": f"PPID {government.name}"},
                "accessLevel": "public",
                "license": LICENSE_URL,
                "spatial": spatial(government),
                "temporal": item.coverage.temporal,
                "language": ["id"],
                "landingPage": landing,
                "distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "downloadURL": base(item.download_path(fmt)),
                        "mediaType": mime.split(";")[0],
                        "format": label,
                        "title": f"{item.dataset.title} ({label})",
                    }
                    for fmt, (mime, label) in FORMATS.items()
                ],
            }
            for item in entries(government)
        ],
    }


def ckan_package(request: HttpRequest, item: Entry) -> dict[str, Any]:
    """A dataset as CKAN's ``package_show`` returns it (the fields harvesters read)."""
    government = item.government
    package_id = f"{government.slug}-{item.name}"
    modified = _iso(item)
    organization = {
        "id": government.slug,
        "name": government.slug,
        "title": government.name,
        "type": "organization",
        "description": government.tagline,
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
    }
    resources = [
        {
            "id": f"{package_id}-{fmt}",
            "package_id": package_id,
            "name": f"{item.dataset.title} ({label})",
            "description": str(item.dataset.description),
            "url": request.build_absolute_uri(item.download_path(fmt)),
            "format": label,
            "mimetype": mime.split(";")[0],
            "position": position,
            "state": "active",
            "url_type": None,
            "created": modified,
            "last_modified": modified or None,
        }
        for position, (fmt, (mime, label)) in enumerate(FORMATS.items())
    ]
    tags = [
        {"name": keyword, "display_name": keyword, "state": "active", "vocabulary_id": None}
        for keyword in item.dataset.keywords
    ]
    return {
        "id": package_id,
        "name": item.name,
        "title": str(item.dataset.title),
        "notes": str(item.dataset.description),
        "type": "dataset",
        "state": "active",
        "private": False,
        "author": government.name,
        "author_email": None,
        "maintainer": f"PPID {government.name}",
        "maintainer_email": None,
        "license_id": LICENSE_ID,
        "license_title": LICENSE_TITLE,
        "license_url": LICENSE_URL,
        "isopen": True,
        "url": request.build_absolute_uri(
            reverse("portal:data_catalogue", kwargs={"government": government.slug})
        ),
        "version": None,
        "metadata_created": modified,
        "metadata_modified": modified,
        "owner_org": government.slug,
        "organization": organization,
        "num_resources": len(resources),
        "resources": resources,
        "num_tags": len(tags),
        "tags": tags,
        "groups": [],
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "extras": [
            {"key": "spatial_text", "value": spatial(government)},
            {"key": "temporal", "value": item.coverage.temporal},
            {"key": "language", "value": "id"},
        ],
    }
