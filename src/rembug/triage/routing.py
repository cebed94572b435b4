"""Routing: which agencies should handle a report, and under which category.

Day one, a government's agencies are ranked through the urusan they carry: the built-in seed
corpus (``data/seed_corpus.tsv``) teaches which bidang urusan a text is about, and each agency
gets the confidence of the urusan in its ``urusan_codes`` (shared when several agencies carry the
same one). Once a government has history, ``AgencyRouter`` learns its own agencies from it and
keeps a share of the seed ranking, so that an agency rare in the history can still be suggested.
Reports that the history routed to kecamatan offices are pooled and handed to the office of the
report's own kecamatan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from rembug.triage.ranking import FloatArray, LinearRanker, Report, auto_route_threshold
from rembug.triage.urusan import URUSAN

__all__ = [
    "SUGGEST_THRESHOLD",
    "AgencyRouter",
    "Choice",
    "Routing",
    "seed_ranker",
]

SEED_CORPUS = Path(__file__).resolve().parent / "data" / "seed_corpus.tsv"
KECAMATAN = "7.01"
# Below this confidence a suggestion is not shown at all.
SUGGEST_THRESHOLD = 0.15


@dataclass(frozen=True)
class Choice:
    label: str
    confidence: float
    words: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Routing:
    """Top agencies and categories for one report; empty lists mean "no suggestion"."""

    agencies: list[Choice]
    categories: list[Choice]
    auto_route: bool


def seed_reports() -> tuple[list[Report], list[str]]:
    reports, codes = [], []
    for line in SEED_CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, text = line.split("\t")
            reports.append(Report(title="", text=text))
            codes.append(code)
    return reports, codes


@cache
def seed_ranker() -> LinearRanker:
    """The urusan classifier trained on the seed corpus (once per process)."""
    reports, codes = seed_reports()
    return LinearRanker(use_chars=False, c=1.0).fit(reports, codes)


class AgencyRouter:
    """Ranks a government's agencies (by name) for reports.

    ``agency_urusan`` lists every agency that may be suggested with its urusan codes; ``history``
    (optional) is a ranker trained on the government's own routed reports.
    """

    def __init__(
        self,
        *,
        agency_urusan: Mapping[str, Sequence[str]],
        history: LinearRanker | None = None,
        seed_weight: float = 0.4,
    ) -> None:
        self.labels = sorted(set(agency_urusan) | set(history.classes if history else []))
        self.agency_urusan = {label: list(agency_urusan.get(label, [])) for label in self.labels}
        self.history = history
        self.seed_weight = seed_weight if history else 1.0
        self.threshold = history.threshold if history else 1.01
        self.metrics: dict[str, float] = {}

    def _seed_matrix(self) -> FloatArray:
        """Urusan × agency: how the confidence of an urusan is shared among the agencies."""
        seed = seed_ranker()
        carriers: dict[str, list[int]] = defaultdict(list)
        for j, label in enumerate(self.labels):
            for code in self.agency_urusan[label]:
                carriers[code].append(j)
        matrix = np.zeros((len(seed.classes), len(self.labels)))
        for i, code in enumerate(seed.classes):
            for j in carriers.get(code, []):
                matrix[i, j] = 1.0 / len(carriers[code])
        return matrix

    def _history_matrix(self, probabilities: FloatArray) -> FloatArray:
        assert self.history is not None
        out = np.zeros((len(probabilities), len(self.labels)))
        columns = [self.labels.index(label) for label in self.history.classes]
        out[:, columns] = probabilities
        return out

    def _pool_kecamatan(self, reports: Sequence[Report], p: FloatArray) -> FloatArray:
        offices = [
            j for j, label in enumerate(self.labels) if KECAMATAN in self.agency_urusan[label]
        ]
        if not offices:
            return p
        for i, report in enumerate(reports):
            place = report.kecamatan.strip().lower()
            if not place or place == "tidak diketahui":
                continue
            own = [j for j in offices if self.labels[j].lower().endswith(place)]
            if own:
                pooled = p[i, offices].sum()
                p[i, offices] = 0.0
                p[i, own[0]] = pooled
        return p

    def _combine(self, reports: Sequence[Report], history_p: FloatArray | None) -> FloatArray:
        seed_p = seed_ranker().probabilities(reports) @ self._seed_matrix()
        if history_p is None:
            p = seed_p
        else:
            p = (1 - self.seed_weight) * self._history_matrix(history_p) + self.seed_weight * seed_p
        return self._pool_kecamatan(reports, p)

    def probabilities(self, reports: Sequence[Report]) -> FloatArray:
        history_p = self.history.probabilities(reports) if self.history else None
        return self._combine(reports, history_p)

    @classmethod
    def fit(
        cls,
        reports: Sequence[Report],
        labels: Sequence[str],
        *,
        agency_urusan: Mapping[str, Sequence[str]],
        seed_weight: float = 0.4,
        use_chars: bool = True,
        weights: Sequence[float] | None = None,
    ) -> AgencyRouter:
        history = LinearRanker(use_chars=use_chars).fit(reports, labels, weights=weights)
        router = cls(agency_urusan=agency_urusan, history=history, seed_weight=seed_weight)
        if history.out_of_fold is not None:
            p = router._combine(reports, history.out_of_fold)
            truth = np.array([router.labels.index(label) for label in labels])
            correct = p.argmax(axis=1) == truth
            router.threshold = auto_route_threshold(p.max(axis=1), correct)
            confident = p.max(axis=1) >= router.threshold
            top3 = np.argsort(-p, axis=1)[:, :3] == truth[:, None]
            router.metrics = {
                "cv_accuracy": float(correct.mean()),
                "cv_top3_accuracy": float(top3.any(axis=1).mean()),
                "cv_auto_route_coverage": float(confident.mean()),
            }
            history.out_of_fold = None
        return router

    def explain(self, report: Report, label: str, *, limit: int = 5) -> list[str]:
        if self.history is not None and label in self.history.classes:
            words = self.history.explain(report, label, limit=limit)
            if words:
                return words
        seed = seed_ranker()
        for code in self.agency_urusan.get(label, []):
            if code in seed.classes:
                return seed.explain(report, code, limit=limit)
        return []

    def route(
        self,
        report: Report,
        *,
        categories: LinearRanker | None = None,
        top: int = 3,
        minimum: float = SUGGEST_THRESHOLD,
    ) -> Routing:
        p = self.probabilities([report])[0]
        agencies = [
            Choice(self.labels[j], float(p[j]), self.explain(report, self.labels[j]))
            for j in np.argsort(-p)[:top]
            if p[j] >= minimum
        ]
        return Routing(
            agencies=agencies,
            categories=category_choices(report, categories, top=top, minimum=minimum),
            auto_route=bool(agencies) and agencies[0].confidence >= self.threshold,
        )


def category_choices(
    report: Report, ranker: LinearRanker | None, *, top: int = 3, minimum: float = SUGGEST_THRESHOLD
) -> list[Choice]:
    """Top categories: the government's own if it has trained them, else the seed's urusan."""
    ranker = ranker or seed_ranker()
    p = ranker.probabilities([report])[0]
    names = (
        {code: f"{code} {name}" for code, name in URUSAN.items()} if ranker is seed_ranker() else {}
    )
    return [
        Choice(
            names.get(ranker.classes[j], ranker.classes[j]),
            float(p[j]),
            ranker.explain(report, ranker.classes[j]),
        )
        for j in np.argsort(-p)[:top]
        if p[j] >= minimum
    ]
