from django.urls import path

from rembug.forums import views

app_name = "forums"

urlpatterns = [
    path("", views.forum_list, name="list"),
    path("baru/", views.forum_new, name="new"),
    path("statistik/", views.statistics, name="statistics"),
    path("usulan/<int:input_pk>/", views.input_by_number, name="input_by_number"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("<int:pk>/usulan/baru/", views.input_submit, name="submit"),
    path("<int:pk>/catat/", views.input_capture, name="capture"),
    path("<int:pk>/kelola/", views.forum_manage, name="manage"),
    path("<int:pk>/kelola/analisis/", views.analysis_refresh, name="analysis_refresh"),
    path("<int:pk>/kelola/peserta/", views.participant_create, name="participant_create"),
    path("<int:pk>/kelola/kriteria/", views.criterion_create, name="criterion_create"),
    path("<int:pk>/usulan/<int:input_pk>/nilai/", views.input_score, name="score"),
    path("<int:pk>/usulan/<int:input_pk>/ubah/", views.input_edit, name="edit"),
    path("<int:pk>/hadir/", views.attendance_register, name="attendance_register"),
    path(
        "<int:pk>/peserta/<int:participant_pk>/hadir/",
        views.attendance_mark,
        name="attendance_mark",
    ),
    path("<int:pk>/pernyataan/", views.statement_create, name="statement_create"),
    path(
        "<int:pk>/pernyataan/<int:statement_pk>/tanggapan/",
        views.statement_reaction,
        name="react",
    ),
    path(
        "<int:pk>/pernyataan/<int:statement_pk>/moderasi/",
        views.statement_moderation,
        name="moderate",
    ),
    path("<int:pk>/usulan/<int:input_pk>/", views.input_detail, name="input"),
    path("<int:pk>/usulan/<int:input_pk>/dukung/", views.input_support, name="support"),
    path("<int:pk>/usulan/<int:input_pk>/jawab/", views.input_dispose, name="dispose"),
]
