"""Background tasks of the core app (Django's Tasks API; see settings.TASKS)."""

from __future__ import annotations

from django_tasks import task


@task()
def audit_seal_task() -> int:
    """Link the pending audit entries into the hash chain (``core.audit.audit_seal``)."""
    from rembug.core.audit import audit_seal

    return audit_seal()
