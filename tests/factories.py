from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from campaign.models import User

DEFAULT_PASSWORD = "a-long-test-passphrase-42"


def numbered(label: str) -> tuple[factory.Sequence, factory.Sequence]:
    """A numbered name and the slug that goes with it ("Label 3", "label-3"): a factory's
    name (or title) and slug."""
    return (
        factory.Sequence(lambda n: f"{label} {n}"),
        factory.Sequence(lambda n: f"{slugify(label)}-{n}"),
    )


class UserFactory(DjangoModelFactory):
    """A person with a verified email address who can sign in with DEFAULT_PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )


class StaffUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class OrganizationFactory(DjangoModelFactory):
    """A state or local agency in California, active and listed (the model's defaults)."""

    class Meta:
        model = "partners.Organization"

    name, slug = numbered("Partner Organization")
    kind = "state_local"
    state = "CA"


class MembershipFactory(DjangoModelFactory):
    """A membership as it stands after approval; use the services to test how it gets there."""

    class Meta:
        model = "partners.Membership"

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "staff"
    status = "active"
    started_at = factory.LazyFunction(timezone.now)


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = "training.Course"

    title, slug = numbered("Recognizing Trafficking")
    summary = "Signs of human trafficking and how to report them."
    format = "webinar"
    published = True


class SessionFactory(DjangoModelFactory):
    """A scheduled online session a week from now, open to anyone with an account."""

    class Meta:
        model = "training.Session"

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=1))
    time_zone = "America/Los_Angeles"
    online = True
    join_url = "https://meet.example.org/room-42"
    capacity = 10


class ResourceFactory(DjangoModelFactory):
    """A published public PDF material (a real one-page PDF in private storage)."""

    class Meta:
        model = "resources.Resource"
        skip_postgeneration_save = True

    title, slug = numbered("Awareness Poster")
    summary = "Signs of human trafficking and the hotline number."
    kind = "poster"
    language = "en"
    published = True
    file = factory.django.FileField(
        filename="poster.pdf", data=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )
    file_type = "pdf"
    file_size = factory.LazyAttribute(lambda r: r.file.size if r.file else 0)


class MaterialOrderFactory(DjangoModelFactory):
    """A submitted order; use the services to move it on."""

    class Meta:
        model = "resources.MaterialOrder"

    contact_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"requester{n}@example.org")
    organization_name = "Springfield Public Library"
    shipping_address = "742 Evergreen Terrace\nSpringfield, OR 97403"
    display_location = "The library's front lobby"


# What a person types into the print order form, and the service takes.
ORDER = {
    "contact_name": "Pat Lee",
    "email": "pat@example.org",
    "organization_name": "Springfield Public Library",
    "shipping_address": "742 Evergreen Terrace\nSpringfield, OR 97403",
    "display_location": "Front lobby",
}


def place_material_order(*, items, requester=None, **details):
    """A print order placed through the service, with ORDER's details (and the requester's
    email) unless given."""
    from resources import services

    if requester:
        details.setdefault("email", requester.email)
    return services.place_order(requester=requester, items=items, **{**ORDER, **details})


def order_form(resource, quantity: int = 10, **extra) -> dict:
    """The print order form's POST data: ORDER, `quantity` copies of `resource`, no phone and
    the honeypot left empty, changed by `extra`."""
    return {**ORDER, "phone": "", f"quantity_{resource.pk}": str(quantity), "website": "", **extra}


# What an applicant sends to become a partner.
APPLICATION = {
    "organization_name": "Fresno Code Enforcement",
    "acronym": "FCE",
    "kind": "state_local",
    "state": "CA",
    "country": "US",
    "description": "City code enforcement division.",
    "applicant_title": "Senior inspector",
    "reason": "Train our 40 inspectors.",
}


def submit_partner_application(name: str = "Modesto Code Enforcement", **details):
    """An application for `name` submitted through the service by a new person, with
    APPLICATION's details unless given."""
    from partners import services

    return services.submit_application(
        applicant=details.pop("applicant", None) or UserFactory(),
        **{**APPLICATION, "organization_name": name, **details},
    )


def accept_training_request(training_request, *, decided_by, hours: int = 1, **details):
    """Accepts a training request through the service with a session of `hours` ten days
    from now (New York time) of the requested course, unless given."""
    from training import services

    starts_at = details.pop("starts_at", timezone.now() + timedelta(days=10))
    return services.accept_training_request(
        training_request=training_request,
        decided_by=decided_by,
        **{
            "course": training_request.course,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=hours),
            "time_zone": "America/New_York",
            **details,
        },
    )


def make_api_token(organization, *, created_by, days: int = 30, name: str = "HR system"):
    """An API token of the organization made through the service: (token, secret)."""
    from partners import services

    return services.create_api_token(
        organization=organization,
        name=name,
        expires_on=timezone.localdate() + timedelta(days=days),
        created_by=created_by,
    )


def attended(user, *, days_ago: int = 3, course=None, organization=None):
    """An attended session `days_ago` days back, marked through the service (which issues
    the certificate when the course gives one)."""
    from training import services
    from training.models import Enrollment

    start = timezone.now() - timedelta(days=days_ago)
    session = SessionFactory(
        course=course or CourseFactory(issues_certificates=True),
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    enrollment = Enrollment.objects.create(
        user=user, session=session, status="registered", organization=organization
    )
    services.mark_attendance(enrollment=enrollment, attended=True, marked_by=None)
    enrollment.refresh_from_db()
    return enrollment


class OnDemandCourseFactory(CourseFactory):
    """A published web-based course that issues certificates, with no questions yet."""

    format = "web_based"
    issues_certificates = True
    duration_minutes = 90
    video_url = "https://video.example.org/recognizing-trafficking"


class QuestionFactory(DjangoModelFactory):
    """A three-choice question whose right answer is the second choice."""

    class Meta:
        model = "training.Question"

    course = factory.SubFactory(OnDemandCourseFactory)
    position = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Question {n}: which is an indicator of trafficking?")
    choices = "A person who keeps their own passport\nA person who cannot leave their job\nNone"
    correct_choice = 2


# --- Campaign site ------------------------------------------------------------------------


class NewsPostFactory(DjangoModelFactory):
    """A published post dated a day ago."""

    class Meta:
        model = "campaign.NewsPost"

    title, slug = numbered("Campaign News")
    summary = "A partner joined the campaign."
    body = "The partner will train its staff to **recognize** trafficking."
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class ImpactFigureFactory(DjangoModelFactory):
    class Meta:
        model = "campaign.ImpactFigure"

    label = factory.Sequence(lambda n: f"cases opened {n}")
    value = 1025
    qualifier = "about"
    year = 2013
    source = "ICE"


class PlanGoalFactory(DjangoModelFactory):
    class Meta:
        model = "campaign.PlanGoal"

    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Goal title {n}")


class PlanObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = "campaign.PlanObjective"

    goal = factory.SubFactory(PlanGoalFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objective title {n}")


class ActionItemFactory(DjangoModelFactory):
    class Meta:
        model = "campaign.ActionItem"

    objective = factory.SubFactory(PlanObjectiveFactory)
    title = factory.Sequence(lambda n: f"Action item {n}")
    status = "not_started"
