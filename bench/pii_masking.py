"""Benchmark: masking of personal identifiers (NIK/KK, phone, e-mail, bank account) on the
labelled set ``src/rembug/core/data/pii_cases.tsv``.

Run: ``.venv/bin/python bench/pii_masking.py [-v]``. Prints recall, the false-mask rate of ordinary
numbers and the masking speed. Goals (issue 11): recall ≥ 0.99, false masks ≤ 1 %.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rembug.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false masks")
    args = parser.parse_args()
    import django

    django.setup()
    from rembug.core.pii import pii_mask
    from rembug.core.pii_eval import case_parse, cases_load, pii_score

    lines = cases_load()
    score = pii_score(lines)
    texts = [case_parse(line)[0] for line in lines]
    started = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for text in texts:
            pii_mask(text)
    per_text = (time.perf_counter() - started) / (rounds * len(texts))
    print(f"cases: {len(lines)}, identifiers: {score.identifiers}, other numbers: {score.numbers}")
    print(f"recall: {score.recall:.4f} ({score.found}/{score.identifiers}), goal >= 0.99")
    print(
        f"false-mask rate: {score.false_mask_rate:.4f} "
        f"({score.false_masks}/{score.numbers}), goal <= 0.01"
    )
    print(f"masking: {per_text * 1e6:.1f} µs per text")
    if args.verbose:
        for text in score.misses:
            print("MISS ", text)
        for text in score.false:
            print("FALSE", text)
    return 0 if score.recall >= 0.99 and score.false_mask_rate <= 0.01 else 1


if __name__ == "__main__":
    sys.exit(main())
