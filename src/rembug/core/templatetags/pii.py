"""``{% load pii %}``: ``{{ complaint.text|pii_mask:access.is_staff }}`` masks personal identifiers
for public readers; a true argument (staff who handle the record) shows the original."""

from __future__ import annotations

from django import template

from rembug.core.pii import pii_mask as mask

register = template.Library()


@register.filter
def pii_mask(value: object, show_original: object = False) -> object:
    if show_original or not isinstance(value, str):
        return value
    return mask(value)
