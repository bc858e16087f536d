"""Demo trainings drawn from the campaign's public documents (facts only; our own words)."""

import zoneinfo
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from campaign.demo_dates import live_zone, working_day
from campaign.models import Audience, Pillar, User
from partners.models import Organization
from resources.demo import MATERIALS
from resources.models import Resource
from training.models import Course, Enrollment, Session
from training.services import resync_seat_counts

F = Course.Format

# Courses whose certificates expire: months of validity (recertification every two years).
CERTIFICATE_VALIDITY_MONTHS = {"code-enforcement-webinar": 24}

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


# The session on now, wherever the demo is loaded: an online run of this course, begun at
# the top of the last hour in the first U.S. zone where it is working hours, so a trainer
# can show its check-in code and a learner check in at once. Found again by its link.
LIVE_COURSE = "investigating-human-trafficking"
LIVE_JOIN_URL = "https://meet.example.org/blue-campaign-live"


def _start(days: int | None, hour: int, zone: str) -> datetime:
    if days is None:
        return datetime(2022, 2, 7, hour, tzinfo=zoneinfo.ZoneInfo(zone))
    return working_day(days, hour, zone)


def ensure_live_session(*, trainers: list[User], learners: list[User]) -> Session:
    """Puts the live session on now (created once, moved to now on every load), with its
    trainers and registered learners."""
    course = Course.objects.get(slug=LIVE_COURSE)
    zone = live_zone()
    starts = timezone.now().astimezone(zoneinfo.ZoneInfo(zone)).replace(
        minute=0, second=0, microsecond=0
    ) - timedelta(hours=1)
    session, _ = Session.objects.update_or_create(
        course=course,
        join_url=LIVE_JOIN_URL,
        defaults={
            "starts_at": starts,
            "ends_at": starts + timedelta(minutes=course.duration_minutes),
            "time_zone": zone,
            "capacity": 30,
            "online": True,
            "eligibility": "signed_in",
            "status": Session.Status.SCHEDULED,
        },
    )
    session.trainers.add(*trainers)
    for learner in learners:
        _ensure(learner, session, Enrollment.Status.REGISTERED)
    resync_seat_counts()
    return session


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
                    "certificate_validity_months": CERTIFICATE_VALIDITY_MONTHS.get(slug),
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
        # The enrollments above are written directly: the seat counts pages read follow.
        resync_seat_counts()


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


# The FLETC web-based course's knowledge check: question, choices, right choice (1-based),
# explanation. Facts from the campaign's public documents; the wording is the portal's.
ROUTINE_DUTIES_QUESTIONS = [
    ("Human trafficking uses which means to obtain labor or commercial sex?",
     "Force, fraud or coercion\nOnly physical restraint\nOnly crossing a border", 1,
     "Force, fraud or coercion: no border crossing or restraint is needed."),
    ("Who can be a victim of human trafficking?",
     "Only foreign nationals\nAnyone, of any age, race, gender or nationality\nOnly adults", 2,
     "Victims can be of any background, including U.S. citizens."),
    ("Which immigration relief helps victims remain and assist an investigation?",
     "T and U visas, and Continued Presence\nA tourist visa\nNone is available", 1,
     "USCIS provides T and U visas; law enforcement can request Continued Presence."),
    ("You suspect trafficking during a routine stop. What comes first?",
     "Confront the suspected trafficker at once\nThe safety of the possible victim, then "
     "report through your agency's procedure\nIgnore it unless the person asks for help", 2,
     "Protecting the victim comes first; then report and open an investigation."),
]  # fmt: skip


def load_training_history(*, staff: User, coordinator: User, trainer: User) -> None:
    """Attendance and certificates (one revoked), the FLETC course's knowledge check with
    the demo staff's pass after a failed try, and a pending training request. Goes through
    the services, once: a second run finds everything in place."""
    from training import services
    from training.models import Certificate, KnowledgeCheckAttempt, Question, TrainingRequest

    with transaction.atomic():
        routine = Course.objects.get(slug="recognizing-trafficking-routine-duties")
        routine.video_url = "https://www.fletc.gov/"
        routine.pass_mark = 75
        routine.save(update_fields=["video_url", "pass_mark"])
        if not routine.questions.exists():
            for position, (text, choices, right, why) in enumerate(ROUTINE_DUTIES_QUESTIONS):
                Question.objects.create(
                    course=routine,
                    position=position,
                    text=text,
                    choices=choices,
                    correct_choice=right,
                    explanation=why,
                )
        webinar = Course.objects.get(slug="code-enforcement-webinar")
        for session in webinar.sessions.all():
            session.trainers.add(coordinator, trainer)

        # The demo staff's attended webinar earns its certificate through the service.
        attended = Enrollment.objects.filter(
            user=staff, status=Enrollment.Status.ATTENDED, session__course=webinar
        ).first()
        if attended and not Certificate.objects.filter(enrollment=attended).exists():
            services.mark_attendance(enrollment=attended, attended=True, marked_by=trainer)

        # A learner's certificate from the school-staff webinar, revoked after a correction.
        learner = User.objects.get(email=LEARNERS[0][0])
        school = Course.objects.get(slug="indicators-for-school-staff").sessions.order_by(
            "starts_at"
        )[0]
        _ensure(learner, school, Enrollment.Status.REGISTERED)
        enrollment = Enrollment.objects.get(user=learner, session=school)
        if not Certificate.objects.filter(enrollment=enrollment).exists():
            services.mark_attendance(enrollment=enrollment, attended=True, marked_by=trainer)
            services.revoke_certificate(
                certificate=Certificate.objects.get(enrollment=enrollment),
                revoked_by=trainer,
                reason="Issued in error: the sign-in sheet showed another person.",
            )

        # The demo staff failed the knowledge check once, then passed.
        if not KnowledgeCheckAttempt.objects.filter(user=staff, course=routine).exists():
            questions = list(routine.questions.all())
            right = {q.pk: q.correct_choice for q in questions}
            wrong = {**right, questions[0].pk: 2, questions[3].pk: 1}
            services.submit_knowledge_check(user=staff, course=routine, answers=wrong)
            services.submit_knowledge_check(user=staff, course=routine, answers=right)

        caceo = Organization.objects.filter(slug="caceo").first()
        if caceo and not TrainingRequest.objects.filter(organization=caceo).exists():
            services.submit_training_request(
                requested_by=coordinator,
                organization=caceo,
                course=Course.objects.get(slug="investigating-human-trafficking"),
                audience="Code enforcement officers and supervisors",
                expected_attendees=35,
                delivery=TrainingRequest.Delivery.IN_PERSON,
                location="CACEO annual educational conference, Sacramento, California",
                preferred_dates="Any weekday in the spring, before the annual conference",
                notes="Many of our officers inspect rental housing and massage businesses.",
            )


def link_materials_to_courses() -> None:
    """Lists each demo material on the demo courses it supports (after both are loaded)."""
    courses = {course.slug: course for course in Course.objects.all()}
    materials = {resource.slug: resource for resource in Resource.objects.all()}
    for row in MATERIALS:
        slug, course_slugs = row[0], row[11]
        if slug in materials:
            materials[slug].courses.set([courses[c] for c in course_slugs if c in courses])
