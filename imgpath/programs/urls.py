from __future__ import annotations

from django.urls import path, register_converter

from imgpath.programs import (
    views,
    views_coverage,
    views_crosswalk,
    views_curation,
    views_outcomes,
)


class AcgmeIdConverter:
    regex = r"\d{10}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AcgmeIdConverter, "acgme")

app_name = "programs"
urlpatterns = [
    path("programs/", views.program_search, name="search"),
    path("programs/compare/", views.program_compare, name="compare"),
    path("programs/coverage/", views_coverage.coverage, name="coverage"),
    path("programs/<acgme:acgme_id>/", views.program_detail, name="detail"),
    path("programs/<acgme:acgme_id>/reports/", views.program_report_create, name="report_create"),
    path(
        "programs/<acgme:acgme_id>/outcomes/",
        views_outcomes.outcome_report_create_view,
        name="outcome_create",
    ),
    path(
        "programs/outcomes/<int:pk>/delete/",
        views_outcomes.outcome_report_delete_view,
        name="outcome_delete",
    ),
    path("programs/<acgme:acgme_id>/claim/", views.program_claim_create, name="claim_create"),
    path("programs/<acgme:acgme_id>/ledger/", views.program_ledger_edit, name="ledger_edit"),
    path("programs/staff/crosswalk/", views_crosswalk.crosswalk_queue, name="crosswalk_queue"),
    path(
        "programs/staff/crosswalk/<int:pk>/",
        views_crosswalk.crosswalk_decide,
        name="crosswalk_decide",
    ),
    path("programs/staff/curation/", views_curation.curation_workbench, name="curation"),
    path("programs/staff/curation/checks/", views_curation.curation_checks, name="curation_checks"),
    path(
        "programs/staff/curation/checks/<int:pk>/",
        views_curation.curation_check_decide,
        name="curation_check_decide",
    ),
    path(
        "programs/staff/curation/<acgme:acgme_id>/",
        views_curation.curation_program,
        name="curation_program",
    ),
    path("my-programs/", views.my_programs, name="my_programs"),
    path("my-programs/export.csv", views.my_programs_export, name="my_programs_export"),
    path("my-programs/<acgme:acgme_id>/save/", views.my_program_save, name="save"),
    path("my-programs/<acgme:acgme_id>/", views.my_program_update, name="update"),
    path("my-programs/<acgme:acgme_id>/remove/", views.my_program_remove, name="remove"),
]
