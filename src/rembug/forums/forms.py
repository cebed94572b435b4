from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rembug.forums.models import (
    Disposition,
    Forum,
    ForumInput,
    InstitutionKind,
    Reaction,
    ScoringCriterion,
)
from rembug.forums.services import InputFields
from rembug.governments.models import URUSAN_CODE, Agency, Government
from rembug.moderation.humans import HumanCheckForm
from rembug.planning.models import PlanDocument, PlanItem
from rembug.regions.models import Region


def _regions(government: Government, level: int) -> Any:
    return Region.objects.filter(level=level, code__startswith=f"{government.code}.").order_by(
        "name"
    )


class InputForm(HumanCheckForm):
    """An usulan submitted online. The capture form below is its short sibling for phones."""

    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 4}))
    proposer_name = forms.CharField(label=_("Proposer"), max_length=200)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    institution_kind = forms.ChoiceField(
        label=_("Institution kind"), choices=InstitutionKind.choices, initial=InstitutionKind.PUBLIC
    )
    proposer_email = forms.EmailField(
        label=_("E-mail for the answer"),
        required=False,
        help_text=_("We tell you what became of it."),
    )
    urusan_code = forms.CharField(
        label=_("Urusan"),
        max_length=5,
        required=False,
        validators=[URUSAN_CODE],
        help_text=_("e.g. 2.16 (Komunikasi dan Informatika)"),
    )
    category = forms.CharField(label=_("Category"), max_length=100, required=False)
    target_agency = forms.ModelChoiceField(
        label=_("Target agency"), queryset=Agency.objects.none(), required=False
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Region.objects.none(), required=False
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"), queryset=Region.objects.none(), required=False
    )
    volume = forms.DecimalField(
        label=_("Volume"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=40, required=False, help_text=_("e.g. titik, km, paket")
    )
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost (Rp)"), min_value=0, max_digits=18, decimal_places=0, required=False
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)
    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = self.fields["target_agency"]
        kecamatan = self.fields["kecamatan"]
        kelurahan = self.fields["kelurahan"]
        assert isinstance(agencies, forms.ModelChoiceField)
        assert isinstance(kecamatan, forms.ModelChoiceField)
        assert isinstance(kelurahan, forms.ModelChoiceField)
        agencies.queryset = Agency.objects.filter(government=government, is_active=True).order_by(
            "name"
        )
        kecamatan.queryset = _regions(government, Region.Level.DISTRICT)
        kelurahan.queryset = _regions(government, Region.Level.VILLAGE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kecamatan, kelurahan = data.get("kecamatan"), data.get("kelurahan")
        if kecamatan and kelurahan and kelurahan.parent_id != kecamatan.pk:
            self.add_error("kelurahan", _("This kelurahan is not in the chosen kecamatan."))
        if kelurahan and not kecamatan:
            data["kecamatan"] = kelurahan.parent
        return data

    def input_fields(self) -> InputFields:
        data = self.cleaned_data
        return InputFields(
            title=data["title"],
            text=data["text"],
            proposer_name=data["proposer_name"],
            institution=data.get("institution", ""),
            institution_kind=data.get("institution_kind") or InstitutionKind.PUBLIC,
            proposer_email=data.get("proposer_email", ""),
            urusan_code=data.get("urusan_code", ""),
            category=data.get("category", ""),
            target_agency=data.get("target_agency"),
            kecamatan=data.get("kecamatan"),
            kelurahan=data.get("kelurahan"),
            volume=data.get("volume"),
            unit=data.get("unit", ""),
            estimated_cost=data.get("estimated_cost"),
        )


class CaptureForm(InputForm):
    """What a facilitator types on a phone while people speak: the rest can wait."""

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, government=government, **kwargs)
        for name in (
            "proposer_email",
            "urusan_code",
            "category",
            "kelurahan",
            "volume",
            "unit",
            "estimated_cost",
            "attachment",
        ):
            del self.fields[name]
        self.fields["text"].widget.attrs["rows"] = 3
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Left empty: the first words of the proposal.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("title") and data.get("text"):
            words = data["text"].split()
            data["title"] = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
        return data


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Statement"), max_length=280, min_length=5)


class ReactionForm(forms.Form):
    value = forms.TypedChoiceField(choices=Reaction.Value.choices, coerce=int)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Attendance code"), max_length=8, min_length=4)


class PhaseForm(forms.Form):
    to = forms.ChoiceField(choices=Forum.Phase.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


def plan_items_for(forum: Forum) -> Any:
    """Renstra/Renja items an input of ``forum`` may be accepted into: the items of the document
    the forum feeds, or else of every Renstra and Renja of the government."""
    items = PlanItem.objects.filter(
        government_id=forum.government_id,
        document__kind__in=[PlanDocument.Kind.RENSTRA, PlanDocument.Kind.RENJA],
        kind__in=[PlanItem.Kind.PROGRAM, PlanItem.Kind.KEGIATAN, PlanItem.Kind.SUB_KEGIATAN],
    )
    if forum.plan_document_id is not None:
        items = items.filter(document_id=forum.plan_document_id)
    return items.select_related("document").order_by("document_id", "code", "id")


class PlanItemChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.document.title} — {obj.code} {obj.text}"[:200]


class DispositionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Disposition.Outcome.choices, widget=forms.RadioSelect
    )
    plan_item = PlanItemChoiceField(
        label=_("Plan item"),
        queryset=PlanItem.objects.none(),
        required=False,
        help_text=_("The Renstra/Renja item that carries it."),
    )
    plan_item_label = forms.CharField(
        label=_("Plan item (name)"),
        max_length=300,
        required=False,
        help_text=_("When the item is not in Rembug yet: its code and name."),
    )
    merged_into = forms.ModelChoiceField(
        label=_("Merged into"), queryset=ForumInput.objects.none(), required=False
    )
    deferred_to_year = forms.IntegerField(
        label=_("Deferred to year"), required=False, min_value=2000, max_value=2100
    )
    forwarded_to = forms.ModelChoiceField(
        label=_("Forwarded to"), queryset=Agency.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("Reason / answer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, item: ForumInput, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        merged = self.fields["merged_into"]
        forwarded = self.fields["forwarded_to"]
        assert isinstance(merged, forms.ModelChoiceField)
        assert isinstance(forwarded, forms.ModelChoiceField)
        merged.queryset = (
            ForumInput.objects.filter(government_id=item.government_id, forum_id=item.forum_id)
            .exclude(pk=item.pk)
            .order_by("id")
        )
        forwarded.queryset = Agency.objects.filter(
            government_id=item.government_id, is_active=True
        ).order_by("name")
        plan_items = self.fields["plan_item"]
        assert isinstance(plan_items, forms.ModelChoiceField)
        plan_items.queryset = plan_items_for(item.forum)


class ForumForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Forum.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Agency.objects.none())
    plan_document = forms.ModelChoiceField(
        label=_("Plan document it feeds"), queryset=PlanDocument.objects.none(), required=False
    )
    plan_year = forms.IntegerField(
        label=_("Plan year"), min_value=2000, max_value=2100, required=False
    )
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    venue = forms.CharField(label=_("Venue"), max_length=250)
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One item per line."),
    )
    opened_by = forms.CharField(label=_("Opened by"), max_length=200, required=False)
    signatories = forms.CharField(
        label=_("Signatories of the minutes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line: name — position."),
    )
    allow_public_input = forms.BooleanField(
        label=_("Residents may take part without an invitation"), required=False, initial=True
    )

    def __init__(
        self, *args: Any, government: Government, agency_ids: list[int] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        organiser = self.fields["organiser"]
        document = self.fields["plan_document"]
        assert isinstance(organiser, forms.ModelChoiceField)
        assert isinstance(document, forms.ModelChoiceField)
        agencies = Agency.objects.filter(government=government, is_active=True).order_by("name")
        if agency_ids is not None:
            agencies = agencies.filter(pk__in=agency_ids)
        organiser.queryset = agencies
        document.queryset = PlanDocument.objects.filter(
            government=government, kind__in=[PlanDocument.Kind.RENSTRA, PlanDocument.Kind.RENJA]
        ).order_by("-period_start", "title")


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    institution_kind = forms.ChoiceField(
        label=_("Institution kind"), choices=InstitutionKind.choices
    )
    is_speaker = forms.BooleanField(label=_("Speaker"), required=False)
    topic = forms.CharField(label=_("Topic"), max_length=250, required=False)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=120)
    weight = forms.DecimalField(
        label=_("Weight"), min_value=0, max_digits=5, decimal_places=2, initial=1
    )


class ScoreForm(forms.Form):
    criterion = forms.ModelChoiceField(
        label=_("Criterion"), queryset=ScoringCriterion.objects.none()
    )
    score = forms.IntegerField(label=_("Score (0–10)"), min_value=0, max_value=10)

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        criterion = self.fields["criterion"]
        assert isinstance(criterion, forms.ModelChoiceField)
        criterion.queryset = ScoringCriterion.objects.filter(
            government_id=forum.government_id, forum=forum
        ).order_by("id")


def errors_from(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form (field errors where the field exists)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
