from __future__ import annotations

from django.urls import path

from imgpath.season import views

urlpatterns = [
    path("season/", views.season_home, name="season_home"),
    path("season/export.csv", views.season_export, name="season_export"),
    path("season/programs/add/", views.season_add, name="season_add"),
    path("season/programs/<int:pk>/status/", views.season_status, name="season_status"),
    path("season/interviews/add/", views.season_interview_add, name="season_interview_add"),
]
