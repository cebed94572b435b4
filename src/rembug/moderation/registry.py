"""The kinds of content residents publish, registered by the apps that own them (complaints,
forums) from their ``AppConfig.ready``: moderation reads them through this, never by import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from rembug.governments.models import Government


@dataclass(frozen=True)
class ContentKind:
    key: str  # "complaint", "forum_input", "statement"
    model: type[models.Model]
    label: Any  # lazy translated name
    title: Callable[[Any], str]
    text: Callable[[Any], str]
    author_id: Callable[[Any], int | None]
    author_email: Callable[[Any], str]
    url: Callable[[Any], str]
    is_public: Callable[[Any], bool]
    # The author's content of this kind in a government (for removing a spam account's content).
    by_author: Callable[[Government, Any], models.QuerySet[Any]]


_KINDS: dict[str, ContentKind] = {}


def content_kind_register(kind: ContentKind) -> None:
    _KINDS[kind.key] = kind


def content_kind(key: str) -> ContentKind | None:
    return _KINDS.get(key)


def content_kinds() -> list[ContentKind]:
    return list(_KINDS.values())


def content_kind_of(instance: models.Model) -> ContentKind | None:
    return next((k for k in _KINDS.values() if isinstance(instance, k.model)), None)
