import io

import pytest
from django.core.management import CommandError, call_command

from rembug.complaints.tests.factories import verified
from rembug.search.models import SearchEntry
from rembug.search.selectors import search


@pytest.mark.django_db
def test_reindex_catches_up_and_full_rebuilds(people):
    report = verified(government=people.government, title="Pohon tumbang", text="Pohon tumbang")
    out = io.StringIO()
    call_command("search", "reindex", "--government", "kota-serang", stdout=out)
    assert "kota-serang: 1 rows indexed" in out.getvalue()
    assert SearchEntry.objects.filter(object_id=report.pk).exists()
    report.delete()
    call_command("search", "reindex", "--full", stdout=io.StringIO())
    assert search(people.government, "pohon", refresh=False).results == []


@pytest.mark.django_db
def test_reindex_refuses_an_unknown_government(people):
    with pytest.raises(CommandError):
        call_command("search", "reindex", "--government", "tidak-ada", stdout=io.StringIO())
