from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rembug.complaints.models import (
    AnswerTemplate,
    ArchiveReason,
    Category,
    Classification,
    Complaint,
    Privacy,
    Severity,
)
from rembug.complaints.photos import MAX_PHOTOS, CleanFile, document_clean, photo_clean
from rembug.core.models import GovernmentDayOff
from rembug.governments.models import Agency, Government
from rembug.moderation.humans import HumanCheckForm
from rembug.regions.models import Region


def _model_field(form: forms.Form, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class KelurahanField(forms.ModelChoiceField[Region]):
    """A kelurahan named with its kecamatan, as long lists of villages repeat names."""

    def label_from_instance(self, obj: Region) -> str:
        return f"{obj.name} ({obj.parent.name})" if obj.parent else obj.name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _clean_files(
    files: list[Any], *, keep_location: bool = False, documents: bool = False
) -> list[CleanFile]:
    if len(files) > MAX_PHOTOS:
        raise ValidationError(_("At most %(count)d files.") % {"count": MAX_PHOTOS})
    cleaned = []
    errors = []
    for number, upload in enumerate(files, start=1):
        try:
            cleaned.append(
                document_clean(upload)
                if documents
                else photo_clean(upload, keep_location=keep_location)
            )
        except ValidationError as error:
            errors.append(
                _("File %(number)d: %(error)s") % {"number": number, "error": error.messages[0]}
            )
    if errors:
        raise ValidationError(errors)
    return cleaned


def kecamatan_choices(government: Government) -> Any:
    return Region.objects.filter(
        parent_id=government.region_id, level=Region.Level.DISTRICT
    ).order_by("name")


class ReportForm(HumanCheckForm):
    """The mobile-first reporting form (with the honeypot and time check against bots)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("Say what, where and since when. Do not write your ID number (NIK) here."),
    )
    classification = forms.ChoiceField(
        label=_("Kind of report"), choices=Classification.choices, initial=Classification.PENGADUAN
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Region.objects.none(), required=False
    )
    kelurahan = KelurahanField(label=_("Kelurahan"), queryset=Region.objects.none(), required=False)
    address = forms.CharField(label=_("Address or landmark"), max_length=300, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"),
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        required=False,
        help_text=_(
            "Optional: the exact place, from your phone's location or a map, "
            "e.g. -6.110400 and 106.164000."
        ),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
    )
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 5 photos (JPEG, PNG or WebP), at most 5 MB each."),
        widget=MultipleFileInput(
            attrs={
                "accept": "image/jpeg,image/png,image/webp",
                "data-too-many": _("At most 5 photos."),
                "data-too-big": _("Each photo may be at most 5 MB."),
            }
        ),
    )
    share_location = forms.BooleanField(
        label=_("Keep the location recorded in my photos"), required=False
    )
    privacy = forms.ChoiceField(
        label=_("Who may see this report?"),
        choices=[
            (value, label)
            for value, label in Privacy.choices
            if value != Privacy.ANONYMOUS_CONFIDENTIAL
        ],
        initial=Privacy.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_(
            "Anonymous: only the coordinator sees your name. "
            "Confidential: the report is not published."
        ),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We send your tracking code there."),
    )
    contact_phone = forms.CharField(label=_("Phone (optional)"), max_length=32, required=False)

    def __init__(
        self,
        *args: Any,
        government: Government,
        emergency_url: str = "",
        kelurahan_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.government = government
        _model_field(self, "category").queryset = Category.objects.filter(
            government=government, is_active=True
        )
        _model_field(self, "kecamatan").queryset = kecamatan_choices(government)
        kecamatan_id = self.data.get("kecamatan") if self.is_bound else None
        villages = Region.objects.filter(
            level=Region.Level.VILLAGE, parent__parent_id=government.region_id
        ).select_related("parent")
        # Without JavaScript every kelurahan of the city is offered (named with its kecamatan);
        # with htmx, choosing a kecamatan narrows the list.
        kelurahan = _model_field(self, "kelurahan")
        kelurahan.queryset = (
            villages.filter(parent_id=kecamatan_id).order_by("name")
            if kecamatan_id
            else villages.order_by("parent__name", "name")
        )
        if emergency_url:
            # On a pause in typing, ask whether the text reads like an emergency (112 message).
            self.fields["text"].widget.attrs.update(
                {
                    "hx-post": emergency_url,
                    "hx-trigger": "input changed delay:600ms",
                    "hx-target": "#emergency",
                    "hx-swap": "innerHTML",
                    "hx-include": "#id_title, #id_kecamatan",
                }
            )
        if kelurahan_url:
            self.fields["kecamatan"].widget.attrs.update(
                {"hx-get": kelurahan_url, "hx-target": "#id_kelurahan", "hx-swap": "innerHTML"}
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if data.get("kelurahan") and data["kelurahan"].parent_id != getattr(
            data.get("kecamatan"), "pk", None
        ):
            self.add_error("kelurahan", _("This kelurahan is not in the chosen kecamatan."))
        files = data.get("photos") or []
        try:
            data["clean_photos"] = _clean_files(
                files, keep_location=bool(data.get("share_location"))
            )
        except ValidationError as error:
            self.add_error("photos", error)
        return data


class VerifyForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    classification = forms.ChoiceField(
        label=_("Classification"), choices=[("", "—"), *Classification.choices], required=False
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=[("", "—"), *Severity.choices], required=False
    )
    agency = forms.ModelChoiceField(
        label=_("Dispatch to"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("Leave empty to verify only."),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        government = complaint.government
        _model_field(self, "category").queryset = Category.objects.filter(
            government=government, is_active=True
        )
        _model_field(self, "agency").queryset = Agency.objects.filter(
            government=government, is_active=True
        ).order_by("name")
        if complaint.category_id and complaint.category and complaint.category.default_agency_id:
            self.fields["agency"].initial = complaint.category.default_agency_id


class DispatchForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Dispatch to"), queryset=Agency.objects.none())
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_field(self, "agency").queryset = Agency.objects.filter(
            government=complaint.government, is_active=True
        ).order_by("name")


class AnswerForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Start from a template"), queryset=AnswerTemplate.objects.none(), required=False
    )
    text = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=8000
    )
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, help_text=_("Photos or PDF, up to 5 files of 5 MB.")
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_field(self, "template").queryset = AnswerTemplate.objects.filter(
            government_id=complaint.government_id, agency=complaint.agency, is_active=True
        )
        self.fields["template"].widget.attrs.update(
            {
                "data-answer-template": "text",
                "data-replace-confirm": _("Replace the answer text with the template?"),
            }
        )

    def clean_attachments(self) -> list[CleanFile]:
        return _clean_files(self.cleaned_data.get("attachments") or [], documents=True)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(
        self, *args: Any, complaint: Complaint | None = None, label: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["note"].label = label


class OptionalNoteForm(NoteForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required = False


class ReplyForm(forms.Form):
    note = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    photos = MultipleFileField(label=_("Photos"), required=False)

    def __init__(self, *args: Any, complaint: Complaint | None = None, **kwargs: Any) -> None:
        self.complaint = complaint
        super().__init__(*args, **kwargs)

    def clean_photos(self) -> list[CleanFile]:
        keep = bool(self.complaint and self.complaint.share_location)
        return _clean_files(self.cleaned_data.get("photos") or [], keep_location=keep)


class DuplicateForm(forms.Form):
    original = forms.IntegerField(label=_("Number of the original report"), min_value=1)
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.complaint = complaint

    def clean_original(self) -> Complaint:
        found = (
            Complaint.objects.filter(
                government_id=self.complaint.government_id, pk=self.cleaned_data["original"]
            )
            .exclude(pk=self.complaint.pk)
            .first()
        )
        if found is None:
            raise ValidationError(_("No other report of this government has this number."))
        return found


class ForwardForm(forms.Form):
    to = forms.CharField(label=_("Forwarded to"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: Any, complaint: Complaint | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ArchiveForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ArchiveReason.choices)
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: Any, complaint: Complaint | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("5 very satisfied, 1 not satisfied at all."),
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, complaint: Complaint | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))

    def __init__(self, *args: Any, complaint: Complaint | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)


class FilterForm(forms.Form):
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Region.objects.none(), required=False
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        from rembug.complaints.models import Status

        super().__init__(*args, **kwargs)
        _model_field(self, "kecamatan").queryset = kecamatan_choices(government)
        _model_field(self, "category").queryset = Category.objects.filter(
            government=government, is_active=True
        )
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [
            ("", _("all")),
            *[(s.value, s.label) for s in Status if s not in {Status.SUBMITTED, Status.ARCHIVED}],
        ]


class ReportListFilterForm(FilterForm):
    """The public list's filters: those of :class:`FilterForm` (shared with the map by
    kecamatan) plus the agency handling the report, its classification and the period it was
    submitted in."""

    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False
    )
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=[("", _("all")), *Classification.choices],
        required=False,
    )
    since = forms.DateField(
        label=_("Submitted from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=_("Submitted until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, government=government, **kwargs)
        _model_field(self, "agency").queryset = Agency.objects.filter(
            government=government, is_active=True
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error(
                "until",
                _("The end of the period (%(until)s) is before its start (%(since)s).")
                % {"until": until.isoformat(), "since": since.isoformat()},
            )
        return data


class AnswerTemplateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))


class DayOffForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=GovernmentDayOff.Kind.choices)


class ServiceLevelForm(forms.Form):
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)
    severity = forms.ChoiceField(
        label=_("Severity"), choices=[("", _("every severity")), *Severity.choices], required=False
    )
    amount = forms.IntegerField(label=_("Time allowed"), min_value=1, max_value=999)
    unit = forms.ChoiceField(
        label=_("Counted in"),
        choices=[("days", _("working days")), ("hours", _("working hours"))],
        initial="days",
    )
