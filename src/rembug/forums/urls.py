from django.urls import path

from rembug.forums import views

app_name = "forums"

urlpatterns = [
    path("", views.forum_list, name="list"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("<int:pk>/usulan/<int:input_pk>/", views.input_detail, name="input"),
]
