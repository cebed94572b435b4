"""Routing: which agencies should handle a report, and under which category.

Day one, a government's agencies are ranked through the urusan they carry: the built-in seed
corpus (``data/seed_corpus.tsv``) teaches which bidang urusan a text is about, and each agency
gets the confidence of the urusan in its ``urusan_codes`` (shared when several agencies carry the
same one). Reports for kecamatan offices are handed to the office of the report's own kecamatan.

Once a government has history, ``AgencyRouter`` weighs five pieces of evidence for every
(report, agency) pair in one log-linear model (a conditional logit whose five weights are shared
by all agencies, fitted on the history's out-of-fold scores):

1. the history ranker's confidence (log),
2. the seed ranker's confidence in the agency's urusan (log),
3. how much of the agency's name, urusan and usual abbreviations the report names,
4. the agency is the kecamatan office of the report's own kecamatan (whose history evidence is
   then the confidence of all kecamatan offices together: a two-stage decision, office or
   agency first, then which office),
5. the agency is the office of another kecamatan than the report's.

Because the weights are shared, an agency that the history has rarely or never seen (a new
agency, or one the government routes to more often this year) is still reachable through its
urusan and its name; no per-agency prior is learned, since how often each agency is chosen
drifts from year to year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize
from sklearn.feature_extraction.text import TfidfVectorizer

from rembug.triage.ranking import (
    FloatArray,
    LinearRanker,
    Report,
    auto_route_threshold,
    report_words,
)
from rembug.triage.text import tokens
from rembug.triage.urusan import URUSAN, urusan_aliases

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
# The evidence of the combined model, in the order of the module docstring.
EVIDENCE = ("history", "seed", "name", "own_kecamatan", "other_kecamatan")
# Confidences are floored before their log is taken (an agency the history never saw).
_FLOOR = 1e-4
# L2 penalty on the evidence weights.
_L2 = 0.01
# Agency descriptions are already tokenised: split on spaces only.
_SPACE_SEPARATED = r"\S+"


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


def _agency_description(name: str, codes: Sequence[str]) -> str:
    """The words that name an agency: its name, and for each urusan it carries the urusan's name
    and the usual abbreviations ("perizinan", "dpmptsp"); stemmed like report text."""
    parts = [name]
    for code in codes:
        if code != KECAMATAN:
            parts.append(URUSAN.get(code, ""))
            parts.extend(urusan_aliases(code))
    return " ".join(tokens(" ".join(parts)))


def _conditional_logit(evidence: FloatArray, truth: NDArray[np.intp]) -> FloatArray:
    """Weights ``w`` maximising the likelihood of ``softmax(evidence @ w)`` over each report's
    agencies (evidence: reports × agencies × features)."""
    rows = np.arange(len(truth))

    def loss(w: FloatArray) -> tuple[float, FloatArray]:
        p = _softmax_rows(evidence @ w)
        value = -float(np.mean(np.log(p[rows, truth] + 1e-12))) + _L2 * float(w @ w)
        expected = np.einsum("nk,nkf->nf", p, evidence)
        gradient = (expected - evidence[rows, truth]).mean(axis=0) + 2 * _L2 * w
        return value, np.asarray(gradient, dtype=np.float64)

    start = np.zeros(evidence.shape[2])
    start[0] = 1.0
    result = minimize(loss, start, jac=True, method="L-BFGS-B")
    return np.asarray(result.x, dtype=np.float64)


def _softmax_rows(z: FloatArray) -> FloatArray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


class AgencyRouter:
    """Ranks a government's agencies (by name) for reports.

    ``agency_urusan`` lists every agency that may be suggested with its urusan codes (the
    government's whole register, also agencies its history never routed to); ``history``
    (optional) is a ranker trained on the government's own routed reports, and
    ``evidence_weights`` the weights of ``EVIDENCE`` fitted with it by ``fit``.
    """

    def __init__(
        self,
        *,
        agency_urusan: Mapping[str, Sequence[str]],
        history: LinearRanker | None = None,
        evidence_weights: Sequence[float] | None = None,
    ) -> None:
        self.labels = sorted(set(agency_urusan) | set(history.classes if history else []))
        self.agency_urusan = {label: list(agency_urusan.get(label, [])) for label in self.labels}
        self.history = history
        self.evidence_weights = (
            None if evidence_weights is None else np.asarray(evidence_weights, dtype=np.float64)
        )
        self.threshold = history.threshold if history else 1.01
        self.metrics: dict[str, float] = {}
        self._offices = np.array([KECAMATAN in self.agency_urusan[lab] for lab in self.labels])
        self._office_of = {
            label.lower().removeprefix("kecamatan").strip(): j
            for j, label in enumerate(self.labels)
            if self._offices[j]
        }
        descriptions = [_agency_description(lab, self.agency_urusan[lab]) for lab in self.labels]
        # Words in more than a quarter of the names ("dinas", the region's name) say nothing.
        counts: dict[str, int] = defaultdict(int)
        for description in descriptions:
            for word in set(description.split()):
                counts[word] += 1
        generic = sorted(w for w, n in counts.items() if n > 0.25 * len(descriptions))
        self._names = TfidfVectorizer(
            token_pattern=_SPACE_SEPARATED, binary=True, stop_words=generic or None, lowercase=False
        )
        try:
            self._name_matrix = self._names.fit_transform(descriptions).T.tocsc()
        except ValueError:  # no agency with a distinctive word
            self._name_matrix = None

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

    def _own_office(self, report: Report) -> int | None:
        place = report.kecamatan.strip().lower()
        for prefix in ("kecamatan ", "kec. ", "kec "):
            place = place.removeprefix(prefix)
        if not place or place == "tidak diketahui":
            return None
        return self._office_of.get(place.strip())

    def _pool_kecamatan(self, reports: Sequence[Report], p: FloatArray) -> FloatArray:
        """Day one: the confidence of all kecamatan offices goes to the report's own office."""
        offices = np.nonzero(self._offices)[0]
        if not len(offices):
            return p
        for i, report in enumerate(reports):
            own = self._own_office(report)
            if own is not None:
                pooled = p[i, offices].sum()
                p[i, offices] = 0.0
                p[i, own] = pooled
        return p

    def _name_match(self, reports: Sequence[Report]) -> FloatArray:
        if self._name_matrix is None:
            return np.zeros((len(reports), len(self.labels)))
        x = self._names.transform([report_words(r) for r in reports])
        x.data[:] = 1.0
        return np.asarray((x @ self._name_matrix).toarray(), dtype=np.float64)

    def evidence(self, reports: Sequence[Report], history_p: FloatArray) -> FloatArray:
        """Reports × agencies × ``EVIDENCE``."""
        n, k = len(reports), len(self.labels)
        seed_p = seed_ranker().probabilities(reports) @ self._seed_matrix()
        own = np.zeros((n, k))
        other = np.zeros((n, k))
        history = self._history_matrix(history_p)
        office_p = history[:, self._offices].sum(axis=1)
        for i, report in enumerate(reports):
            j = self._own_office(report)
            if j is not None:
                own[i, j] = 1.0
                other[i, self._offices] = 1.0
                other[i, j] = 0.0
                # Two stages: how likely a kecamatan office is at all, then which one.
                history[i, j] = office_p[i]
        history = np.log(history + _FLOOR)
        return np.stack(
            [history, np.log(seed_p + _FLOOR), self._name_match(reports), own, other], axis=2
        )

    def probabilities(self, reports: Sequence[Report]) -> FloatArray:
        if self.history is None:
            p = seed_ranker().probabilities(reports) @ self._seed_matrix()
            return self._pool_kecamatan(reports, p)
        if self.evidence_weights is None:
            raise ValueError("A router with history is made by AgencyRouter.fit.")
        history_p = self.history.probabilities(reports)
        return _softmax_rows(self.evidence(reports, history_p) @ self.evidence_weights)

    @classmethod
    def fit(
        cls,
        reports: Sequence[Report],
        labels: Sequence[str],
        *,
        agency_urusan: Mapping[str, Sequence[str]],
        use_chars: bool = True,
        weights: Sequence[float] | None = None,
    ) -> AgencyRouter:
        """Train the history ranker on ``reports`` routed to ``labels`` (``weights``: one per
        report, e.g. recent ones counting more), then the evidence weights on its out-of-fold
        scores, and the auto-route threshold on the combined out-of-fold confidences."""
        history = LinearRanker(use_chars=use_chars).fit(reports, labels, weights=weights)
        router = cls(agency_urusan=agency_urusan, history=history)
        assert history.out_of_fold is not None
        truth = np.array([router.labels.index(label) for label in labels])
        evidence = router.evidence(reports, history.out_of_fold)
        router.evidence_weights = _conditional_logit(evidence, truth)
        p = _softmax_rows(evidence @ router.evidence_weights)
        correct = p.argmax(axis=1) == truth
        router.threshold = auto_route_threshold(p.max(axis=1), correct)
        confident = p.max(axis=1) >= router.threshold
        top3 = np.argsort(-p, axis=1)[:, :3] == truth[:, None]
        router.metrics = {
            "cv_accuracy": float(correct.mean()),
            "cv_top3_accuracy": float(top3.any(axis=1).mean()),
            "cv_auto_route_coverage": float(confident.mean()),
            **{
                f"weight_{name}": round(float(w), 4)
                for name, w in zip(EVIDENCE, router.evidence_weights, strict=True)
            },
        }
        history.out_of_fold = None
        return router

    def explain(self, report: Report, label: str, *, limit: int = 5) -> list[str]:
        """The words of ``report`` that drove ``label``: those naming the agency or its urusan
        first, then the history's strongest words, else the seed corpus's."""
        words: list[str] = []
        j = self.labels.index(label) if label in self.labels else None
        if j is not None and self._name_matrix is not None:
            vocabulary = self._names.vocabulary_
            column = self._name_matrix[:, j]
            named = {w for w, i in vocabulary.items() if column[i, 0] > 0}
            words = [w for w in dict.fromkeys(report_words(report).split()) if w in named]
        if self.history is not None and label in self.history.classes:
            words += [w for w in self.history.explain(report, label, limit=limit) if w not in words]
        if not words:
            seed = seed_ranker()
            for code in self.agency_urusan.get(label, []):
                if code in seed.classes:
                    words = seed.explain(report, code, limit=limit)
                    break
        return words[:limit]

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
