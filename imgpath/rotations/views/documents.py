"""The private document vault and the one door documents leave through."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.refusals import add_service_error, refused
from imgpath.rotations import selectors, services
from imgpath.rotations.forms import DocumentUploadForm
from imgpath.rotations.models import Document
from imgpath.rotations.views.common import applicant_required, private_download


def _get_document_for_owner(request: HttpRequest, pk: int) -> Document:
    return get_object_or_404(Document, pk=pk, owner=request.user)


def _get_document_for_viewer(request: HttpRequest, pk: int) -> Document:
    document = get_object_or_404(Document, pk=pk)
    if not selectors.document_visible_to(request.user, document):
        raise Http404
    return document


@never_cache
@applicant_required
def document_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                owner=request.user,
                doc_type=form.cleaned_data["doc_type"],
                upload=form.cleaned_data["file"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Document saved to your private vault.")
            return redirect("document_list")
    context = {
        "form": form,
        "documents": request.user.rotation_documents.all(),
        "max_mb": settings.PRIVATE_UPLOAD_MAX_BYTES // (1024 * 1024),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "rotations/documents.html", context, status=status)


@never_cache
@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = _get_document_for_viewer(request, pk)
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    return private_download(response, document.download_name)


@applicant_required
@require_POST
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document_for_owner(request, pk)
    try:
        services.document_delete(document=document)
    except ServiceError as exc:
        return refused(request, exc, "document_list")
    messages.success(request, "Document deleted from your vault and from our storage.")
    return redirect("document_list")
