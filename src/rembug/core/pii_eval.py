"""Scoring :mod:`rembug.core.pii` on its labelled set (``core/data/pii_cases.tsv``).

Recall: the share of labelled identifiers masked whole. False-mask rate: the share of the other
numbers in the set (years, Rupiah amounts, RT/RW, house numbers, dates, postal codes, report
numbers) that a mask touches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rembug.core.pii import pii_find

CASES = Path(__file__).parent / "data" / "pii_cases.tsv"
_MARKED = re.compile(r"⟦(.*?)⟧")
_NUMBER = re.compile(r"\d+(?:[.,/\-]\d+)*")


@dataclass
class PiiScore:
    identifiers: int = 0
    found: int = 0
    numbers: int = 0
    false_masks: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.identifiers if self.identifiers else 1.0

    @property
    def false_mask_rate(self) -> float:
        return self.false_masks / self.numbers if self.numbers else 0.0


def case_parse(line: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain text of a labelled line and the spans of its marked identifiers."""
    text, spans, position = "", [], 0
    for match in _MARKED.finditer(line):
        text += line[position : match.start()]
        spans.append((len(text), len(text) + len(match.group(1))))
        text += match.group(1)
        position = match.end()
    return text + line[position:], spans


def cases_load(path: Path = CASES) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def pii_score(lines: list[str]) -> PiiScore:
    score = PiiScore()
    for line in lines:
        text, expected = case_parse(line)
        found = [(span.start, span.end) for span in pii_find(text)]
        for start, end in expected:
            score.identifiers += 1
            if any(s <= start and end <= e for s, e in found):
                score.found += 1
            else:
                score.misses.append(text)
        for number in _NUMBER.finditer(text):
            if any(s < number.end() and number.start() < e for s, e in expected):
                continue
            score.numbers += 1
            if any(s < number.end() and number.start() < e for s, e in found):
                score.false_masks += 1
                score.false.append(text)
    return score
