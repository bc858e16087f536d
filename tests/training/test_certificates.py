"""Certificates: the PDF, owner-only download, public verification (HTML and JSON) with a
rate limit, revoking in the admin, and certificates on My trainings."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import UserFactory
from tests.training.certificates import certificate_for
from training import services

pytestmark = pytest.mark.django_db


def test_hours_read_plainly():
    certificate = certificate_for()
    for hours, text in [("10.00", "10"), ("1.50", "1.5"), ("0.75", "0.75"), ("1.00", "1")]:
        certificate.hours = Decimal(hours)
        assert certificate.hours_display == text


def test_codes_are_unguessable_and_distinct():
    codes = {certificate_for().code for _ in range(5)}
    assert len(codes) == 5
    assert all(len(code.replace("-", "")) == 16 for code in codes)


def test_the_owner_downloads_a_real_pdf_with_name_course_and_code(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    certificate = certificate_for()
    url = reverse("certificates:download", args=[certificate.code])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # someone else's
    client.force_login(certificate.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ["Robin Diaz", "Recognizing Trafficking at Work", certificate.code,
                     "1 hour", "portal.example.org/certificates/verify/"]:  # fmt: skip
        assert expected in text
    assert reader.pages[0].images, "the QR code of the verification page is an image"


def test_a_revoked_certificate_cannot_be_downloaded(client):
    certificate = certificate_for()
    services.revoke_certificate(certificate=certificate, revoked_by=None, reason="Error")
    client.force_login(certificate.user)
    assert client.get(reverse("certificates:download", args=[certificate.code])).status_code == 404


def test_verification_says_valid_revoked_or_not_valid(client):
    certificate = certificate_for()
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "This certificate is valid" in page and "Robin Diaz" in page
    data = client.get(reverse("certificates:verify-json", args=[certificate.code])).json()
    assert data == {
        "status": "valid",
        "code": certificate.code,
        "name": "Robin Diaz",
        "title": "Recognizing Trafficking at Work",
        "course": "Recognizing Trafficking at Work",
        "hours": "1",
        "completed_on": certificate.issued_on.isoformat(),
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": None,
        "issuer": {"name": "Blue Campaign Partner Portal", "provider": None},
    }
    services.revoke_certificate(certificate=certificate, revoked_by=None, reason="Error")
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "was revoked on" in page
    data = client.get(reverse("certificates:verify-json", args=[certificate.code])).json()
    assert data["status"] == "revoked" and data["revoked_at"]
    unknown = client.get(reverse("certificates:verify", args=["NOPE-NOPE"]))
    assert unknown.status_code == 200 and "Not a valid certificate" in unknown.content.decode()
    assert client.get(reverse("certificates:verify-json", args=["x"])).json() == {
        "status": "not_valid"
    }


def test_lookup_form_leads_to_the_code_page(client):
    certificate = certificate_for()
    response = client.get(reverse("certificates:lookup"), {"code": certificate.code.lower()})
    assert response.status_code == 302 and response["Location"] == certificate.get_absolute_url()
    assert client.get(reverse("certificates:lookup")).status_code == 200
    odd = client.get(reverse("certificates:lookup"), {"code": "a/b c.d?é"})
    assert odd.status_code == 302 and odd["Location"].endswith("/verify/ABCD/")
    assert client.post(certificate.get_absolute_url()).status_code == 405


def test_verification_is_rate_limited_with_a_friendly_answer(client, settings):
    settings.CERTIFICATE_VERIFY_RATE = "3/m"
    url = reverse("certificates:verify", args=["ABCD"])
    for _ in range(3):
        assert client.get(url).status_code == 200
    limited = client.get(url)
    assert limited.status_code == 429 and "Too many checks" in limited.content.decode()
    as_json = client.get(reverse("certificates:verify-json", args=["ABCD"]))
    assert as_json.status_code == 429 and as_json.json()["status"] == "rate_limited"


def test_behind_a_proxy_each_client_is_counted_by_its_own_address(client, settings):
    settings.CERTIFICATE_VERIFY_RATE = "2/m"
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    url = reverse("certificates:verify", args=["ABCD"])
    for _ in range(2):
        assert client.get(url, headers={"x-real-ip": "203.0.113.7"}).status_code == 200
    assert client.get(url, headers={"x-real-ip": "203.0.113.7"}).status_code == 429
    assert client.get(url, headers={"x-real-ip": "198.51.100.4"}).status_code == 200


@pytest.mark.parametrize("count", [2, 40])
def test_verification_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    certificates = [certificate_for() for _ in range(count)]
    with django_assert_num_queries(1):
        client.get(certificates[-1].get_absolute_url())
    with django_assert_num_queries(1):
        client.get(reverse("certificates:verify-json", args=[certificates[0].code]))


def test_revoking_needs_a_reason_and_happens_once():
    certificate = certificate_for()
    with pytest.raises(Exception, match="reason"):
        services.revoke_certificate(certificate=certificate, revoked_by=None, reason="  ")
    services.revoke_certificate(certificate=certificate, revoked_by=None, reason="Error")
    with pytest.raises(Exception, match="already revoked"):
        services.revoke_certificate(certificate=certificate, revoked_by=None, reason="Again")


def test_an_admin_revokes_with_a_reason(client, campaign_admin):
    certificate = certificate_for()
    client.force_login(campaign_admin)
    change = reverse("admin:training_certificate_change", args=[certificate.pk])
    assert "Revoke" in client.get(change).content.decode()
    revoke = reverse("admin:training_certificate_revoke", args=[certificate.pk])
    assert client.get(revoke).status_code == 200
    response = client.post(revoke, {"reason": ""})
    assert "Give a reason" in response.content.decode()
    assert client.post(revoke, {"reason": "Attendance was recorded in error."}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Attendance was recorded in error."
    assert certificate.revoked_by == campaign_admin
    assert client.get(reverse("admin:training_certificate_changelist")).status_code == 200


def test_my_trainings_lists_certificates_with_download_and_verify_links(client):
    certificate = certificate_for()
    client.force_login(certificate.user)
    page = client.get(reverse("training:mine")).content.decode()
    assert reverse("certificates:download", args=[certificate.code]) in page
    assert certificate.get_absolute_url() in page


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.replace("-", ""),
        lambda code: code.lower(),
        lambda code: code.replace("-", " "),
        lambda code: f"  {code[:9]}{code[10:]} ",  # one dash left out
        lambda code: code.replace("-", "\u2013"),  # an en dash from a word processor
        lambda code: " ".join(code.replace("-", "")),
    ],
)
def test_a_code_typed_in_any_reasonable_way_finds_the_certificate(client, typed):
    """Case, spaces, dashes (missing, extra or typographic) never make a real code invalid:
    the lookup form, the verify page and the JSON endpoint all read it the same way."""
    certificate = certificate_for()
    written = typed(certificate.code)
    lookup = client.get(reverse("certificates:lookup"), {"code": written})
    assert lookup.status_code == 302 and lookup["Location"] == certificate.get_absolute_url()
    path_code = written.strip().replace(" ", "")
    page = client.get(reverse("certificates:verify", args=[path_code]), follow=True)
    assert "This certificate is valid" in page.content.decode()
    data = client.get(reverse("certificates:verify-json", args=[path_code])).json()
    assert data["status"] == "valid" and data["code"] == certificate.code


def test_a_non_canonical_code_in_the_verify_url_redirects_to_the_canonical_page(client):
    certificate = certificate_for()
    response = client.get(
        reverse("certificates:verify", args=[certificate.code.replace("-", "").lower()])
    )
    assert response.status_code == 302 and response["Location"] == certificate.get_absolute_url()


def test_codes_of_the_wrong_length_or_with_foreign_letters_are_simply_not_found(client):
    certificate = certificate_for()
    for code in [certificate.code[:-1], certificate.code + "A", "O" * 16, "ÉÉÉÉ", "-" * 20]:
        page = client.get(reverse("certificates:verify", args=[code]), follow=True)
        assert page.status_code == 200 and "Not a valid certificate" in page.content.decode()
        data = client.get(reverse("certificates:verify-json", args=[code])).json()
        assert data == {"status": "not_valid"}


def test_the_normalizer_reads_only_the_codes_alphabet():
    from training.models import normalize_certificate_code

    assert normalize_certificate_code("abcd efgh-jkmn_pq23") == "ABCD-EFGH-JKMN-PQ23"
    assert normalize_certificate_code("ABCD-EFGH-JKMN-PQ2") is None
    # 0, O, 1, I and L never appear in a code, so a code holding them is no code.
    assert normalize_certificate_code("ABCD-EFGH-JKMN-PQ20") is None
    assert normalize_certificate_code("") is None


def test_the_pdf_is_in_the_holders_language_whoever_downloads_it(client, settings):
    """A Spanish speaker's certificate is Spanish, with the Spanish course title and a link
    to the Spanish verification page, even fetched from an English page."""
    settings.SITE_URL = "https://portal.example.org"
    certificate = certificate_for(name="Ana Ruiz")
    certificate.user.language = "es"
    certificate.user.save()
    course = certificate.course
    course.title_es = "Reconocer la trata en el trabajo"
    course.save()
    client.force_login(certificate.user)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ["Certificado de finalización", "Se certifica que", "Ana Ruiz",
                     "Reconocer la trata en el trabajo", "1 hora de capacitación",
                     "portal.example.org/es/certificates/verify/"]:  # fmt: skip
        assert expected in text
    assert "This certifies" not in text
