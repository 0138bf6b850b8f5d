from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from imgpath.accounts.models import Role, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    role = Role.APPLICANT
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class ApplicantFactory(UserFactory):
    role = Role.APPLICANT


class HostFactory(UserFactory):
    role = Role.HOST


class MentorFactory(UserFactory):
    role = Role.MENTOR


class StaffFactory(UserFactory):
    role = Role.STAFF
    is_staff = True
    is_superuser = True
