"""Duplicate lookup: time per query on a large index, and recall against brute force.

One run builds a DuplicateIndex of N synthetic reports (default 1,000,000): random short texts
from Indonesian root words with a Zipf-like law, plus 500 "originals" each with a near-duplicate
query (about a fifth of its words replaced, dropped or added). Then, side by side:
- brute force: the exact Jaccard similarity of every query's shingles with every indexed report
  (a sparse matrix product), the truth being every report at Jaccard >= 0.5;
- the index: ``similar()`` for the same queries, timed per lookup.
Recall = truth pairs the index returned / truth pairs.

Run: .venv/bin/python bench/triage_duplicates.py [N]
"""

from __future__ import annotations

import itertools
import random
import resource
import sys
import time

import numpy as np
from numpy.typing import NDArray
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from scipy.sparse import csr_matrix

from rembug.triage.duplicates import DuplicateIndex, shingles

QUERIES = 500
TRUTH = 0.5


def vocabulary(rng: random.Random) -> list[str]:
    roots = [w for w in StemmerFactory().get_words_from_file() if 4 <= len(w) <= 8]
    rng.shuffle(roots)
    return roots[:8_000]


def edit(words: list[str], vocab: list[str], rng: random.Random) -> list[str]:
    out = list(words)
    for _ in range(max(1, len(out) // 5)):
        op = rng.random()
        i = rng.randrange(len(out))
        if op < 0.4:
            out[i] = rng.choice(vocab)
        elif op < 0.7 and len(out) > 5:
            del out[i]
        else:
            out.insert(i, rng.choice(vocab))
    return out


def incidence(texts: list[str], columns: dict[str, int]) -> tuple[csr_matrix, NDArray[np.int64]]:
    """Which of ``columns`` (the queries' shingles) each text has, and each text's shingle count:
    enough for the exact Jaccard similarity with every query."""
    rows, cols, sizes = [], [], []
    for r, text in enumerate(texts):
        own = shingles(text)
        sizes.append(len(own))
        hit = [columns[s] for s in own if s in columns]
        rows.extend([r] * len(hit))
        cols.extend(hit)
    data = np.ones(len(rows), dtype=np.float32)
    shape = (len(texts), len(columns))
    return csr_matrix((data, (rows, cols)), shape=shape), np.asarray(sizes, dtype=np.int64)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(11)  # noqa: S311 - synthetic data
    vocab = vocabulary(rng)
    weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(vocab))))
    start = time.perf_counter()
    originals = [
        rng.choices(vocab, cum_weights=weights, k=rng.randint(12, 30)) for _ in range(QUERIES)
    ]
    queries = [" ".join(edit(words, vocab, rng)) for words in originals]
    texts = [" ".join(words) for words in originals]
    texts += [
        " ".join(rng.choices(vocab, cum_weights=weights, k=rng.randint(10, 30)))
        for _ in range(n - QUERIES)
    ]
    print(f"generated {n:,} reports in {time.perf_counter() - start:.1f} s", flush=True)

    start = time.perf_counter()
    index = DuplicateIndex(threshold=0.4)
    index.add_many((i, text, "", None) for i, text in enumerate(texts))
    built = time.perf_counter() - start
    print(
        f"indexed {len(index):,} reports in {built:.1f} s ({len(index) / built:,.0f}/s)", flush=True
    )

    start = time.perf_counter()
    columns: dict[str, int] = {}
    for text in queries:
        for s in shingles(text):
            columns.setdefault(s, len(columns))
    matrix, sizes = incidence(texts, columns)
    qmatrix, qsizes = incidence(queries, columns)
    truth: list[set[int]] = []
    brute_times = []
    for q in range(QUERIES):
        t = time.perf_counter()
        inter = (matrix @ qmatrix[q].T).toarray().ravel()
        sim = inter / np.maximum(sizes + qsizes[q] - inter, 1)
        truth.append(set(np.nonzero(sim >= TRUTH)[0].tolist()))
        brute_times.append(time.perf_counter() - t)
    print(
        f"brute force: {QUERIES} queries, {np.mean(brute_times) * 1000:.0f} ms per query "
        f"(set-up {time.perf_counter() - start - sum(brute_times):.0f} s)",
        flush=True,
    )

    times, found, total = [], 0, 0
    for q, text in enumerate(queries):
        t = time.perf_counter()
        result = index.similar(text, limit=50)
        times.append(time.perf_counter() - t)
        keys = {s.key for s in result}
        found += len(truth[q] & keys)
        total += len(truth[q])
    ms = np.array(times) * 1000
    print(
        f"index lookup on {len(index):,} reports: mean {ms.mean():.2f} ms, "
        f"p50 {np.percentile(ms, 50):.2f} ms, p95 {np.percentile(ms, 95):.2f} ms, "
        f"max {ms.max():.2f} ms"
    )
    print(f"recall vs brute force (Jaccard >= {TRUTH}): {found}/{total} = {found / total:.3f}")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
