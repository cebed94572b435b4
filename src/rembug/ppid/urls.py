from django.urls import path

from rembug.ppid import views

app_name = "ppid"

urlpatterns = [
    path("", views.register, name="register"),
    path("minta/", views.request_new, name="new"),
    path("lacak/", views.track_lookup, name="track_lookup"),
    path("lacak/<str:code>/", views.track, name="track"),
    path("lacak/<str:code>/aksi/<slug:action>/", views.track_act, name="track_act"),
    path("permohonan/<int:pk>/", views.request_detail, name="detail"),
    path("permohonan/<int:pk>/aksi/<slug:action>/", views.request_act, name="act"),
    path("antrean/", views.queue, name="queue"),
    path("permohonan-saya/", views.my_requests, name="mine"),
    path("statistik/", views.statistics, name="statistics"),
    path("daftar-informasi/", views.information_list, name="information"),
    path(
        "daftar-informasi/<slug:agency>/",
        views.agency_information,
        name="agency_information",
    ),
    path(
        "daftar-informasi/<slug:agency>/<int:pk>/ubah/",
        views.agency_information_edit,
        name="agency_information_edit",
    ),
    path(
        "daftar-informasi/<slug:agency>/<int:pk>/tarik/",
        views.agency_information_retire,
        name="agency_information_retire",
    ),
]
