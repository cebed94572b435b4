import pytest


@pytest.fixture(autouse=True)
def _refresh_before_every_search(settings):
    """Tests change data and search at once: no two-second grace between refreshes."""
    settings.SEARCH_REFRESH_SECONDS = 0
