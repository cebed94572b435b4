"""Normalisation speed: short texts per second on one core, stemming included.

Synthetic short reports (8–25 words) drawn with a Zipf-like law from a vocabulary of affixed
Indonesian words, colloquial forms, numbers and placeholders. The first pass starts with an empty
stem cache (every new word goes through PySastrawi); the second shows the steady state.

Run: .venv/bin/python bench/triage_text.py [N]
"""

from __future__ import annotations

import random
import sys
import time

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from rembug.triage.text import stem, tokens

AFFIXES = [
    ("", ""),
    ("di", "kan"),
    ("me", "kan"),
    ("pe", "an"),
    ("ber", ""),
    ("", "nya"),
    ("ter", ""),
]
EXTRA = ["gak", "yg", "bgt", "udah", "jln", "[NOMOR]", "[TELEPON]", "123", "rt", "rw", "tolong"]


def texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    roots = [w for w in StemmerFactory().get_words_from_file() if 4 <= len(w) <= 9]
    rng.shuffle(roots)
    vocab = [p + r + s for r in roots[:4000] for p, s in [rng.choice(AFFIXES)]] + EXTRA
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    return [" ".join(rng.choices(vocab, weights, k=rng.randint(8, 25))) for _ in range(n)]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    batch = texts(n)
    tokens("warm up the lexicon and the stemmer dictionary")
    stem.cache_clear()
    for label in ("cold stem cache", "warm stem cache"):
        start = time.perf_counter()
        for text in batch:
            tokens(text)
        elapsed = time.perf_counter() - start
        print(f"{label}: {n} texts in {elapsed:.2f} s = {n / elapsed:,.0f} texts/s (1 core)")
    print(f"distinct words stemmed: {stem.cache_info().currsize}")


if __name__ == "__main__":
    main()
