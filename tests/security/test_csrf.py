"""CSRF on every write (issue 10, point 5): each URL that some role may POST to, asked by that role
with a client that enforces CSRF and sends no token, must be refused (403) and write nothing.

The REST API and Open311 are the exceptions by design: they authenticate with a token or an
api_key in the request, never with the session cookie, so a forged cross-site request carries
no credential (``test_the_api_ignores_the_session_cookie`` proves it)."""

import pytest

from rembug.testing.url_matrix import ask, client_for, rules_of, url_entries, url_of
from rembug.testing.world import ROLES

TOKEN_AUTHENTICATED = ("api-v1:", "open311:")
# The admin's login forwards every request to /akun/masuk/ (in the sweep) without reading it.
FORWARDS_ONLY = {"admin:login"}
WRITES = [
    entry
    for entry in url_entries()
    if not entry.key.startswith(TOKEN_AUTHENTICATED)
    and entry.key not in FORWARDS_ONLY
    and any(rule.post for rule in rules_of(entry))
]


def test_the_sweep_covers_the_write_views():
    assert len(WRITES) >= 60, [e.key for e in WRITES]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", WRITES, ids=lambda e: e.key)
def test_a_post_without_the_csrf_token_is_refused(world, entry):
    for rule in rules_of(entry):
        if not rule.post:
            continue
        role = next(r for r in ROLES if r in rule.post)
        url = url_of(entry, rule, world.a, world)
        answer = ask(client_for(world, role, enforce_csrf_checks=True), "POST", url)
        assert answer.status == 403, f"POST {url} as {role} without a CSRF token: {answer.status}"
        # The CSRF page, not a permission refusal that would hide a missing check.
        assert b"Formulir sudah kedaluwarsa" in answer.body, url
        assert not answer.writes, f"POST {url} as {role} without a token wrote {answer.writes}"


@pytest.mark.django_db
def test_the_api_ignores_the_session_cookie(world):
    # Signed in through the site, the API still sees an anonymous caller: no ambient credential.
    client = client_for(world, "coordinator", enforce_csrf_checks=True)
    assert client.get("/api/v1/me").status_code == 401
