from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rembug.governments.models import Government

# Loaders run in this order; a loader may read what the ones before it created.
LOADERS = [
    "rembug.demo.foundation",
    "rembug.demo.planning",
    "rembug.demo.forums",
    "rembug.demo.complaints",
    "rembug.demo.themes",
    "rembug.demo.moderation",
    "rembug.demo.ppid",
    "rembug.demo.monitoring",
]

DEMO_PASSWORD = "rembug-demo-2026"  # noqa: S105 - printed for the demo on purpose


@dataclass
class DemoContext:
    """What the loaders share: the governments, the demo users by login, and log lines."""

    governments: dict[str, Government] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    def note(self, line: str) -> None:
        self.log.append(line)
