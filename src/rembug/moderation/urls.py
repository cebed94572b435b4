from django.urls import path

from rembug.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("pengaturan/", views.moderation_settings, name="settings"),
    path("pengaturan/kata/<int:pk>/hapus/", views.blocked_term_remove, name="term_remove"),
    path("akun/<int:user>/buka/", views.account_unblock, name="account_unblock"),
    path("pratinjau/", views.pii_preview, name="pii_preview"),
    path("tandai/<slug:kind>/<int:pk>/", views.flag, name="flag"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/putuskan/", views.item_decide, name="decide"),
    path("<int:pk>/banding/", views.appeal, name="appeal"),
    path("<int:pk>/banding/tolak/", views.appeal_reject, name="appeal_reject"),
    path("<int:pk>/blokir-akun/", views.account_block, name="account_block"),
]
