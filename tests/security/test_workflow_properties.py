"""Hypothesis over every workflow's one transition table (issue 10, point 4): random walks of
attempted steps by random actors. Each check accepts a step exactly when its table lists it; a
walk never reaches a state outside the workflow's choices; every state is reachable from the
first one; nothing leaves the terminal states; the phase switches of a forum follow its phase."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from rembug.complaints import workflow as complaints
from rembug.complaints.models import Status
from rembug.forums.models import Forum
from rembug.forums.phases import (
    PHASE_SWITCHES,
    PHASE_TRANSITIONS,
    ActionRefused,
    phase_allows,
    phase_next,
    phase_require,
)
from rembug.monitoring.models import TRANSITIONS as PERIOD_TRANSITIONS
from rembug.monitoring.models import PeriodStatus
from rembug.planning.models import TRANSITIONS as DOCUMENT_TRANSITIONS
from rembug.planning.models import DocumentState, PlanDocument
from rembug.planning.services import transition_check as document_transition_check

ACTOR_SETS = st.frozensets(st.sampled_from(sorted(complaints.ACTORS)), min_size=1)
WALK = settings(max_examples=300, deadline=None, derandomize=True, database=None)


def reachable(table, start):
    seen, todo = {start}, [start]
    while todo:
        for to in table[todo.pop()]:
            if to not in seen:
                seen.add(to)
                todo.append(to)
    return seen


# ---------------------------------------------------------------- complaints
def test_the_complaint_table_names_only_statuses_and_actors():
    assert set(complaints.TRANSITIONS) <= set(Status.values)
    for targets in complaints.TRANSITIONS.values():
        assert set(targets) <= set(Status.values)
        assert all(who and who <= complaints.ACTORS for who in targets.values())


def test_every_complaint_status_is_reachable_from_submitted():
    table = {s: set(complaints.TRANSITIONS.get(s, {})) for s in Status.values}
    assert reachable(table, Status.SUBMITTED) == set(Status.values)


@WALK
@given(steps=st.lists(st.tuples(st.sampled_from(Status.values), ACTOR_SETS), max_size=40))
def test_a_complaint_moves_only_as_its_table_allows(steps):
    status = Status.SUBMITTED
    for to, actors in steps:
        allowed = complaints.TRANSITIONS.get(status, {}).get(to, frozenset())
        try:
            acting = complaints.transition_check(status, to, actors)
        except PermissionDenied:
            assert not allowed & actors, f"{status} → {to} by {actors} was refused"
            assert to not in complaints.allowed_targets(status, actors)
            continue
        assert acting in allowed & actors, f"{status} → {to} by {actors} was let through"
        assert to in complaints.allowed_targets(status, actors)
        status = to
    assert status in Status.values


# ---------------------------------------------------------------- plan documents
def test_every_document_state_is_reachable_and_replaced_is_final():
    assert reachable(DOCUMENT_TRANSITIONS, DocumentState.DRAFT) == set(DocumentState.values)
    assert DOCUMENT_TRANSITIONS[DocumentState.DIGANTI] == frozenset()


@WALK
@given(steps=st.lists(st.sampled_from(DocumentState.values), max_size=30))
def test_a_plan_document_moves_only_as_its_table_allows(steps):
    document = PlanDocument(state=DocumentState.DRAFT)
    for to in steps:
        allowed = to in DOCUMENT_TRANSITIONS[document.state]
        try:
            document_transition_check(document, to=to)
        except ValidationError:
            assert not allowed, f"{document.state} → {to} was refused"
            continue
        assert allowed, f"{document.state} → {to} was let through"
        document.state = to
    if document.state in {DocumentState.DITETAPKAN, DocumentState.DIGANTI}:
        # Adopted documents only move forward: never back into a draft.
        assert DocumentState.DRAFT not in reachable(DOCUMENT_TRANSITIONS, document.state)


# ---------------------------------------------------------------- reporting periods
def test_every_period_status_is_reachable_and_a_locked_period_only_reopens():
    assert reachable(PERIOD_TRANSITIONS, PeriodStatus.OPEN) == set(PeriodStatus.values)
    assert PERIOD_TRANSITIONS[PeriodStatus.LOCKED] == frozenset({PeriodStatus.OPEN})
    # The deadline locks a period whatever its state.
    for status, targets in PERIOD_TRANSITIONS.items():
        assert status == PeriodStatus.LOCKED or PeriodStatus.LOCKED in targets


@WALK
@given(steps=st.lists(st.sampled_from(PeriodStatus.values), max_size=30))
def test_approval_always_passes_through_submission(steps):
    # A walk along the table never reaches APPROVED straight from OPEN.
    status = PeriodStatus.OPEN
    for to in steps:
        if to in PERIOD_TRANSITIONS[status]:
            assert not (status == PeriodStatus.OPEN and to == PeriodStatus.APPROVED)
            status = to
    assert status in PeriodStatus.values


# ---------------------------------------------------------------- forum phases
def test_forum_phases_run_one_way_but_for_reopening_deliberation():
    order = list(Forum.Phase.values)
    assert reachable(PHASE_TRANSITIONS, order[0]) == set(order)
    backwards = {
        (frm, to)
        for frm, targets in PHASE_TRANSITIONS.items()
        for to in targets
        if order.index(to) < order.index(frm)
    }
    assert backwards == {(Forum.Phase.DISPOSITION, Forum.Phase.DELIBERATION)}
    assert PHASE_TRANSITIONS[Forum.Phase.PUBLISHED] == frozenset()


@WALK
@given(
    steps=st.lists(st.sampled_from(Forum.Phase.values), max_size=20),
    action=st.sampled_from(sorted({a for on in PHASE_SWITCHES.values() for a in on})),
)
def test_a_forum_allows_an_action_exactly_when_its_phase_switches_it_on(steps, action):
    forum = Forum(phase=Forum.Phase.ANNOUNCEMENT)
    for to in steps:
        if to in phase_next(forum):
            assert to in PHASE_TRANSITIONS[forum.phase]
            forum.phase = to
        on = action in PHASE_SWITCHES[forum.phase]
        assert phase_allows(forum, action) == on
        if on:
            phase_require(forum, action)
        else:
            with pytest.raises(ActionRefused):
                phase_require(forum, action)
