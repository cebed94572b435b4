"""Themes: group reports or forum inputs into clusters, each named by its key terms.

TF-IDF of stemmed content words (and word pairs), k-means with a fixed seed on the texts sorted
into a canonical order, so that the same texts give the same themes whatever order they come in
and however often it runs. For dashboards and forum synthesis: ``themes_by_group`` runs it per
kecamatan and period.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer

from rembug.triage.text import tokens

__all__ = ["Theme", "themes_by_group", "themes_find"]

_SPACE_SEPARATED = r"\S+"


@dataclass(frozen=True)
class Theme:
    terms: list[str]
    members: list[int]  # positions in the input

    @property
    def label(self) -> str:
        return ", ".join(self.terms[:3])

    @property
    def size(self) -> int:
        return len(self.members)


def _default_k(n: int, max_themes: int) -> int:
    return max(2, min(max_themes, round(math.sqrt(n / 2))))


def themes_find(
    texts: Sequence[str], *, k: int | None = None, max_themes: int = 12, terms: int = 6
) -> list[Theme]:
    """Themes of ``texts``, largest first. Fewer than three usable texts give one theme or none."""
    docs = [" ".join(tokens(t)) for t in texts]
    usable = [i for i, d in enumerate(docs) if d]
    if not usable:
        return []
    # Canonical order: the same texts in any order give the same clustering.
    usable.sort(key=lambda i: (docs[i], texts[i]))
    vectorizer = TfidfVectorizer(
        token_pattern=_SPACE_SEPARATED, ngram_range=(1, 2), sublinear_tf=True, min_df=1
    )
    x = vectorizer.fit_transform([docs[i] for i in usable])
    names = vectorizer.get_feature_names_out()
    k = min(k or _default_k(len(usable), max_themes), len(usable))
    if k < 2:
        top = np.asarray(x.sum(axis=0)).ravel().argsort()[::-1][:terms]
        return [Theme([str(names[j]) for j in top], sorted(usable))]
    labels = KMeans(n_clusters=k, n_init=4, random_state=0).fit_predict(x)
    themes = []
    for cluster in range(k):
        rows = np.nonzero(labels == cluster)[0]
        if len(rows) == 0:
            continue
        weight = np.asarray(x[rows].mean(axis=0)).ravel()
        top = np.lexsort((names, -weight))[:terms]
        themes.append(
            Theme([str(names[j]) for j in top if weight[j] > 0], sorted(usable[r] for r in rows))
        )
    return sorted(themes, key=lambda t: (-t.size, t.terms))


def themes_by_group(
    texts: Sequence[str], groups: Sequence[Hashable], **options: int
) -> dict[Hashable, list[Theme]]:
    """Themes per group, e.g. ``groups[i] = (kecamatan, "2024-Q3")``; members index ``texts``."""
    positions: dict[Hashable, list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        positions[group].append(i)
    out: dict[Hashable, list[Theme]] = {}
    for group, where in positions.items():
        local = themes_find([texts[i] for i in where], **options)
        out[group] = [Theme(t.terms, [where[m] for m in t.members]) for t in local]
    return out
