from decimal import Decimal

import pytest

from rembug.planning.selectors import chain_down, chain_up, plan_tree
from rembug.planning.services import plan_item_input_link, renja_create_from_renstra
from rembug.planning.tests.factories import fund, indicator, item
from rembug.testing.fixtures import count_queries

pytestmark = pytest.mark.django_db
YEARS = list(range(2025, 2030))


def grow(cascade, kegiatan_count):
    for _ in range(kegiatan_count):
        kegiatan = item(cascade.renstra, "kegiatan", cascade.program, code="2.16.03.2.01")
        indicator(kegiatan, years=YEARS)
        sub = item(cascade.renstra, "sub_kegiatan", kegiatan, code="2.16.03.2.01.03")
        indicator(sub, years=YEARS)
        fund(sub, YEARS, "5")


def test_plan_tree_loads_everything_in_seven_queries_at_any_size(cascade, people):
    plan_item_input_link(item=cascade.subs[0], source_kind="complaint", source_id=1, by=None)
    with count_queries() as small:
        tree = plan_tree(cascade.renstra)
    assert len(tree.nodes) == 6
    grow(cascade, 15)
    with count_queries() as large:
        tree = plan_tree(cascade.renstra)
    assert len(tree.nodes) == 36
    assert len(small) == len(large) == 7
    node = tree.nodes[cascade.subs[0].pk]
    assert node.indicators[0].target(2029).value == Decimal("6")
    assert len(node.inputs) == 1
    assert [n.depth for n in tree.walk()][:5] == [0, 1, 2, 3, 4]


def test_totals_roll_up_own_amounts_first(cascade):
    tree = plan_tree(cascade.renstra)
    assert tree.nodes[cascade.sasaran.pk].totals[2025] == Decimal("200000000")
    assert tree.totals()[2029] == Decimal("200000000")


def test_chain_down_costs_one_query_per_cascade_level_not_per_item(cascade, people):
    renja_create_from_renstra(renstra=cascade.renstra, year=2026, by=people.officer)
    chain_down(cascade.rpjpd_misi, user=people.planner)  # caches the user's roles
    with count_queries() as small:
        root = chain_down(cascade.rpjpd_misi, user=people.planner)
    grow(cascade, 10)
    with count_queries() as large:
        root2 = chain_down(cascade.rpjpd_misi, user=people.planner)
    assert len(large) == len(small), "\n".join(q["sql"][:150] for q in large.captured_queries)

    def size(node):
        return 1 + sum(size(c) for c in node.children)

    assert size(root2) == size(root) + 20


def test_chain_up_reaches_the_rpjpd(cascade):
    steps = chain_up(cascade.subs[1])
    assert [s.document for s in steps] == [cascade.rpjpd, cascade.rpjmd, cascade.renstra]
    assert steps[0].path[-1] == cascade.rpjpd_misi


def test_a_subtree_loads_only_what_is_under_its_root(cascade):
    tree = plan_tree(cascade.renstra, root=cascade.kegiatan)
    assert set(tree.nodes) == {cascade.kegiatan.pk, *(s.pk for s in cascade.subs)}
    assert tree.nodes[cascade.kegiatan.pk].totals[2025] == Decimal("200000000")
    assert tree.nodes[cascade.subs[0].pk].indicators[0].target(2025).value == Decimal("2")


def test_the_item_page_query_count_does_not_grow_with_the_document(client, cascade):
    from rembug.testing.fixtures import assert_query_count_constant

    assert_query_count_constant(
        lambda: client.get(cascade.kegiatan.get_absolute_url()),
        lambda: grow(cascade, 10),
        label="item page",
    )


def test_plan_items_answering_an_input(cascade, people):
    from rembug.planning.selectors import plan_items_answering

    plan_item_input_link(item=cascade.subs[0], source_kind="complaint", source_id=5, by=None)
    plan_item_input_link(item=cascade.subs[1], source_kind="complaint", source_id=5, by=None)
    plan_item_input_link(item=cascade.subs[1], source_kind="forum_input", source_id=5, by=None)
    with count_queries() as queries:
        found = plan_items_answering(people.government, "complaint", [5, 6])
        assert [i.document.title for i in found[5]] == [cascade.renstra.title] * 2
    assert len(queries) == 1
    assert 6 not in found
    assert plan_items_answering(people.other_government, "complaint", [5]) == {}
