from django.urls import path

from rembug.moderation import signup_views

app_name = "signup"

urlpatterns = [
    path("", signup_views.signup, name="start"),
    path("verifikasi/<uidb64>/<token>/", signup_views.verify, name="verify"),
]
