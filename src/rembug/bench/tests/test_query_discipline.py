"""Query discipline: no page of the demo runs a query inside a loop (N+1), for any role.

The demo is loaded once for this module (its own loaders, on the Kemendagri regions the two demo
cities need), inside a transaction rolled back at the end. For each role the crawler starts at the
role's home pages, follows every link of the same government (and the account pages) found in the
HTML, GET only, breadth first, at most ``PER_VIEW`` URLs per view (a report page stands for all
report pages) and ``MAX_PAGES`` pages per role. Each request's SQL is normalised (numbers, strings
and ``IN`` lists become ``?``); a statement of the same shape run more than ``K`` times in one
request is a query in a loop. ``ALLOWED`` names the few pages that may, and why.
"""

from __future__ import annotations

import importlib
import re
import time
from collections import Counter, deque
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from rembug.demo.context import LOADERS, DemoContext

GOVERNMENT = "kota-serang"
K = 3
PER_VIEW = 2
MAX_PAGES = 120
ROLES = {
    "anonymous": None,
    "resident": "warga.kasemen",
    "officer": "petugas.kominfo.serang",
    "coordinator": "koordinator.serang",
    "planner": "perencana.serang",
    "leadership": "pimpinan.serang",
}
# Paths never followed: leaving the session, switching language, the admin, files and feeds.
SKIP = re.compile(
    r"^/(akun/keluar|i18n/|admin/|static/|media/|api/|open311/v2/)|\.(pdf|xlsx|csv|png|svg|json|xml|ics)$"
)
# (view name, normalised SQL prefix) → why it may repeat. Keep this short.
ALLOWED: dict[tuple[str, str], str] = {
    ("planning:item", 'SELECT "planning_planitem"'): (
        "plan_tree(root=item): one query per level of the tree below the item, bounded by the"
        " depth of a plan (at most nine levels), not by its size"
    ),
    ("planning:item_chain", 'SELECT DISTINCT "planning_planitem"'): (
        "chain_down: one query per level of the cascade RPJPD → Renja, bounded by its depth"
    ),
    ("planning:item_chain", 'SELECT "planning_planitemalignment"'): (
        "chain_down: the alignments of each level of the cascade, with the query above"
    ),
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value:
                    self.links.append(value)


def shape(sql: str) -> str:
    """The SQL with its literals taken out: the same statement for another row looks the same."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"\(\s*\?(\s*,\s*\?)*\s*\)", "(?)", sql)
    sql = re.sub(r"%s(\s*,\s*%s)*", "?", sql)
    return re.sub(r"\s+", " ", sql).strip()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, regions) -> Iterator[None]:
    """The demo data, once for the module, rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ctx = DemoContext()
            for name in LOADERS:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as error:
                    if error.name != name:
                        raise
                    continue
                module.load(ctx)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client(login: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if login:
        client.force_login(get_user_model().objects.get(username=login))
        # Staff must enrol an authenticator; this session counts as checked.
        session = client.session
        session["two_factor_checked_until"] = time.time() + 86400
        session.save()
    return client


def _follow(href: str) -> str | None:
    path = urldefrag(href)[0]
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if SKIP.search(parts.path):
        return None
    if not (parts.path.startswith((f"/{GOVERNMENT}/", "/akun/")) or parts.path == "/"):
        return None
    return path


def crawl(login: str | None) -> tuple[list[str], list[str]]:
    """(pages visited, problems found) for one role."""
    client = _client(login)
    queue = deque(["/", f"/{GOVERNMENT}/"])
    seen: set[str] = set(queue)
    per_view: Counter[str] = Counter()
    visited: list[str] = []
    problems: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        try:
            view = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        per_view[view] += 1
        if per_view[view] > PER_VIEW:
            continue
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        visited.append(url)
        if response.status_code >= 500:
            problems.append(f"{url}: status {response.status_code}")
            continue
        counts = Counter(shape(q["sql"]) for q in context.captured_queries)
        for sql, count in counts.items():
            if count > K and not any(
                view == allowed_view and sql.startswith(prefix) for allowed_view, prefix in ALLOWED
            ):
                problems.append(f"{url} ({view}): {count}× {sql[:300]}")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        for href in parser.links:
            path = _follow(href)
            if path and path not in seen:
                seen.add(path)
                queue.append(path)
    return visited, problems


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_runs_a_query_in_a_loop(role):
    visited, problems = crawl(ROLES[role])
    assert len(visited) >= 5, visited
    assert problems == [], f"{role} ({len(visited)} pages):\n" + "\n".join(problems)


def test_the_demo_links_no_row_to_another_governments_row():
    from rembug.bench.tenancy import cross_government_links

    assert cross_government_links() == {}


def test_the_shape_of_a_query_ignores_its_values():
    one = 'SELECT "x"."id" FROM "x" WHERE ("x"."id" = 12 AND "x"."name" = \'a\')'
    two = 'SELECT "x"."id" FROM "x" WHERE ("x"."id" = 7 AND "x"."name" = \'b\')'
    assert shape(one) == shape(two)
    assert shape("SELECT 1 FROM t WHERE id IN (1, 2, 3)") == shape(
        "SELECT 1 FROM t WHERE id IN (4)"
    )
    assert shape("SELECT a FROM t") != shape("SELECT b FROM t")
