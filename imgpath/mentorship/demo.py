"""Demo mentors (fictional people), a mentorship with a conversation, and office hours."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from imgpath.accounts.demo import DEMO_PASSWORD, demo_user
from imgpath.accounts.models import Role, User
from imgpath.mentorship.models import MentorProfile, Mentorship, OfficeHour
from imgpath.mentorship.services import mentorship_accept, mentorship_request
from imgpath.messaging.models import Thread
from imgpath.messaging.services import message_send

ORDER = 60

# Every person here is invented for the demo; none is a real physician.
# (email local part, name, country, year, specialty, state, visa, usce, languages, topics, tz)
DEMO_MENTORS = [
    ("mentor", "Dr. Ahmed Karimi", "PK", 2014, "internal_medicine", "TX", "j1", "observership",
     ["ur", "en"], ["usmle", "visas", "applications"], "America/Chicago"),
    ("mentor-adaeze", "Dr. Adaeze Okonkwo-Demo", "NG", 2013, "internal_medicine", "NY", "h1b",
     "externship", ["en", "ig"], ["usmle", "interviews", "visas"], "America/New_York"),
    ("mentor-ravi", "Dr. Ravi Demo-Iyer", "IN", 2016, "family_medicine", "FL", "j1",
     "observership", ["en", "ta", "hi"], ["usce", "applications"], "America/New_York"),
    ("mentor-lucia", "Dr. Lucía Demo-Ferreyra", "AR", 2012, "pediatrics", "CA", "green_card",
     "research", ["es", "en"], ["cultural_adaptation", "wellbeing"], "America/Los_Angeles"),
    ("mentor-omar", "Dr. Omar Demo-Haddad", "EG", 2015, "psychiatry", "MI", "j1", "clerkship",
     ["ar", "en"], ["interviews", "wellbeing", "visas"], "America/Detroit"),
    ("mentor-mei", "Dr. Mei Demo-Lin", "CN", 2011, "pathology", "MA", "h1b", "research",
     ["zh", "en"], ["usmle", "licensure"], "America/New_York"),
    ("mentor-kwame", "Dr. Kwame Demo-Mensah", "GH", 2017, "family_medicine", "GA", "j1",
     "observership", ["en"], ["usce", "applications", "interviews"], "America/New_York"),
    ("mentor-farah", "Dr. Farah Demo-Rahimi", "IR", 2010, "neurology", "IL", "green_card",
     "research", ["fa", "en"], ["licensure", "cultural_adaptation"], "America/Chicago"),
    ("mentor-jose", "Dr. José Demo-Santos", "PH", 2014, "internal_medicine", "NJ", "h1b",
     "externship", ["tl", "en"], ["usmle", "applications", "licensure"], "America/New_York"),
    ("mentor-olena", "Dr. Olena Demo-Kovalenko", "UA", 2015, "anesthesiology", "OH", "citizen",
     "observership", ["uk", "ru", "en"], ["interviews", "wellbeing"], "America/New_York"),
    ("mentor-sana", "Dr. Sana Demo-Qureshi", "PK", 2018, "pediatrics", "TX", "j1", "clerkship",
     ["ur", "pa", "en"], ["usce", "visas"], "America/Chicago"),
    ("mentor-thabo", "Dr. Thabo Demo-Nkosi", "ZA", 2012, "emergency_medicine", "AZ", "h1b",
     "externship", ["en"], ["applications", "interviews"], "America/Phoenix"),
    ("mentor-priscila", "Dr. Priscila Demo-Costa", "BR", 2016, "obstetrics_gynecology", "FL",
     "green_card", "observership", ["pt", "es", "en"], ["usmle", "cultural_adaptation"],
     "America/New_York"),
    ("mentor-yusuf", "Dr. Yusuf Demo-Bello", "NG", 2019, "general_surgery", "PA", "j1",
     "research", ["en", "ha", "yo"], ["usmle", "wellbeing"], "America/New_York"),
]  # fmt: skip

VISA_WORDS = {"j1": "J-1", "h1b": "H-1B", "green_card": "green card", "citizen": "citizenship"}


def load_demo(*, stdout) -> None:
    with transaction.atomic():
        staff = User.objects.filter(email="staff@demo.imgpath.org").first()
        created = sum(_ensure_mentor(row, approved_by=staff) for row in DEMO_MENTORS)
        _ensure_mentorships()
    stdout.write(f"mentorship: {created} demo mentor profile(s) created")


def _ensure_mentor(row, *, approved_by) -> bool:
    local, name, country, year, specialty, state, visa, usce, languages, topics, zone = row
    email = f"{local}@demo.imgpath.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, name=name, role=Role.MENTOR)
    if user.approved_at is None:
        user.approved_at, user.approved_by = timezone.now(), approved_by
        user.save(update_fields=["approved_at", "approved_by"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if MentorProfile.objects.filter(user=user).exists():
        return False
    MentorProfile.objects.create(
        user=user,
        headline=f"Fictional demo mentor · {specialty.replace('_', ' ')} on a {VISA_WORDS[visa]}",
        bio="An invented person for IMGPath's demo data; this profile shows how mentors appear.",
        graduation_country=country,
        school_name="Demo School of Medicine",
        graduation_year=year,
        specialty=specialty,
        training_institution="Demo Community Hospital (fictional)",
        current_position="Attending physician (demo)",
        current_state=state,
        usce_kind=usce,
        visa_route=visa,
        waiver="Conrad 30 waiver (demo)" if visa == "j1" else "",
        languages=languages,
        topics=topics,
        time_zone=zone,
        capacity=3,
    )
    return True


def _ensure_mentorships() -> None:
    priya, seun = demo_user("applicant@demo.imgpath.org"), demo_user("applicant2@demo.imgpath.org")
    adaeze = MentorProfile.objects.get(user__email="mentor-adaeze@demo.imgpath.org")
    if not Mentorship.objects.filter(mentee=seun, mentor=adaeze.user).exists():
        request = mentorship_request(
            mentee=seun, profile=adaeze, goal="Plan my interviews and an H-1B program list."
        )
        accepted = mentorship_accept(mentorship=request, by=adaeze.user, message="Happy to help!")
        assert accepted.thread_id is not None  # accepting opens the conversation
        thread = Thread.objects.get(pk=accepted.thread_id)
        message_send(thread=thread, sender=seun, body="Thank you! Which programs sponsor H-1B?")
        message_send(
            thread=thread,
            sender=adaeze.user,
            body="Start with the program directory's H-1B filter: https://imgpath.example/programs/",
        )
    if not OfficeHour.objects.filter(mentor=adaeze.user).exists():
        start = (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
        OfficeHour.objects.create(
            mentor=adaeze.user, title="Interview practice (group)", kind="group",
            starts_at=start, ends_at=start + timedelta(hours=1), capacity=4,
        )  # fmt: skip
    karimi = MentorProfile.objects.get(user__email="mentor@demo.imgpath.org")
    if not Mentorship.objects.filter(mentee=priya, mentor=karimi.user).exists():
        mentorship_request(
            mentee=priya, profile=karimi, goal="Advice on J-1 programs in Texas, please."
        )
