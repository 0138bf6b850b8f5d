from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from imgpath.rotations.models import Application, Booking, HostProfile, Offering

pytestmark = pytest.mark.django_db


def test_demo_marketplace_is_verified_varied_and_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    counts = (Offering.objects.count(), Booking.objects.count(), Application.objects.count())
    call_command("load_demo", stdout=StringIO())

    assert (
        Offering.objects.count(),
        Booking.objects.count(),
        Application.objects.count(),
    ) == counts
    assert set(HostProfile.objects.values_list("name", flat=True)) == {
        "Dr. Maria Alvarez",
        "Lakeshore Community Hospital",
    }
    assert all(p.is_verified for p in HostProfile.objects.all())
    public = Offering.objects.public()
    assert public.filter(kind="nonprofit_observership").exists()
    assert public.filter(fee_usd=0).exists() and public.filter(fee_usd__gt=0).exists()
    assert len(set(public.values_list("site__state", flat=True))) >= 3
    assert len(set(public.values_list("specialty", flat=True))) >= 4
    priya = Application.objects.filter(applicant__email="applicant@demo.imgpath.org")
    assert priya.filter(status="accepted", booking__status="booked").count() == 1
    assert priya.filter(status="submitted").count() == 1
    assert Booking.objects.filter(status="completed", review__isnull=False).exists()
