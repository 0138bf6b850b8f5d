from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from imgpath.core.api import build_api

api = build_api()

admin.site.site_header = "IMGPath staff"
admin.site.site_title = "IMGPath staff"

urlpatterns = [
    path("", include("imgpath.core.urls")),
    path("", include("imgpath.accounts.urls")),
    path("", include("imgpath.profiles.urls")),
    path("", include("imgpath.roadmap.urls")),
    path("", include("imgpath.programs.urls")),
    path("", include("imgpath.rotations.urls")),
    path("", include("imgpath.matching.urls")),
    path("", include("imgpath.changes.urls")),
    path("", include("imgpath.library.urls")),
    path("", include("imgpath.messaging.urls")),
    path("", include("imgpath.mentorship.urls")),
    path("", include("imgpath.season.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("staff/admin/", admin.site.urls),
]

handler400 = "imgpath.core.views.error_400"
handler403 = "imgpath.core.views.error_403"
handler404 = "imgpath.core.views.error_404"
handler500 = "imgpath.core.views.error_500"
