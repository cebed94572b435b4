"""Every table Rembug exports, by its official name, for the ``rembug export`` command and the
download view. A table is built from one document of one government."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from rembug.core.tables import Table, render_pdf, render_xlsx
from rembug.governments.models import Government
from rembug.monitoring.tables_eval import e80, e81
from rembug.monitoring.tables_plan import PLAN_TABLES, build_plan_table
from rembug.planning.access import plan_document_get_for_user
from rembug.planning.models import PlanDocument

FORMATS: dict[str, tuple[Callable[[Table], bytes], str]] = {
    "xlsx": (render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": (render_pdf, "application/pdf"),
}


@dataclass(frozen=True)
class Export:
    """``build(document)`` for a table of a plan document of ``kind``."""

    build: Callable[[PlanDocument], Table]
    kind: str


def _plan_export(name: str) -> Export:
    return Export(
        build=lambda document: build_plan_table(name, document), kind=PLAN_TABLES[name][1]
    )


EXPORTS: dict[str, Export] = {
    **{name: _plan_export(name) for name in PLAN_TABLES},
    "E.80": Export(build=e80, kind="renstra"),
    "E.81": Export(build=e81, kind="renja"),
}


def register(name: str, export: Export) -> None:
    """Add a table (monitoring's evaluation tables register themselves here)."""
    EXPORTS[name] = export


def export_document(
    name: str, *, government: Government, document_id: int, user: Any = None, system: bool = False
) -> Table:
    """The table ``name`` of document ``document_id``. ``system`` (the CLI) reads any document;
    otherwise the user needs read access to it (planning's access rule). 404 for an unknown
    table or a document of another kind."""
    export = EXPORTS.get(name)
    if export is None:
        raise Http404(_("No such table."))
    if system:
        document = (
            PlanDocument.objects.filter(government=government, pk=document_id)
            .select_related("government", "agency")
            .first()
        )
        if document is None:
            raise Http404(_("No such plan document."))
    else:
        document = plan_document_get_for_user(user, government, document_id)
    if document.kind != export.kind:
        raise Http404(_("This table is not made from this kind of document."))
    return export.build(document)


def render(table: Table, fmt: str) -> bytes:
    return FORMATS[fmt][0](table)
