"""The key pages run as many queries for a government with ten times the reports and inputs."""

from __future__ import annotations

from io import StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rembug.bench.generate import generate
from rembug.bench.pages import client_for, key_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def _counts(slug: str) -> dict[str, int]:
    counts = {}
    for label, login, url in key_pages(slug):
        client = client_for(login)
        assert client.get(url).status_code == 200, url  # warm: sessions, content types
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200, url
        counts[label] = len(context)
    return counts


def test_every_key_page_runs_the_same_number_of_queries_at_ten_times_the_data():
    for code, prefix, reports in (("32.71", "a-", 40), ("32.73", "b-", 400)):
        generate(
            scale="city", seed=5, reports=reports, forum_inputs=reports // 4, agencies=12,
            codes=[code], slug_prefix=prefix, stream=StringIO(),
        )  # fmt: skip
    small = _counts("a-kota-bogor")
    large = _counts("b-kota-bandung")
    assert small == large
