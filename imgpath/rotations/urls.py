from __future__ import annotations

from django.urls import path
from django.views.generic import RedirectView

from imgpath.rotations.views import applicant, bookings, browse, documents, host, host_applications

urlpatterns = [
    # Finding clinical experience (public)
    path("rotations/", RedirectView.as_view(pattern_name="rotation_search")),
    path("rotations/offerings/", browse.rotation_search, name="rotation_search"),
    path("rotations/offerings/<int:pk>/", browse.offering_detail, name="offering_detail"),
    # Applicants
    path(
        "rotations/sessions/<int:session_pk>/apply/",
        applicant.application_apply,
        name="application_apply",
    ),
    path("rotations/mine/", applicant.my_rotations, name="my_rotations"),
    path(
        "rotations/mine/applications/<int:pk>/",
        applicant.application_detail,
        name="application_detail",
    ),
    path(
        "rotations/mine/applications/<int:pk>/withdraw/",
        applicant.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "rotations/mine/bookings/<int:pk>/cancel/", applicant.booking_cancel, name="booking_cancel"
    ),
    path("rotations/mine/bookings/<int:pk>/review/", applicant.review_create, name="review_create"),
    path(
        "rotations/mine/bookings/<int:pk>/letter/",
        applicant.letter_request_create,
        name="letter_request_create",
    ),
    path("rotations/mine/documents/", documents.document_list, name="document_list"),
    path(
        "rotations/documents/<int:pk>/download/",
        documents.document_download,
        name="document_download",
    ),
    path(
        "rotations/mine/documents/<int:pk>/delete/",
        documents.document_delete,
        name="document_delete",
    ),
    # Both sides of a booking
    path("rotations/bookings/<int:pk>/visa-letter.pdf", bookings.visa_letter, name="visa_letter"),
    path(
        "rotations/checklist/<int:pk>/",
        bookings.checklist_item_toggle,
        name="checklist_item_toggle",
    ),
    # Hosts
    path("host/", host.host_home, name="host_home"),
    path("host/profiles/new/", host.host_profile_create, name="host_profile_create"),
    path("host/profiles/<int:pk>/edit/", host.host_profile_edit, name="host_profile_edit"),
    path("host/profiles/<int:pk>/sites/new/", host.host_site_create, name="host_site_create"),
    path("host/sites/<int:pk>/edit/", host.host_site_edit, name="host_site_edit"),
    path("host/profiles/<int:pk>/offerings/new/", host.offering_create, name="offering_create"),
    path("host/offerings/<int:pk>/", host.host_offering_detail, name="host_offering_detail"),
    path("host/offerings/<int:pk>/edit/", host.offering_edit, name="offering_edit"),
    path("host/offerings/<int:pk>/publish/", host.offering_publish, name="offering_publish"),
    path("host/offerings/<int:pk>/archive/", host.offering_archive, name="offering_archive"),
    path("host/offerings/<int:pk>/sessions/", host.session_create, name="session_create"),
    path("host/sessions/<int:pk>/", host.session_update, name="session_update"),
    path("host/applications/", host_applications.host_applications, name="host_applications"),
    path(
        "host/applications/<int:pk>/",
        host_applications.host_application_detail,
        name="host_application_detail",
    ),
    path(
        "host/applications/<int:pk>/decide/",
        host_applications.application_decide,
        name="application_decide",
    ),
    path(
        "host/bookings/<int:pk>/cancel/",
        host_applications.host_booking_cancel,
        name="host_booking_cancel",
    ),
    path(
        "host/bookings/<int:pk>/complete/",
        host_applications.booking_complete,
        name="booking_complete",
    ),
    path(
        "host/bookings/<int:pk>/payment/",
        host_applications.booking_record_payment,
        name="booking_record_payment",
    ),
    path(
        "host/letters/<int:pk>/",
        host_applications.letter_request_update,
        name="letter_request_update",
    ),
]
