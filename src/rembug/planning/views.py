"""Pages of the plan cascade. The same pages serve residents (read-only, drafts hidden) and
authors (edit controls). Tree editing works through htmx fragments and, without JavaScript,
as plain forms that redirect back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rembug.governments.access import can_read_audit, roles_for
from rembug.governments.models import Government, Role
from rembug.planning import services
from rembug.planning.access import may_author, plan_document_get_for_user, plan_item_get_for_user
from rembug.planning.checks import plan_check
from rembug.planning.forms import (
    AlignmentForm,
    AmendForm,
    DocumentCreateForm,
    DocumentEditForm,
    FundingForm,
    ImportForm,
    IndicatorForm,
    ItemCreateForm,
    ItemEditForm,
    LocationForm,
    RenjaCreateForm,
    TransitionForm,
)
from rembug.planning.importing import PlanImportError, plan_import
from rembug.planning.models import (
    ALLOWED_CHILDREN,
    DocumentKind,
    DocumentState,
    Indicator,
    ItemKind,
    PlanDocument,
    PlanItem,
    PlanItemAlignment,
)
from rembug.planning.selectors import (
    chain_down,
    chain_up,
    document_pagu,
    document_versions,
    documents_for,
    plan_compare,
    plan_tree,
    tree_children,
    tree_top,
)
from rembug.planning.xlsx_template import plan_template_xlsx


def _government(request: HttpRequest) -> Government:
    return request.government  # type: ignore[attr-defined, no-any-return]


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _data(request: HttpRequest) -> Any:
    """The submitted data on POST (even when empty: a form without ticked boxes is a valid
    answer), None on GET."""
    return request.POST if request.method == "POST" else None


def _error_message(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- documents ------------------------------------------------------------------------------


@require_GET
def document_list(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    documents = documents_for(request.user, current)
    missions = list(
        PlanItem.objects.filter(
            government=current,
            document__kind=DocumentKind.RPJPD,
            document__state=DocumentState.DITETAPKAN,
            kind=ItemKind.MISI,
        ).order_by("document__period_start", "position", "id")
    )
    held = roles_for(request.user, current)
    return render(
        request,
        "planning/document_list.html",
        {
            "documents": documents,
            "missions": missions,
            "can_create": held.has(Role.PLANNER) or bool(held.agency_ids),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest, government: str) -> HttpResponse:
    current = _government(request)
    held = roles_for(request.user, current)
    if not (held.has(Role.PLANNER) or held.agency_ids):
        raise PermissionDenied(_("Only the planner (Bappeda) and agency officers write plans."))
    # An officer writes the plans of their own agency: start from it.
    own = next(iter(held.agency_ids)) if len(held.agency_ids) == 1 else None
    initial = {"agency": own, "kind": DocumentKind.RENSTRA} if own else {}
    form = DocumentCreateForm(_data(request), government=current, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "planning/document_form.html", {"form": form}, status=422)
        data = form.cleaned_data
        if not may_author(held, PlanDocument(kind=data["kind"], agency=data["agency"])):
            raise PermissionDenied(_("You may only write the plans of your own agency."))
        try:
            document = services.plan_document_create(government=current, by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, _error_message(error))
            return render(request, "planning/document_form.html", {"form": form}, status=422)
        return redirect(document)
    return render(request, "planning/document_form.html", {"form": form})


def _document_context(request: HttpRequest, document: PlanDocument) -> dict[str, Any]:
    held = roles_for(request.user, document.government)
    author = may_author(held, document)
    return {
        "document": document,
        "is_author": author,
        "can_edit": author and not document.is_frozen,
        "years": document.target_years,
        # the kinds under which this document's tree allows children
        "parent_kinds": [kind for kind in ALLOWED_CHILDREN[document.kind] if kind],
    }


@require_GET
def document_detail(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    document = plan_document_get_for_user(request.user, _government(request), pk)
    context = _document_context(request, document)
    context.update(
        {
            "roots": tree_top(document),
            "events": list(document.events.select_related("by").order_by("at", "id")[:50]),
            "versions": document_versions(document, request.user),
            "can_audit": can_read_audit(request.user, document.government),
            "content_type": ContentType.objects.get_for_model(PlanDocument),
            "pagu": document_pagu(document),
            "child_kinds": services.allowed_child_kinds(document, None),
        }
    )
    if context["is_author"]:
        context["transition_form"] = TransitionForm(document=document)
        if document.kind == DocumentKind.RENSTRA:
            context["renja_form"] = RenjaCreateForm(renstra=document)
    return render(request, "planning/document_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    document = plan_document_get_for_user(request.user, _government(request), pk, write=True)
    form = DocumentEditForm(_data(request), document=document)
    context = {"document": document, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.plan_document_update(
                    document=document, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, _error_message(error))
            else:
                return redirect(document)
        return render(request, "planning/document_edit.html", context, status=422)
    return render(request, "planning/document_edit.html", context)


@login_required
@require_POST
def document_transition(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    document = plan_document_get_for_user(request.user, _government(request), pk, author=True)
    form = TransitionForm(request.POST, document=document)
    if form.is_valid():
        try:
            services.plan_document_transition(
                document=document,
                to=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
                legal_basis=form.cleaned_data["legal_basis"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, _error_message(error))
        else:
            messages.success(
                request,
                _("The document is now “%(state)s”.") % {"state": document.get_state_display()},
            )
        return redirect(document)
    context = _document_context(request, document)
    context["transition_form"] = form
    return render(request, "planning/document_transition.html", context, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def document_amend(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    document = plan_document_get_for_user(request.user, _government(request), pk, author=True)
    form = AmendForm(_data(request))
    context = _document_context(request, document)
    context["form"] = form
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "planning/document_amend.html", context, status=422)
        try:
            amended = services.plan_document_amend(
                document=document, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, _error_message(error))
            return render(request, "planning/document_amend.html", context, status=422)
        messages.success(request, _("A perubahan is open. The adopted version stays readable."))
        return redirect(amended)
    return render(request, "planning/document_amend.html", context)


@require_GET
def document_compare(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    current = _government(request)
    document = plan_document_get_for_user(request.user, current, pk)
    other_pk = request.GET.get("dengan") or document.previous_version_id
    if not other_pk or not str(other_pk).isdigit():
        raise Http404(_("Choose a version to compare with."))
    other = plan_document_get_for_user(request.user, current, int(other_pk))
    old, new = sorted([document, other], key=lambda d: (d.period_start, d.version, d.pk))
    return render(
        request,
        "planning/document_compare.html",
        {"document": document, "old": old, "new": new, "changes": plan_compare(old, new)},
    )


@require_GET
def document_check(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    document = plan_document_get_for_user(request.user, _government(request), pk)
    context = _document_context(request, document)
    context["report"] = plan_check(document)
    return render(request, "planning/document_check.html", context)


@login_required
@require_POST
def renja_create(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    renstra = plan_document_get_for_user(request.user, _government(request), pk, author=True)
    if renstra.kind != DocumentKind.RENSTRA:
        raise Http404(_("A Renja is created from a Renstra."))
    form = RenjaCreateForm(request.POST, renstra=renstra)
    if not form.is_valid():
        context = _document_context(request, renstra)
        context["renja_form"] = form
        return render(request, "planning/renja_create.html", context, status=422)
    try:
        renja = services.renja_create_from_renstra(
            renstra=renstra, year=form.cleaned_data["year"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, _error_message(error))
        return redirect(renstra)
    messages.success(
        request, _("The Renja was created with the year's targets and pagu from the Renstra.")
    )
    return redirect(renja)


@login_required
@require_POST
def renja_copy(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    previous = plan_document_get_for_user(request.user, _government(request), pk, author=True)
    if previous.kind != DocumentKind.RENJA:
        raise Http404(_("Only a Renja is copied to the next year."))
    try:
        renja = services.renja_copy_from_previous(previous=previous, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_message(error))
        return redirect(previous)
    messages.success(request, _("The Renja was copied to %(year)s.") % {"year": renja.period_start})
    return redirect(renja)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def document_template(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    """The document in the XLSX template layout, to fill in and import back."""
    document = plan_document_get_for_user(request.user, _government(request), pk)
    response = HttpResponse(plan_template_xlsx(document), content_type=XLSX)
    name = f"rembug-{document.kind}-{document.pk}-v{document.version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_import(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    document = plan_document_get_for_user(request.user, _government(request), pk, write=True)
    form = ImportForm(_data(request), request.FILES or None)
    context = {"document": document, "form": form, "row_errors": []}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "planning/document_import.html", context, status=422)
        try:
            count = plan_import(document=document, file=form.cleaned_data["file"], by=request.user)
        except PlanImportError as error:
            context["row_errors"] = error.errors
            return render(request, "planning/document_import.html", context, status=422)
        messages.success(request, _("%(count)s items imported.") % {"count": count})
        return redirect(document)
    return render(request, "planning/document_import.html", context)


# --- the tree -------------------------------------------------------------------------------


def _siblings_response(
    request: HttpRequest, document: PlanDocument, parent: PlanItem | None
) -> HttpResponse:
    """The re-rendered list of ``parent``'s children (or the top of the tree), for htmx swaps;
    without htmx a redirect to the document."""
    if not _is_htmx(request):
        return redirect(document)
    context = _document_context(request, document)
    if parent is None:
        context["nodes"] = tree_top(document)
        context["expand_top"] = True
    else:
        context["nodes"] = tree_children(parent)
    return render(request, "planning/_tree_nodes.html", context)


@require_GET
def item_children(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk)
    context = _document_context(request, item.document)
    context["nodes"] = tree_children(item)
    return render(request, "planning/_tree_nodes.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    current = _government(request)
    document = plan_document_get_for_user(request.user, current, pk, write=True)
    parent_pk = request.GET.get("induk") or request.POST.get("induk")
    parent = None
    if parent_pk:
        if not str(parent_pk).isdigit():
            raise Http404(_("No such plan item."))
        parent = PlanItem.objects.filter(
            government=current, document=document, pk=int(parent_pk)
        ).first()
        if parent is None:
            raise Http404(_("No such plan item."))
    kinds = services.allowed_child_kinds(document, parent)
    if not kinds:
        raise Http404(_("Nothing can be added under this item."))
    form = ItemCreateForm(_data(request), document=document, kinds=kinds, parent=parent)
    context = {
        "document": document,
        "parent": parent,
        "form": form,
        "fragment": "planning/_item_create_form.html",
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.plan_item_create(
                    document=document,
                    parent=parent,
                    kind=form.cleaned_data["kind"],
                    nomenclature_item=form.cleaned_data.get("nomenclature_item"),
                    text=form.cleaned_data["text"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, _error_message(error))
            else:
                return _siblings_response(request, document, parent)
        response = render(
            request, _form_template(request, "planning/_item_create_form.html"), context, status=422
        )
        if _is_htmx(request):
            response["HX-Retarget"] = f"#form-slot-{parent.pk if parent else 'root'}"
            response["HX-Reswap"] = "innerHTML"
        return response
    return render(request, _form_template(request, "planning/_item_create_form.html"), context)


def _form_template(request: HttpRequest, fragment: str) -> str:
    """A form fragment for htmx; the same fragment inside a full page otherwise."""
    return fragment if _is_htmx(request) else "planning/item_form_page.html"


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk, write=True)
    form = ItemEditForm(_data(request), item=item)
    context = {
        "document": item.document,
        "item": item,
        "form": form,
        "fragment": "planning/_item_edit_form.html",
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.plan_item_update(
                    item=item,
                    text=form.cleaned_data["text"],
                    nomenclature_item=form.cleaned_data.get("nomenclature_item"),
                    funding_source=form.cleaned_data.get("funding_source", ""),
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, _error_message(error))
            else:
                if not _is_htmx(request):
                    return redirect(item)
                node = tree_children_one(item)
                node_context = _document_context(request, item.document)
                node_context["node"] = node
                return render(request, "planning/_tree_row.html", node_context)
        return render(
            request, _form_template(request, "planning/_item_edit_form.html"), context, status=422
        )
    return render(request, _form_template(request, "planning/_item_edit_form.html"), context)


def tree_children_one(item: PlanItem) -> PlanItem:
    """``item`` again with its ``child_count``, as the tree shows it."""
    siblings = tree_children(item.parent) if item.parent else tree_top(item.document)
    return next(node for node in siblings if node.pk == item.pk)


@login_required
@require_POST
def item_move(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk, write=True)
    offset = -1 if request.POST.get("arah") == "naik" else 1
    services.plan_item_move(item=item, offset=offset, by=request.user)
    return _siblings_response(request, item.document, item.parent)


@login_required
@require_POST
def item_delete(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk, write=True)
    document, parent = item.document, item.parent
    services.plan_item_delete(item=item, by=request.user)
    return _siblings_response(request, document, parent)


# --- one item -------------------------------------------------------------------------------


@require_GET
def item_detail(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk)
    document = item.document
    node = plan_tree(document, root=item).nodes[item.pk]
    context = _document_context(request, document)
    context.update(
        {
            "item": item,
            "node": node,
            "path": chain_up(item, max_hops=1)[-1].path,
            "served_by": list(
                PlanItemAlignment.objects.filter(government=item.government, target=item)
                .exclude(item__document__state=DocumentState.DIGANTI)
                .select_related("item__document", "item__document__agency")
            ),
            "renja_items": list(
                PlanItem.objects.filter(government=item.government, source_item=item)
                .exclude(document__state=DocumentState.DIGANTI)
                .select_related("document")
            ),
            "child_kinds": services.allowed_child_kinds(document, item),
            "aligning_kinds": ("misi", "tujuan", "sasaran"),
        }
    )
    return render(request, "planning/item_detail.html", context)


@require_GET
def item_chain(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk)
    return render(
        request,
        "planning/item_chain.html",
        {
            "item": item,
            "document": item.document,
            "up": chain_up(item),
            "down": chain_down(item, user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk, write=True)
    if not item.takes_indicators:
        raise Http404(_("This level has no indicators."))
    form = IndicatorForm(_data(request), years=item.document.target_years)
    context = {"item": item, "document": item.document, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                indicator = services.indicator_create(
                    item=item, by=request.user, targets=form.targets(), **form.indicator_fields()
                )
            except ValidationError as error:
                form.add_error(None, _error_message(error))
            else:
                return redirect(f"{item.get_absolute_url()}#indicator-{indicator.pk}")
        return render(request, "planning/indicator_form.html", context, status=422)
    return render(request, "planning/indicator_form.html", context)


def _indicator_for(request: HttpRequest, pk: int) -> Indicator:
    current = _government(request)
    indicator = Indicator.objects.filter(government=current, pk=pk).first()
    if indicator is None:
        raise Http404(_("No such indicator."))
    indicator.item = plan_item_get_for_user(request.user, current, indicator.item_id, write=True)
    return indicator


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    indicator = _indicator_for(request, pk)
    item = indicator.item
    form = IndicatorForm(_data(request), instance=indicator, years=item.document.target_years)
    context = {"item": item, "document": item.document, "form": form, "indicator": indicator}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.indicator_update(
                    indicator=indicator,
                    by=request.user,
                    targets=form.targets(),
                    **form.indicator_fields(),
                )
            except ValidationError as error:
                form.add_error(None, _error_message(error))
            else:
                return redirect(f"{item.get_absolute_url()}#indicator-{indicator.pk}")
        return render(request, "planning/indicator_form.html", context, status=422)
    return render(request, "planning/indicator_form.html", context)


@login_required
@require_POST
def indicator_delete(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    indicator = _indicator_for(request, pk)
    item = indicator.item
    services.indicator_delete(indicator=indicator, by=request.user)
    return redirect(item)


@login_required
@require_http_methods(["GET", "POST"])
def item_funding(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk, write=True)
    if not item.takes_funding:
        raise Http404(_("Only programs, kegiatan and sub kegiatan carry a pagu indikatif."))
    current = dict(item.funding.values_list("year", "amount"))
    form = FundingForm(_data(request), years=item.document.target_years, current=current)
    context = {"item": item, "document": item.document, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.funding_set(item=item, amounts=form.amounts(), by=request.user)
            except ValidationError as error:
                form.add_error(None, _error_message(error))
            else:
                return redirect(f"{item.get_absolute_url()}#funding")
        return render(request, "planning/item_funding.html", context, status=422)
    return render(request, "planning/item_funding.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_alignment(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk, write=True)
    form = AlignmentForm(_data(request), item=item)
    context = {"item": item, "document": item.document, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.plan_item_alignments_set(
                    item=item, targets=form.cleaned_data["targets"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, _error_message(error))
            else:
                return redirect(f"{item.get_absolute_url()}#alignment")
        return render(request, "planning/item_alignment.html", context, status=422)
    return render(request, "planning/item_alignment.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_locations(request: HttpRequest, government: str, pk: int) -> HttpResponse:
    item = plan_item_get_for_user(request.user, _government(request), pk, write=True)
    if item.document.kind != DocumentKind.RENJA:
        raise Http404(_("Locations are set on Renja items."))
    form = LocationForm(_data(request), item=item)
    context = {"item": item, "document": item.document, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.plan_item_locations_set(
                    item=item, regions=form.cleaned_data["regions"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, _error_message(error))
            else:
                return redirect(item)
        return render(request, "planning/item_locations.html", context, status=422)
    return render(request, "planning/item_locations.html", context)
