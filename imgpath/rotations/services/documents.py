"""The private document vault: checked on the way in, deleted from disk on the way out."""

from __future__ import annotations

import secrets
import unicodedata
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q

from imgpath.accounts.models import User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.rotations.choices import (
    PENDING_APPLICATION_STATUSES,
    ApplicationStatus,
    BookingStatus,
    DocumentType,
)
from imgpath.rotations.models import Document

MAX_DOCUMENTS = 40
# Each accepted type: the extensions that may carry it and the bytes the file must start with.
ACCEPTED = {
    "application/pdf": ({"pdf"}, (b"%PDF-",)),
    "image/jpeg": ({"jpg", "jpeg"}, (b"\xff\xd8\xff",)),
    "image/png": ({"png"}, (b"\x89PNG\r\n\x1a\n",)),
}
EXTENSION_FOR = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def detect_content_type(*, name: str, head: bytes) -> str:
    """The content type when both the extension and the magic bytes agree, else refuse."""
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    for content_type, (extensions, signatures) in ACCEPTED.items():
        if extension in extensions and head.startswith(signatures):
            return content_type
    raise ServiceError("Upload a PDF, JPEG or PNG file.", field="file")


def display_name(name: str) -> str:
    """The uploader's file name, reduced to printable characters; shown, never used as a path."""
    base = PurePath((name or "").replace("\\", "/")).name
    printable = "".join(c for c in base if unicodedata.category(c)[0] not in {"C", "Z"} or c == " ")
    return printable.strip()[:120] or "document"


def _check_size(upload: UploadedFile) -> None:
    limit = settings.PRIVATE_UPLOAD_MAX_BYTES
    if not upload.size:
        raise ServiceError("The file is empty.", field="file")
    if upload.size > limit:
        raise ServiceError(f"The file is larger than {limit // (1024 * 1024)} MB.", field="file")


@transaction.atomic
def document_upload(*, owner: User, doc_type: str, upload: UploadedFile) -> Document:
    if doc_type not in DocumentType.values:
        raise ServiceError("Choose what kind of document this is.", field="doc_type")
    if owner.rotation_documents.count() >= MAX_DOCUMENTS:
        raise ServiceError(f"Your vault holds at most {MAX_DOCUMENTS} documents; delete one first.")
    _check_size(upload)
    upload.seek(0)
    content_type = detect_content_type(name=upload.name or "", head=upload.read(16))
    upload.seek(0)
    document = Document(
        owner=owner,
        doc_type=doc_type,
        original_name=display_name(upload.name or ""),
        content_type=content_type,
        size=upload.size or 0,
    )
    document.file.save(f"{secrets.token_hex(16)}.{EXTENSION_FOR[content_type]}", upload, save=False)
    try:
        document.full_clean(exclude=["file"])
        document.save()
    except Exception:
        default_storage.delete(document.file.name or "")
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Refused while an open application or booking uses the document."""
    in_use = Q(status__in=PENDING_APPLICATION_STATUSES) | Q(
        status=ApplicationStatus.ACCEPTED, booking__status=BookingStatus.BOOKED
    )
    if document.applications.filter(in_use).exists():
        raise ConflictError(
            "An open application or booking uses this document; withdraw or finish it first."
        )
    name = document.file.name
    document.delete()
    delete_files_after_commit([name])


def delete_files_after_commit(names: list[str | None]) -> None:
    stored = [n for n in names if n]

    def delete_stored() -> None:
        for name in stored:
            default_storage.delete(name)

    transaction.on_commit(delete_stored)
