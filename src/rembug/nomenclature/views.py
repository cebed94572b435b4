from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rembug.nomenclature.codes import PATTERNS
from rembug.nomenclature.models import NomenclatureItem
from rembug.nomenclature.selectors import bidang_urusan_of, nomenclature_tree, nomenclature_versions

# A version this small is shown whole; a full national list (tens of thousands of items) is
# shown one bidang urusan at a time.
WHOLE_TREE_LIMIT = 600


@require_GET
def version_list(request: HttpRequest) -> HttpResponse:
    return render(request, "nomenclature/version_list.html", {"versions": nomenclature_versions()})


@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = nomenclature_versions().filter(pk=pk).first()
    if version is None:
        raise Http404(_("No such nomenclature version."))
    bidang = request.GET.get("bidang", "").strip()
    if bidang and not PATTERNS[NomenclatureItem.Level.BIDANG_URUSAN].match(bidang):
        bidang = ""
    show_whole = getattr(version, "item_count", 0) <= WHOLE_TREE_LIMIT
    tree = None
    if bidang or show_whole:
        tree = nomenclature_tree(version=version, urusan_codes=[bidang] if bidang else None)
    return render(
        request,
        "nomenclature/version_detail.html",
        {
            "version": version,
            "bidang_list": bidang_urusan_of(version),
            "bidang": bidang,
            "tree": tree,
        },
    )
