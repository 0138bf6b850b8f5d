from __future__ import annotations

from django.urls import path

from imgpath.mentorship import views

app_name = "mentorship"
urlpatterns = [
    path("mentors/", views.mentors, name="mentors"),
    path("mentors/<int:pk>/", views.mentor_detail, name="mentor_detail"),
    path("mentorship/", views.home, name="home"),
    path("mentorship/profile/", views.edit_profile, name="edit_profile"),
    path("mentorship/settings/", views.mentee_settings, name="settings"),
    path("mentorship/<int:pk>/accept/", views.accept, name="accept"),
    path("mentorship/<int:pk>/decline/", views.decline, name="decline"),
    path("mentorship/<int:pk>/end/", views.end, name="end"),
    path("office-hours/", views.office_hours, name="office_hours"),
    path("office-hours/<int:pk>/book/", views.book, name="book"),
    path("office-hours/bookings/<int:pk>/cancel/", views.cancel_booking, name="cancel_booking"),
    path("office-hours/bookings/<int:pk>.ics", views.booking_ics, name="booking_ics"),
    path("office-hours/feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
