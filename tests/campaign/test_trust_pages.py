"""The pages that earn trust: about, privacy, accessibility and contact, their texts edited in
the admin, linked from the identifier in every page's footer; the contact form stores each
message and emails the campaign admins."""

import pytest
from django.core import mail
from django.urls import reverse

from campaign.models import AuditEntry, ContactMessage, ContentPage
from tests.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["about", "privacy", "accessibility", "contact"]


def message_data(**overrides) -> dict:
    return {
        "name": "Ana Reyes",
        "email": "ana@example.org",
        "topic": "training",
        "message": "Can our clinic staff join the webinar next month?",
        "website": "",
        **overrides,
    }


def test_the_pages_start_with_texts_true_to_the_portal(client):
    """The data migration loads each page; the privacy notice says what is kept and how to
    ask for it, the accessibility statement its standard, exceptions and review date."""
    assert set(ContentPage.objects.values_list("slug", flat=True)) == set(PAGES)
    privacy = client.get(reverse("privacy")).content.decode()
    for fact in ["no third-party trackers", "30 minutes", "Coordinators see", "deletion"]:
        assert fact in privacy
    accessibility = client.get(reverse("accessibility")).content.decode()
    for fact in ["WCAG) 2.2", "level AA", "Known exceptions", "Last reviewed:"]:
        assert fact in accessibility
    assert "<h2>The standard</h2>" in accessibility  # sections sit right under the page's h1


def test_admins_edit_a_page_and_the_page_shows_it(client):
    ContentPage.objects.filter(slug="about").update(
        title="About us", body="# Who we are\n\nEdited <script>alert(1)</script> text."
    )
    page = client.get(reverse("about")).content.decode()
    assert "<h1>About us</h1>" in page
    assert "Edited &lt;script&gt;" in page and "<script>alert" not in page


def test_a_page_whose_row_is_gone_shows_its_first_text(client, django_assert_num_queries):
    ContentPage.objects.filter(slug="privacy").delete()
    with django_assert_num_queries(1):
        response = client.get(reverse("privacy"))
    assert response.status_code == 200
    assert "Privacy notice" in response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_each_page_reads_one_row(client, django_assert_num_queries, name):
    with django_assert_num_queries(1):
        assert client.get(reverse(name)).status_code == 200


def test_every_page_links_the_trust_pages_from_its_identifier(client):
    page = client.get(reverse("home")).content.decode()
    identifier = page[page.index('class="usa-identifier"') :]
    for name in PAGES:
        assert f'href="{reverse(name)}"' in identifier


def test_the_contact_page_says_it_is_not_for_emergencies_and_gives_the_hotline(client):
    page = client.get(reverse("contact")).content.decode()
    assert "not for emergencies" in page
    assert 'href="tel:911"' in page and 'href="tel:1-888-373-7888"' in page


def test_a_message_is_stored_logged_and_emailed_to_the_admins(
    client, django_capture_on_commit_callbacks
):
    admins = [StaffUserFactory(), StaffUserFactory()]
    StaffUserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contact"), message_data())
    assert response.status_code == 302 and response.url == reverse("contact")
    message = ContactMessage.objects.get()
    assert (message.name, message.topic, message.language) == ("Ana Reyes", "training", "en")
    assert sorted(address for sent in mail.outbox for address in sent.to) == sorted(
        admin.email for admin in admins
    )
    assert "Can our clinic staff join" in mail.outbox[0].body
    assert f"/admin/campaign/contactmessage/{message.pk}/change/" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="campaign.contact_message.receive")
    assert entry.target_id == str(message.pk) and entry.actor is None


def test_a_signed_in_sender_is_recorded_and_the_form_starts_filled(client):
    person = UserFactory(name="Lee Park")
    client.force_login(person)
    page = client.get(reverse("contact")).content.decode()
    assert 'value="Lee Park"' in page and f'value="{person.email}"' in page
    client.post(reverse("contact"), message_data())
    assert ContactMessage.objects.get().sender == person


def test_the_honeypot_catches_bots_quietly(client):
    response = client.post(reverse("contact"), message_data(website="http://spam.test"))
    assert response.status_code == 302
    assert not ContactMessage.objects.exists() and not mail.outbox


def test_messages_are_rate_limited_per_address(client, settings):
    settings.CONTACT_RATE = "2/h"
    for _ in range(2):
        assert client.post(reverse("contact"), message_data()).status_code == 302
    response = client.post(reverse("contact"), message_data())
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert ContactMessage.objects.count() == 2


@pytest.mark.parametrize(
    "overrides",
    [
        {"email": "not an address"},
        {"topic": "emergency"},
        {"message": ""},
        {"message": "x" * 5001},
        {"name": "Ana\x00Reyes"},
        {"message": "Hello\x00world"},
        {"message": "Bell\x07 and escape\x1b"},
    ],
)
def test_bad_input_gets_an_answer_never_a_500_and_stores_nothing(client, overrides):
    response = client.post(reverse("contact"), message_data(**overrides))
    assert response.status_code in (200, 400)
    assert not ContactMessage.objects.exists()


def test_admins_list_messages_and_edit_page_texts(client, campaign_admin):
    client.force_login(campaign_admin)
    ContactMessage.objects.create(
        name="Ana Reyes", email="ana@example.org", topic="privacy", message="A copy of my data."
    )
    listing = client.get(reverse("admin:campaign_contactmessage_changelist"))
    assert listing.status_code == 200 and "Ana Reyes" in listing.content.decode()
    about = ContentPage.objects.get(slug="about")
    page = client.get(reverse("admin:campaign_contentpage_change", args=[about.pk]))
    form = page.content.decode()
    # One field per language (a TranslationAdmin), English required.
    assert page.status_code == 200 and 'name="body_en"' in form and 'name="body_es"' in form
