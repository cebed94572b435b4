"""The opinion map, in the way of Pol.is.

Participants react agree (1) / disagree (-1) / pass (0) to short statements. A participant counts
once they reacted to at least min(7, number of statements). Their reaction matrix (missing votes
filled with the statement's mean) is projected by PCA to two components, scaled so that people who
voted little are not all pulled to the centre; k-means (fixed seeds) then finds many small
clusters and groups them into k = 2…5 opinion groups, the silhouette choosing k. Consensus
statements score the product over groups of (agrees + 1) / (votes + 2); a group's representative
statements are those it agrees (or disagrees) with markedly more than everyone else, tested at
90 %. Moderated-out statements are left out.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from rembug.forums.models import Forum

MIN_VOTES = 7
K_RANGE = range(2, 6)
SEED = 0
Z_90 = 1.2816  # one-sided 90 %
BASE_CLUSTERS = 100
TOP = 5


@dataclass(frozen=True)
class Repness:
    statement_id: int
    direction: str  # "agree" or "disagree"
    share: float  # the group's share agreeing (or disagreeing)
    ratio: float  # how much more than outside the group


@dataclass(frozen=True)
class Group:
    number: int
    size: int
    x: float
    y: float
    representative: list[Repness]


@dataclass(frozen=True)
class Consensus:
    statement_id: int
    score: float
    agree_share: float


@dataclass
class OpinionMap:
    reaction_count: int = 0
    participant_count: int = 0  # everyone who reacted
    counted_count: int = 0  # those who reacted enough to be placed
    statement_count: int = 0
    silhouette: float | None = None
    points: list[tuple[float, float, int]] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    consensus: list[Consensus] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OpinionMap:
        if not data:
            return cls()
        return cls(
            reaction_count=data["reaction_count"],
            participant_count=data["participant_count"],
            counted_count=data["counted_count"],
            statement_count=data["statement_count"],
            silhouette=data["silhouette"],
            points=[(p[0], p[1], p[2]) for p in data["points"]],
            groups=[
                Group(
                    number=g["number"],
                    size=g["size"],
                    x=g["x"],
                    y=g["y"],
                    representative=[Repness(**r) for r in g["representative"]],
                )
                for g in data["groups"]
            ],
            consensus=[Consensus(**c) for c in data["consensus"]],
        )


FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _project(matrix: FloatArray, voted: npt.NDArray[np.bool_]) -> FloatArray:
    """PCA to two components with Pol.is's scaling for sparse voters."""
    counts = voted.sum(axis=0)
    sums = np.where(voted, matrix, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    filled = np.where(voted, matrix, means)
    centred = filled - filled.mean(axis=0)
    u, s, _vt = np.linalg.svd(centred, full_matrices=False)
    components = min(2, s.shape[0])
    projection = np.zeros((matrix.shape[0], 2))
    projection[:, :components] = u[:, :components] * s[:components]
    scale = np.sqrt(matrix.shape[1] / np.maximum(voted.sum(axis=1), 1))
    result: FloatArray = projection * scale[:, None]
    return result


def _cluster(points: FloatArray) -> tuple[IntArray, float | None]:
    """As Pol.is does: k-means into many small base clusters first, then group the base
    clusters' centres (weighted by size) into k = 2…5 opinion groups, k chosen by silhouette.
    Grouping ~100 centres instead of every participant keeps a 2,000-person forum fast."""
    from sklearn.cluster import KMeans
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.metrics import silhouette_score
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    n = points.shape[0]
    # One thread: the data are small, and OpenMP threads spinning on a busy server cost more
    # than they save.
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        if n > BASE_CLUSTERS:
            base = KMeans(n_clusters=BASE_CLUSTERS, n_init=1, random_state=SEED).fit(points)
            centres: FloatArray = base.cluster_centers_
            members: IntArray = base.labels_.astype(np.int64)
        else:
            centres, members = points, np.arange(n, dtype=np.int64)
        weights = np.bincount(members, minlength=centres.shape[0]).astype(np.float64)
        best: tuple[float, IntArray] | None = None
        for k in K_RANGE:
            if centres.shape[0] <= k:
                break
            labels = KMeans(n_clusters=k, n_init=4, random_state=SEED).fit_predict(
                centres, sample_weight=weights
            )
            if len(set(labels.tolist())) < 2:
                continue
            score = float(silhouette_score(centres, labels))
            if best is None or score > best[0] + 1e-9:
                best = (score, labels.astype(np.int64))
    if best is None:
        return np.zeros(n, dtype=np.int64), None
    groups = best[1][members]
    # Number the groups by size, largest first, so that "A" is the biggest group.
    order = np.argsort(-np.bincount(groups), kind="stable")
    renumber = np.empty_like(order)
    renumber[order] = np.arange(order.shape[0])
    result: IntArray = renumber[groups]
    return result, best[0]


def _z(p1: FloatArray, n1: FloatArray, p2: FloatArray, n2: FloatArray) -> FloatArray:
    """Two-proportion z statistic (p1 greater than p2)."""
    pooled = (p1 * n1 + p2 * n2) / np.maximum(n1 + n2, 1)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / np.maximum(n1, 1) + 1 / np.maximum(n2, 1)))
    result: FloatArray = np.divide(p1 - p2, spread, out=np.zeros_like(p1), where=spread > 0)
    return result


def _representative(
    agree: FloatArray, disagree: FloatArray, votes: FloatArray, statement_ids: list[int]
) -> list[list[Repness]]:
    groups = agree.shape[0]
    out: list[list[Repness]] = []
    total_a, total_d, total_v = agree.sum(axis=0), disagree.sum(axis=0), votes.sum(axis=0)
    for g in range(groups):
        candidates: list[tuple[float, Repness]] = []
        for direction, counts, total in (
            ("agree", agree, total_a),
            ("disagree", disagree, total_d),
        ):
            n_in, n_out = votes[g], total_v - votes[g]
            p_in = (counts[g] + 1) / (n_in + 2)
            p_out = (total - counts[g] + 1) / (n_out + 2)
            ratio = p_in / p_out
            # Pol.is's two tests: the share is above one half, and above the rest's share.
            passes = (_z(p_in, n_in, np.full_like(p_in, 0.5), n_in) > Z_90) & (
                _z(p_in, n_in, p_out, n_out) > Z_90
            )
            for s in np.flatnonzero(passes & (n_in > 0)):
                candidates.append(
                    (
                        float(ratio[s] * p_in[s]),
                        Repness(
                            statement_ids[s],
                            direction,
                            round(float(p_in[s]), 3),
                            round(float(ratio[s]), 2),
                        ),
                    )
                )
        candidates.sort(key=lambda c: (-c[0], c[1].statement_id))
        seen: set[int] = set()
        chosen: list[Repness] = []
        for _score, rep in candidates:
            if rep.statement_id not in seen:
                seen.add(rep.statement_id)
                chosen.append(rep)
            if len(chosen) == TOP:
                break
        out.append(chosen)
    return out


def compute_opinion(
    participants: IntArray, statements: IntArray, values: IntArray, statement_ids: list[int]
) -> OpinionMap:
    """The opinion map of reactions given as three parallel arrays (participant id, statement id,
    value). ``statement_ids`` are the statements in play (moderated-out ones left out)."""
    result = OpinionMap(statement_count=len(statement_ids))
    keep = np.isin(statements, np.asarray(statement_ids, dtype=np.int64))
    participants, statements, values = participants[keep], statements[keep], values[keep]
    result.reaction_count = int(values.shape[0])
    if not statement_ids or not result.reaction_count:
        return result
    people, rows = np.unique(participants, return_inverse=True)
    ordered = np.asarray(statement_ids, dtype=np.int64)
    by_id = np.argsort(ordered)
    cols = by_id[np.searchsorted(ordered, statements, sorter=by_id)]
    result.participant_count = int(people.shape[0])
    per_person = np.bincount(rows, minlength=people.shape[0])
    counted = per_person >= min(MIN_VOTES, len(statement_ids))
    result.counted_count = int(counted.sum())
    if result.counted_count < 2:
        return result
    new_row = np.full(people.shape[0], -1, dtype=np.int64)
    new_row[counted] = np.arange(result.counted_count)
    mask = counted[rows]
    matrix = np.zeros((result.counted_count, len(statement_ids)))
    voted = np.zeros_like(matrix, dtype=bool)
    matrix[new_row[rows[mask]], cols[mask]] = values[mask]
    voted[new_row[rows[mask]], cols[mask]] = True

    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        points = _project(matrix, voted)
    labels, result.silhouette = _cluster(points)
    groups = int(labels.max()) + 1
    one_hot = np.eye(groups)[labels]
    agree = one_hot.T @ ((matrix == 1) & voted)
    disagree = one_hot.T @ ((matrix == -1) & voted)
    votes = one_hot.T @ voted

    reps = _representative(agree, disagree, votes, statement_ids)
    for g in range(groups):
        members = points[labels == g]
        result.groups.append(
            Group(
                number=g + 1,
                size=int(members.shape[0]),
                x=round(float(members[:, 0].mean()), 4),
                y=round(float(members[:, 1].mean()), 4),
                representative=reps[g],
            )
        )
    shares = (agree + 1) / (votes + 2)
    score = np.prod(shares, axis=0)
    agree_share = agree.sum(axis=0) / np.maximum(votes.sum(axis=0), 1)
    # Consensus means every group leans to agree; among those, the highest products first.
    shared = [s for s in range(len(statement_ids)) if shares[:, s].min() > 0.5]
    order = sorted(shared, key=lambda s: (-score[s], statement_ids[s]))
    result.consensus = [
        Consensus(statement_ids[s], round(float(score[s]), 4), round(float(agree_share[s]), 3))
        for s in order[:TOP]
    ]
    result.points = [
        (round(float(x), 3), round(float(y), 3), int(g) + 1)
        for (x, y), g in zip(points, labels, strict=True)
    ]
    return result


def opinion_for_forum(forum: Forum) -> OpinionMap:
    from rembug.forums.models import Reaction, Statement

    statement_ids = list(
        Statement.objects.filter(
            government_id=forum.government_id, forum=forum, is_moderated_out=False
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    rows = Reaction.objects.filter(government_id=forum.government_id, forum=forum).values_list(
        "participant_id", "statement_id", "value"
    )
    data = np.fromiter(
        (value for row in rows.iterator(chunk_size=5000) for value in row), dtype=np.int64
    ).reshape(-1, 3)
    return compute_opinion(data[:, 0], data[:, 1], data[:, 2], statement_ids)


# Drawing: server-rendered SVG. Colours come from presentation attributes (not style
# attributes), so the page's Content-Security-Policy (no inline styles) holds.
GROUP_COLOURS = ["#0b5d4b", "#a4161a", "#0a4f9e", "#8a5300", "#5b2a86"]
WIDTH, HEIGHT, PAD = 480.0, 320.0, 24.0


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float
    colour: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    colour: str


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    dots: list[Dot]
    labels: list[Label]


def opinion_drawing(opinion: OpinionMap) -> Drawing:
    if not opinion.points:
        return Drawing(WIDTH, HEIGHT, [], [])
    xs = [p[0] for p in opinion.points]
    ys = [p[1] for p in opinion.points]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    low_x, low_y = min(xs), min(ys)

    def sx(x: float) -> float:
        return round(PAD + (x - low_x) / span_x * (WIDTH - 2 * PAD), 1)

    def sy(y: float) -> float:
        return round(HEIGHT - PAD - (y - low_y) / span_y * (HEIGHT - 2 * PAD), 1)

    def colour(group: int) -> str:
        return GROUP_COLOURS[(group - 1) % len(GROUP_COLOURS)]

    dots = [Dot(sx(x), sy(y), colour(g)) for x, y, g in opinion.points]
    labels = [
        Label(sx(g.x), max(sy(g.y) - 8, 12.0), chr(ord("A") + g.number - 1), colour(g.number))
        for g in opinion.groups
    ]
    return Drawing(WIDTH, HEIGHT, dots, labels)


def group_letter(number: int) -> str:
    return chr(ord("A") + number - 1)
