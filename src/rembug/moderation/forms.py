from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rembug.moderation.models import Reason, State


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why should this be reviewed?"), choices=Reason.choices)
    note = forms.CharField(
        label=_("Anything to add (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    DECISIONS = [
        (State.VISIBLE, _("Restore (show again)")),
        (State.HIDDEN, _("Hide pending review")),
        (State.BLOCKED, _("Block the content (the reason is shown publicly)")),
    ]
    to = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", "—"), *Reason.choices], required=False
    )
    note = forms.CharField(
        label=_("Note to the author"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AppealRejectForm(forms.Form):
    note = forms.CharField(
        label=_("Why the appeal is rejected"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should your content be restored?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AccountBlockForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Reason.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)
    remove_content = forms.BooleanField(
        label=_("Also block everything this account published here (spam account)"),
        required=False,
    )


class PolicyForm(forms.Form):
    hide_after_flags = forms.IntegerField(
        label=_("Hide content after this many flags"), min_value=1, max_value=100
    )


class BlockedTermForm(forms.Form):
    term = forms.CharField(
        label=_("Blocked word or link"),
        max_length=120,
        help_text=_("A word is matched whole; a link or domain (with a dot) anywhere."),
    )
