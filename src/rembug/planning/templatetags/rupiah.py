"""Money and numbers the Indonesian way: ``Rp 1.250.000.000``, ``12,5``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template

register = template.Library()


def _group(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def rupiah(value: Any) -> str:
    """``1250000000`` → ``Rp 1.250.000.000``; sen only when there are any (``Rp 1.500,50``)."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    sign = "-" if amount < 0 else ""
    amount = abs(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, _sep, cents = f"{amount:f}".partition(".")
    text = _group(whole)
    if cents and cents != "00":
        text = f"{text},{cents}"
    return f"{sign}Rp {text}"


@register.filter
def angka(value: Any) -> str:
    """A number with Indonesian separators and no trailing zeros: ``1234.50`` → ``1.234,5``."""
    number = _decimal(value)
    if number is None:
        return "–"
    sign = "-" if number < 0 else ""
    text = f"{abs(number).normalize():f}"
    whole, _sep, fraction = text.partition(".")
    return f"{sign}{_group(whole)}{',' + fraction if fraction else ''}"
