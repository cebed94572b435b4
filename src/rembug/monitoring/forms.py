"""Numbers typed the Indonesian way: ``1.250.000`` Rupiah, ``12,5`` kinerja."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def parse_number(text: str, *, money: bool) -> Decimal | None:
    """Empty → None. Rupiah: dots group thousands, a comma starts the sen. Kinerja: a comma is
    the decimal separator (dots then group thousands); without a comma a dot is decimal."""
    cleaned = text.strip().replace(" ", "").removeprefix("Rp").removeprefix("rp")
    if not cleaned:
        return None
    if money or "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValidationError(_("Enter a number, e.g. 12,5 or 1.250.000.")) from error
    if not value.is_finite():
        raise ValidationError(_("Enter a number, e.g. 12,5 or 1.250.000."))
    if value < 0:
        raise ValidationError(_("A realisation cannot be negative."))
    return value
