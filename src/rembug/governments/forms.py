from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rembug.governments.models import URUSAN_CODE, Agency


class AgencyForm(forms.ModelForm[Agency]):
    urusan = forms.CharField(
        label=_("Urusan codes"),
        required=False,
        help_text=_("Separate with commas, e.g. 2.16, 2.20, 2.21"),
    )

    class Meta:
        model = Agency
        fields = ["name", "short_name", "kind"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["urusan"].initial = ", ".join(self.instance.urusan_codes)

    def clean_urusan(self) -> list[str]:
        raw = self.cleaned_data.get("urusan") or ""
        codes = [code.strip() for code in raw.replace(";", ",").split(",") if code.strip()]
        for code in codes:
            URUSAN_CODE(code)
        return sorted(set(codes))
