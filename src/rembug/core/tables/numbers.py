"""Numbers the Indonesian way: ``1.250.000.000``, ``12,5``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from rembug.core.tables.spec import Fmt

# Excel number formats. Excel shows the separators of the reader's locale, so an Indonesian
# Excel or LibreOffice prints #,##0 as 1.250.000.000.
XLSX_FORMATS: dict[Fmt, str] = {
    Fmt.RUPIAH: "#,##0",
    Fmt.DECIMAL: "#,##0.00",
    Fmt.PERCENT: "#,##0.00",
    Fmt.INTEGER: "#,##0",
}


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


def _fixed(number: Decimal, places: int | None) -> str:
    sign = "-" if number < 0 else ""
    number = abs(number)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{number:f}"
    else:
        text = f"{number.normalize():f}"
    whole, _sep, fraction = text.partition(".")
    return f"{sign}{_group(whole)}{',' + fraction if fraction else ''}"


def format_value(value: Any, fmt: Fmt) -> str:
    """The text of ``value`` in a column of format ``fmt`` (empty for None)."""
    if value is None:
        return ""
    if fmt in (Fmt.TEXT, Fmt.CODE):
        return str(value)
    number = to_decimal(value)
    if number is None:
        return str(value)  # a qualitative target stays text
    if fmt in (Fmt.RUPIAH, Fmt.INTEGER):
        return _fixed(number, 0)
    if fmt == Fmt.PERCENT:
        return _fixed(number, 2)
    return _fixed(number.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), None)
