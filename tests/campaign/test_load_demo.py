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
