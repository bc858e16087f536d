"""Library, material page, download, print orders and my orders."""

from urllib.parse import unquote

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from campaign.models import Audience, Pillar
from resources import services
from resources.models import MaterialOrder, Resource, TranslationGroup
from tests.factories import (
    CourseFactory,
    MaterialOrderFactory,
    MembershipFactory,
    OrganizationFactory,
    ResourceFactory,
    UserFactory,
    order_form,
    place_material_order,
)

pytestmark = pytest.mark.django_db
LIBRARY = "/materials/"


def titles(response) -> list[str]:
    return [r.title for r in response.context["resources"]]


# --- Library -----------------------------------------------------------------------------


def test_the_library_shows_published_materials_a_visitor_may_see(client):
    ResourceFactory(title="Public Poster")
    ResourceFactory(title="Draft Poster", published=False)
    ResourceFactory(title="Partner Toolkit", visibility="partners")
    assert titles(client.get(LIBRARY)) == ["Public Poster"]
    client.force_login(MembershipFactory().user)
    assert sorted(titles(client.get(LIBRARY))) == ["Partner Toolkit", "Public Poster"]
    client.force_login(MembershipFactory(status="pending").user)
    assert titles(client.get(LIBRARY)) == ["Public Poster"]


def test_filters_and_facet_counts(client):
    law = Audience.objects.get(slug="law-enforcement")
    prevention = Pillar.objects.get(slug="prevention")
    dhs = OrganizationFactory(name="Homeland Security", slug="dhs-test")
    guide = ResourceFactory(title="T Visa Guide", kind="guide", publisher=dhs)
    guide.audiences.add(law)
    card = ResourceFactory(title="Tarjeta", kind="indicator_card", language="es")
    card.pillars.add(prevention)
    ResourceFactory(title="Poster", kind="poster")
    assert titles(client.get(LIBRARY, {"kind": "guide"})) == ["T Visa Guide"]
    assert titles(client.get(LIBRARY, {"audience": "law-enforcement"})) == ["T Visa Guide"]
    assert titles(client.get(LIBRARY, {"pillar": "prevention"})) == ["Tarjeta"]
    assert titles(client.get(LIBRARY, {"language": "es"})) == ["Tarjeta"]
    assert titles(client.get(LIBRARY, {"publisher": "dhs-test"})) == ["T Visa Guide"]
    response = client.get(LIBRARY, {"language": "en"})
    groups = {g["name"]: g for g in response.context["facet_groups"]}
    assert [(v["label"], v["count"]) for v in groups["kind"]["values"]] == [
        ("Guide", 1),
        ("Poster", 1),
    ]
    assert [(v["label"], v["count"]) for v in groups["audience"]["values"]] == [
        ("Law enforcement", 1)
    ]
    # A facet link keeps the other filters and drops the page.
    guide_link = groups["kind"]["values"][0]["url"]
    assert "language=en" in guide_link and "kind=guide" in guide_link
    assert groups["language"]["clear_url"] == "?"


def test_search_matches_and_sorts(client):
    ResourceFactory(title="U Visa Guide", summary="Certification for officers.")
    ResourceFactory(title="Lobby Poster", summary="For public buildings.")
    popular = ResourceFactory(title="Another Visa Sheet", summary="Visa basics.")
    Resource.objects.filter(pk=popular.pk).update(download_count=99)
    assert sorted(titles(client.get(LIBRARY, {"q": "visa"}))) == [
        "Another Visa Sheet",
        "U Visa Guide",
    ]
    assert titles(client.get(LIBRARY, {"sort": "title"}))[0] == "Another Visa Sheet"
    assert titles(client.get(LIBRARY, {"sort": "downloads"}))[0] == "Another Visa Sheet"
    assert titles(client.get(LIBRARY, {"sort": "newest"}))[0] == "Another Visa Sheet"


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "spaceship"},
        {"audience": "nobody"},
        {"publisher": "<script>"},
        {"sort": "random"},
        {"language": "xx", "q": "a" * 500},
    ],
)
def test_bad_filters_answer_with_a_message_not_an_error(client, query):
    ResourceFactory()
    response = client.get(LIBRARY, query)
    assert response.status_code == 200
    assert "Some filters in this address are not valid" in response.content.decode()


@pytest.mark.parametrize("count", [40, 2000])
def test_the_library_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    publisher = OrganizationFactory()
    law = Audience.objects.get(slug="law-enforcement")
    resources = Resource.objects.bulk_create(
        Resource(
            title=f"Material {n}",
            slug=f"material-{n}",
            summary="Signs of trafficking.",
            kind=["poster", "guide", "video"][n % 3],
            language=["en", "es"][n % 2],
            publisher=publisher,
            external_url="https://example.org/video",
            published=True,
        )
        for n in range(count)
    )
    Resource.audiences.through.objects.bulk_create(
        Resource.audiences.through(resource=r, audience=law) for r in resources
    )
    with django_assert_num_queries(7):
        response = client.get(LIBRARY, {"language": "en", "sort": "title"})
    assert response.context["page_obj"].paginator.count == count // 2
    # A search reads its candidates once first; the other seven queries reuse them.
    with django_assert_num_queries(8):
        assert client.get(LIBRARY, {"q": "material", "page": "2"}).status_code == 200


# --- Material page -------------------------------------------------------------------------


def test_the_material_page_shows_languages_trainings_and_buttons(client):
    group = TranslationGroup.objects.create(name="Indicator card")
    english = ResourceFactory(title="Indicator Card", translation_group=group, orderable=True)
    ResourceFactory(title="Tarjeta", language="es", translation_group=group)
    ResourceFactory(title="Draft Card", language="vi", translation_group=group, published=False)
    english.courses.add(CourseFactory(title="Code Enforcement Webinar"))
    english.courses.add(CourseFactory(title="Draft Course", published=False))
    page = client.get(english.get_absolute_url()).content.decode()
    assert 'Spanish: <span lang="es">Tarjeta</span>' in page and "Draft Card" not in page
    assert "Code Enforcement Webinar" in page and "Draft Course" not in page
    assert reverse("resources:resource-download", args=[english.slug]) in page
    assert f"/materials/order/?material={english.slug}" in page
    assert "PDF," in page


def test_hidden_materials_are_404(client):
    draft = ResourceFactory(published=False)
    partner_only = ResourceFactory(visibility="partners")
    for resource in [draft, partner_only]:
        assert client.get(resource.get_absolute_url()).status_code == 404
    assert client.get("/materials/no-such-thing/").status_code == 404
    client.force_login(MembershipFactory().user)
    assert client.get(partner_only.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_the_material_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    group = TranslationGroup.objects.create(name="Card")
    resource = ResourceFactory(translation_group=group)
    for _n in range(count):
        ResourceFactory(translation_group=None).courses.add(CourseFactory())
        resource.courses.add(CourseFactory())
    resource.audiences.set(Audience.objects.all())
    with django_assert_num_queries(5):
        assert client.get(resource.get_absolute_url()).status_code == 200


# --- Download ------------------------------------------------------------------------------


def test_a_download_is_counted_and_served_safely(client):
    resource = ResourceFactory(title="Guía de víctimas / derechos", slug="victims-guide")
    response = client.get(reverse("resources:resource-download", args=[resource.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="victims-guide.pdf"; ')
    assert unquote(disposition.split("UTF-8''")[1]) == "Guía de víctimas - derechos.pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    resource.refresh_from_db()
    assert resource.download_count == 1


def test_an_external_link_redirects_and_counts(client):
    video = ResourceFactory(file=None, file_type="", external_url="https://example.org/roll-call")
    response = client.get(reverse("resources:resource-download", args=[video.slug]))
    assert response.status_code == 302 and response["Location"] == "https://example.org/roll-call"
    video.refresh_from_db()
    assert video.download_count == 1


def test_partner_only_files_reach_active_partner_staff_only(client, partners):
    toolkit = ResourceFactory(visibility="partners")
    url = reverse("resources:resource-download", args=[toolkit.slug])
    assert client.get(url).status_code == 404
    client.force_login(partners.outsider)
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(status="ended").user)
    assert client.get(url).status_code == 404
    client.force_login(partners.police_staff)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    toolkit.refresh_from_db()
    assert toolkit.download_count == 1
    # Stored outside MEDIA_ROOT, so no media URL can reach it.
    from django.conf import settings

    assert str(settings.MEDIA_ROOT) not in toolkit.file.path


def test_downloads_refuse_other_methods_and_missing_files(client):
    resource = ResourceFactory()
    url = reverse("resources:resource-download", args=[resource.slug])
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 405
    resource.file.storage.delete(resource.file.name)
    assert client.get(url).status_code == 404


def test_on_s3_the_download_redirects_to_a_short_lived_signed_link(client):
    """boto3 signs locally: no request leaves the machine."""
    resource = ResourceFactory(visibility="public")
    s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "portal-materials",
            "region_name": "us-east-1",
            "access_key": "AKIAEXAMPLEEXAMPLE00",
            "secret_key": "example-secret-key-for-signing-only-000000",
            "querystring_auth": True,
            "querystring_expire": 120,
            "signature_version": "s3v4",
            "default_acl": "private",
        },
    }
    from django.conf import settings

    with override_settings(STORAGES={**settings.STORAGES, "private": s3}):
        response = client.get(reverse("resources:resource-download", args=[resource.slug]))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://portal-materials.s3.amazonaws.com/resources/")
    assert "X-Amz-Signature=" in location and "X-Amz-Expires=120" in location


# --- Print orders --------------------------------------------------------------------------


def test_anyone_can_order_printed_copies_and_gets_a_confirmation(
    client, django_capture_on_commit_callbacks
):
    poster = ResourceFactory(title="Lobby Poster", orderable=True, max_per_order=50)
    ResourceFactory(title="Not Orderable")
    form = client.get("/materials/order/").context["form"]
    assert [r.title for r in form.resources] == ["Lobby Poster"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/materials/order/", order_form(poster, 12))
    assert response.status_code == 302 and response["Location"] == "/materials/order/received/"
    order = MaterialOrder.objects.get()
    assert (order.requester, order.items.get().quantity) == (None, 12)
    assert mail.outbox[0].to == ["pat@example.org"]


def test_an_order_over_the_limit_or_empty_shows_errors_and_saves_nothing(client):
    poster = ResourceFactory(orderable=True, max_per_order=50)
    response = client.post("/materials/order/", order_form(poster, 51, email="not-an-email"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "less than or equal to 50" in page and "Enter a valid email address" in page
    response = client.post("/materials/order/", order_form(poster, 0))
    assert "Choose at least one material" in response.content.decode()
    assert not MaterialOrder.objects.exists()


def test_the_honeypot_catches_bots_quietly(client):
    poster = ResourceFactory(orderable=True)
    response = client.post("/materials/order/", order_form(poster, website="http://spam.test"))
    assert response.status_code == 302
    assert not MaterialOrder.objects.exists() and not mail.outbox


def test_orders_are_rate_limited_per_address(client, settings):
    settings.RESOURCE_ORDER_RATE = "2/h"
    poster = ResourceFactory(orderable=True)
    for _ in range(2):
        assert client.post("/materials/order/", order_form(poster)).status_code == 302
    response = client.post("/materials/order/", order_form(poster))
    assert response.status_code == 429
    assert "Too many orders" in response.content.decode()
    assert MaterialOrder.objects.count() == 2


def test_a_partner_gets_their_organization_and_last_address_filled_in(client, partners):
    poster = ResourceFactory(orderable=True, slug="lobby-poster", max_per_order=5)
    client.force_login(partners.police_staff)
    initial = client.get("/materials/order/?material=lobby-poster").context["form"].initial
    assert initial["organization_name"] == "Springfield Police"
    assert initial["email"] == partners.police_staff.email
    assert initial[f"quantity_{poster.pk}"] == 5
    client.post("/materials/order/", order_form(poster, 2, shipping_address="1 Main St"))
    order = MaterialOrder.objects.get()
    assert (order.requester, order.organization) == (partners.police_staff, partners.police)
    initial = client.get("/materials/order/").context["form"].initial
    assert initial["shipping_address"] == "1 Main St"


def test_my_orders_needs_sign_in_and_shows_only_mine(client):
    assert client.get("/materials/orders/").status_code == 302
    me, someone = UserFactory(), UserFactory()
    MaterialOrderFactory(requester=someone, organization_name="Their Library")
    mine = MaterialOrderFactory(requester=me, organization_name="My Library")
    services.approve_order(order=mine, decided_by=None)
    client.force_login(me)
    page = client.get("/materials/orders/").content.decode()
    assert "My Library" in page and "Approved" in page and "Their Library" not in page


@pytest.mark.parametrize("count", [2, 40])
def test_my_orders_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    me = UserFactory()
    poster = ResourceFactory(orderable=True)
    for _ in range(count):
        place_material_order(requester=me, items=[(poster, 2)])
    client.force_login(me)
    with django_assert_num_queries(5):
        assert client.get("/materials/orders/").status_code == 200


# --- Elsewhere on the site -----------------------------------------------------------------


def test_home_course_and_partner_pages_show_materials(client):
    dhs = OrganizationFactory(name="Homeland Security", slug="dhs-x")
    course = CourseFactory()
    featured = ResourceFactory(title="Featured Poster", featured=True, publisher=dhs)
    featured.courses.add(course)
    ResourceFactory(title="Secret Toolkit", featured=True, visibility="partners", publisher=dhs)
    home = client.get("/").content.decode()
    assert "Featured Poster" in home and "Secret Toolkit" not in home
    assert "Featured Poster" in client.get(course.get_absolute_url()).content.decode()
    partner_page = client.get(dhs.get_absolute_url()).content.decode()
    assert "Featured Poster" in partner_page and "Secret Toolkit" not in partner_page


@pytest.mark.parametrize("count", [2, 30])
def test_the_partner_page_lists_materials_in_one_query(client, django_assert_num_queries, count):
    publisher = OrganizationFactory()
    for _ in range(count):
        ResourceFactory(publisher=publisher)
    with django_assert_num_queries(5):
        response = client.get(publisher.get_absolute_url())
    assert len(response.context["materials"]) == min(count, 12)


def test_a_missing_file_answers_404_and_is_not_counted(client):
    """Only a download that was served counts, in total and in the month."""
    resource = ResourceFactory()
    resource.file.storage.delete(resource.file.name)
    response = client.get(reverse("resources:resource-download", args=[resource.slug]))
    assert response.status_code == 404
    resource.refresh_from_db()
    assert resource.download_count == 0
    assert not resource.monthly.exists()


def test_a_download_is_sandboxed_and_an_office_file_is_an_attachment(client):
    from tests.resources.files import office_bytes

    pdf = ResourceFactory()
    response = client.get(reverse("resources:resource-download", args=[pdf.slug]))
    assert response["Content-Security-Policy"] == "sandbox"
    docx = ResourceFactory(file__filename="toolkit.docx", file__data=office_bytes("word/"))
    docx.file_type = "docx"
    docx.save()
    response = client.get(reverse("resources:resource-download", args=[docx.slug]))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"
