"""A generic engine for the official tables people print and sign (T-C.27, E.81, …).

A table is declared once (:class:`Table`: title, subtitle lines, a header tree of
:class:`Group` and :class:`Col`, rows with levels) and rendered to XLSX (:func:`render_xlsx`) or
to a landscape A4 PDF (:func:`render_pdf`). The engine knows nothing of plans: the definitions
live with the data they read (planning, monitoring, forums).
"""

from rembug.core.tables.numbers import format_value
from rembug.core.tables.pdf import render_pdf
from rembug.core.tables.spec import Col, Fmt, Group, HeaderCell, Row, Table
from rembug.core.tables.xlsx import render_xlsx

__all__ = [
    "Col",
    "Fmt",
    "Group",
    "HeaderCell",
    "Row",
    "Table",
    "format_value",
    "render_pdf",
    "render_xlsx",
]
