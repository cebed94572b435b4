from django.contrib import admin
from django.urls import include, path, re_path

from rembug.api.v1.api import api as api_v1
from rembug.api.v1.api import not_found as api_v1_not_found
from rembug.core.views import healthz
from rembug.governments.views import government_list

# Module URL sets under /<government>/ are added here as the modules land.
government_patterns = [
    path("", include("rembug.portal.urls")),
    path("", include("rembug.governments.urls")),
    path("rencana/", include("rembug.planning.urls")),
    path("aduan/", include("rembug.complaints.urls")),
    path("forum/", include("rembug.forums.urls")),
    path("moderasi/", include("rembug.moderation.urls")),
    path("ppid/", include("rembug.ppid.urls")),
    path("monitoring/", include("rembug.monitoring.urls")),
    path("open311/", include("rembug.api.open311.ui_urls")),
    path("cari/", include("rembug.search.urls")),
]

urlpatterns = [
    path("", government_list, name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/daftar/", include("rembug.moderation.signup_urls")),
    path("akun/data/", include("rembug.portal.account_urls")),  # my data (UU 27/2022)
    path("akun/", include("rembug.accounts.urls")),
    path("admin/", admin.site.urls),
    path("nomenklatur/", include("rembug.nomenclature.urls")),
    path("api/v1/", api_v1.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_v1_not_found, name="api_v1_not_found"),
    path("open311/v2/", include("rembug.api.open311.urls")),
    path("<slug:government>/", include(government_patterns)),
]
