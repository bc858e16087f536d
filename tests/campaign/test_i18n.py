"""The portal in Spanish: language-prefixed pages, the language selector, the person's
stored language for everything sent to them, and a complete Spanish catalogue."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from campaign.models import User
from tests.factories import DEFAULT_PASSWORD, SessionFactory, UserFactory

SPANISH_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"

# Common English words that must not show in a page rendered in Spanish.
ENGLISH_WORDS = [
    "Sign in",
    "Create account",
    "Skip to main content",
    "Exit this page",
    "Menu",
    " call ",
    "Need help",
    "Latest news",
    "trafficking",
    "Home",
]


def visible_text(html: str) -> str:
    """The page's text outside scripts, styles and parts marked lang="en"."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    html = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_spanish_catalogue_has_no_untranslated_or_fuzzy_message():
    """msgfmt counts every entry: all must be translated, none fuzzy."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed to compile the translations"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(SPANISH_CATALOGUE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "translated message" in result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


@pytest.mark.django_db
def test_home_in_spanish_at_es_with_lang_and_alternates(client):
    response = client.get("/es/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/">' in html
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/">' in html
    assert "Ir al contenido principal" in html
    text = visible_text(html)
    # The pillars' summaries are typed content, in English until translated in the admin.
    for word in [word for word in ENGLISH_WORDS if word != "trafficking"]:
        assert word not in text, word


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/es/get-help/",
        "/es/no-such-page/",
        "/es/materials/",
        "/es/trainings/",
        "/es/partners/",
        "/es/news/",
        "/es/impact/",
        "/es/plan/",
        "/es/certificates/verify/",
        "/es/accounts/signup/",
        "/es/accounts/login/",
    ],
)
def test_public_pages_in_spanish_show_no_english(client, path):
    html = client.get(path).content.decode()
    assert '<html lang="es">' in html
    text = visible_text(html)
    for word in ENGLISH_WORDS:
        assert word not in text, word


@pytest.mark.django_db
def test_english_stays_at_the_root_and_names_spanish_in_itself(client):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert 'lang="es" xml:lang="es">Español</button>' in html


@pytest.mark.django_db
def test_switching_language_keeps_the_visitor_on_the_same_page(client):
    response = client.post(reverse("set_language"), {"language": "es", "next": "/get-help/"})
    assert response.status_code == 302
    assert response["Location"] == "/es/get-help/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


@pytest.mark.django_db
def test_a_signed_in_persons_choice_is_stored(client):
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    person.refresh_from_db()
    assert person.language == "es"


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.language == "en"


@pytest.mark.django_db
def test_sign_up_on_a_spanish_page_stores_spanish(client):
    client.post(
        "/es/accounts/signup/",
        {
            "email": "ana@example.org",
            "name": "Ana Ruiz",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    assert User.objects.get(email="ana@example.org").language == "es"
    (message,) = mail.outbox
    assert "Alguien, probablemente usted" in message.body


@pytest.mark.django_db
def test_a_waitlist_email_from_a_spanish_page_to_an_english_speaker_is_english(
    enrollment_mail,
):
    """The page's language does not decide: the person's stored language does."""
    person = UserFactory(language="en")
    session = SessionFactory(capacity=1)
    session.enrollments.create(user=UserFactory(), status="registered")
    message = enrollment_mail(person, session, language="es")
    assert message.subject.endswith(f"On the waitlist: {session.course.title}")


@pytest.mark.django_db
def test_the_confirmation_is_in_the_persons_language_whatever_the_page(enrollment_mail):
    """Enrolling from an English page still mails a Spanish speaker in Spanish."""
    person = UserFactory(language="es")
    message = enrollment_mail(person, SessionFactory())
    assert "Su inscripción está confirmada" in message.subject
    assert "Tiene un lugar reservado" in message.body


def test_the_language_switch_needs_no_token_so_public_pages_stay_cookie_free():
    """The selector on every page carries no CSRF token (a token would set a cookie on every
    public page); the switch still works for a browser that enforces CSRF."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/get-help/")
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert "csrftoken" not in page.cookies
    response = browser.post("/i18n/setlang/", {"language": "es", "next": "/es/get-help/"})
    assert response.status_code == 302 and response.url == "/es/get-help/"


@pytest.mark.django_db
def test_the_materials_filters_and_sorts_are_named_in_spanish(client):
    from tests.factories import ResourceFactory

    ResourceFactory()
    text = visible_text(client.get("/es/materials/").content.decode())
    for spanish in ["Tipo", "Más recientes", "Más descargados", "Título"]:
        assert spanish in text, spanish
    for english in ["Kind", "Newest", "Most downloaded", "Best match"]:
        assert english not in text, english
