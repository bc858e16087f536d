"""Certificates that expire: the date kept at issue, what the holder, the verification page
and the coordinator's report show, the reminder job and the admin's filter."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from campaign.scheduler import run_jobs
from tests.audit import logged
from tests.factories import CourseFactory, MembershipFactory, OrganizationFactory, SessionFactory
from tests.training.certificates import certificate_for
from training import expiry_queries, services
from training.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("issued", "months", "expires"),
    [
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # the month is shorter: its last day
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 11, 5), 14, date(2028, 1, 5)),
        (date(2026, 11, 5), None, None),
    ],
)
def test_the_expiry_date_counts_the_courses_months(issued, months, expires):
    course = CourseFactory.build(certificate_validity_months=months)
    assert course.certificate_expiry(issued) == expires


def test_a_certificate_keeps_the_expiry_it_was_issued_with():
    certificate = certificate_for(validity_months=12)
    issued = certificate.issued_on
    assert certificate.expires_on == certificate.course.certificate_expiry(issued)
    assert certificate.expires_on.year == issued.year + 1
    course = certificate.course
    course.certificate_validity_months = 3
    course.save()
    certificate.refresh_from_db()
    assert certificate.expires_on.year == issued.year + 1
    assert certificate_for(title="Never expires").expires_on is None


def renewal_of(certificate: Certificate) -> Certificate:
    """A later certificate of the same person and course (taken again, on demand)."""
    return Certificate.objects.create(
        user=certificate.user,
        course=certificate.course,
        recipient_name=certificate.recipient_name,
        hours=certificate.hours,
        issued_on=certificate.issued_on + timedelta(days=1),
    )


def expire(certificate: Certificate, *, on: date) -> Certificate:
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=on)
    certificate.refresh_from_db()
    return certificate


def test_status_is_valid_until_the_expiry_day_then_expired_and_revoked_above_all():
    today = timezone.localdate()
    certificate = expire(certificate_for(validity_months=12), on=today + timedelta(days=1))
    assert certificate.status == "valid"
    certificate = expire(certificate, on=today)
    assert certificate.status == "expired"
    services.revoke_certificate(certificate=certificate, revoked_by=None, reason="Error")
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


def test_the_verification_page_and_json_show_dates_status_and_issuer(client):
    provider = OrganizationFactory(name="Springfield Police")
    certificate = certificate_for(validity_months=12, provider=provider)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "This certificate is valid" in page and "Springfield Police" in page
    assert certificate.expires_on.strftime("%B") in page
    url = reverse("certificates:verify-json", args=[certificate.code])
    data = client.get(url).json()
    assert data["status"] == "valid" and data["hours"] == "1"
    assert data["title"] == data["course"] == certificate.course.title
    assert data["issued_on"] == certificate.issued_on.isoformat()
    assert data["expires_on"] == certificate.expires_on.isoformat()
    assert data["issuer"] == {
        "name": "Blue Campaign Partner Portal",
        "provider": "Springfield Police",
    }
    expire(certificate, on=timezone.localdate() - timedelta(days=3))
    response = client.get(certificate.get_absolute_url())
    assert "This certificate has expired" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert client.get(url).json()["status"] == "expired"


def test_the_verification_page_says_expired_in_spanish(client):
    certificate = certificate_for(validity_months=12)
    expire(certificate, on=timezone.localdate() - timedelta(days=3))
    page = client.get("/es" + certificate.get_absolute_url()).content.decode()
    assert "Este certificado ha vencido" in page and "Vencido" in page


def test_my_trainings_show_when_each_certificate_expires(client):
    today = timezone.localdate()
    lasting = certificate_for(title="Forever")
    soon = expire(
        certificate_for(title="Soon", validity_months=12, user=lasting.user),
        on=today + timedelta(days=10),
    )
    gone = expire(
        certificate_for(title="Gone", validity_months=12, user=lasting.user),
        on=today - timedelta(days=10),
    )
    client.force_login(lasting.user)
    page = client.get(reverse("training:mine")).content.decode()
    assert "Does not expire" in page
    assert f"Expires on {soon.expires_on:%b} {soon.expires_on.day}, " in page
    assert f"Expired on {gone.expires_on:%b} {gone.expires_on.day}, " in page
    assert reverse("certificates:open-badge", args=[soon.code]) in page


def session_of(course, days_ahead: int, **fields):
    start = timezone.now() + timedelta(days=days_ahead)
    return SessionFactory(
        course=course, starts_at=start, ends_at=start + timedelta(hours=1), **fields
    )


def test_the_job_reminds_each_holder_once_in_their_language_with_the_next_sessions(mails):
    today = timezone.localdate()
    certificate = certificate_for(validity_months=12)
    certificate.user.language = "es"
    certificate.user.save()
    expire(certificate, on=today + timedelta(days=20))
    course = certificate.course
    sessions = [session_of(course, days) for days in (30, 5, 12, 60)]
    session_of(course, 2, status="cancelled")
    assert mails(run_jobs, only=["training-certificate-expiry"]) == {
        "training-certificate-expiry": "1 certificate expiry reminder(s) sent."
    }
    [message] = mail.outbox
    assert message.to == [certificate.user.email]
    assert "vence el" in message.subject and course.title in message.subject
    listed = [s for s in sessions if f"/es/trainings/sessions/{s.pk}/" in message.body]
    assert sorted(s.starts_at for s in listed) == sorted(s.starts_at for s in sessions)[:3]
    certificate.refresh_from_db()
    assert certificate.expiry_reminded_at is not None
    assert ("training.certificate.remind_expiry", None, "") in logged(certificate)
    assert mails(services.send_expiry_reminders, lead_days=30) == 0
    assert len(mail.outbox) == 1


def test_only_standing_certificates_due_within_the_lead_and_not_renewed_are_reminded(mails):
    today = timezone.localdate()
    due = expire(certificate_for(validity_months=12), on=today + timedelta(days=30))
    expire(certificate_for(validity_months=12), on=today + timedelta(days=31))  # not yet
    expire(certificate_for(validity_months=12), on=today)  # already expired
    revoked = expire(certificate_for(validity_months=12), on=today + timedelta(days=3))
    services.revoke_certificate(certificate=revoked, revoked_by=None, reason="Error")
    renewal_of(expire(certificate_for(validity_months=12), on=today + timedelta(days=3)))
    mail.outbox.clear()
    assert mails(services.send_expiry_reminders, lead_days=30, today=today) == 1
    assert [m.to for m in mail.outbox] == [[due.user.email]]
    assert "No session is scheduled yet" in mail.outbox[0].body


def test_the_coordinator_sees_who_must_renew_in_a_fixed_number_of_queries(
    client, partners, django_assert_num_queries
):
    today = timezone.localdate()
    course = CourseFactory(title="Indicators", issues_certificates=True)
    for days in (-5, 10, 200):
        person = MembershipFactory(organization=partners.police).user
        expire(certificate_for(validity_months=12, user=person, title=f"C{days}"), on=today)
        Certificate.objects.filter(user=person).update(
            course=course, expires_on=today + timedelta(days=days)
        )
    outsider = MembershipFactory(organization=partners.other).user
    expire(certificate_for(validity_months=12, user=outsider), on=today + timedelta(days=2))
    client.force_login(partners.city_coordinator)
    url = reverse("training:report", args=[partners.city.slug])
    with django_assert_num_queries(19):
        response = client.get(url)
    page = response.content.decode()
    lapsing = list(response.context["lapsing_page"].object_list)
    assert [c.expires_on - today for c in lapsing] == [timedelta(days=-5), timedelta(days=10)]
    counts = response.context["expiry_counts"]
    assert (counts.expiring, counts.expired) == (1, 1)
    assert "Expired on" in page and "Expires on" in page
    for _ in range(30):
        person = MembershipFactory(organization=partners.police).user
        certificate = certificate_for(validity_months=1, user=person, title="Soon")
        expire(certificate, on=today + timedelta(days=3))
    # The totals per course are kept from the first view (report_totals: in a test that
    # never commits, no write retires them), so 4 fewer.
    with django_assert_num_queries(15):
        response = client.get(url, {"expiring": "2"})
    assert response.context["lapsing_page"].number == 2
    assert len(response.context["lapsing_page"].object_list) == 7
    assert 'href="?expiring=1#expiring"' in response.content.decode()


def test_lapsing_certificates_leave_out_renewed_ones():
    today = timezone.localdate()
    old = expire(certificate_for(validity_months=12), on=today - timedelta(days=1))
    person = old.user
    listed = expiry_queries.lapsing_certificates([person.pk], today=today, within_days=30)
    assert list(listed) == [old]
    renewal_of(old)
    assert list(listed.all()) == []


def test_the_admin_shows_expiry_and_filters_expiring_and_expired(admin_client):
    today = timezone.localdate()
    soon = expire(
        certificate_for(name="Soon Person", validity_months=12), on=today + timedelta(days=9)
    )
    gone = expire(
        certificate_for(name="Gone Person", validity_months=12), on=today - timedelta(days=1)
    )
    certificate_for(name="Lasting Person")
    url = reverse("admin:training_certificate_changelist")
    page = admin_client.get(url).content.decode()
    assert "Expires within 30 days" in page and "expired" in page
    listed = admin_client.get(url, {"expiry": "soon"}).context["cl"].result_list
    assert list(listed) == [soon]
    listed = admin_client.get(url, {"expiry": "expired"}).context["cl"].result_list
    assert list(listed) == [gone]
    course_page = admin_client.get(reverse("admin:training_course_change", args=[soon.course.pk]))
    assert "certificate_validity_months" in course_page.content.decode()
    assert "never to those already issued" in course_page.content.decode()


def test_the_pdf_gives_the_issue_and_expiry_dates(client):
    certificate = certificate_for(validity_months=12)
    client.force_login(certificate.user)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)

    def day(value) -> str:  # as an English page writes a day: "February 7, 2027"
        return f"{value:%B} {value.day}, {value.year}"

    issued, expires = day(certificate.issued_on), day(certificate.expires_on)
    assert f"Issued {issued}, expires {expires}" in text
    lasting = certificate_for(title="A lasting course", user=certificate.user)
    response = client.get(reverse("certificates:download", args=[lasting.code]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "expires" not in text
