"""Strings that were left outside the translation tags (list labels, counts, pagination,
the trainer's attendance page, the bulk enrollment outcomes) read in Spanish at /es/."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import NewsPostFactory, OrganizationFactory, UserFactory
from tests.training.sessions import live_session
from training.services.enrollment import BulkOutcome

pytestmark = pytest.mark.django_db


def spanish_page(client, name: str, *args) -> str:
    with translation.override("es"):
        path = reverse(name, args=args)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_news_list_counts_and_filters_in_spanish(client):
    NewsPostFactory(title="Una noticia")
    page = spanish_page(client, "news-list")
    assert 'aria-label="Filtrar noticias"' in page and "Ver noticias" in page
    assert "1 noticia" in page
    assert "Show news" not in page and "Filter news" not in page


def test_the_partner_directory_counts_and_filters_in_spanish(client):
    OrganizationFactory(name="Clínica del Valle")
    page = spanish_page(client, "partners:directory")
    assert 'aria-label="Filtrar organizaciones aliadas"' in page
    assert "Filter partners" not in page and "About this partner" not in page


def test_the_attendance_page_in_spanish(client):
    trainer = UserFactory(name="Pat Trainer")
    session = live_session()
    session.trainers.add(trainer)
    client.force_login(trainer)
    page = spanish_page(client, "training:attendance", session.pk)
    assert f"<h1>Asistencia: {session.course.title}</h1>" in page
    assert "Cambia a las" in page
    assert 'data-closed-text="El registro de asistencia se cerró."' in page
    assert "It changes next" not in page and "QR code that" not in page


def test_bulk_outcomes_are_words_of_the_page_language():
    outcome = BulkOutcome(UserFactory.build(), "already enrolled")
    with translation.override("es"):
        assert outcome.label == "Ya tenía inscripción"
    assert outcome.label == "Already enrolled"


def test_the_impact_charts_are_titled_in_spanish(client):
    page = spanish_page(client, "impact")
    assert (
        "Personas capacitadas, mes a mes" in page
        and "Organizaciones aliadas activas por tipo" in page
    )
    assert "month by month" not in page and "Fewer than" not in page


def test_a_full_session_and_its_seats_read_in_spanish(client):
    session = live_session()
    page = spanish_page(client, "training:session-detail", session.pk)
    assert any(words in page for words in ("Plazas abiertas", "Quedan", "Queda", "Llena"))
    assert "Open seats" not in page and " left<" not in page and " on the waitlist" not in page


def test_a_coordinators_roster_and_its_decisions_in_spanish(client, partners):
    from partners import services

    request = services.request_membership(user=UserFactory(name="Pat"), organization=partners.city)
    client.force_login(partners.city_coordinator)
    page = spanish_page(client, "partners:manage-roster", partners.city.slug)
    assert "Solicitudes para unirse" in page and "Miembros y solicitudes" in page
    assert "(2 miembros)" in page and "Requests to join" not in page
    with translation.override("es"):
        path = reverse(
            "partners:manage-request-decision", args=[partners.city.slug, request.pk, "approve"]
        )
    followed = client.post(path, follow=True).content.decode()
    assert "Se aprobó la solicitud de" in followed
