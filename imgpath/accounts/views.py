from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts import services
from imgpath.accounts.forms import ApiTokenForm, DeleteAccountForm, NameForm
from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.accounts.models import ApiToken, Role, User
from imgpath.core.errors import ServiceError
from imgpath.core.privacy import user_data_erase, user_data_export


def _get_token_for_user(request: HttpRequest, pk: int) -> ApiToken:
    return get_object_or_404(ApiToken, pk=pk, user=request.user)


@never_cache
@login_required
def account_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    name_form = NameForm(initial={"name": request.user.name})
    if request.method == "POST":
        name_form = NameForm(request.POST)
        if name_form.is_valid():
            services.user_update_name(user=request.user, name=name_form.cleaned_data["name"])
            messages.success(request, "Your name was saved.")
            return redirect("account_settings")
    return render(
        request, "accounts/settings.html", _settings_context(request, name_form=name_form)
    )


def _settings_context(request: AuthenticatedHttpRequest, **extra: object) -> dict[str, object]:
    return {
        "name_form": NameForm(initial={"name": request.user.name}),
        "token_form": ApiTokenForm(),
        "tokens": request.user.api_tokens.all(),
        "delete_form": DeleteAccountForm(user=request.user),
        **extra,
    }


@never_cache
@login_required
@require_POST
def api_token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    new_secret = None
    if form.is_valid():
        try:
            token, new_secret = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ServiceError as exc:
            form.add_error("name", exc.message)
        else:
            messages.success(
                request, f"Token “{token.name}” created. Copy it now: it is shown only once."
            )
    context = _settings_context(
        request, token_form=form if new_secret is None else ApiTokenForm(), new_secret=new_secret
    )
    status = 200 if form.is_valid() and new_secret else 422
    return render(request, "accounts/settings.html", context, status=status)


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = _get_token_for_user(request, pk)
    services.api_token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked; scripts using it stop working now.")
    return redirect("account_settings")


@never_cache
@login_required
def data_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    payload = user_data_export(user=request.user)
    stamp = timezone.now().strftime("%Y%m%d")
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="imgpath-data-{stamp}.json"'
    return response


@never_cache
@login_required
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user_data_erase(user=user)
        messages.success(request, "Your account and everything stored about you were deleted.")
        return redirect("home")
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


def community(request: HttpRequest) -> HttpResponse:
    people = User.objects.publicly_listed().only("name", "role", "approved_at")
    context = {
        "hosts": [p for p in people if p.role == Role.HOST],
        "mentors": [p for p in people if p.role == Role.MENTOR],
    }
    return render(request, "accounts/community.html", context)
