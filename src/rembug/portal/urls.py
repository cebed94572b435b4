from django.urls import path

from rembug.portal import ckan, views

app_name = "portal"

urlpatterns = [
    path("", views.government_home, name="home"),
    # Replaces the governments app's agency page at the same address (portal is mounted first).
    path("perangkat-daerah/<slug:agency>/", views.agency_detail, name="agency"),
    path("data/", views.data_catalogue, name="data_catalogue"),
    path("data/data.json", views.data_json, name="data_json"),
    path("data/<slug:dataset>.<slug:fmt>", views.dataset_download, name="dataset_download"),
    path("api/3/action/<slug:action>", ckan.ckan_action, name="ckan_action"),
]
