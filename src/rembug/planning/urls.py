from django.urls import path

from rembug.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.document_list, name="documents"),
    path("baru/", views.document_create, name="document_create"),
    path("dokumen/<int:pk>/", views.document_detail, name="document"),
    path("dokumen/<int:pk>/ubah/", views.document_edit, name="document_edit"),
    path("dokumen/<int:pk>/status/", views.document_transition, name="document_transition"),
    path("dokumen/<int:pk>/perubahan/", views.document_amend, name="document_amend"),
    path("dokumen/<int:pk>/bandingkan/", views.document_compare, name="document_compare"),
    path("dokumen/<int:pk>/periksa/", views.document_check, name="document_check"),
    path("dokumen/<int:pk>/templat.xlsx", views.document_template, name="document_template"),
    path("dokumen/<int:pk>/impor/", views.document_import, name="document_import"),
    path("dokumen/<int:pk>/renja-baru/", views.renja_create, name="renja_create"),
    path("dokumen/<int:pk>/salin-tahun-berikut/", views.renja_copy, name="renja_copy"),
    path("dokumen/<int:pk>/butir-baru/", views.item_create, name="item_create"),
    path("butir/<int:pk>/", views.item_detail, name="item"),
    path("butir/<int:pk>/anak/", views.item_children, name="item_children"),
    path("butir/<int:pk>/ubah/", views.item_edit, name="item_edit"),
    path("butir/<int:pk>/pindah/", views.item_move, name="item_move"),
    path("butir/<int:pk>/hapus/", views.item_delete, name="item_delete"),
    path("butir/<int:pk>/rantai/", views.item_chain, name="item_chain"),
    path("butir/<int:pk>/indikator-baru/", views.indicator_create, name="indicator_create"),
    path("butir/<int:pk>/pagu/", views.item_funding, name="item_funding"),
    path("butir/<int:pk>/keselarasan/", views.item_alignment, name="item_alignment"),
    path("butir/<int:pk>/lokasi/", views.item_locations, name="item_locations"),
    path("indikator/<int:pk>/ubah/", views.indicator_edit, name="indicator_edit"),
    path("indikator/<int:pk>/hapus/", views.indicator_delete, name="indicator_delete"),
]
