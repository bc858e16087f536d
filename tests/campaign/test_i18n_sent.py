"""What leaves the portal is in its reader's language: emails with their links and calendar
files in the recipient's language, a news feed per language, the settings' texts."""

import feedparser
import pytest
from django.core import mail

from tests.factories import CourseFactory, NewsPostFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_enrollment_mail(enrollment_mail):
    """A Spanish speaker enrolls from an English page in a course that has Spanish texts."""
    person = UserFactory(language="es")
    course = CourseFactory(title="Indicators 101", title_es="Indicadores 101")
    session = SessionFactory(course=course)
    return enrollment_mail(person, session), session


def test_links_in_an_email_use_the_recipients_language(spanish_enrollment_mail):
    message, session = spanish_enrollment_mail
    assert f"/es/trainings/sessions/{session.pk}/" in message.body
    assert f"testserver/trainings/sessions/{session.pk}/" not in message.body


def test_an_email_names_the_site_and_the_course_in_the_recipients_language(
    spanish_enrollment_mail,
):
    message, _session = spanish_enrollment_mail
    assert message.subject.startswith("[Portal de Socios de la Campaña Azul] ")
    assert "Indicadores 101" in message.subject


def test_the_calendar_file_of_an_email_is_in_the_recipients_language(spanish_enrollment_mail):
    message, session = spanish_enrollment_mail
    ((_filename, ics, _mimetype),) = message.attachments
    text = ics.replace("\r\n ", "")  # iCalendar folds long lines
    assert "SUMMARY:Indicadores 101" in text
    assert "Detalles: " in text and f"/es/trainings/sessions/{session.pk}/" in text
    assert "Details:" not in text


def test_an_english_speaker_gets_english_links_and_calendar(enrollment_mail):
    message = enrollment_mail(UserFactory(language="en"), SessionFactory(), language="es")
    assert "/es/" not in message.body
    assert "Details: " in message.attachments[0][1].replace("\r\n ", "")


def test_the_news_feed_has_a_spanish_edition(client):
    """/es/news/feed/rss/ is in Spanish, with the posts' Spanish texts and Spanish links;
    a post without Spanish keeps its English."""
    post = NewsPostFactory(title="Partners meet", title_es="Reunión de socios")
    NewsPostFactory(title="Only in English")
    spanish = feedparser.parse(client.get("/es/news/feed/rss/").content)
    assert not spanish.bozo, spanish.bozo_exception
    assert spanish.feed.title == "Portal de Socios de la Campaña Azul: noticias"
    assert spanish.feed.language == "es"
    assert sorted(entry.title for entry in spanish.entries) == [
        "Only in English",
        "Reunión de socios",
    ]
    assert any(entry.link.endswith(f"/es/news/{post.slug}/") for entry in spanish.entries)
    english = feedparser.parse(client.get("/news/feed/rss/").content)
    assert english.feed.title == "Blue Campaign Partner Portal: news"
    assert "Partners meet" in [entry.title for entry in english.entries]


def test_a_spanish_page_links_to_the_spanish_feeds(client):
    page = client.get("/es/news/").content.decode()
    assert 'href="/es/news/feed/rss/"' in page
    assert "noticias (RSS)" in page


def test_the_hotline_and_site_name_are_in_spanish_on_spanish_pages(client):
    page = client.get("/es/get-help/").content.decode()
    assert "Línea Nacional contra la Trata de Personas" in page
    assert "Portal de Socios de la Campaña Azul" in page
    english = client.get("/get-help/").content.decode()
    assert "National Human Trafficking Hotline" in english


def test_order_emails_reach_a_spanish_speaker_in_spanish(django_capture_on_commit_callbacks):
    """The emails an admin's decision sends (approved, rejected) are in the recipient's
    language, with Spanish links."""
    from resources import services
    from tests.factories import ResourceFactory, place_material_order

    person = UserFactory(language="es")
    orders = [
        place_material_order(items=[(ResourceFactory(orderable=True), 5)], requester=person)
        for _ in range(2)
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_order(order=orders[0], decided_by=None)
        services.reject_order(order=orders[1], decided_by=None, reason="Sin existencias.")
    approved, rejected = mail.outbox
    assert approved.subject.endswith(f"Su pedido {orders[0].pk} fue aprobado")
    assert "Hola, Pat Lee:" in approved.body and "Le escribiremos de nuevo" in approved.body
    assert "Motivo: Sin existencias." in rejected.body
    assert "/es/materials/" in rejected.body


def test_a_coordinators_decision_reaches_a_spanish_speaker_in_spanish(
    django_capture_on_commit_callbacks,
):
    from partners import services
    from tests.factories import MembershipFactory, OrganizationFactory

    organization = OrganizationFactory(name="Ciudad Ejemplo")
    coordinator = MembershipFactory(organization=organization, role="coordinator").user
    pending = MembershipFactory(
        organization=organization, status="pending", user=UserFactory(language="es")
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_membership(membership=pending, decided_by=coordinator)
    (message,) = [m for m in mail.outbox if pending.user.email in m.to]
    assert message.subject.endswith("Ya es miembro de Ciudad Ejemplo")
    assert "Ya puede inscribirse" in message.body
    assert f"/es/partners/{organization.slug}/" in message.body
