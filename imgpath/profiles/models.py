"""The applicant's profile, stored as the validated JSON document of the profile contract.

The document's shape is owned by `imgpath.engines.profile` (parse_profile);
this app stores it, edits it through forms and the API, and hands it to engines.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApplicantProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applicant_profile"
    )
    data = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"
