"""Demo trainings drawn from the campaign's public documents (facts only; our own words)."""

import zoneinfo
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from campaign.models import Audience, Pillar, User
from partners.models import Organization
from training.models import Course, Enrollment, Session

F = Course.Format

# slug, title, format, provider slug, minutes, certificates, audiences, pillars, summary
COURSES = [
    ("code-enforcement-webinar", "Recognizing and Reporting Human Trafficking: Code Enforcement",
     F.WEBINAR, "dhs", 60, True, ["code-enforcement"], ["prevention", "partnerships"],
     "How code enforcement officers, who inspect homes and businesses every day, can spot the "
     "signs of trafficking and report them safely. First given to CACEO members on February 7, "
     "2022."),
    ("indicators-for-school-staff", "Trafficking Indicators for School Staff", F.WEBINAR, "ed",
     45, True, ["educators"], ["prevention"],
     "For school administrators, teachers and staff: the signs that a student may be exploited "
     "and how to respond."),
    ("victim-assistance-train-the-trainer", "Victim Assistance Train-the-Trainer Conference",
     F.TRAIN_THE_TRAINER, "ice", 480, True,
     ["law-enforcement", "victim-service-providers"], ["protection"],
     "For special agents and collateral-duty victim assistance coordinators who will train "
     "others in their victim assistance responsibilities."),
    ("recognizing-trafficking-routine-duties", "Recognizing Human Trafficking During Routine "
     "Duties", F.WEB_BASED, "fletc", 90, True, ["law-enforcement"], ["prosecution", "protection"],
     "A web-based course for officers: recognize trafficking met in routine work, protect "
     "victims and open an investigation."),
    ("immigration-relief-roll-call", "Immigration Relief for Victims: T and U Visas",
     F.ROLL_CALL, "uscis", 15, False, ["law-enforcement"], ["protection", "prosecution"],
     "Two short roll-call videos for state and local officers on how T and U visas and "
     "Continued Presence help victims and investigations."),
    ("first-responder-awareness", "Human Trafficking Awareness for First Responders",
     F.WEBINAR, "dhs", 60, True, ["first-responders"], ["prevention"],
     "General awareness for firefighters, paramedics and other first responders, who may be "
     "the first to see a victim."),
    ("investigating-human-trafficking", "Investigating Human Trafficking", F.IN_PERSON, "ice",
     480, True, ["law-enforcement"], ["prosecution"],
     "Investigative training for law enforcement: building victim-centered cases against "
     "traffickers."),
    ("tribal-law-enforcement", "Human Trafficking Training for Tribal Law Enforcement",
     F.WEBINAR, "cops-office", 90, True, ["law-enforcement"], ["prosecution", "partnerships"],
     "Designed for tribal police and their partners: trafficking in and around tribal lands."),
]  # fmt: skip

# course slug, days from today (None: the historic date), hour, zone, capacity, online,
# venue, eligibility, status
SESSIONS = [
    ("code-enforcement-webinar", None, 10, "America/Los_Angeles", 500, True, "", "signed_in",
     "completed"),
    ("code-enforcement-webinar", 12, 10, "America/Los_Angeles", 300, True, "", "signed_in",
     "scheduled"),
    ("indicators-for-school-staff", 9, 15, "America/New_York", 200, True, "", "signed_in",
     "scheduled"),
    ("indicators-for-school-staff", -40, 15, "America/New_York", 200, True, "", "signed_in",
     "completed"),
    ("victim-assistance-train-the-trainer", 45, 8, "America/New_York", 40, False,
     "Federal Law Enforcement Training Centers, Glynco, Georgia", "partner_staff", "scheduled"),
    ("first-responder-awareness", 5, 11, "America/Los_Angeles", 3, True, "", "signed_in",
     "scheduled"),
    ("first-responder-awareness", 26, 11, "America/Chicago", 100, True, "", "signed_in",
     "scheduled"),
    ("investigating-human-trafficking", 30, 9, "America/Los_Angeles", 25, False,
     "Los Angeles Police Academy, Los Angeles, California", "partner_staff", "scheduled"),
    ("tribal-law-enforcement", 19, 13, "America/Denver", 60, True, "", "signed_in", "scheduled"),
]  # fmt: skip

LEARNERS = [
    ("learner1@demo.blue-campaign.test", "Alex Romero"),
    ("learner2@demo.blue-campaign.test", "Priya Shah"),
    ("learner3@demo.blue-campaign.test", "Tom Becker"),
    ("learner4@demo.blue-campaign.test", "Lena Novak"),
]


def _start(days: int | None, hour: int, zone: str) -> datetime:
    tz = zoneinfo.ZoneInfo(zone)
    if days is None:
        return datetime(2022, 2, 7, hour, tzinfo=tz)
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=tz)


def load_training(*, staff: User) -> None:
    """Creates the demo courses, their sessions once, and enrollments: one session full with
    a waitlist, the demo staff registered, waitlisted and with past attendance."""
    with transaction.atomic():
        pillars = {p.slug: p for p in Pillar.objects.all()}
        audiences = {a.slug: a for a in Audience.objects.all()}
        providers = {o.slug: o for o in Organization.objects.all()}
        courses = {}
        for slug, title, fmt, provider, minutes, certs, aud, pil, summary in COURSES:
            course, _ = Course.objects.update_or_create(
                slug=slug,
                defaults={
                    "title": title,
                    "format": fmt,
                    "provider": providers.get(provider),
                    "duration_minutes": minutes,
                    "issues_certificates": certs,
                    "summary": summary,
                    "published": True,
                },
            )
            course.audiences.set([audiences[a] for a in aud if a in audiences])
            course.pillars.set([pillars[p] for p in pil])
            courses[slug] = course
        for slug in {row[0] for row in SESSIONS}:
            if courses[slug].sessions.exists():
                continue
            for course_slug, days, hour, zone, capacity, online, venue, who, status in SESSIONS:
                if course_slug != slug:
                    continue
                starts = _start(days, hour, zone)
                Session.objects.create(
                    course=courses[slug],
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=courses[slug].duration_minutes),
                    time_zone=zone,
                    capacity=capacity,
                    online=online,
                    join_url="https://meet.example.org/blue-campaign" if online else "",
                    venue_name=venue,
                    eligibility=who,
                    status=status,
                )
        learners = []
        for email, name in LEARNERS:
            learner, _ = User.objects.get_or_create(email=email, defaults={"name": name})
            learners.append(learner)
        caceo = providers.get("caceo")

        def session_of(slug: str, index: int) -> Session:
            return courses[slug].sessions.order_by("starts_at")[index]

        full = session_of("first-responder-awareness", 0)
        for learner in learners[:3]:
            _ensure(learner, full, Enrollment.Status.REGISTERED)
        _ensure(learners[3], full, Enrollment.Status.WAITLISTED, minutes_later=1)
        _ensure(staff, full, Enrollment.Status.WAITLISTED, minutes_later=2, organization=caceo)
        _ensure(staff, session_of("code-enforcement-webinar", 1), "registered", organization=caceo)
        _ensure(staff, session_of("code-enforcement-webinar", 0), "attended", organization=caceo)
        _ensure(staff, session_of("indicators-for-school-staff", 0), "no_show")


def _ensure(user, session, status, *, minutes_later=0, organization=None) -> None:
    queued = timezone.now() + timedelta(minutes=minutes_later)
    Enrollment.objects.get_or_create(
        user=user,
        session=session,
        defaults={
            "status": status,
            "organization": organization,
            "queued_at": queued,
            "registered_at": None if status == Enrollment.Status.WAITLISTED else queued,
        },
    )
