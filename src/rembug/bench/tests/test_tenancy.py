"""No tenant row links to another government's row: the check finds a planted link, and the
services refuse to write one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from rembug.bench.tenancy import cross_government_links, tenant_links
from rembug.complaints.models import Category, Complaint
from rembug.complaints.services import complaint_submit
from rembug.testing.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_tenant_links_are_found_from_the_models():
    labels = {link.label for link in tenant_links()}
    assert {"complaints.Complaint.agency", "complaints.Complaint.category"} <= labels
    assert "planning.PlanItem.document" in labels
    assert not any(label.endswith(".government") for label in labels)


def test_a_link_to_another_governments_row_is_found(government, other_government):
    theirs = AgencyFactory(government=other_government)
    ours = AgencyFactory(government=government)
    assert cross_government_links() == {}
    Complaint.objects.create(government=government, title="Jalan rusak", text="…", agency=ours)
    assert cross_government_links() == {}
    Complaint.objects.create(government=government, title="Jalan rusak", text="…", agency=theirs)
    # The report and the summary rows it counts in (its month and all time) carry the link.
    assert cross_government_links() == {
        "complaints.Complaint.agency": 1,
        "complaints.ComplaintSummary.agency": 2,
    }


def test_the_intake_service_refuses_another_governments_category(government, other_government):
    theirs = Category.objects.create(government=other_government, name="Jalan", slug="jalan")
    with pytest.raises(ValidationError):
        complaint_submit(
            government=government,
            title="Jalan rusak",
            text="Jalan di depan pasar berlubang.",
            category=theirs,
            by=None,
        )
    assert not Complaint.objects.exists()
