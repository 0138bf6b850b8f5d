from __future__ import annotations

from django.urls import path

from imgpath.accounts import views

urlpatterns = [
    path("account/", views.account_settings, name="account_settings"),
    path("account/tokens/", views.api_token_create, name="api_token_create"),
    path("account/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("account/export/", views.data_export, name="data_export"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("community/", views.community, name="community"),
]
