"""Background tasks of the PPID module (Django's Tasks API; see settings.TASKS)."""

from __future__ import annotations

from django_tasks import task

from rembug.ppid import notify
from rembug.ppid.models import InformationRequest


@task()
def ppid_notify(request_id: int, event: str, site: str = "") -> int:
    """Send the e-mails of one step of a request (``notify.EVENTS``); returns how many went."""
    request = (
        InformationRequest.objects.select_related("government", "agency", "requester")
        .filter(pk=request_id)
        .first()
    )
    if request is None:  # removed since (a test database, a restore): nothing to tell
        return 0
    return notify.send(notify.messages_for(request, event, site=site))
