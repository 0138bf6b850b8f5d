from __future__ import annotations

from django.urls import path

from imgpath.roadmap import views

urlpatterns = [
    path("roadmap/", views.roadmap, name="roadmap"),
    path("roadmap/roadmap.pdf", views.roadmap_download_pdf, name="roadmap_pdf"),
    path("roadmap/calendar/", views.calendar_settings, name="roadmap_calendar"),
    path("roadmap/calendar/rotate/", views.calendar_rotate, name="roadmap_calendar_rotate"),
    path("roadmap/feed/<str:token>.ics", views.calendar_feed, name="roadmap_calendar_feed"),
    path("staff/rules/", views.rules_review, name="rules_review"),
    path("staff/rules/recheck/", views.fact_mark_rechecked, name="fact_mark_rechecked"),
]
