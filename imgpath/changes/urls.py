from __future__ import annotations

from django.urls import path

from imgpath.changes import views
from imgpath.changes.feeds import RuleChangesFeed

app_name = "changes"

urlpatterns = [
    path("changes/", views.change_list, name="list"),
    path("changes/feed/", RuleChangesFeed(), name="feed"),
    path("changes/mine/", views.my_notices, name="mine"),
    path("changes/mine/read/", views.mark_notices_read, name="mark_read"),
    path("changes/mine/email/", views.email_preference, name="email_preference"),
    path("changes/<slug:key>/", views.change_set_detail, name="set"),
    path("staff/rules/changes/", views.staff_change_sets, name="staff_list"),
    path("staff/rules/changes/<slug:key>/", views.staff_change_set, name="staff_set"),
]
