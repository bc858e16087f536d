"""A Spanish speaker in Chromium: the language selector, get help, materials, sign-up
with a Spanish email, and an enrollment confirmed in Spanish with a calendar file; axe on
every page and the right `lang`."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.steps import sign_in
from tests.factories import DEFAULT_PASSWORD, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_spanish_speaker_finds_help_signs_up_and_enrolls(
    page, site, assert_accessible, csp_violations
):
    session = SessionFactory()
    page.goto(f"{site}/get-help/")
    page.get_by_role("button", name="Español").click()
    expect(page).to_have_url(f"{site}/es/get-help/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Pedir ayuda", exact=True)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{site}/es/materials/?q=trata")
    expect(page.get_by_role("heading", name="Materiales informativos")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{site}/es/accounts/signup/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_label("Correo electrónico").fill("ana.ruiz@example.org")
    page.get_by_label("Nombre completo").fill("Ana Ruiz")
    page.get_by_label("Contraseña", exact=False).first.fill(DEFAULT_PASSWORD)
    page.get_by_label("Contraseña (de nuevo)").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Registrarse").click()
    assert_accessible(page)
    verification = mail.outbox[-1]
    assert "Alguien, probablemente usted" in verification.body
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", verification.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirmar").click()

    sign_in(page, site, "ana.ruiz@example.org", DEFAULT_PASSWORD)
    page.goto(f"{site}/es/trainings/sessions/{session.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("button", name="Inscribirme").click()
    expect(page.get_by_text("Está inscrito.", exact=True)).to_be_visible()
    expect(
        page.get_by_text("Le enviamos una confirmación con un archivo de calendario")
    ).to_be_visible()
    assert_accessible(page)
    confirmation = mail.outbox[-1]
    assert confirmation.subject.endswith(f"Su inscripción está confirmada: {session.course.title}")
    assert "Tiene un lugar reservado" in confirmation.body
    assert any(name.endswith(".ics") for name, *_rest in confirmation.attachments)

    # Switching back keeps the visitor on the same page.
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(f"{site}/trainings/sessions/{session.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert csp_violations == []


def test_a_spanish_visitor_reads_the_typed_content_in_spanish_or_marked_english(
    page, site, assert_accessible
):
    """News, a pillar and a course in Spanish where an admin wrote Spanish; a course with
    no Spanish shows its English, marked lang="en"; axe at phone and desktop sizes."""
    from campaign.models import Pillar
    from tests.browser.conftest import DESKTOP, PHONE
    from tests.factories import CourseFactory, NewsPostFactory

    post = NewsPostFactory(
        title="Partners train 500 officers",
        title_es="Los socios capacitan a 500 agentes",
        summary_es="Una jornada de capacitación en Los Ángeles.",
        body_es="Aprendieron a **reconocer** las señales de la trata de personas.",
    )
    translated = CourseFactory(
        title="Indicators at the border", title_es="Indicadores en la frontera"
    )
    untranslated = CourseFactory(title="Roll call for patrol officers")
    # The pillar's Spanish texts, whatever the data migration wrote.
    Pillar.objects.update_or_create(
        slug="protection",
        defaults={
            "name_en": "Protection",
            "summary_en": "Help for victims.",
            "name_es": "Protección",
            "summary_es": "Ayuda para las víctimas de la trata.",
        },
    )

    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(f"{site}/es/news/{post.slug}/")
        expect(
            page.get_by_role("heading", name="Los socios capacitan a 500 agentes")
        ).to_be_visible()
        expect(page.get_by_text("Aprendieron a")).to_be_visible()
        assert_accessible(page)

        page.goto(f"{site}/es/pillars/protection/")
        expect(page.get_by_role("heading", name="Protección", exact=True)).to_be_visible()
        expect(page.get_by_text("Ayuda para las víctimas de la trata.")).to_be_visible()
        assert_accessible(page)

        page.goto(f"{site}/es/trainings/{translated.slug}/")
        heading = page.get_by_role("heading", name="Indicadores en la frontera")
        expect(heading).to_be_visible()
        assert heading.get_attribute("lang") is None  # the page's own language
        assert_accessible(page)

        page.goto(f"{site}/es/trainings/{untranslated.slug}/")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        heading = page.get_by_role("heading", name="Roll call for patrol officers")
        expect(heading).to_have_attribute("lang", "en")
        assert_accessible(page)
