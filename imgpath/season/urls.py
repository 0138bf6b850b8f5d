from __future__ import annotations

from django.urls import path

from imgpath.season import (
    letter_request,
    views,
    views_actions,
    views_documents,
    views_interviews,
    views_signals,
)

urlpatterns = [
    path("season/", views.season_home, name="season_home"),
    path("season/export.csv", views.season_export, name="season_export"),
    path("season/programs/add/", views.season_add, name="season_add"),
    path("season/programs/<int:pk>/status/", views.season_status, name="season_status"),
    path(
        "season/programs/<int:pk>/documents/",
        views_actions.program_documents,
        name="season_program_documents",
    ),
    path("season/signals/", views_signals.season_signals, name="season_signals"),
    path("season/interviews/", views_interviews.season_interviews, name="season_interviews"),
    path(
        "season/interviews/<int:pk>/",
        views_interviews.interview_edit,
        name="season_interview_edit",
    ),
    path(
        "season/ranked/copy-to-mock-match/",
        views_actions.copy_to_mock_match,
        name="season_copy_to_mock",
    ),
    path("season/interviews/add/", views.season_interview_add, name="season_interview_add"),
    path(
        "season/interviews/<int:pk>/date/",
        views_actions.interview_choose,
        name="season_interview_choose",
    ),
    path(
        "season/interviews/<int:pk>/thank-you/",
        views_actions.interview_thank_you,
        name="season_interview_thank_you",
    ),
    path("season/time-zone/", views_actions.season_time_zone, name="season_time_zone"),
    path("season/documents/", views_documents.documents, name="season_documents"),
    path("season/letters/add/", views_documents.letter_add, name="season_letter_add"),
    path(
        "season/letters/<int:pk>/request/",
        letter_request.letter_request,
        name="season_letter_request",
    ),
    path("season/statements/add/", views_documents.statement_add, name="season_statement_add"),
    path(
        "season/statements/<int:pk>/versions/",
        views_documents.version_add,
        name="season_version_add",
    ),
    path(
        "season/statements/<int:pk>/diff/",
        views_documents.statement_diff,
        name="season_statement_diff",
    ),
]
