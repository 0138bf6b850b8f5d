from __future__ import annotations

from django.urls import path

from imgpath.library import views
from imgpath.library.feeds import LibraryFeed

app_name = "library"

urlpatterns = [
    path("library/", views.library_index, name="index"),
    path("library/feed/", LibraryFeed(), name="feed"),
    path("library/<slug:slug>/", views.article_detail, name="article"),
    path("staff/library/", views.staff_review, name="staff_review"),
]
