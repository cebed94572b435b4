from django.urls import path

from rembug.portal import account_views

urlpatterns = [
    path("", account_views.my_data, name="my_data"),
    path("unduh/", account_views.my_data_download, name="my_data_download"),
    path("hapus-akun/", account_views.my_account_delete, name="my_account_delete"),
    path("akun-terhapus/", account_views.account_deleted, name="account_deleted"),
]
