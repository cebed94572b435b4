"""Checks before anything is published: a blocked account, a block-listed word or link.
Called by the services of complaints and forums (floor 3) and by their forms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rembug.governments.models import Government
from rembug.moderation.selectors import account_is_blocked, blocked_terms


def _contains(text: str, term: str) -> bool:
    if "." in term or "/" in term:  # a link or domain: anywhere in the text
        return term in text
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text) is not None


def publish_check(*, government: Government, user: Any, texts: Iterable[str]) -> None:
    """Raise ``ValidationError`` if ``user`` may not publish in ``government`` or the text holds
    a blocked word or link."""
    if account_is_blocked(government, user):
        raise ValidationError(
            _("Your account may no longer publish here. Contact the coordinator."),
            code="account_blocked",
        )
    joined = " ".join(texts).lower()
    found = [term for term in blocked_terms(government) if _contains(joined, term)]
    if found:
        raise ValidationError(
            _("The text contains words or links that are not allowed here: %(terms)s.")
            % {"terms": ", ".join(found)},
            code="blocked_term",
        )
