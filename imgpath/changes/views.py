from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.changes import selectors, services
from imgpath.changes.forms import PHASE_LABELS, ChangeFilterForm, EmailPreferenceForm, PublishForm
from imgpath.changes.models import ChangeEmailPreference, ChangeSet
from imgpath.core.errors import ServiceError
from imgpath.core.fragments import FRAGMENT_SECONDS, content_version
from imgpath.core.permissions import staff_required
from imgpath.core.template_choices import template_choices

PAGE_SIZE = 50


def change_list(request: HttpRequest) -> HttpResponse:
    """Public and the same for every visitor: the body is cached per version of the log."""
    version = content_version("changes")
    key = f"changes:list:{version}:{request.GET.urlencode()}"
    body = cache.get(key)
    if body is None:
        # Rendered without the request (the body is shared), so the choices come in by hand.
        context = {**template_choices(), **_list_context(request)}
        body = render_to_string("changes/_list_body.html", context)
        cache.set(key, body, FRAGMENT_SECONDS)
    # Our own rendered template, escaped when it was rendered.
    return render(request, "changes/list.html", {"body": mark_safe(body)})  # noqa: S308


def _list_context(request: HttpRequest) -> dict[str, object]:
    form = ChangeFilterForm(request.GET or None, countries=selectors.countries_named())
    phase = country = None
    if form.is_valid():
        phase = form.cleaned_data["phase"] or None
        country = form.cleaned_data["country"] or None
    changes = selectors.filtered_changes(phase=phase, country=country)
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "page": page,
        "total": len(changes),
        "phase_labels": PHASE_LABELS,
        "query": query.urlencode(),
    }


def change_set_detail(request: HttpRequest, key: str) -> HttpResponse:
    change_set = selectors.published_set(key)
    if change_set is None:
        raise Http404("No published change set with this key.")
    return render(
        request,
        "changes/set.html",
        {
            "change_set": change_set,
            "changes": change_set.changes.all(),
            "phase_labels": PHASE_LABELS,
        },
    )


@login_required
def my_notices(request: AuthenticatedHttpRequest) -> HttpResponse:
    preference = ChangeEmailPreference.objects.filter(user=request.user).first()
    form = EmailPreferenceForm(
        initial={"email_rule_changes": preference.email_rule_changes if preference else True}
    )
    notices = selectors.notices_for(request.user)
    return render(request, "changes/mine.html", {"notices": notices, "form": form})


@login_required
@require_POST
def mark_notices_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = services.mark_read(request.user)
    messages.success(request, f"Marked {count} update{'s' if count != 1 else ''} as read.")
    return redirect("changes:mine")


@login_required
@require_POST
def email_preference(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EmailPreferenceForm(request.POST)
    if form.is_valid():
        wanted = form.cleaned_data["email_rule_changes"]
        services.set_email_preference(request.user, email_rule_changes=wanted)
        messages.success(
            request,
            "You will get an email when a rule that affects you changes."
            if wanted
            else "You will no longer get emails about rule changes; they still appear here.",
        )
    return redirect("changes:mine")


@staff_required
def staff_change_sets(request: HttpRequest) -> HttpResponse:
    sets = ChangeSet.objects.all().prefetch_related("changes")
    return render(request, "changes/staff_list.html", {"sets": sets})


@staff_required
def staff_change_set(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    change_set = get_object_or_404(ChangeSet, key=key)
    form = PublishForm(request.POST or None, initial={"summary": change_set.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.publish(change_set, summary=form.cleaned_data["summary"], by=request.user)
        except ServiceError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(
                request,
                f"Published {change_set.key}; the applicants it affects are being notified.",
            )
            return redirect("changes:staff_list")
    return render(
        request,
        "changes/staff_set.html",
        {
            "change_set": change_set,
            "changes": change_set.changes.all(),
            "form": form,
            "phase_labels": PHASE_LABELS,
        },
        status=422 if form.errors else 200,
    )
