"""The generated rows of the benchmark's data set that are more than a list of names:
sessions, enrollments and materials, each a dict for `bench.data.insert_rows`. The same
`rng` (seeded) gives the same rows."""

from datetime import datetime, timedelta
from random import Random

from django.utils.text import slugify

from bench.data import Vocabulary
from campaign.languages import LANGUAGES
from resources.models import Resource
from training.models import Course, Enrollment, Session


def session_rows(*, rng: Random, now: datetime, count: int, courses: list[Course]):
    """`count` sessions of `courses`: two thirds in the past year, a third to come."""
    for _ in range(count):
        # Two thirds in the past year (attended, certified), a third in the coming months.
        starts = now + timedelta(hours=rng.randint(-365 * 24, 180 * 24))
        course = rng.choice(courses)
        yield {
            "course_id": course.pk,
            "starts_at": starts,
            "ends_at": starts + timedelta(minutes=course.duration_minutes),
            "time_zone": rng.choice(["America/New_York", "America/Los_Angeles"]),
            "online": course.format == Course.Format.WEBINAR,
            "venue_name": "" if course.format == Course.Format.WEBINAR else "Training room",
            "capacity": rng.choice([None, 100, 200]),
            "status": Session.Status.COMPLETED if starts < now else Session.Status.SCHEDULED,
            "language": "en",
            "created_at": now,
        }


def enrollment_row(
    *, rng: Random, now: datetime, session: tuple, user_id: int, org_id: int
) -> dict:
    """One enrollment in `session` (pk, starts, ends, course): attended or no-show once past."""
    _pk, starts, _ends, _course = session
    queued = starts - timedelta(days=rng.randint(1, 60), seconds=rng.randint(0, 86400))
    past = starts < now
    return {
        "user_id": user_id,
        "session_id": session[0],
        "organization_id": org_id,
        "status": (
            (Enrollment.Status.ATTENDED if rng.random() < 0.9 else Enrollment.Status.NO_SHOW)
            if past
            else Enrollment.Status.REGISTERED
        ),
        "created_at": queued,
        "queued_at": queued,
        "registered_at": queued,
        "attendance_marked_at": session[2] if past else None,
    }


def enrollment_rows(*, rng: Random, now: datetime, sessions, people, member_of, per_session: int):
    """`per_session` people chosen at random in each session, each for their organization."""
    for session in sessions:
        for user_id in rng.sample(people, min(per_session, len(people))):
            yield enrollment_row(
                rng=rng, now=now, session=session, user_id=user_id, org_id=member_of[user_id]
            )


def material_rows(
    *, rng: Random, words: Vocabulary, now: datetime, count: int, org_ids: list[int]
):
    """`count` materials published by `org_ids`, mostly public and in English."""
    kinds = Resource.Kind.values
    languages = [code for code, _name in LANGUAGES]
    for i in range(count):
        title = words.title(3, 9)
        yield {
            "title": title,
            "slug": f"bench-material-{i}-{slugify(title)[:40]}".rstrip("-"),
            "summary": words.text(10, 30),
            "description": words.text(30, 70),
            "kind": rng.choice(kinds),
            "language": "en" if rng.random() < 0.8 else rng.choice(languages),
            "external_url": f"https://www.example.org/materials/{i}",
            "visibility": (
                Resource.Visibility.PUBLIC if rng.random() < 0.9 else Resource.Visibility.PARTNERS
            ),
            "published": rng.random() < 0.95,
            "publisher_id": rng.choice(org_ids),
            "download_count": int(rng.paretovariate(1.2)) - 1,
            # `created_at` is set on insert: a newer material has a larger id, as in production,
            # spread over about 2,000 days.
            "created_at": now - timedelta(hours=24 * 2000 * (count - i) / count),
            "updated_at": now,
        }
