"""The private document vault: what gets in, who gets it out, and that deletion is real."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from imgpath.core.errors import ConflictError, ServiceError
from imgpath.rotations import services
from imgpath.rotations.models import Document
from imgpath.rotations.services.documents import display_name
from imgpath.rotations.tests.factories import PNG_BYTES, apply, pdf_bytes, upload

pytestmark = pytest.mark.django_db
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "stored_as"),
    [
        ("cv.pdf", None, "application/pdf"),
        ("photo.PNG", PNG_BYTES, "image/png"),
        ("scan.jpeg", JPEG_BYTES, "image/jpeg"),
        ("scan.jpg", JPEG_BYTES, "image/jpeg"),
    ],
)
def test_pdf_jpeg_and_png_are_stored_privately_under_a_random_name(
    applicant, settings, name, content, stored_as
):
    document = services.document_upload(
        owner=applicant, doc_type="cv", upload=upload(name, content)
    )

    assert document.content_type == stored_as
    assert document.original_name == name
    assert name.split(".")[0] not in document.file.name
    path = document.file.path
    assert path.startswith(str(settings.MEDIA_ROOT))
    assert default_storage.exists(document.file.name)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cv.pdf", PNG_BYTES),
        ("cv.png", pdf_bytes()),
        ("cv.exe", pdf_bytes()),
        ("cv", pdf_bytes()),
        ("cv.pdf", b"MZ\x90\x00 not a pdf"),
        ("cv.html", b"<html><script>alert(1)</script>"),
        ("cv.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ],
)
def test_type_is_checked_by_extension_and_magic_bytes(applicant, name, content):
    with pytest.raises(ServiceError, match="PDF, JPEG or PNG"):
        services.document_upload(owner=applicant, doc_type="cv", upload=upload(name, content))
    assert not Document.objects.exists()


def test_size_is_limited_by_settings(applicant, settings):
    settings.PRIVATE_UPLOAD_MAX_BYTES = 1024
    big = pdf_bytes() + b"0" * 2048
    with pytest.raises(ServiceError, match="larger than"):
        services.document_upload(owner=applicant, doc_type="cv", upload=upload("cv.pdf", big))
    with pytest.raises(ServiceError, match="empty"):
        services.document_upload(owner=applicant, doc_type="cv", upload=upload("cv.pdf", b""))


def test_unknown_document_types_are_refused(applicant):
    with pytest.raises(ServiceError):
        services.document_upload(owner=applicant, doc_type="selfie", upload=upload())


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\ana\\cv.pdf", "cv.pdf"),
        ("cv\x00\x1b[31m.pdf", "cv[31m.pdf"),
        ("", "document"),
    ],
)
def test_uploaded_names_are_only_displayed_and_cleaned(raw, shown):
    assert display_name(raw) == shown


class TestDownload:
    @pytest.fixture
    def document(self, applicant):
        return services.document_upload(
            owner=applicant, doc_type="cv", upload=upload("../../cv.pdf")
        )

    def _get(self, client, user, document):
        client.force_login(user)
        response = client.get(reverse("document_download", args=[document.pk]))
        # Reading a streamed body to the end closes the file, as a WSGI server would.
        if response.streaming:
            b"".join(response.streaming_content)
        return response

    def test_the_owner_downloads_it_as_an_attachment_with_safe_headers(
        self, client, applicant, document
    ):
        client.force_login(applicant)
        response = client.get(reverse("document_download", args=[document.pk]))

        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="cv-{document.pk}.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_the_host_of_an_open_application_may_see_it_until_it_is_withdrawn(
        self, client, session, applicant, host
    ):
        application = apply(session, applicant)
        document = application.documents.get()
        assert self._get(client, host, document).status_code == 200

        services.application_withdraw(application=application, withdrawn_by=applicant)

        assert self._get(client, host, document).status_code == 404

    def test_other_people_get_404(
        self, client, session, applicant, other_applicant, other_host, other_session, document
    ):
        apply(session, applicant)
        for user in (other_applicant, other_host):
            assert self._get(client, user, document).status_code == 404

    def test_staff_may_see_it(self, client, staff, document):
        assert self._get(client, staff, document).status_code == 200

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, document):
        response = client.get(reverse("document_download", args=[document.pk]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_there_is_no_public_media_url(self, client, document):
        assert client.get("/" + document.file.name).status_code == 404
        assert client.get("/media/" + document.file.name).status_code == 404


class TestDelete:
    def test_deleting_removes_the_file_after_commit(
        self, applicant, django_capture_on_commit_callbacks
    ):
        document = services.document_upload(owner=applicant, doc_type="cv", upload=upload())
        name = document.file.name
        with django_capture_on_commit_callbacks(execute=True):
            services.document_delete(document=document)
        assert not default_storage.exists(name)
        assert not Document.objects.exists()

    def test_a_document_in_an_open_application_stays(self, session, applicant):
        document = apply(session, applicant).documents.get()
        with pytest.raises(ConflictError):
            services.document_delete(document=document)
        assert default_storage.exists(document.file.name)

    def test_views_delete_only_my_documents(self, client, applicant, other_applicant):
        document = services.document_upload(owner=applicant, doc_type="cv", upload=upload())
        client.force_login(other_applicant)
        assert client.post(reverse("document_delete", args=[document.pk])).status_code == 404
        assert Document.objects.filter(pk=document.pk).exists()
        client.force_login(applicant)
        assert client.post(reverse("document_delete", args=[document.pk])).status_code == 302
        assert not Document.objects.filter(pk=document.pk).exists()

    def test_the_vault_page_uploads_and_lists(self, client, applicant):
        client.force_login(applicant)
        response = client.post(
            reverse("document_list"), {"doc_type": "passport", "file": upload("passport.pdf")}
        )
        assert response.status_code == 302
        page = client.get(reverse("document_list")).content.decode()
        assert "passport.pdf" in page and "Passport" in page

    def test_the_vault_page_shows_refusals(self, client, applicant):
        client.force_login(applicant)
        response = client.post(
            reverse("document_list"), {"doc_type": "cv", "file": upload("cv.pdf", PNG_BYTES)}
        )
        assert response.status_code == 422
        assert "PDF, JPEG or PNG" in response.content.decode()
