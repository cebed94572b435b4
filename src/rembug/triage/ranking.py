"""Text classifiers that rank labels for a report with calibrated confidences.

``Ranker`` is the interface routing depends on; ``LinearRanker`` is the day-one implementation
(TF-IDF of stemmed words with the title counted twice, character n-grams, the kecamatan and the
category chosen at intake as tokens; a linear SVM; a softmax whose temperature is fitted on
out-of-fold scores so that a confidence of 0.8 is right about 80 % of the time). An embeddings
backend can be added later as another ``Ranker``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import KFold
from sklearn.svm import LinearSVC

from rembug.triage.text import normalize, tokens

__all__ = ["LinearRanker", "Ranker", "Report", "auto_route_threshold", "report_words"]

FloatArray = NDArray[np.float64]
# Features are already tokenised: split on spaces only.
_SPACE_SEPARATED = r"\S+"


@dataclass(frozen=True)
class Report:
    """What triage reads of a report; ``category`` only when the reporter chose one at intake."""

    title: str
    text: str
    kecamatan: str = ""
    category: str = ""


class Ranker(Protocol):
    """Ranks ``classes`` for reports: one row of probabilities per report, columns as classes."""

    @property
    def classes(self) -> list[str]: ...

    def probabilities(self, reports: Sequence[Report]) -> FloatArray: ...

    def explain(self, report: Report, label: str, *, limit: int = 5) -> list[str]: ...


# The agency and category rankers and the seed ranker read the same reports one after the other:
# tokenising each report once is most of the cost of classifying it.
@lru_cache(maxsize=8192)
def _words(report: Report) -> str:
    return " ".join(tokens(f"{report.title} {report.title} {report.text}"))


def report_words(report: Report) -> str:
    """The report's title and text as formal, stemmed content words (cached)."""
    return _words(report)


@lru_cache(maxsize=8192)
def _chars(report: Report) -> str:
    return normalize(f"{report.title} {report.text}")


def _meta(report: Report) -> str:
    parts = []
    if report.kecamatan:
        parts.append("kec=" + report.kecamatan.lower().replace(" ", "_"))
    if report.category:
        parts.append("cat=" + report.category.lower().replace(" ", "_"))
    return " ".join(parts)


def _softmax(scores: FloatArray, temperature: float) -> FloatArray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


def _fit_temperature(scores: FloatArray, truth: NDArray[np.intp]) -> float:
    """The softmax temperature minimising the log-loss of out-of-fold scores."""
    best, best_loss = 1.0, float("inf")
    for temperature in np.geomspace(0.02, 5.0, 60):
        p = _softmax(scores, float(temperature))
        loss = -float(np.mean(np.log(p[np.arange(len(truth)), truth] + 1e-12)))
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return best


def auto_route_threshold(
    confidence: FloatArray, correct: NDArray[np.bool_], *, precision: float = 0.9
) -> float:
    """The lowest confidence above which at least ``precision`` of the answers were right."""
    order = np.argsort(-confidence)
    hits = np.cumsum(correct[order])
    ratio = hits / np.arange(1, len(order) + 1)
    ok = np.nonzero(ratio >= precision)[0]
    # Require a handful of answers so that one lucky report does not set the bar.
    ok = ok[ok >= min(4, len(order) - 1)]
    if len(ok) == 0:
        return 1.01
    return float(confidence[order][ok[-1]])


class LinearRanker:
    """A calibrated linear SVM over word, character and metadata features."""

    def __init__(self, *, use_chars: bool = True, c: float = 0.5, balanced: bool = True) -> None:
        self.use_chars = use_chars
        self.c = c
        self.balanced = balanced
        self.temperature = 1.0
        self.threshold = 1.01
        self._classes: list[str] = []
        self.out_of_fold: FloatArray | None = None
        self._words = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, token_pattern=_SPACE_SEPARATED
        )
        self._chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, max_features=60_000
        )
        self._meta = TfidfVectorizer(token_pattern=_SPACE_SEPARATED, lowercase=False)
        self._svm = LinearSVC(C=c, class_weight="balanced" if balanced else None)

    @property
    def classes(self) -> list[str]:
        return self._classes

    def _features(self, reports: Sequence[Report], *, fit: bool = False) -> csr_matrix:
        words = [_words(r) for r in reports]
        meta = [_meta(r) or "meta=none" for r in reports]
        if fit:
            blocks = [self._words.fit_transform(words), self._meta.fit_transform(meta)]
        else:
            blocks = [self._words.transform(words), self._meta.transform(meta)]
        if self.use_chars:
            chars = [_chars(r) for r in reports]
            blocks.append(self._chars.fit_transform(chars) if fit else self._chars.transform(chars))
        return csr_matrix(hstack(blocks).tocsr())

    def _scores(self, x: csr_matrix) -> FloatArray:
        scores = np.asarray(self._svm.decision_function(x), dtype=np.float64)
        if scores.ndim == 1:  # two classes: one column for the second
            scores = np.column_stack([-scores, scores])
        return scores

    def fit(
        self,
        reports: Sequence[Report],
        labels: Sequence[str],
        *,
        weights: Sequence[float] | None = None,
    ) -> LinearRanker:
        """Train; ``weights`` (one per report) can count recent reports more than old ones."""
        if len(set(labels)) < 2:
            raise ValueError("Training needs at least two different labels.")
        x = self._features(reports, fit=True)
        y = np.asarray(labels)
        w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
        self._svm.fit(x, y, sample_weight=w)
        self._classes = [str(c) for c in self._svm.classes_]
        self._calibrate(x, y, w)
        return self

    def _calibrate(self, x: csr_matrix, y: NDArray[np.str_], w: FloatArray) -> None:
        """Fit the temperature and the auto-route threshold on out-of-fold scores."""
        index = {label: i for i, label in enumerate(self._classes)}
        truth = np.array([index[label] for label in y])
        oof = np.zeros((len(y), len(self._classes)))
        folds = KFold(n_splits=min(5, len(y)), shuffle=True, random_state=0)
        for train, test in folds.split(x):
            if len(set(y[train])) < 2:
                continue
            svm = LinearSVC(C=self.c, class_weight="balanced" if self.balanced else None)
            svm.fit(x[train], y[train], sample_weight=w[train])
            scores = np.asarray(svm.decision_function(x[test]), dtype=np.float64)
            if scores.ndim == 1:
                scores = np.column_stack([-scores, scores])
            columns = [index[str(c)] for c in svm.classes_]
            fold = np.full((len(test), len(self._classes)), scores.min() - 1.0)
            fold[:, columns] = scores
            oof[test] = fold
        self.temperature = _fit_temperature(oof, truth)
        p = _softmax(oof, self.temperature)
        self.threshold = auto_route_threshold(p.max(axis=1), p.argmax(axis=1) == truth)
        # Kept until a caller that blends this ranker with others has re-fitted its own threshold.
        self.out_of_fold = p

    def probabilities(self, reports: Sequence[Report]) -> FloatArray:
        return _softmax(self._scores(self._features(reports)), self.temperature)

    def _feature_names(self) -> NDArray[np.str_]:
        names: NDArray[np.str_] | None = getattr(self, "_names", None)
        if names is None:
            names = np.asarray(self._words.get_feature_names_out())
            self._names = names
        return names

    def explain(self, report: Report, label: str, *, limit: int = 5) -> list[str]:
        """The words of ``report`` that pushed most towards ``label``."""
        if label not in self._classes:
            return []
        coef = np.asarray(self._svm.coef_)
        if coef.shape[0] == 1:  # two classes: the row scores the second one
            vector = coef[0] if label == self._classes[1] else -coef[0]
        else:
            vector = coef[self._classes.index(label)]
        x = self._words.transform([_words(report)]).tocsr()
        contributions = x.data * vector[x.indices]
        names = self._feature_names()
        order = np.argsort(-contributions)[:limit]
        return [str(names[x.indices[i]]) for i in order if contributions[i] > 0]
