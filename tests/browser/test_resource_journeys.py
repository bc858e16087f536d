"""Materials journeys in Chromium: find, filter, search, switch language and download; order
posters and an admin approves and ships them; partner-only files; axe everywhere."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from campaign.models import Audience
from resources.models import MaterialOrder, Resource, TranslationGroup
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.steps import send_empty_then_filled, sign_in, sign_in_as_admin
from tests.factories import (
    DEFAULT_PASSWORD,
    MembershipFactory,
    ResourceFactory,
    UserFactory,
    place_material_order,
)

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_STEPS = [
    ("Approve selected orders", "Approved"),
    ("Mark selected orders shipped", "Shipped"),
]


def library(*, with_partner_only: bool = False) -> dict[str, Resource]:
    law, _ = Audience.objects.get_or_create(
        slug="law-enforcement", defaults={"name": "Law enforcement"}
    )
    card = ResourceFactory(
        title="Human Trafficking Indicator Card",
        slug="indicator-card",
        kind="indicator_card",
        summary="Common signs of trafficking and what to do.",
        translation_group=TranslationGroup.objects.create(name="Indicator card"),
        orderable=True,
    )
    made = {
        "card": card,
        # The card in Spanish: a translation of the same kind.
        "tarjeta": ResourceFactory(
            title="Tarjeta de indicadores",
            slug="tarjeta-de-indicadores",
            language="es",
            summary="Señales comunes de la trata.",
            kind=card.kind,
            translation_group=card.translation_group,
        ),
        "poster": ResourceFactory(
            title="Poster for Public Buildings",
            slug="poster-public-buildings",
            summary="For lobbies of public buildings.",
            orderable=True,
            max_per_order=50,
            featured=True,
        ),
        "guide": ResourceFactory(
            title="T Visa Resource Guide",
            slug="t-visa-guide",
            kind="guide",
            summary="Immigration relief for victims, for officers.",
        ),
    }
    made["guide"].audiences.add(law)
    if with_partner_only:
        made["toolkit"] = ResourceFactory(
            title="CSEC Toolkit for Law Enforcement",
            slug="csec-toolkit",
            kind="toolkit",
            visibility="partners",
        )
    return made


def test_a_visitor_filters_searches_switches_language_and_downloads(
    page, site, assert_accessible, csp_violations
):
    library()
    page.goto(f"{site}/materials/")
    expect(page.get_by_role("heading", name="4 materials")).to_be_visible()
    filters = page.get_by_role("navigation", name="Filter materials")
    filters.get_by_role("link", name="Indicator card (2)").click()
    expect(page.get_by_role("heading", name="2 materials")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Search materials").fill("signs")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    # The search kept the kind filter.
    assert "kind=indicator_card" in page.url and "q=signs" in page.url
    expect(page.get_by_role("heading", name="1 material")).to_be_visible()
    page.get_by_role("link", name="Human Trafficking Indicator Card").click()
    expect(page.get_by_role("heading", name="Other languages")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Spanish: Tarjeta de indicadores").click()
    expect(page.get_by_role("heading", name="Tarjeta de indicadores", level=1)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Tarjeta de indicadores").click()
    # Browsers take the RFC 5987 name (the title); the ASCII one is the fallback.
    assert download.value.suggested_filename == "Tarjeta de indicadores.pdf"
    with open(download.value.path(), "rb") as file:
        assert file.read(4) == b"%PDF"
    assert Resource.objects.get(slug="tarjeta-de-indicadores").download_count == 1
    assert csp_violations == []


def test_posters_are_ordered_then_approved_and_shipped_by_an_admin(
    page, other_page, site, assert_accessible
):
    library()
    page.goto(f"{site}/materials/poster-public-buildings/")
    page.get_by_role("link", name="Order printed copies").click()
    expect(page.get_by_label("Poster for Public Buildings")).to_have_value("10")
    send_empty_then_filled(
        page,
        "Send my order",
        {
            "Poster for Public Buildings": "30",
            "Your name": "Avery Quinn",
            "Email": "avery@example.org",
            "Organization": "Springfield Federal Building",
            "Shipping address": "1 Federal Plaza\nSpringfield, IL 62701",
            "Where the materials will be displayed": "The main lobby",
        },
        assert_accessible,
    )
    expect(page.get_by_role("heading", name="Thank you: your order is in")).to_be_visible()
    assert_accessible(page)
    order = MaterialOrder.objects.get()
    assert order.items.get().quantity == 30
    assert [m.to for m in mail.outbox] == [["avery@example.org"]]

    sign_in_as_admin(other_page, site)
    for action, status in ADMIN_STEPS:
        other_page.goto(f"{site}/admin/resources/materialorder/")
        other_page.locator(f'input[name="_selected_action"][value="{order.pk}"]').check()
        other_page.get_by_label("Action:").select_option(label=action)
        other_page.get_by_role("button", name="Run").or_(
            other_page.get_by_role("button", name="Go")
        ).click()
        expect(other_page.get_by_text("the requester was emailed")).to_be_visible()
        expect(other_page.locator("td.field-status")).to_have_text(status)
    order.refresh_from_db()
    assert order.status == "shipped"
    assert [m.subject.split("] ")[1] for m in mail.outbox] == [
        f"Your order for printed materials is in (order {order.pk})",
        f"Your order {order.pk} is approved",
        f"Your order {order.pk} has shipped",
    ]


def test_a_partner_downloads_a_partner_only_file_a_visitor_cannot_reach(
    page, other_page, site, assert_accessible
):
    library(with_partner_only=True)
    member = MembershipFactory(user=UserFactory(name="Casey Park")).user
    sign_in(page, site, member.email, DEFAULT_PASSWORD)
    page.goto(f"{site}/materials/")
    page.get_by_role("link", name="CSEC Toolkit for Law Enforcement").click()
    expect(page.get_by_text("Shown to staff of partner organizations")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSEC Toolkit for Law Enforcement").click()
    assert download.value.suggested_filename == "CSEC Toolkit for Law Enforcement.pdf"

    other_page.goto(f"{site}/materials/")
    expect(other_page.get_by_role("link", name="CSEC Toolkit for Law Enforcement")).to_have_count(
        0
    )
    for path in ["/materials/csec-toolkit/", "/materials/csec-toolkit/download/"]:
        response = other_page.goto(f"{site}{path}")
        assert response.status == 404
    assert Resource.objects.get(slug="csec-toolkit").download_count == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_materials_pages_pass_axe(page, site, assert_accessible, csp_violations, viewport):
    made = library(with_partner_only=True)
    person = MembershipFactory().user
    place_material_order(requester=person, items=[(made["poster"], 5)])
    page.set_viewport_size(viewport)
    for path in [
        "/",
        "/materials/",
        "/materials/?kind=guide&audience=law-enforcement&sort=title",
        "/materials/?q=visa",
        "/materials/?kind=spaceship&sort=random",
        "/materials/indicator-card/",
        "/materials/order/",
        "/materials/order/received/",
    ]:
        page.goto(f"{site}{path}")
        assert_accessible(page)
    sign_in(page, site, person.email, DEFAULT_PASSWORD)
    for path in ["/materials/orders/", "/materials/csec-toolkit/", "/materials/order/"]:
        page.goto(f"{site}{path}")
        assert_accessible(page)
    assert csp_violations == []
