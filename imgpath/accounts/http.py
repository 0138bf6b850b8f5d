"""Request types for views that only a signed-in user reaches."""

from __future__ import annotations

from imgpath.accounts.models import User
from imgpath.core.http import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request behind `login_required` (or an API auth): its user is a `User`, never anonymous.

    It carries `htmx` too, since the middleware sets it on every request.
    """

    user: User
