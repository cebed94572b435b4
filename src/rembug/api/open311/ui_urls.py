from __future__ import annotations

from django.urls import path

from rembug.api.open311 import ui

app_name = "open311_clients"

urlpatterns = [
    path("", ui.client_list, name="list"),
    path("<int:pk>/cabut/", ui.client_revoke, name="revoke"),
]
