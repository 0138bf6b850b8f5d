"""Demo people, one per role, with verified email addresses."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.utils import timezone

from imgpath.accounts.models import Role, User

ORDER = 0
DEMO_PASSWORD = "imgpath-demo-2026"  # noqa: S105 - published demo credential, demo data only
DEMO_ACCOUNTS = [
    ("applicant@demo.imgpath.org", "Priya Raman", Role.APPLICANT),
    ("applicant2@demo.imgpath.org", "Oluwaseun Adeyemi", Role.APPLICANT),
    ("host@demo.imgpath.org", "Dr. Maria Alvarez", Role.HOST),
    ("host2@demo.imgpath.org", "Lakeshore Community Hospital", Role.HOST),
    ("mentor@demo.imgpath.org", "Dr. Ahmed Karimi", Role.MENTOR),
    ("staff@demo.imgpath.org", "IMGPath Staff", Role.STAFF),
]


def demo_user(email: str) -> User:
    return User.objects.get(email=email)


def load_demo(*, stdout) -> None:
    staff = _ensure(
        "staff@demo.imgpath.org", "IMGPath Staff", Role.STAFF, is_staff=True, is_superuser=True
    )
    created = 0
    for email, name, role in DEMO_ACCOUNTS:
        if User.objects.filter(email=email).exists():
            continue
        _ensure(email, name, role)
        created += 1
    # Demo hosts and mentors are approved so they show publicly.
    User.objects.filter(
        email__endswith="@demo.imgpath.org",
        role__in=[Role.HOST, Role.MENTOR],
        approved_at__isnull=True,
    ).update(approved_at=timezone.now(), approved_by=staff)
    stdout.write(f"accounts: {created} demo account(s) created")


def _ensure(email: str, name: str, role: str, **extra: bool) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, name=name, role=role, **extra)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def after_load(*, stdout, style) -> None:
    """Print the demo accounts once every app has loaded its demo data."""
    stdout.write("")
    stdout.write(style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
    for email, name, role in DEMO_ACCOUNTS:
        stdout.write(f"  {role:<10} {email:<34} {name}")
