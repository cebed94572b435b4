from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Agency, Government
from rembug.nomenclature.models import NomenclatureItem, NomenclatureVersion
from rembug.planning.models import (
    NOMENCLATURE_KINDS,
    TRANSITIONS,
    DocumentKind,
    DocumentState,
    Indicator,
    IndicatorTarget,
    ItemKind,
    PlanDocument,
    PlanItem,
)
from rembug.planning.services import BASED_ON_KIND
from rembug.regions.models import Region


def _field(form: forms.Form, name: str) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return cast(forms.ModelChoiceField, form.fields[name])  # type: ignore[type-arg]


def _choice(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


class DocumentCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("Required for a Renstra or Renja."),
    )
    period_start = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    period_end = forms.IntegerField(
        label=_("Last year"), min_value=2000, max_value=2100, help_text=_("A Renja: the same year.")
    )
    nomenclature_version = forms.ModelChoiceField(
        label=_("Nomenclature version"), queryset=NomenclatureVersion.objects.all(), required=False
    )
    based_on = forms.ModelChoiceField(
        label=_("Based on"), queryset=PlanDocument.objects.none(), required=False
    )

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "agency").queryset = Agency.objects.filter(
            government=government, is_active=True
        )
        _field(self, "based_on").queryset = PlanDocument.objects.filter(
            government=government
        ).exclude(state=DocumentState.DIGANTI)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        agency = data.get("agency")
        if kind in (DocumentKind.RENSTRA, DocumentKind.RENJA):
            if agency is None:
                self.add_error("agency", _("A Renstra or Renja belongs to an agency."))
            if data.get("nomenclature_version") is None:
                self.add_error(
                    "nomenclature_version", _("Declare the nomenclature version the plan uses.")
                )
        elif agency is not None:
            self.add_error("agency", _("An RPJPD or RPJMD belongs to the whole government."))
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last year comes after the first."))
        if kind == DocumentKind.RENJA and start and end and start != end:
            self.add_error("period_end", _("A Renja covers one year."))
        based_on = data.get("based_on")
        if based_on is not None and BASED_ON_KIND.get(str(kind)) != based_on.kind:
            self.add_error("based_on", _("Choose the document one level up the cascade."))
        return data


class DocumentEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300, required=False)
    nomenclature_version = forms.ModelChoiceField(
        label=_("Nomenclature version"), queryset=NomenclatureVersion.objects.all(), required=False
    )

    def __init__(self, *args: Any, document: PlanDocument, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": document.title,
                "legal_basis": document.legal_basis,
                "nomenclature_version": document.nomenclature_version_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.document = document

    def clean_nomenclature_version(self) -> NomenclatureVersion | None:
        version: NomenclatureVersion | None = self.cleaned_data.get("nomenclature_version")
        if self.document.kind in (DocumentKind.RENSTRA, DocumentKind.RENJA) and version is None:
            raise forms.ValidationError(_("Declare the nomenclature version the plan uses."))
        return version


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New state"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_basis = forms.CharField(
        label=_("Legal basis (when adopting)"), required=False, max_length=300
    )

    def __init__(self, *args: Any, document: PlanDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[document.state] - {DocumentState.DIGANTI}
        order = list(DocumentState.values)
        here = order.index(document.state)
        # forward first (the usual next step), then the way back
        ahead = sorted(allowed, key=lambda v: (order.index(v) < here, order.index(v)))
        _choice(self, "to").choices = [(value, DocumentState(value).label) for value in ahead]


class AmendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the perubahan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class RenjaCreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: Any, renstra: PlanDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "year").choices = [(y, str(y)) for y in renstra.years]


def _nomenclature_choices(
    document: PlanDocument, kinds: tuple[str, ...], parent: PlanItem | None = None
) -> Any:
    """The codes that may stand here: of the declared version, of the agency's urusan and, under
    a coded parent, only the parent's own kegiatan or sub kegiatan."""
    levels = [NOMENCLATURE_KINDS[k] for k in kinds if k in NOMENCLATURE_KINDS]
    items = NomenclatureItem.objects.filter(
        version_id=document.nomenclature_version_id, level__in=levels, is_listed=True
    )
    if parent is not None and parent.code:
        items = items.filter(code__startswith=f"{parent.code}.")
    if document.agency is not None:
        urusan = Q()
        for code in document.agency.urusan_codes:
            urusan |= Q(code__startswith=f"{code}.")
        items = items.filter(urusan) if urusan else items.none()
    return items.order_by("code")


class NomenclatureChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.name}"


class ItemCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Level"))
    nomenclature_item = NomenclatureChoiceField(
        label=_("Code (nomenclature)"), queryset=NomenclatureItem.objects.none(), required=False
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For a program, kegiatan or sub kegiatan the nomenclature name is used when empty."
        ),
    )

    def __init__(
        self,
        *args: Any,
        document: PlanDocument,
        kinds: tuple[str, ...],
        parent: PlanItem | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "kind").choices = [(k, ItemKind(k).label) for k in kinds]
        if any(k in NOMENCLATURE_KINDS for k in kinds) and document.nomenclature_version_id:
            _field(self, "nomenclature_item").queryset = _nomenclature_choices(
                document, kinds, parent
            )
        else:
            del self.fields["nomenclature_item"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("nomenclature_item")
        kind = data.get("kind")
        if code is not None and NOMENCLATURE_KINDS.get(str(kind)) != code.level:
            self.add_error("nomenclature_item", _("This code is not of the chosen level."))
        if code is None and not (data.get("text") or "").strip():
            self.add_error("text", _("Write the text of the item."))
        return data


class ItemEditForm(forms.Form):
    nomenclature_item = NomenclatureChoiceField(
        label=_("Code (nomenclature)"), queryset=NomenclatureItem.objects.none(), required=False
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))
    funding_source = forms.CharField(label=_("Sumber dana"), max_length=100, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, item: PlanItem, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "nomenclature_item": item.nomenclature_item_id,
                "text": item.text,
                "funding_source": item.funding_source,
                "note": item.note,
            },
        )
        super().__init__(*args, **kwargs)
        if item.kind in NOMENCLATURE_KINDS and item.document.nomenclature_version_id:
            _field(self, "nomenclature_item").queryset = _nomenclature_choices(
                item.document, (item.kind,), item.parent
            )
        else:
            del self.fields["nomenclature_item"]
        if not item.takes_funding:
            del self.fields["funding_source"]


def _plain_number(value: Decimal | None) -> str | None:
    """``24.0000`` → ``24``, ``99.5000`` → ``99.5`` (the database keeps four decimals)."""
    return None if value is None else f"{value.normalize():f}"


class IndicatorForm(forms.ModelForm):  # type: ignore[type-arg]
    """An indicator with one target field pair (number, or qualitative text) per year."""

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "definition",
            "data_source",
            "direction",
            "baseline_year",
            "baseline_value",
            "end_target",
            "end_target_text",
            "qualitative_justification",
            "responsible_unit",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 2}),
            "qualitative_justification": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for name in ("baseline_value", "end_target"):
            self.initial[name] = _plain_number(getattr(self.instance, name))
        existing: dict[int, IndicatorTarget] = {}
        if self.instance.pk:
            existing = {t.year: t for t in self.instance.targets.all()}
        for year in years:
            row = existing.get(year)
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year},
                required=False,
                max_digits=20,
                decimal_places=4,
                initial=_plain_number(row.value) if row else None,
            )
            self.fields[f"target_text_{year}"] = forms.CharField(
                label=_("Qualitative target %(year)s") % {"year": year},
                required=False,
                max_length=300,
                initial=row.qualitative_text if row else "",
            )

    def target_fields(self) -> list[tuple[int, Any, Any]]:
        return [(y, self[f"target_{y}"], self[f"target_text_{y}"]) for y in self.years]

    def main_fields(self) -> list[Any]:
        return [self[name] for name in self.Meta.fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        qualitative = any(
            data.get(f"target_{y}") is None and (data.get(f"target_text_{y}") or "").strip()
            for y in self.years
        ) or (data.get("end_target") is None and (data.get("end_target_text") or "").strip())
        if qualitative and not (data.get("qualitative_justification") or "").strip():
            self.add_error(
                "qualitative_justification", _("A qualitative target needs a justification.")
            )
        return data

    def targets(self) -> dict[int, tuple[Decimal | None, str]]:
        return {
            y: (
                self.cleaned_data.get(f"target_{y}"),
                self.cleaned_data.get(f"target_text_{y}") or "",
            )
            for y in self.years
        }

    def indicator_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FundingForm(forms.Form):
    def __init__(
        self, *args: Any, years: list[int], current: dict[int, Decimal], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"amount_{year}"] = forms.DecimalField(
                label=_("Pagu indikatif %(year)s (Rp)") % {"year": year},
                required=False,
                min_value=Decimal(0),
                max_digits=18,
                decimal_places=2,
                initial=current.get(year),
            )

    def amounts(self) -> dict[int, Decimal | None]:
        return {y: self.cleaned_data.get(f"amount_{y}") for y in self.years}


class AlignmentForm(forms.Form):
    targets = forms.ModelMultipleChoiceField(
        label=_("Serves"),
        queryset=PlanItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, item: PlanItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        higher = item.document.based_on
        kinds: dict[str, list[str]] = {
            ItemKind.MISI: [ItemKind.MISI],
            ItemKind.SASARAN: [ItemKind.SASARAN],
            ItemKind.TUJUAN: [ItemKind.TUJUAN, ItemKind.SASARAN],
        }
        queryset = PlanItem.objects.none()
        if higher is not None:
            queryset = PlanItem.objects.filter(
                government_id=item.government_id,
                document=higher,
                kind__in=kinds.get(item.kind, [item.kind]),
            ).order_by("position", "id")
        _field(self, "targets").queryset = queryset
        self.fields["targets"].initial = list(item.alignments.values_list("target_id", flat=True))


class LocationForm(forms.Form):
    regions = forms.ModelMultipleChoiceField(
        label=_("Kecamatan / kelurahan"), queryset=Region.objects.none(), required=False
    )

    def __init__(self, *args: Any, item: PlanItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        code = item.document.government.region_id
        _field(self, "regions").queryset = Region.objects.filter(
            Q(code=code)
            | Q(
                code__startswith=f"{code}.", level__in=[Region.Level.DISTRICT, Region.Level.VILLAGE]
            )
        ).order_by("code")
        self.fields["regions"].initial = list(item.locations.values_list("region_id", flat=True))
        self.fields["regions"].widget.attrs["size"] = 10


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLSX file"),
        help_text=_("The template of this document, filled in. It replaces the whole contents."),
    )

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
