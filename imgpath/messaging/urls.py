from __future__ import annotations

from django.urls import path

from imgpath.messaging import views

app_name = "messaging"
urlpatterns = [
    path("messages/", views.threads, name="threads"),
    path("messages/unread/", views.unread_badge, name="unread_badge"),
    path("messages/settings/", views.email_settings, name="email_settings"),
    path("messages/<int:pk>/", views.thread, name="thread"),
    path("messages/message/<int:pk>/report/", views.report, name="report"),
    path("messages/block/<int:user_id>/", views.block, name="block"),
    path("messages/unblock/<int:user_id>/", views.unblock, name="unblock"),
    path(
        "messages/rotation-application/<int:application_id>/",
        views.rotation_application_thread,
        name="rotation_application",
    ),
    path("messages/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("staff/moderation/", views.moderation_queue, name="moderation"),
    path("staff/moderation/<int:pk>/", views.moderation_decide, name="moderation_decide"),
]
