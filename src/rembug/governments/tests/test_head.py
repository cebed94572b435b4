"""The head of an agency (Kepala Perangkat Daerah): one agency officer per agency, designated by
an administrator (in the admin or through the service), recorded in the audit trail, and known
to ``roles_for`` as ``held.heads(agency)``."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from rembug.accounts.two_factor import two_factor_enrol_with_secret
from rembug.core.models import AuditEntry
from rembug.governments.access import agency_head, roles_for
from rembug.governments.models import Membership, Role
from rembug.governments.services import membership_grant, membership_head_set
from rembug.testing.factories import UserFactory
from rembug.testing.fixtures import TWO_FACTOR_SECRET

pytestmark = pytest.mark.django_db


def _officer(people, username, agency=None):
    user = UserFactory(username=username)
    membership = membership_grant(
        user=user,
        government=people.government,
        role=Role.AGENCY_OFFICER,
        agency=agency or people.agency,
    )
    return user, membership


def test_the_head_is_known_to_roles_for_and_only_for_their_agency(people):
    head, _ = _officer(people, "kepala")
    membership_grant(
        user=head,
        government=people.government,
        role=Role.AGENCY_OFFICER,
        agency=people.agency,
        is_head=True,
    )
    held = roles_for(head, people.government)
    assert held.heads(people.agency) and held.heads(people.agency.pk)
    assert held.serves(people.agency) and not held.heads(people.agency_b)
    assert not roles_for(people.officer, people.government).heads(people.agency)
    assert not roles_for(head, people.other_government).heads(people.agency)
    assert agency_head(people.agency).user == head and agency_head(people.agency_b) is None


def test_designating_the_head_is_audited(people):
    membership = Membership.objects.get(user=people.officer, agency=people.agency)
    membership_head_set(membership=membership, is_head=True, by=people.administrator)
    entry = AuditEntry.objects.filter(object_id=str(membership.pk)).latest("id")
    assert entry.action == AuditEntry.Action.UPDATE and entry.actor == people.administrator
    assert entry.changes == {"is_head": [False, True]}


def test_an_agency_has_at_most_one_head_and_a_second_changes_nothing(people):
    first = Membership.objects.get(user=people.officer, agency=people.agency)
    membership_head_set(membership=first, is_head=True, by=people.administrator)
    _, second = _officer(people, "calon_kepala")
    audited = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        membership_head_set(membership=second, is_head=True, by=people.administrator)
    assert "already has a head" in str(refused.value) or "sudah punya kepala" in str(refused.value)
    second.refresh_from_db()
    assert not second.is_head and AuditEntry.objects.count() == audited
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        Membership.objects.filter(pk=second.pk).update(is_head=True)
    # Another agency may have its own head.
    other = Membership.objects.get(user=people.officer_b, agency=people.agency_b)
    membership_head_set(membership=other, is_head=True, by=people.administrator)


def test_only_an_agency_officer_can_be_the_head(people):
    planner = Membership.objects.get(user=people.planner, government=people.government)
    with pytest.raises(ValidationError):
        membership_head_set(membership=planner, is_head=True, by=people.administrator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=planner.pk).update(is_head=True)


def _admin_form(membership, **changes):
    return {
        "user": membership.user_id,
        "government": membership.government_id,
        "role": membership.role,
        "agency": membership.agency_id or "",
        "institution": membership.institution,
        "is_head": "on" if changes.get("is_head", membership.is_head) else "",
    }


def test_the_admin_designates_the_head_refuses_a_second_and_audits_it(client, people):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    two_factor_enrol_with_secret(user=root, secret=TWO_FACTOR_SECRET)
    client.force_login(root)
    first = Membership.objects.get(user=people.officer, agency=people.agency)
    url = reverse("admin:governments_membership_change", args=[first.pk])
    response = client.post(url, _admin_form(first, is_head=True))
    assert response.status_code == 302, response.content[:2000]
    first.refresh_from_db()
    assert first.is_head
    entry = AuditEntry.objects.filter(object_id=str(first.pk)).latest("id")
    assert entry.changes == {"is_head": [False, True]} and entry.actor == root
    listing = client.get(reverse("admin:governments_membership_changelist") + "?is_head__exact=1")
    assert str(people.officer) in listing.text and str(people.officer_b) not in listing.text

    _, second = _officer(people, "calon_kepala")
    url = reverse("admin:governments_membership_change", args=[second.pk])
    response = client.post(url, _admin_form(second, is_head=True))
    assert response.status_code == 200 and "errornote" in response.text
    second.refresh_from_db()
    assert not second.is_head
