"""Every URL pattern of the project, made concrete with the world's objects, and how to tell a
refusal from an answer. Used by the security matrix, the CSRF sweep and the accessibility sweep."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rembug.testing.url_policy import Rule, rule_for
from rembug.testing.world import CONTENT_SENTINELS, IDENTITY_SENTINELS, Side, World

# Filling for the admin's own parameters (its views refuse every role before reading them).
ADMIN_KWARGS = {
    "object_id": "1",
    "id": "1",
    "content_type_id": "999999",
    "app_label": "complaints",
    "url": "tidak-ada/",
}
# Writes a refused request may still make: the session and the login-attempt log.
BOOKKEEPING_TABLES = ("django_session", "axes_")
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One URL pattern: its name (namespaced) or, unnamed, its route."""

    key: str
    name: str | None
    route: str
    params: tuple[str, ...]


def _walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Entry]:
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            name = None
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            params = tuple(pattern.pattern.regex.groupindex) + tuple(
                re.findall(r"<(?:\w+:)?(\w+)>", prefix)
            )
            yield Entry(key=name or route, name=name, route=route, params=params)


def url_entries() -> list[Entry]:
    """Every URL pattern once (the first of two patterns sharing a name wins, as in reverse)."""
    seen: dict[str, Entry] = {}
    for entry in _walk(get_resolver(), "", ""):
        seen.setdefault(entry.key, entry)
    return sorted(seen.values(), key=lambda e: e.key)


def rules_of(entry: Entry) -> tuple[Rule, ...]:
    found = rule_for(entry.key)
    if found is None:
        raise LookupError(
            f"The URL {entry.route!r} (name {entry.key!r}) has no declared access rule.\n"
            "Declare who may GET and POST it in POLICIES in src/rembug/testing/url_policy.py "
            "(read its view's access helper and write down what is intended)."
        )
    return found


def url_of(
    entry: Entry, rule: Rule, side: Side, world: World, *, address: Side | None = None
) -> str:
    """The URL of ``rule`` with the objects of ``side``, under the address (government slug,
    API slug, Open311 jurisdiction) of ``address`` (default: the same side)."""
    address = address or side
    kwargs: dict[str, Any] = dict(rule.kwargs(side, world))
    if entry.name and entry.name.startswith("admin:"):
        kwargs = {p: ADMIN_KWARGS[p] for p in entry.params}
    for param in ("government", "slug"):
        if param in entry.params:
            kwargs[param] = address.slug
    if entry.name is None:  # the admin's unnamed patterns: fill their parameters
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ADMIN_KWARGS[m.group(1)], entry.route)
        return "/" + re.sub(r"\^|\(\?P<\w+>.*\)\$", ADMIN_KWARGS["url"], path)
    query = rule.query(address, world)
    return reverse(entry.name, kwargs=kwargs) + (f"?{query}" if query else "")


def is_refusal(response: HttpResponse) -> bool:
    if response.status_code in {401, 403, 404, 405}:
        return True
    if response.status_code in {301, 302, 303}:
        location = response.get("Location", "")
        return location.startswith((resolve_url(settings.LOGIN_URL), "/admin/login/"))
    return False


def body_of(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        # The test client closes a streamed response once it is read, with the signal that
        # would close the database connection held off; closing it again here would not be.
        return b"".join(response.streaming_content)
    return bytes(response.content)


def client_for(world: World, role: str, **options: Any) -> Client:
    client = Client(**options)
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def sentinels_for(rule: Rule, role: str) -> tuple[str, ...]:
    found: tuple[str, ...] = ()
    if role not in rule.sees_identity:
        found += IDENTITY_SENTINELS
    if role not in rule.reads_confidential:
        found += CONTENT_SENTINELS
    return found


@dataclass
class Answer:
    status: int
    refused: bool
    body: bytes
    writes: list[str]
    location: str


def ask(client: Client, method: str, url: str, data: dict[str, str] | None = None) -> Answer:
    """One request in a savepoint that is rolled back, so one role's write never changes what
    the next role sees; the SQL writes it made are returned."""
    from django.core.cache import cache

    cache.clear()  # rate limits count per test, not across the matrix
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = client.get(url) if method == "GET" else client.post(url, data or {})
        body = body_of(response)
        transaction.set_rollback(True)
    writes = []
    for query in queries.captured_queries:
        match = WRITE.match(query["sql"])
        if match and not match.group(2).startswith(BOOKKEEPING_TABLES):
            writes.append(query["sql"][:160])
    return Answer(
        status=response.status_code,
        refused=is_refusal(response),
        body=body,
        writes=writes,
        location=response.get("Location", ""),
    )
