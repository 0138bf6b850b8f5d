"""People and their roles."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    APPLICANT = "applicant", "Applicant (international medical graduate)"
    HOST = "host", "Host (physician or institution offering clinical experience)"
    MENTOR = "mentor", "Mentor"
    STAFF = "staff", "IMGPath staff"


# Roles a person may choose at sign-up; staff is granted, never chosen.
SELF_SERVICE_ROLES = (Role.APPLICANT, Role.HOST, Role.MENTOR)
ROLES_NEEDING_APPROVAL = (Role.HOST, Role.MENTOR)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True, role=Role.STAFF)
        return self.create_user(email, password, **fields)

    def publicly_listed(self) -> models.QuerySet[User]:
        """Hosts and mentors that staff have approved, and who are still active."""
        return self.filter(
            role__in=ROLES_NEEDING_APPROVAL, approved_at__isnull=False, is_active=True
        )


class User(AbstractBaseUser, PermissionsMixin):
    """One person. A single `name` field: names differ around the world."""

    email = models.EmailField("email address", unique=True)
    name = models.CharField(max_length=150, help_text="The name you want others to see.")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.APPLICANT)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name", "email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name

    @property
    def needs_approval(self) -> bool:
        return self.role in ROLES_NEEDING_APPROVAL

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_applicant(self) -> bool:
        return self.role == Role.APPLICANT

    @property
    def is_host(self) -> bool:
        return self.role == Role.HOST

    @property
    def is_mentor(self) -> bool:
        return self.role == Role.MENTOR


TOKEN_PREFIX = "imgp_"  # noqa: S105 - a public prefix, not a secret


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal token for scripts. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    key_digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="First characters, to tell tokens apart.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def generate() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    @staticmethod
    def digest(raw: str) -> str:
        return _digest(raw)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
