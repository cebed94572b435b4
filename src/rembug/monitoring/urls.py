from django.urls import path

from rembug.monitoring import item_progress, views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("grafik/<slug:name>.<str:fmt>", views.dashboard_chart, name="chart"),
    path("pimpinan/", views.leadership, name="leadership"),
    path("dprd/", views.dprd, name="dprd"),
    path("renja/<int:pk>/", views.renja_detail, name="renja"),
    path("renja/<int:pk>/grafik/<slug:name>.<str:fmt>", views.renja_chart, name="renja_chart"),
    path("renja/<int:pk>/indikator-langsung/", views.indicator_bind_view, name="bind"),
    path("renja/<int:pk>/triwulan/<int:quarter>/", views.grid, name="grid"),
    path(
        "periode/<int:period_id>/indikator/<int:indicator_id>/",
        views.indicator_cell,
        name="indicator_cell",
    ),
    path(
        "periode/<int:period_id>/butir/<int:item_id>/<str:field>/",
        views.item_cell,
        name="item_cell",
    ),
    path("periode/<int:period_id>/bukti/", views.evidence_upload, name="evidence_upload"),
    path("bukti/<int:pk>/", views.evidence_download, name="evidence"),
    path("periode/<int:period_id>/<str:action>/", views.period_action, name="period_action"),
    path("ekspor/<str:table>/<int:document_id>.<str:fmt>", views.export, name="export"),
    path("butir/<int:item_id>/progres/", item_progress.item_progress, name="item_progress"),
]
