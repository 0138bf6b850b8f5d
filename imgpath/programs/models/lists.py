"""A person's saved programs ("My programs") with notes and tags."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from imgpath.programs.models.directory import Program


class SavedProgram(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_programs"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(max_length=2000, blank=True)
    tags = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="saved_program_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} saved {self.program.acgme_id}"
