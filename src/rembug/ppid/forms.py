from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Agency, Government
from rembug.moderation.humans import HumanCheckForm
from rembug.ppid.models import (
    EXEMPTION_GROUNDS,
    AccessMode,
    Delivery,
    IdKind,
    InformationCategory,
    ObjectionOutcome,
    ObjectionReason,
    RefusalGround,
    Status,
)


class RequestForm(HumanCheckForm):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label=_("Agency you are asking")
    )
    information = forms.CharField(
        label=_("Information requested"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Describe the documents or data you need as precisely as you can."),
    )
    purpose = forms.CharField(
        label=_("Purpose of the request"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    access_mode = forms.ChoiceField(
        label=_("How do you want to obtain it?"),
        choices=AccessMode.choices,
        widget=forms.RadioSelect,
    )
    delivery = forms.ChoiceField(
        label=_("How should a copy reach you?"),
        choices=[("", "—"), *Delivery.choices],
        required=False,
    )
    name = forms.CharField(label=_("Full name"), max_length=200)
    id_kind = forms.ChoiceField(label=_("Identity document"), choices=IdKind.choices)
    id_number = forms.CharField(label=_("Identity number"), max_length=40)
    address = forms.CharField(label=_("Address"), max_length=300)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Agency.objects.filter(government=government, is_active=True).order_by(
            "name"
        )


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the extension (sent to the requester)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Status.GRANTED.value, Status.GRANTED.label),
            (Status.PARTLY_GRANTED.value, Status.PARTLY_GRANTED.label),
            (Status.REFUSED.value, Status.REFUSED.label),
        ],
    )
    refusal_ground = forms.ChoiceField(
        label=_("Legal ground (for a refusal or a partial grant)"),
        choices=[("", "—"), *RefusalGround.choices],
        required=False,
    )
    answer = forms.CharField(label=_("Written answer"), widget=forms.Textarea(attrs={"rows": 5}))


class ObjectionForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason (UU 14/2008 Pasal 35)"), choices=ObjectionReason.choices
    )
    text = forms.CharField(
        label=_("Your objection"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class ObjectionAnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=ObjectionOutcome.choices)
    answer = forms.CharField(label=_("Written answer"), widget=forms.Textarea(attrs={"rows": 5}))


class PublicInformationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("Official responsible"), max_length=200)
    format = forms.CharField(
        label=_("Format"), max_length=100, help_text=_("e.g. PDF document, printed book, dataset")
    )
    retention = forms.CharField(
        label=_("Retention period"), max_length=100, help_text=_("e.g. 5 years, permanent")
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=InformationCategory.choices,
        help_text=_(
            "Periodic: published at least every six months (Pasal 9). Immediate: announced at "
            "once when it concerns people's lives or public order (Pasal 10). At any time: "
            "given on request (Pasal 11). Exempt: withheld on a ground of Pasal 17, after the "
            "consequence test."
        ),
    )
    exemption_ground = forms.ChoiceField(
        label=_("Legal ground for the exemption"),
        choices=[("", "—"), *EXEMPTION_GROUNDS],
        required=False,
        help_text=_("Only for exempt information."),
    )
    exemption_reason = forms.CharField(
        label=_("Consequence test"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_(
            "Only for exempt information: the harm that opening it would cause (Pasal 19), and "
            "for how long it stays exempt."
        ),
    )
    year = forms.IntegerField(
        label=_("Year produced"), required=False, min_value=1945, max_value=2100
    )


class RetireForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this entry retired?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("e.g. replaced by a newer document, no longer held. Kept in the history."),
    )
