"""Every URL pattern × every role against its declared access rule (issue 10, point 2), and the
privacy scan of every answer (point 3): the anonymous reporter's name, e-mail and phone and the
confidential report's content appear only to those allowed to see them.

The rules live in ``src/rembug/testing/url_policy.py``; a new URL without one fails here.
Each URL is also asked with another government's objects under this government's address: every
role must be refused (no object crosses tenants through its id)."""

import pytest

from rembug.testing.url_matrix import ask, client_for, rules_of, sentinels_for, url_entries, url_of
from rembug.testing.world import ROLES

ENTRIES = url_entries()


def test_every_url_has_a_declared_rule():
    missing = []
    for entry in ENTRIES:
        try:
            rules_of(entry)
        except LookupError as error:
            missing.append(str(error).splitlines()[0])
    assert not missing, (
        "URLs without an access rule — declare them in POLICIES in "
        "src/rembug/testing/url_policy.py:\n" + "\n".join(missing)
    )


def check(world, entry, rule, role, method, url, allowed):
    data = rule.post_data(world.a, world) if method == "POST" else None
    answer = ask(client_for(world, role), method, url, data)
    where = f"{method} {url} as {role} ({entry.key} {rule.label})".strip()
    assert answer.status < 500, f"{where}: server error {answer.status}"
    if allowed:
        assert not answer.refused, f"{where}: refused ({answer.status} {answer.location})"
    else:
        assert answer.refused, f"{where}: answered {answer.status}, the rule refuses it"
        assert not answer.writes, f"{where}: refused but wrote {answer.writes}"
    for sentinel in sentinels_for(rule, role):
        assert sentinel.encode() not in answer.body, f"{where}: shows {sentinel!r}"


@pytest.mark.django_db
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_each_role_gets_what_the_rule_declares(world, entry):
    for rule in rules_of(entry):
        url = url_of(entry, rule, world.a, world)
        for role in ROLES:
            check(world, entry, rule, role, "GET", url, role in rule.get)
            check(world, entry, rule, role, "POST", url, role in rule.post)


@pytest.mark.django_db
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_another_governments_objects_are_refused_under_this_address(world, entry):
    for rule in rules_of(entry):
        here = url_of(entry, rule, world.a, world)
        crossed = url_of(entry, rule, world.b, world, address=world.a)
        if crossed == here:
            continue  # the URL names no object of a government
        for role in ROLES:
            check(world, entry, rule, role, "GET", crossed, False)
            check(world, entry, rule, role, "POST", crossed, False)
