import numpy as np
import pytest

from rembug.forums.models import Reaction
from rembug.forums.opinion import compute_opinion, opinion_drawing, opinion_for_forum
from rembug.forums.tests.factories import ParticipantFactory, StatementFactory


def camps(people=40, statements=10, seed=3):
    """Two camps split on statements 1-4, everyone agrees with statement 10."""
    rng = np.random.default_rng(seed)
    rows = []
    for p in range(1, people + 1):
        camp = 1 if p <= people // 2 else -1
        for s in range(1, statements + 1):
            value = camp if s <= 4 else (1 if s == statements else int(rng.integers(-1, 2)))
            rows.append((p, s, value))
    data = np.array(rows, dtype=np.int64)
    return data[:, 0], data[:, 1], data[:, 2], list(range(1, statements + 1))


def test_it_finds_the_two_camps_and_their_statements():
    result = compute_opinion(*camps())
    assert len(result.groups) == 2
    assert sorted(g.size for g in result.groups) == [20, 20]
    for group in result.groups:
        assert {r.statement_id for r in group.representative} & {1, 2, 3, 4}
    assert result.consensus[0].statement_id == 10
    assert result.consensus[0].agree_share == 1.0


def test_consensus_is_the_product_over_groups():
    result = compute_opinion(*camps())
    # statement 10: each group of 20 agrees 20 of 20 → (21/22)²
    assert result.consensus[0].score == pytest.approx((21 / 22) ** 2, abs=1e-4)


def test_it_is_deterministic():
    assert compute_opinion(*camps()).as_json() == compute_opinion(*camps()).as_json()


def test_a_participant_counts_after_min_7_or_all_statements():
    participants = np.array([1] * 6 + [2] * 7 + [3] * 7, dtype=np.int64)
    statements = np.array(list(range(1, 7)) + list(range(1, 8)) * 2, dtype=np.int64)
    values = np.ones_like(participants)
    result = compute_opinion(participants, statements, values, list(range(1, 11)))
    assert (result.participant_count, result.counted_count) == (3, 2)
    few = compute_opinion(
        np.array([1, 1, 2, 2]), np.array([1, 2, 1, 2]), np.array([1, 1, -1, 1]), [1, 2]
    )
    assert few.counted_count == 2  # with two statements, two reactions are enough


def test_moderated_out_statements_are_left_out():
    p, s, v, ids = camps()
    result = compute_opinion(p, s, v, [i for i in ids if i != 10])
    assert all(c.statement_id != 10 for c in result.consensus)
    assert result.reaction_count == 40 * 9


def test_nothing_to_map():
    empty = np.array([], dtype=np.int64)
    result = compute_opinion(empty, empty, empty, [1, 2])
    assert result.groups == [] and result.points == []
    assert opinion_drawing(result).dots == []


def test_the_drawing_stays_inside_the_frame():
    drawing = opinion_drawing(compute_opinion(*camps()))
    assert len(drawing.dots) == 40
    assert all(0 <= d.cx <= drawing.width and 0 <= d.cy <= drawing.height for d in drawing.dots)
    assert [label.text for label in drawing.labels] == ["A", "B"]


@pytest.mark.django_db
def test_it_reads_a_forums_reactions(people, forum):
    statements = StatementFactory.create_batch(8, forum=forum)
    statements[-1].is_moderated_out = True
    statements[-1].save()
    for n in range(6):
        person = ParticipantFactory(forum=forum)
        Reaction.objects.bulk_create(
            Reaction(
                government=forum.government,
                forum=forum,
                statement=s,
                participant=person,
                value=1 if (n % 2 == 0) == (i % 2 == 0) else -1,
            )
            for i, s in enumerate(statements)
        )
    result = opinion_for_forum(forum)
    assert result.statement_count == 7
    assert result.counted_count == 6
    assert len(result.groups) >= 2
