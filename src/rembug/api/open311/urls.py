from __future__ import annotations

from django.urls import URLPattern, re_path

from rembug.api.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>xml|json)$"

urlpatterns: list[URLPattern] = [
    re_path(rf"^discovery{FMT}", views.discovery, name="discovery"),
    re_path(rf"^services{FMT}", views.service_list, name="services"),
    re_path(rf"^services/(?P<code>[^/]+?){FMT}", views.service_detail, name="service"),
    re_path(rf"^requests{FMT}", views.request_list, name="requests"),
    re_path(rf"^requests/(?P<request_id>[^/]+?){FMT}", views.request_detail, name="request"),
    re_path(rf"^tokens/(?P<token>[^/]+?){FMT}", views.token_detail, name="token"),
]
