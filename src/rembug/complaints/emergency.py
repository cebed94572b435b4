"""Does a report read like an emergency? Delegates to ``rembug.triage.emergency`` (floor 2).

While triage is not installed (or fails to import), a small keyword fallback keeps the 112 path
working: a missed fire costs more than a false alarm the coordinator dismisses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

EMERGENCY_NUMBER = "112"

_FALLBACK = {
    "kebakaran": r"kebakaran|terbakar|api\s+membesar",
    "banjir": r"banjir\s+(?:besar|bandang|setinggi|masuk)|kebanjiran|tanggul\s+jebol",
    "kecelakaan": r"kecelakaan|tabrakan|tertabrak",
    "kejahatan": r"perampokan|begal|penusukan|penganiayaan|pencurian\s+sedang",
    "medis": r"pingsan|tidak\s+sadarkan\s+diri|sesak\s+napas|pendarahan|serangan\s+jantung",
}
_FALLBACK_RE = {kind: re.compile(rf"\b(?:{pattern})\b") for kind, pattern in _FALLBACK.items()}


@dataclass(frozen=True)
class Emergency:
    is_emergency: bool
    kind: str = ""
    matched: list[str] = field(default_factory=list)


def _fallback(text: str) -> Emergency:
    lowered = text.lower()
    for kind, pattern in _FALLBACK_RE.items():
        found = pattern.findall(lowered)
        if found:
            return Emergency(True, kind, [str(f) for f in found])
    return Emergency(False)


def _detector() -> Any:
    try:
        from rembug.triage.emergency import emergency_detect
    except ImportError:
        return None
    return emergency_detect


def emergency_check(text: str) -> Emergency:
    """Triage's verdict on ``text`` (or the fallback's)."""
    if not text.strip():
        return Emergency(False)
    detect = _detector()
    if detect is None:
        return _fallback(text)
    result = detect(text)
    return Emergency(bool(result.is_emergency), str(result.kind or ""), list(result.matched or []))
