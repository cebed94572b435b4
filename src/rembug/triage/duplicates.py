"""Near-duplicate reports: "someone already reported this — support it instead?".

Texts become sets of shingles (stemmed content words and word pairs); a MinHash signature of
each set goes into a datasketch MinHash LSH index, which answers "which reports share enough
shingles" without comparing against every report. Candidates are then kept only if they are in the
same kecamatan (when both say) and inside the time window, and ranked by their estimated Jaccard
similarity.

The index lives in memory; callers (the complaints app) build it from their reports, e.g. the
open reports of the last months of one government, and add each new report as it arrives.
"""

from __future__ import annotations

import zlib
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import numpy as np
from datasketch import MinHash, MinHashLSH
from numpy.typing import NDArray

from rembug.triage.text import tokens

__all__ = ["DuplicateIndex", "Similar", "jaccard", "shingles", "similar_reports"]

NUM_PERM = 64
THRESHOLD = 0.5


@dataclass(frozen=True)
class Similar:
    key: Hashable
    similarity: float


def shingles(text: str) -> set[str]:
    """Stemmed content words and consecutive word pairs of ``text``."""
    words = tokens(text)
    return set(words) | {f"{a} {b}" for a, b in pairwise(words)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _hash(data: bytes) -> int:
    # crc32 is deterministic across processes (unlike hash()) and much faster than SHA-1.
    return zlib.crc32(data)


class DuplicateIndex:
    """An in-memory MinHash LSH index of reports with their kecamatan and date."""

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._keys: list[Hashable] = []
        self._kecamatan: list[str] = []
        self._days: list[int] = []
        self._signatures: NDArray[np.uint32] = np.zeros((1024, num_perm), dtype=np.uint32)
        self._template = MinHash(num_perm=num_perm, hashfunc=_hash)

    def __len__(self) -> int:
        return len(self._keys)

    def signature(self, text: str) -> MinHash:
        minhash = MinHash(
            num_perm=self.num_perm,
            hashfunc=_hash,
            permutations=self._template.permutations,
            scheme=self._template.scheme,
        )
        minhash.update_batch([s.encode() for s in shingles(text)])
        return minhash

    def _store(self, row: int, minhash: MinHash) -> None:
        if row >= len(self._signatures):
            grown = np.zeros((len(self._signatures) * 2, self.num_perm), dtype=np.uint32)
            grown[: len(self._signatures)] = self._signatures
            self._signatures = grown
        self._signatures[row] = minhash.hashvalues

    def add(
        self, key: Hashable, text: str, *, kecamatan: str = "", day: date | None = None
    ) -> None:
        self.add_many([(key, text, kecamatan, day)])

    def add_many(self, items: Iterable[tuple[Hashable, str, str, date | None]]) -> None:
        with self._lsh.insertion_session() as session:
            for key, text, kecamatan, day in items:
                row = len(self._keys)
                minhash = self.signature(text)
                self._keys.append(key)
                self._kecamatan.append(kecamatan.strip().lower())
                self._days.append(day.toordinal() if day else 0)
                self._store(row, minhash)
                session.insert(row, minhash, check_duplication=False)

    def candidates(self, text: str) -> list[int]:
        """Rows the LSH index returns for ``text``, before any filter."""
        return [int(row) for row in self._lsh.query(self.signature(text))]

    def similar(
        self,
        text: str,
        *,
        kecamatan: str = "",
        day: date | None = None,
        window_days: int = 60,
        limit: int = 5,
        exclude: Sequence[Hashable] = (),
    ) -> list[Similar]:
        """Indexed reports likely the same as ``text``: same kecamatan when both are known,
        within ``window_days`` of ``day`` when both are known, best first."""
        minhash = self.signature(text)
        rows = np.array(self._lsh.query(minhash), dtype=np.int64)
        if len(rows) == 0:
            return []
        place = kecamatan.strip().lower()
        if place:
            places = np.array([self._kecamatan[r] for r in rows])
            rows = rows[(places == place) | (places == "")]
        if day is not None:
            days = np.array([self._days[r] for r in rows], dtype=np.int64)
            rows = rows[(days == 0) | (np.abs(days - day.toordinal()) <= window_days)]
        if len(rows) == 0:
            return []
        estimates = (self._signatures[rows] == minhash.hashvalues).mean(axis=1)
        order = np.argsort(-estimates, kind="stable")
        excluded = set(exclude)
        found = [
            Similar(self._keys[rows[i]], float(estimates[i]))
            for i in order
            if estimates[i] >= self.threshold and self._keys[rows[i]] not in excluded
        ]
        return found[:limit]


def similar_reports(
    index: DuplicateIndex,
    text: str,
    *,
    kecamatan: str = "",
    day: date | None = None,
    window_days: int = 60,
    limit: int = 5,
) -> list[Similar]:
    """The reports in ``index`` that are likely the same as ``text`` (see ``DuplicateIndex``)."""
    return index.similar(text, kecamatan=kecamatan, day=day, window_days=window_days, limit=limit)
