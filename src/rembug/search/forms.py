from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import Agency, Government
from rembug.regions.models import Region
from rembug.search.models import Kind
from rembug.search.selectors import SearchFilters


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Region.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200, required=False)
    before = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, government: Government, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("everything")), *Kind.choices]
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = Agency.objects.filter(government=government, is_active=True).order_by(
            "name"
        )
        kecamatan = self.fields["kecamatan"]
        assert isinstance(kecamatan, forms.ModelChoiceField)
        kecamatan.queryset = Region.objects.filter(
            parent_id=government.region_id, level=Region.Level.DISTRICT
        ).order_by("name")

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            kind=data.get("kind") or None,
            agency_id=data["agency"].pk if data.get("agency") else None,
            kecamatan=data["kecamatan"].pk if data.get("kecamatan") else None,
            year=data.get("year"),
        )
