"""The pages the benchmark measures, with real slugs and ids from the database."""

import random

from bench.data import DEFAULT_SEED, Vocabulary
from campaign.models import NewsPost, Pillar
from partners.models import Organization
from resources.models import Resource
from training.models import Course, Session

# A word of middling frequency in the generated vocabulary: selective, as real words are.
SEARCH_RANK = 300


def page_list(large_organization_slug: str) -> list[tuple[str, str, str]]:
    """(name, who asks, path) for every page; who is anonymous, staff, coordinator or admin."""
    material = Resource.objects.filter(published=True, visibility="public").order_by("pk").last()
    session = Session.objects.filter(status="scheduled").order_by("pk").last()
    # The session with the most people on its roster, for the admin's session page.
    busiest = Session.objects.order_by("-registered_seats", "-waitlist_length", "pk").first()
    # An open session anyone may join, for the coordinator's bulk enrollment.
    open_session = (
        Session.objects.filter(status="scheduled", eligibility="signed_in").order_by("pk").last()
        or session
    )
    course = Course.objects.filter(published=True).order_by("pk").last()
    organization = Organization.objects.filter(status="active", listed=True).order_by("pk").last()
    news = NewsPost.objects.filter(status="published").order_by("pk").last()
    pillar = Pillar.objects.order_by("pk").first()
    word = Vocabulary(random.Random(DEFAULT_SEED)).word_of_rank(SEARCH_RANK)  # noqa: S311
    org = large_organization_slug
    return [
        ("bare view", "anonymous", "/bench/bare/"),
        ("home", "anonymous", "/"),
        ("materials", "anonymous", "/materials/"),
        ("materials facet (kind)", "anonymous", "/materials/?kind=poster"),
        ("materials search", "anonymous", f"/materials/?q={word}"),
        ("materials search (common)", "anonymous", "/materials/?q=trafficking"),
        ("site search", "anonymous", f"/search/?q={word}"),
        ("site search (common)", "anonymous", "/search/?q=trafficking"),
        ("site search (Spanish)", "anonymous", "/es/search/?q=trata+de+personas"),
        ("a material", "anonymous", f"/materials/{material.slug}/"),
        ("trainings", "anonymous", "/trainings/"),
        ("a course", "anonymous", f"/trainings/{course.slug}/"),
        ("a session", "anonymous", f"/trainings/sessions/{session.pk}/"),
        ("partners", "anonymous", "/partners/"),
        ("an organization", "anonymous", f"/partners/{organization.slug}/"),
        ("news", "anonymous", "/news/"),
        ("a news post", "anonymous", f"/news/{news.slug}/"),
        ("a pillar", "anonymous", f"/pillars/{pillar.slug}/"),
        ("impact", "anonymous", "/impact/"),
        ("plan", "anonymous", "/plan/"),
        ("get help", "anonymous", "/get-help/"),
        ("sitemap.xml", "anonymous", "/sitemap.xml"),
        ("impact.csv", "anonymous", "/impact/impact.csv"),
        ("my trainings", "staff", "/trainings/mine/"),
        ("roster (5,000 members)", "coordinator", f"/partners/{org}/manage/"),
        ("roster.csv export", "coordinator", f"/partners/{org}/manage/roster.csv"),
        ("training report", "coordinator", f"/trainings/report/{org}/"),
        (
            "bulk enrollment (5,000 members)",
            "coordinator",
            f"/trainings/sessions/{open_session.pk}/enroll-staff/",
        ),
        ("admin enrollment list", "admin", "/admin/training/enrollment/"),
        ("admin dashboard", "admin", "/admin/"),
        ("admin session page", "admin", f"/admin/training/session/{busiest.pk}/run/"),
        ("audit log", "admin", "/admin/campaign/auditentry/"),
    ]
