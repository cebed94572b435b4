"""Text to index terms: triage's Indonesian normaliser (slang to formal, stopwords dropped,
PySastrawi stems), so that "perbaikan jalan" and "jalan rusak diperbaiki" share "baik" and
"jalan"."""

from __future__ import annotations

from collections.abc import Iterable

from rembug.triage.text import tokens

MAX_TERM = 40
MAX_QUERY_TERMS = 8


def words(text: str) -> list[str]:
    """Distinct stemmed content words of ``text``, in order, without triage's placeholders."""
    seen: dict[str, None] = {}
    for token in tokens(text):
        if token.startswith("x") and token in {"xangka", "xurl", "xemail", "xtelepon", "xnomor"}:
            continue
        seen.setdefault(token[:MAX_TERM], None)
    return list(seen)


def document_terms(title: str, body: str, facets: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([*words(f"{title} {body}"), *facets]))


def query_terms(text: str) -> list[str]:
    return words(text)[:MAX_QUERY_TERMS]
