"""Achievement (capaian) of an indicator, direction-aware, and early-warning colours."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rembug.planning.models import Indicator

HUNDRED = Decimal(100)
D = Indicator.Direction


def capaian(realised: Decimal | None, target: Decimal | None, direction: str) -> Decimal | None:
    """Realisation against target in %: higher-is-better r/t; lower-is-better inverts,
    (2t − r)/t (Permendagri 86/2017 practice: reaching the target is 100 %, every unit above it
    costs as much as a unit below would earn); exact: 100 − |r − t|/t. Never below 0."""
    if realised is None or target is None or target == 0:
        return None
    if direction == D.LOWER:
        value = (2 * target - realised) / target * HUNDRED
    elif direction == D.EXACT:
        value = HUNDRED - abs(realised - target) / abs(target) * HUNDRED
    else:
        value = realised / target * HUNDRED
    return max(value, Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part / whole × 100`` (budget absorption), None when there is no whole."""
    if part is None or not whole:
        return None
    return (part / whole * HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def warning(value: Decimal | None, thresholds: tuple[Decimal, Decimal]) -> str:
    """``red``, ``amber``, ``green``, or ``none`` when nothing was reported."""
    if value is None:
        return "none"
    red, amber = thresholds
    if value < red:
        return "red"
    return "amber" if value < amber else "green"


def mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
