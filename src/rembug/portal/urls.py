from django.urls import path

from rembug.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.government_home, name="home"),
]
