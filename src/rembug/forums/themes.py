"""Themes: similar inputs grouped together with their key terms, so that a facilitator can
summarise a hundred inputs in minutes. Words come from triage's Indonesian normalisation
(colloquial forms mapped, stopwords dropped); themes are plain TF-IDF + k-means with a fixed seed
(triage's theme module was not there when this was written; swap it in here when it lands).

Also the near-duplicate check used when someone submits an input that repeats another.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from rembug.triage.text import tokens as text_tokens

if TYPE_CHECKING:
    from rembug.forums.models import Forum

SEED = 0
KEY_TERMS = 5
# Words every planning proposal uses, which say nothing about its theme.
_STOP_TEXT = """
    usulan usul mohon kota kabupaten pemerintah daerah program kegiatan xnomor perlu
"""
STOPWORDS = frozenset(_STOP_TEXT.split())


def tokens(text: str) -> list[str]:
    """Content words as written (readable key terms)."""
    return [t for t in text_tokens(text, stemmed=False) if len(t) > 2 and t not in STOPWORDS]


def stems(text: str) -> set[str]:
    """Stemmed content words (so that "layanan" and "pelayanan" match)."""
    return {t for t in text_tokens(text) if len(t) > 2 and t not in STOPWORDS}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Theme:
    number: int
    terms: list[str]
    input_ids: list[int]

    @property
    def size(self) -> int:
        return len(self.input_ids)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def themes_of(ids: Sequence[int], texts: Sequence[str], *, k: int | None = None) -> list[Theme]:
    """Group the texts into themes; k defaults to the square root of the number of inputs
    (2…12)."""
    if len(texts) < 3:
        return [Theme(1, _top_terms(texts), list(ids))] if texts else []
    from sklearn.cluster import KMeans
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(tokenizer=tokens, lowercase=False, token_pattern=None, min_df=1)
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # nothing but stopwords
        return [Theme(1, [], list(ids))]
    clusters = k or max(2, min(12, math.ceil(math.sqrt(len(texts)))))
    clusters = min(clusters, matrix.shape[0], matrix.shape[1])
    if clusters < 2:
        return [Theme(1, _top_terms(texts), list(ids))]
    with warnings.catch_warnings():
        # Repeated texts give fewer distinct points than clusters; k-means copes.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = KMeans(n_clusters=clusters, n_init=4, random_state=SEED).fit(matrix)
    vocabulary = vectoriser.get_feature_names_out()
    themes: list[Theme] = []
    for c in range(clusters):
        members = [ids[i] for i, label in enumerate(model.labels_) if label == c]
        if not members:
            continue
        centre = model.cluster_centers_[c]
        terms = [str(vocabulary[j]) for j in centre.argsort()[::-1][:KEY_TERMS] if centre[j] > 0]
        themes.append(Theme(0, terms, members))
    themes.sort(key=lambda t: (-t.size, t.input_ids[0]))
    return [Theme(n, t.terms, t.input_ids) for n, t in enumerate(themes, start=1)]


def _top_terms(texts: Sequence[str]) -> list[str]:
    counts: dict[str, int] = {}
    for text in texts:
        for token in set(tokens(text)):
            counts[token] = counts.get(token, 0) + 1
    return [t for t, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_TERMS]]


def themes_for_forum(forum: Forum) -> list[Theme]:
    from rembug.forums.models import ForumInput

    rows = list(
        ForumInput.objects.filter(government_id=forum.government_id, forum=forum)
        .order_by("id")
        .values_list("id", "title", "text")
    )
    return themes_of([r[0] for r in rows], [f"{r[1]} {r[2]}" for r in rows])


def similar_inputs(
    candidates: Sequence[tuple[int, str]], text: str, *, threshold: float = 0.5, limit: int = 3
) -> list[int]:
    """Ids of the candidates (id, text) whose words overlap ``text`` by at least ``threshold``
    (Jaccard), best first: the inputs to offer as "support this one instead"."""
    mine = stems(text)
    scored = [(jaccard(mine, stems(other)), pk) for pk, other in candidates]
    return [pk for score, pk in sorted(scored, key=lambda s: (-s[0], s[1])) if score >= threshold][
        :limit
    ]
