from django.urls import path

from rembug.governments import views

app_name = "governments"

urlpatterns = [
    path("perangkat-daerah/", views.agency_list, name="agency_list"),
    path("perangkat-daerah/<slug:agency>/", views.agency_detail, name="agency"),
    path("perangkat-daerah/<slug:agency>/ubah/", views.agency_edit, name="agency_edit"),
    path("riwayat/", views.audit_log, name="audit_log"),
    path(
        "riwayat/<int:content_type>/<str:object_id>/",
        views.audit_record_history,
        name="audit_record",
    ),
]
