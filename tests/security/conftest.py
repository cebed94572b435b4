"""One world per test module: both governments, every role and their objects, built once and
rolled back at the end of the module (each test still runs in its own savepoint)."""

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings

from rembug.testing.world import World, world_build


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield world_build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
