"""The applicant's private document vault: uploaded once, reused for every application."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from imgpath.rotations.choices import DocumentType

# Stored names are random; the uploader's file name is kept for display only.
UPLOAD_DIR = "rotations/documents/"


class Document(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rotation_documents"
    )
    doc_type = models.CharField("Type", max_length=24, choices=DocumentType.choices)
    file = models.FileField(upload_to=UPLOAD_DIR, max_length=200)
    original_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["doc_type", "-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} ({self.original_name})"

    @property
    def extension(self) -> str:
        return (self.file.name or "").rsplit(".", 1)[-1].lower()

    @property
    def download_name(self) -> str:
        """A file name built by us, never the uploader's."""
        return f"{self.doc_type}-{self.pk}.{self.extension}"
