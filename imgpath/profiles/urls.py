from __future__ import annotations

from django.urls import path

from imgpath.profiles import views

urlpatterns = [
    path("profile/", views.profile_edit, name="profile_edit"),
    path("profile/download/", views.profile_download, name="profile_download"),
    path("profile/import/", views.profile_upload, name="profile_upload"),
]
