"""Emergency detection: speed per text and recall/precision on the two labelled sets.

Run: .venv/bin/python bench/triage_emergency.py
"""

from __future__ import annotations

import time
from pathlib import Path

from rembug.triage.emergency import emergency_detect

DATA = Path(__file__).resolve().parents[1] / "src" / "rembug" / "triage" / "data"


def _rows(name: str) -> list[tuple[bool, str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, _kind, text = line.split("\t")
            out.append((label == "1", text))
    return out


def main() -> None:
    for name in ("emergency_labelled.tsv", "emergency_holdout.tsv"):
        rows = _rows(name)
        flags = [(label, emergency_detect(text).is_emergency) for label, text in rows]
        tp = sum(1 for a, b in flags if a and b)
        fp = sum(1 for a, b in flags if not a and b)
        fn = sum(1 for a, b in flags if a and not b)
        print(f"{name}: n={len(rows)} recall={tp / (tp + fn):.3f} precision={tp / (tp + fp):.3f}")
    texts = [text for _label, text in _rows("emergency_labelled.tsv")] * 200
    start = time.perf_counter()
    for text in texts:
        emergency_detect(text)
    elapsed = time.perf_counter() - start
    print(
        f"speed: {len(texts)} texts in {elapsed:.2f} s = {elapsed / len(texts) * 1e6:.1f} µs/text"
    )


if __name__ == "__main__":
    main()
