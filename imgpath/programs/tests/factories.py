from __future__ import annotations

import datetime as dt

import factory

from imgpath.accounts.tests.factories import ApplicantFactory, HostFactory
from imgpath.programs.geo import REGION_OF, unit_vector
from imgpath.programs.models import (
    ClaimStatus,
    CommunityReport,
    LedgerEntry,
    Program,
    ProgramClaim,
    SavedProgram,
    SourceKind,
    Specialty,
)


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("code",)

    code = "140"
    name = "Internal Medicine"
    slug = "internal_medicine"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    acgme_id = factory.Sequence(lambda n: f"14099{n:05d}")
    specialty = factory.SubFactory(SpecialtyFactory)
    name = factory.Sequence(lambda n: f"Lakeside Hospital {n} Program")
    city = "Chicago"
    state = "IL"
    region = factory.LazyAttribute(lambda o: REGION_OF[o.state])
    latitude = 41.85003
    longitude = -87.65005
    unit_x = factory.LazyAttribute(lambda o: unit_vector(o.latitude, o.longitude)[0])
    unit_y = factory.LazyAttribute(lambda o: unit_vector(o.latitude, o.longitude)[1])
    unit_z = factory.LazyAttribute(lambda o: unit_vector(o.latitude, o.longitude)[2])
    position_types = "C"
    search_text = factory.LazyAttribute(lambda o: f"{o.acgme_id} {o.name} {o.city}".lower())


class LedgerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LedgerEntry

    program = factory.SubFactory(ProgramFactory)
    field = "j1_sponsorship"
    kind = "yes"
    source_kind = SourceKind.STAFF
    source_url = "https://example.org/program/eligibility"
    verified_on = dt.date(2026, 1, 10)


class SavedProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedProgram

    user = factory.SubFactory(ApplicantFactory)
    program = factory.SubFactory(ProgramFactory)
    note = "Looks promising"
    tags = factory.LazyFunction(lambda: ["reach"])


class ProgramClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramClaim

    program = factory.SubFactory(ProgramFactory)
    host = factory.SubFactory(HostFactory)
    role_title = "Program coordinator"
    evidence = "coordinator@hospital.example.org"
    status = ClaimStatus.PENDING


class CommunityReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityReport

    program = factory.SubFactory(ProgramFactory)
    author = factory.SubFactory(ApplicantFactory)
    field = "h1b_sponsorship"
    kind = "no"
    note = "The coordinator said so by email."
