"""Builds the benchmark's data set: the demo, then the issue's sizes of everything.

Rows go in with COPY (on PostgreSQL), so full scale takes minutes; the materials' search
vector is filled by the portal's own trigger, as for any material an admin saves.
"""

import contextlib
import io
import random
import time
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from bench.data import DEFAULT_SEED, Vocabulary, insert_rows
from bench.rows import enrollment_row, enrollment_rows, material_rows, session_rows
from campaign.models import Audience, NewsPost, Pillar, User
from partners.models import Membership, Organization
from partners.states import US_STATES
from resources.models import DownloadMonth, Resource
from training.models import Certificate, Course, Enrollment, Session

LARGE_ORGANIZATION_SLUG = "bench-large-partner"
COORDINATOR_EMAIL = "bench-coordinator@bench.test"
STAFF_EMAIL = "bench-staff@bench.test"
BENCH_PASSWORD = "bench-portal-2026"  # noqa: S105 - benchmark accounts only
RUSH_USERS = 500
RUSH_EMAIL = "bench-rush-{}@bench.test"

ORGANIZATION_WORDS = ["Department", "Association", "Office", "Coalition", "Agency"]

SIZES = {
    "materials": 100_000,
    "organizations": 10_000,
    "people": 50_000,
    "sessions": 20_000,
    "enrollments": 1_000_000,
    "certificates": 200_000,
    "news": 2_000,
}


class Command(BaseCommand):
    help = (
        "Builds the benchmark data (the demo plus 100k materials, 10k organizations, 50k "
        "people, 20k sessions, 1M enrollments, 200k certificates, a 5,000-member partner). "
        "Does nothing when it is already built; --reset empties the database first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Multiplies every size.")
        for name, size in SIZES.items():
            parser.add_argument(f"--{name}", type=int, help=f"Default {size:,} times --scale.")
        parser.add_argument(
            "--large-organization-members",
            type=int,
            default=5000,
            help="Members of the coordinator's organization (not scaled).",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the whole database first (flush): use only a benchmark database.",
        )

    def handle(self, *args, **options):
        built = Organization.objects.filter(slug=LARGE_ORGANIZATION_SLUG).exists()
        if built and not options["reset"]:
            self.stdout.write("The benchmark data is already built (--reset rebuilds it).")
            return
        if options["reset"]:
            if connection.vendor != "postgresql":
                raise CommandError("--reset works on PostgreSQL only.")
            # A clean schema and the migrations again, which also bring back the records
            # the data migrations load (pillars, audiences).
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            call_command("migrate", verbosity=0)
        elif (
            User.objects.exists()
            and not User.objects.filter(email="admin@demo.blue-campaign.test").exists()
        ):
            raise CommandError(
                "This database holds other data: build the benchmark in an empty database "
                "(or pass --reset to empty this one)."
            )
        sizes = {
            name: options[name]
            if options[name] is not None
            else max(1, round(size * options["scale"]))
            for name, size in SIZES.items()
        }
        sizes["large"] = options["large_organization_members"]
        self.rng = random.Random(options["seed"])  # noqa: S311 - test data, not secrets
        self.vocabulary = Vocabulary(self.rng)
        self.now = timezone.now()
        self.started = time.monotonic()
        # The demo mails its learners on the console backend: keep that off the output.
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("load_demo", verbosity=0, stdout=io.StringIO())
        self.step("demo loaded")
        with transaction.atomic():
            self.build(sizes)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # VACUUM too: index-only scans need the visibility map it writes (it cannot
                # run inside a transaction, as in the benchmark's own test).
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.step("vacuumed and analyzed")
        self.stdout.write(
            self.style.SUCCESS(
                f"Benchmark data built. Coordinator {COORDINATOR_EMAIL}, staff {STAFF_EMAIL}, "
                f"password {BENCH_PASSWORD}."
            )
        )

    def step(self, what: str) -> None:
        self.stdout.write(f"  {time.monotonic() - self.started:6.1f} s  {what}")

    def build(self, sizes: dict[str, int]) -> None:
        rng, words = self.rng, self.vocabulary
        pillars = list(Pillar.objects.values_list("pk", flat=True))
        audiences = list(Audience.objects.values_list("pk", flat=True))
        states = [code for code, _name in US_STATES]
        org_kinds = Organization.Kind.values

        insert_rows(
            Organization,
            (
                {
                    "name": f"{words.title(2, 4)} {rng.choice(ORGANIZATION_WORDS)}",
                    "slug": f"bench-org-{i}",
                    "kind": rng.choice(org_kinds),
                    "state": rng.choice(states),
                    "description": words.text(20, 60),
                    "status": Organization.Status.ACTIVE,
                    "listed": rng.random() < 0.9,
                    "partner_since": (self.now - timedelta(days=rng.randint(1, 4000))).date(),
                }
                for i in range(sizes["organizations"])
            ),
        )
        large = Organization.objects.create(
            name="Benchmark Statewide Partner",
            slug=LARGE_ORGANIZATION_SLUG,
            kind=Organization.Kind.STATE_LOCAL,
            state="CA",
            status=Organization.Status.ACTIVE,
            listed=True,
        )
        org_ids = list(
            Organization.objects.filter(slug__startswith="bench-org-").values_list("pk", flat=True)
        )
        self.step(f"{len(org_ids):,} organizations")

        password = make_password(BENCH_PASSWORD)
        emails = (
            [f"bench-person-{i}@bench.test" for i in range(sizes["people"])]
            + [f"bench-member-{i}@bench.test" for i in range(sizes["large"])]
            + [RUSH_EMAIL.format(i) for i in range(RUSH_USERS)]
            + [COORDINATOR_EMAIL, STAFF_EMAIL]
        )
        insert_rows(
            User,
            (
                {
                    "email": email,
                    "name": words.title(2, 3),
                    "password": password,
                    "is_active": True,
                    "date_joined": self.now,
                }
                for email in emails
            ),
        )
        user_ids = dict(
            User.objects.filter(email__endswith="@bench.test").values_list("email", "pk")
        )
        insert_rows(
            EmailAddress,
            (
                {"user_id": user_ids[email], "email": email, "verified": True, "primary": True}
                for email in emails
            ),
        )
        self.step(f"{len(emails):,} people")

        # Everyone is staff of one organization; the large partner has its coordinator.
        member_of: dict[int, int] = {}
        for i in range(sizes["people"]):
            member_of[user_ids[f"bench-person-{i}@bench.test"]] = rng.choice(org_ids)
        for i in range(sizes["large"]):
            member_of[user_ids[f"bench-member-{i}@bench.test"]] = large.pk
        member_of[user_ids[STAFF_EMAIL]] = large.pk
        coordinator_id = user_ids[COORDINATOR_EMAIL]
        insert_rows(
            Membership,
            (
                {
                    "user_id": user_id,
                    "organization_id": org_id,
                    "role": Membership.Role.STAFF,
                    "status": Membership.Status.ACTIVE,
                    "requested_at": self.now,
                    "started_at": self.now,
                }
                for user_id, org_id in [*member_of.items(), (coordinator_id, large.pk)]
                if user_id != coordinator_id
            ),
        )
        Membership.objects.create(
            user_id=coordinator_id,
            organization=large,
            role=Membership.Role.COORDINATOR,
            status=Membership.Status.ACTIVE,
            started_at=self.now,
        )
        self.step(f"{len(member_of) + 1:,} memberships")

        course_count = max(5, sizes["sessions"] // 100)
        courses = Course.objects.bulk_create(
            Course(
                title=words.title(3, 6),
                slug=f"bench-course-{i}",
                summary=words.text(10, 20),
                description=words.text(40, 80),
                format=rng.choice([Course.Format.WEBINAR, Course.Format.IN_PERSON]),
                provider_id=rng.choice(org_ids),
                duration_minutes=rng.choice([60, 90, 120]),
                issues_certificates=rng.random() < 0.8,
                published=True,
            )
            for i in range(course_count)
        )
        for course in courses:
            course.pillars.set(rng.sample(pillars, min(2, len(pillars))))
            course.audiences.set(rng.sample(audiences, min(2, len(audiences))))
        certifying = {c.pk for c in courses if c.issues_certificates}
        insert_rows(
            Session, session_rows(rng=rng, now=self.now, count=sizes["sessions"], courses=courses)
        )
        sessions = list(
            Session.objects.filter(course__slug__startswith="bench-course-").values_list(
                "pk", "starts_at", "ends_at", "course_id"
            )
        )
        self.step(f"{len(courses):,} courses, {len(sessions):,} sessions")

        staff_id = user_ids[STAFF_EMAIL]
        people = [user_id for user_id in member_of if user_id != staff_id]
        per_session = max(1, sizes["enrollments"] // max(1, len(sessions)))
        insert_rows(
            Enrollment,
            enrollment_rows(
                rng=rng,
                now=self.now,
                sessions=sessions,
                people=people,
                member_of=member_of,
                per_session=per_session,
            ),
        )
        # The signed-in staff page shows a person with a long history.
        insert_rows(
            Enrollment,
            (
                enrollment_row(
                    rng=rng, now=self.now, session=session, user_id=staff_id, org_id=large.pk
                )
                for session in rng.sample(sessions, min(100, len(sessions)))
            ),
        )
        self.step(f"{Enrollment.objects.count():,} enrollments")

        attended = (
            Enrollment.objects.filter(
                status=Enrollment.Status.ATTENDED,
                session__course_id__in=certifying,
                user__email__endswith="@bench.test",
            )
            .order_by()
            .values_list("pk", "user_id", "session__course_id", "session__ends_at", "user__name")[
                : sizes["certificates"]
            ]
        )
        insert_rows(
            Certificate,
            (
                {
                    "user_id": user_id,
                    "course_id": course_id,
                    "enrollment_id": pk,
                    "recipient_name": name,
                    "hours": Decimal("1.50"),
                    "issued_on": ends_at.date(),
                    "issued_at": ends_at,
                }
                # A list first: a server-side cursor cannot be read while COPY runs.
                for pk, user_id, course_id, ends_at, name in list(attended)
            ),
        )
        self.step(f"{Certificate.objects.count():,} certificates")

        insert_rows(
            Resource,
            material_rows(
                rng=rng, words=words, now=self.now, count=sizes["materials"], org_ids=org_ids
            ),
        )
        material_ids = list(
            Resource.objects.filter(slug__startswith="bench-material-").values_list(
                "pk", flat=True
            )
        )
        insert_rows(
            Resource.audiences.through,
            (
                {"resource_id": pk, "audience_id": audience}
                for pk in material_ids
                for audience in rng.sample(audiences, rng.randint(1, min(3, len(audiences))))
            ),
        )
        insert_rows(
            Resource.pillars.through,
            (
                {"resource_id": pk, "pillar_id": pillar}
                for pk in material_ids
                for pillar in rng.sample(pillars, rng.randint(1, min(2, len(pillars))))
            ),
        )
        this_month = self.now.date().replace(day=1)
        months = [(this_month - timedelta(days=31 * back)).replace(day=1) for back in range(12)]
        insert_rows(
            DownloadMonth,
            (
                {"resource_id": pk, "month": month, "count": rng.randint(1, 500)}
                for pk in material_ids[: max(1, len(material_ids) // 10)]
                for month in months
            ),
        )
        self.step(f"{len(material_ids):,} materials")

        insert_rows(
            NewsPost,
            (
                {
                    "title": words.title(4, 9),
                    "slug": f"bench-news-{i}",
                    "summary": words.text(12, 25),
                    "body": "\n\n".join(words.text(40, 90) for _ in range(3)),
                    "status": NewsPost.Status.PUBLISHED,
                    "published_at": self.now - timedelta(hours=rng.randint(1, 24 * 1500)),
                    "pillar_id": rng.choice(pillars) if pillars else None,
                }
                for i in range(sizes["news"])
            ),
        )
        self.step(f"{sizes['news']:,} news posts")
