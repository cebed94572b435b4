"""A honeypot and a time check on public forms, instead of a puzzle that shuts people out.

A form mixing in :class:`HumanCheckForm` carries an empty field people never see (bots fill it)
and a signed time stamp; a form sent back faster than ``settings.FORM_MIN_SECONDS`` (3 s) or
without its stamp is refused with a message that says what to do.
"""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "rembug.moderation.humans"
DEFAULT_MIN_SECONDS = 3
MAX_AGE = 24 * 3600


def form_stamp() -> str:
    return signing.dumps(time.time(), salt=SALT)


def stamp_age(value: str) -> float | None:
    try:
        started = float(signing.loads(value, salt=SALT, max_age=MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - started


class HumanCheckForm(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}
        ),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form_started"].initial = form_stamp()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("website"):
            raise forms.ValidationError(_("This form could not be accepted."), code="honeypot")
        if not getattr(settings, "FORM_HUMAN_CHECK", True):
            return cleaned
        age = stamp_age(cleaned.get("form_started") or "")
        minimum = getattr(settings, "FORM_MIN_SECONDS", DEFAULT_MIN_SECONDS)
        if age is None or age < minimum:
            raise forms.ValidationError(
                _("The form was sent too quickly or has expired. Check it and send it again."),
                code="too_fast",
            )
        return cleaned
