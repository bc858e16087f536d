"""The demo loader creates the demo accounts and can run again without duplicating them."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.urls import reverse

from campaign.management.commands.load_demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from campaign.models import User

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_its_accounts_sign_in(client, capsys):
    call_command("load_demo")
    call_command("load_demo")
    output = capsys.readouterr().out
    for spec in DEMO_ACCOUNTS:
        assert User.objects.filter(email=spec["email"]).count() == 1
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 1
    for spec in DEMO_ACCOUNTS:
        assert spec["email"] in output
        response = client.post(
            reverse("account_login"), {"login": spec["email"], "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, spec["email"]
        client.logout()
    admin = User.objects.get(email=DEMO_ACCOUNTS[0]["email"])
    assert admin.is_staff and admin.is_superuser


def test_load_demo_refuses_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")


def test_demo_totp_code_prints_six_digits(capsys):
    call_command("demo_totp_code")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()


def test_load_demo_builds_the_partner_network_from_the_seed_documents():
    from partners.models import Agreement, Membership, Organization

    call_command("load_demo")
    call_command("load_demo")
    la = Organization.objects.get(slug="city-of-los-angeles")
    assert set(la.children.values_list("acronym", flat=True)) >= {"LAPD", "LAFD", "LADBS"}
    assert la.children.count() == 5
    dhs = Organization.objects.get(slug="dhs")
    assert set(dhs.children.values_list("acronym", flat=True)) == {"ICE", "CBP", "USCIS", "FLETC"}
    caceo = Organization.objects.get(acronym="CACEO")
    assert str(caceo.partner_since) == "2022-02-07"
    assert Agreement.objects.filter(kind="loi").count() == 2
    assert Agreement.objects.filter(kind="mou", organization__country="CA").exists()
    coordinator = Membership.objects.get(user__email="coordinator@demo.blue-campaign.test")
    assert (coordinator.organization, coordinator.role, coordinator.status) == (
        caceo,
        "coordinator",
        "active",
    )
    assert Membership.objects.filter(organization=caceo, status="pending").count() == 1


def test_load_demo_builds_the_trainings_once_with_a_full_session_and_a_waitlist():
    from training.models import Course, Enrollment, Session

    call_command("load_demo")
    counts = (Course.objects.count(), Session.objects.count(), Enrollment.objects.count())
    call_command("load_demo")
    assert (Course.objects.count(), Session.objects.count(), Enrollment.objects.count()) == counts
    assert counts[0] == 8
    webinar = Session.objects.get(course__slug="code-enforcement-webinar", status="completed")
    assert str(webinar.local_start.date()) == "2022-02-07"
    full = Session.objects.get(course__slug="first-responder-awareness", capacity=3)
    assert full.enrollments.filter(status="registered").count() == 3
    waitlist = list(
        full.enrollments.filter(status="waitlisted")
        .order_by("queued_at")
        .values_list("user__email", flat=True)
    )
    assert waitlist == ["learner4@demo.blue-campaign.test", "staff@demo.blue-campaign.test"]
    staff_statuses = set(
        Enrollment.objects.filter(user__email="staff@demo.blue-campaign.test").values_list(
            "status", flat=True
        )
    )
    assert staff_statuses == {"registered", "waitlisted", "attended", "no_show"}


def test_the_demo_has_its_public_texts_in_spanish(client):
    """The Spanish pages of the demo show Spanish news, courses and pillars."""
    call_command("load_demo")
    news = client.get("/es/news/caceo-joins-the-campaign/").content.decode()
    assert "Los inspectores de códigos de California se suman a la campaña" in news
    course = client.get("/es/trainings/immigration-relief-roll-call/").content.decode()
    assert "Alivio migratorio para víctimas: visas T y U" in course
    pillar = client.get("/es/pillars/protection/").content.decode()
    assert "Presencia Continuada" in pillar
    plan = client.get("/es/plan/").content.decode()
    assert "Ampliar el acceso a los servicios" in plan


@pytest.mark.django_db(transaction=True)
def test_load_demo_prints_the_sign_ins_and_no_email_it_makes(settings, capsys, caplog):
    """The demo's certificates and training request make notices to made-up addresses:
    they are not printed (the console backend would), so the sign-ins stay readable.
    (A real transaction: the notices leave on commit.)"""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with caplog.at_level("INFO"):
        call_command("load_demo")
    captured = capsys.readouterr()
    logged = [record.getMessage() for record in caplog.records]
    assert not [line for line in logged if "Email" in line and "sent" in line]
    assert "Subject:" not in captured.out and "Content-Type" not in captured.out
    assert "demo notice(s) to the demo's own addresses were kept, not sent" in captured.out
    assert captured.err == ""
    for spec in DEMO_ACCOUNTS:
        assert spec["email"] in captured.out
    assert "learner1@demo.blue-campaign.test" in captured.out
    assert "Session on now, for self check-in" in captured.out


def test_load_demo_says_so_when_the_mail_backend_cannot_send(settings, capsys):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    call_command("load_demo")
    captured = capsys.readouterr()
    assert "Email cannot be sent with EMAIL_BACKEND=django.core.mail.backends.smtp" in (
        captured.err
    )
    assert "ConnectionRefusedError" in captured.err
    assert "Demo data loaded" in captured.out


def test_load_demo_says_so_when_the_file_backend_has_no_folder(settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = None
    call_command("load_demo")
    assert "EMAIL_FILE_PATH" in capsys.readouterr().err


def test_the_demo_learners_sign_in_and_check_in_to_the_session_on_now(client):
    """A trainer of the live session sees its code; a demo learner signs in with the demo
    password and checks in with it at once."""
    from training import checkin, services
    from training.demo import LEARNERS, LIVE_JOIN_URL
    from training.models import Session

    call_command("load_demo")
    live = Session.objects.get(join_url=LIVE_JOIN_URL)
    assert checkin.is_open(live)
    assert live.trainers.filter(email="coordinator@demo.blue-campaign.test").exists()
    response = client.post(
        reverse("account_login"), {"login": LEARNERS[0][0], "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    learner = User.objects.get(email=LEARNERS[0][0])
    code = checkin.code_for(live).short_code
    enrollment = services.check_in_by_code(user=learner, short_code=code)
    assert enrollment.session == live and enrollment.status == "attended"
