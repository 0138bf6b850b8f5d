"""Write paths of the marketplace. Views and the API call these, never the models directly."""

from imgpath.rotations.services.applications import (
    application_create,
    application_decide,
    application_submit,
    application_withdraw,
)
from imgpath.rotations.services.bookings import (
    FULL_MESSAGE,
    booking_cancel,
    booking_complete,
    booking_create,
    booking_record_payment,
    checklist_item_set,
    waitlist_promote,
)
from imgpath.rotations.services.documents import document_delete, document_upload
from imgpath.rotations.services.feedback import (
    letter_request_create,
    letter_request_update,
    review_create,
)
from imgpath.rotations.services.hosts import (
    host_profile_create,
    host_profile_unverify,
    host_profile_update,
    host_profile_verify,
    site_create,
    site_update,
)
from imgpath.rotations.services.offerings import (
    offering_archive,
    offering_create,
    offering_publish,
    offering_update,
    session_create,
    session_update,
)

__all__ = [
    "FULL_MESSAGE",
    "application_create",
    "application_decide",
    "application_submit",
    "application_withdraw",
    "booking_cancel",
    "booking_complete",
    "booking_create",
    "booking_record_payment",
    "checklist_item_set",
    "document_delete",
    "document_upload",
    "host_profile_create",
    "host_profile_unverify",
    "host_profile_update",
    "host_profile_verify",
    "letter_request_create",
    "letter_request_update",
    "offering_archive",
    "offering_create",
    "offering_publish",
    "offering_update",
    "review_create",
    "session_create",
    "session_update",
    "site_create",
    "site_update",
    "waitlist_promote",
]
