"""Message pages: inbox, one conversation, report, block, unsubscribe, the moderation queue."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.permissions import staff_required
from imgpath.messaging import selectors, services
from imgpath.messaging.forms import EmailSettingsForm, MessageForm, ModerationForm, ReportForm
from imgpath.messaging.models import Report, Topic


@login_required
def threads(request: AuthenticatedHttpRequest) -> HttpResponse:
    prefs = services.email_settings_for(request.user)
    items = [
        {"thread": t, "other": selectors.other_person(t, request.user)}
        for t in selectors.threads_of(request.user)
    ]
    context = {
        "items": items,
        "settings_form": EmailSettingsForm(
            initial={"email_new_messages": prefs.email_new_messages}
        ),
        "blocked": request.user.blocks_made.select_related("blocked"),
    }
    return render(request, "messaging/threads.html", context)


def unread_badge(request: HttpRequest) -> HttpResponse:
    """The header's unread count, loaded by HTMX so other pages pay no query for it."""
    count = selectors.unread_total(request.user) if request.user.is_authenticated else 0
    response = render(request, "messaging/unread_link.html", {"unread_messages": count})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def email_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EmailSettingsForm(request.POST)
    form.is_valid()
    services.email_settings_update(
        user=request.user, email_new_messages=form.cleaned_data.get("email_new_messages", False)
    )
    flash.success(request, "Email settings saved.")
    return redirect("messaging:threads")


@login_required
def thread(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.thread_for_member(request.user, pk)
    form = MessageForm()
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                services.message_send(
                    thread=conversation, sender=request.user, body=form.cleaned_data["body"]
                )
            except ServiceError as exc:
                form.add_error("body", exc.message)
            else:
                return redirect(reverse("messaging:thread", args=[pk]) + "#latest")
    services.thread_mark_read(thread=conversation, user=request.user)
    other = selectors.other_person(conversation, request.user)
    context = {
        "thread": conversation,
        "other": other,
        "thread_messages": selectors.messages_of(conversation),
        "form": form,
        "blocked": other is not None and services.is_blocked(request.user, other),
    }
    status = 422 if form.errors else 200
    return render(request, "messaging/thread.html", context, status=status)


@login_required
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    message = selectors.message_for_member(request.user, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                message=message, reporter=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as exc:
            form.add_error("reason", exc.message)
        else:
            flash.success(request, "Thank you. IMGPath staff will review this message.")
            return redirect("messaging:thread", message.thread_id)
    status = 422 if form.errors else 200
    return render(
        request, "messaging/report.html", {"message": message, "form": form}, status=status
    )


@login_required
@require_POST
def block(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    try:
        services.block_create(blocker=request.user, blocked=person)
    except ServiceError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, "Blocked. They can no longer message you or send you requests.")
    return redirect(_safe_next(request) or "messaging:threads")


@login_required
@require_POST
def unblock(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    services.block_remove(blocker=request.user, blocked_id=user_id)
    flash.success(request, "Unblocked.")
    return redirect("messaging:threads")


@login_required
@require_POST
def rotation_application_thread(request: HttpRequest, application_id: int) -> HttpResponse:
    """Open (or reopen) the applicant-host conversation about one rotation application."""
    from imgpath.rotations.models import Application

    application = (
        Application.objects.select_related("session__offering__host__owner", "applicant")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise Http404
    applicant, owner = application.applicant, application.session.offering.host.owner
    if applicant is None or owner is None or request.user.pk not in {applicant.pk, owner.pk}:
        raise Http404
    conversation = services.thread_open(
        topic=Topic.ROTATION_APPLICATION,
        topic_id=application.pk,
        subject=f"Application: {application.session.offering.title}",
        people=[applicant, owner],
    )
    return redirect("messaging:thread", conversation.pk)


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """No sign-in needed: the link in every message email turns those emails off."""
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "messaging/unsubscribed.html")
    if not services.EmailSettings.objects.filter(unsubscribe_token=token).exists():
        raise Http404
    return render(request, "messaging/unsubscribe.html", {"token": token})


@staff_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    context = {
        "reports": selectors.open_reports(),
        "handled": selectors.handled_reports()[:30],
        "form": ModerationForm(),
    }
    return render(request, "messaging/moderation.html", context)


@staff_required
@require_POST
def moderation_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report_row = get_object_or_404(Report, pk=pk)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        flash.error(request, "Choose an action.")
        return redirect("messaging:moderation")
    try:
        services.report_resolve(
            report=report_row,
            staff=request.user,
            action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
        )
    except ServiceError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, "Report handled.")
    return redirect("messaging:moderation")


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next", "")
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts=None) else None
