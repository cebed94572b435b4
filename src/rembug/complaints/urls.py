from django.urls import path

from rembug.complaints import routing_views, theme_views, views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("baru/", views.complaint_new, name="new"),
    path("baru/kelurahan/", views.kelurahan_options, name="kelurahan_options"),
    path("baru/cek-darurat/", views.emergency_check_view, name="emergency_check"),
    path("lacak/", views.track_lookup, name="track_lookup"),
    path("lacak/<str:code>/", views.track, name="track"),
    path("lacak/<str:code>/aksi/<slug:action>/", views.track_act, name="track_act"),
    path(
        "lacak/<str:code>/lampiran/<int:attachment>/",
        views.track_attachment,
        name="track_attachment",
    ),
    path("laporan-saya/", views.my_reports, name="mine"),
    path("koordinator/", views.coordinator_queue, name="coordinator_queue"),
    path("darurat/", views.emergency_queue, name="emergency_queue"),
    path("perangkat-daerah/", views.agency_queue_view, name="agency_queue"),
    path("template-jawaban/", views.answer_templates, name="answer_templates"),
    path("kalender/", views.working_calendar, name="calendar"),
    path("kalender/<int:pk>/hapus/", views.working_calendar_remove, name="calendar_remove"),
    path("kalender/layanan/", views.service_level_save, name="service_level_save"),
    path(
        "kalender/layanan/<int:pk>/hapus/", views.service_level_delete, name="service_level_delete"
    ),
    path("rute/", routing_views.routing_models, name="routing"),
    path("rute/latih/", routing_views.routing_retrain, name="routing_retrain"),
    path("rute/<int:version>/aktifkan/", routing_views.routing_activate, name="routing_activate"),
    path("tema/", theme_views.theme_list, name="themes"),
    path("tema/ke-forum/", theme_views.theme_promote, name="theme_promote"),
    path("statistik/", views.statistics_view, name="statistics"),
    path("per-kecamatan/", views.by_kecamatan, name="by_kecamatan"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/aksi/<slug:action>/", views.complaint_act, name="act"),
    path("<int:pk>/lampiran/<int:attachment>/", views.attachment_download, name="attachment"),
]
