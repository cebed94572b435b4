"""What each phase of a forum allows, and which phase may follow which: the one place that decides.

Like Decidim's per-step component settings, every action a participant or facilitator takes is
switched on or off by the forum's current phase. Services call :func:`phase_require`; pages show
:func:`phase_switches`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rembug.forums.models import Forum

Phase = Forum.Phase


class Action:
    SUBMIT = "submit"  # submitting inputs (online, or captured by a facilitator)
    VOTE = "vote"  # supporting inputs, reacting to statements
    COMMENT = "comment"  # proposing statements for the opinion map
    EDIT = "edit"  # a proposer editing their own input
    ATTEND = "attend"  # taking attendance
    SCORE = "score"  # scoring inputs on the forum's criteria
    DISPOSE = "dispose"  # answering inputs


ACTION_LABELS = {
    Action.SUBMIT: gettext_lazy("submitting inputs"),
    Action.VOTE: gettext_lazy("voting (supports and reactions)"),
    Action.COMMENT: gettext_lazy("commenting (new statements)"),
    Action.EDIT: gettext_lazy("editing own inputs"),
    Action.ATTEND: gettext_lazy("attendance"),
    Action.SCORE: gettext_lazy("scoring"),
    Action.DISPOSE: gettext_lazy("answering inputs"),
}

PHASE_SWITCHES: dict[str, frozenset[str]] = {
    Phase.ANNOUNCEMENT: frozenset(),
    Phase.INPUT_OPEN: frozenset({Action.SUBMIT, Action.VOTE, Action.COMMENT, Action.EDIT}),
    Phase.FORUM_DAY: frozenset({Action.SUBMIT, Action.VOTE, Action.COMMENT, Action.ATTEND}),
    Phase.DELIBERATION: frozenset({Action.VOTE, Action.SCORE, Action.DISPOSE}),
    Phase.DISPOSITION: frozenset({Action.DISPOSE}),
    Phase.PUBLISHED: frozenset(),
}

# The one transition table of the forum workflow. Disposition may go back to deliberation
# (a forum re-opens prioritisation); nothing leaves "results published".
PHASE_TRANSITIONS: dict[str, frozenset[str]] = {
    Phase.ANNOUNCEMENT: frozenset({Phase.INPUT_OPEN}),
    Phase.INPUT_OPEN: frozenset({Phase.FORUM_DAY}),
    Phase.FORUM_DAY: frozenset({Phase.DELIBERATION}),
    Phase.DELIBERATION: frozenset({Phase.DISPOSITION}),
    Phase.DISPOSITION: frozenset({Phase.PUBLISHED, Phase.DELIBERATION}),
    Phase.PUBLISHED: frozenset(),
}


class ActionRefused(PermissionDenied):
    """The forum's phase does not allow this action (shown as 403)."""


class TransitionRefused(Exception):
    """The workflow does not allow this phase change, or a rule blocks it."""


@dataclass(frozen=True)
class Switch:
    action: str
    label: str
    is_on: bool


def phase_allows(forum: Forum, action: str) -> bool:
    return action in PHASE_SWITCHES[forum.phase]


def phase_require(forum: Forum, action: str) -> None:
    if not phase_allows(forum, action):
        raise ActionRefused(
            _("This forum is in the phase “%(phase)s”, which does not allow %(action)s.")
            % {"phase": forum.get_phase_display(), "action": ACTION_LABELS[action]}
        )


def phase_switches(forum: Forum) -> list[Switch]:
    on = PHASE_SWITCHES[forum.phase]
    return [Switch(action, str(label), action in on) for action, label in ACTION_LABELS.items()]


def phase_next(forum: Forum) -> list[str]:
    """The phases the forum may move to, forward first."""
    order = list(Phase.values)
    return sorted(
        PHASE_TRANSITIONS[forum.phase],
        key=lambda p: (order.index(p) < order.index(forum.phase), order.index(p)),
    )
