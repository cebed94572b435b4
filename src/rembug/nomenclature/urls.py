from django.urls import path

from rembug.nomenclature import views

app_name = "nomenclature"

urlpatterns = [
    path("", views.version_list, name="version_list"),
    path("<int:pk>/", views.version_detail, name="version"),
]
