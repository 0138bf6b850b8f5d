from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.permissions import require_applicant
from imgpath.profiles.editor import ProfileEditor
from imgpath.profiles.forms import ProfileImportForm
from imgpath.profiles.selectors import profile_data_for
from imgpath.profiles.services import profile_import, profile_save


@never_cache
@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_applicant(request)
    document = profile_data_for(request.user)
    if request.method != "POST":
        return _render(request, ProfileEditor(document))
    editor = ProfileEditor(document, data=request.POST)
    if editor.is_valid():
        try:
            profile_save(user=request.user, data=editor.document())
        except ServiceError as exc:
            editor.add_error(exc.field or "profile", exc.message)
        else:
            messages.success(request, "Profile saved. Your roadmap has been recalculated.")
            return redirect("profile_edit")
    messages.error(request, "Some answers need fixing; they are marked below.")
    return _render(request, editor, status=422)


def _render(request: HttpRequest, editor: ProfileEditor, status: int = 200) -> HttpResponse:
    context = {"editor": editor, "import_form": ProfileImportForm()}
    return render(request, "profiles/edit.html", context, status=status)


@never_cache
@login_required
def profile_download(request: HttpRequest) -> HttpResponse:
    require_applicant(request)
    body = json.dumps(profile_data_for(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="imgpath-profile.json"'
    return response


@login_required
@require_POST
def profile_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_applicant(request)
    form = ProfileImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            profile_import(user=request.user, content=form.cleaned_data["file"].read())
        except ServiceError as exc:
            where = f"{exc.field}: " if exc.field not in (None, "profile") else ""
            messages.error(request, f"Nothing was changed. {where}{exc.message}")
        else:
            messages.success(request, "Profile imported. Check the answers below.")
    else:
        messages.error(request, "Choose a JSON file to import.")
    return redirect("profile_edit")
