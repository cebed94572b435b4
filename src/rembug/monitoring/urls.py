from django.urls import path

from rembug.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("ekspor/<str:table>/<int:document_id>.<str:fmt>", views.export, name="export"),
]
