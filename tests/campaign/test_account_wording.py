"""The account pages (allauth's) read in sentence case like the rest of the portal."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
TITLE_CASE = re.findall(r'^msgid "(.+)"$', CATALOGUE.read_text(), flags=re.MULTILINE)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("name", "signed_in"),
    [
        ("account_login", False),
        ("account_signup", False),
        ("account_reset_password", False),
        ("account_email", True),
        ("account_change_password", True),
        ("mfa_index", True),
        ("account_logout", True),
    ],
)
def test_account_pages_use_sentence_case(client, name, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    found = [words for words in TITLE_CASE if re.search(rf"\b{re.escape(words)}\b", text)]
    assert found == []


def test_the_sign_in_page_says_sign_in_in_english_and_iniciar_sesion_in_spanish(client):
    page = client.get(reverse("account_login")).content.decode()
    assert re.search(r"<title>\s*Sign in\s*\|", page) and "Sign In" not in page
    spanish = client.get("/es" + reverse("account_login")).content.decode()
    assert "Iniciar sesión" in spanish
