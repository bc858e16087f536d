"""Who reaches the Django admin: only active staff who signed in with MFA turned on."""

import logging

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "admin:index",
    "admin:campaign_user_changelist",
    "admin:campaign_pillar_add",
    "admin:campaign_auditentry_changelist",
]


def staff_with_mfa():
    user = StaffUserFactory()
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.mark.parametrize("url_name", ADMIN_URLS)
def test_anonymous_is_sent_to_the_portal_sign_in(client, url_name):
    response = client.get(reverse(url_name), follow=True)
    final_url, _status = response.redirect_chain[-1]
    assert final_url.startswith(reverse("account_login"))
    assert response.status_code == 200


@pytest.mark.parametrize("url_name", ADMIN_URLS)
def test_a_user_without_staff_status_is_refused_and_logged(client, caplog, url_name):
    user = UserFactory()
    client.force_login(user)
    caplog.set_level(logging.WARNING, logger="campaign.security")
    response = client.get(reverse(url_name), follow=True)
    assert response.status_code == 403
    assert any("access refused status=403" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("url_name", ADMIN_URLS)
def test_staff_without_mfa_are_sent_to_turn_it_on(client, caplog, url_name):
    client.force_login(StaffUserFactory())
    caplog.set_level(logging.WARNING, logger="campaign.security")
    response = client.get(reverse(url_name), follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_index")
    assert "Turn on two-factor authentication" in response.content.decode()
    assert any("has no MFA" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("url_name", ADMIN_URLS)
def test_staff_with_mfa_reach_the_admin(client, url_name):
    client.force_login(staff_with_mfa())
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert b"Blue Campaign Partner Portal" in response.content


def test_an_inactive_staff_member_with_mfa_is_refused(client):
    user = staff_with_mfa()
    client.force_login(user)
    user.is_active = False
    user.save()
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "role, ends_at",
    [
        ("anonymous", "account_login"),
        ("signed_in", 403),
        ("staff_without_mfa", "mfa_index"),
        ("campaign_admin", 200),
    ],
)
def test_an_orders_ship_page_and_history_answer_by_role(client, role, ends_at):
    from resources.services import approve_order
    from tests.factories import ResourceFactory, place_material_order

    order = place_material_order(items=[(ResourceFactory(orderable=True), 1)])
    approve_order(order=order, decided_by=None)
    people = {"signed_in": UserFactory, "staff_without_mfa": StaffUserFactory,
              "campaign_admin": staff_with_mfa}  # fmt: skip
    if role in people:
        client.force_login(people[role]())
    for name in ["admin:resources_materialorder_ship", "admin:resources_materialorder_history"]:
        response = client.get(reverse(name, args=[order.pk]), follow=True)
        if isinstance(ends_at, int):
            assert response.status_code == ends_at, name
        else:
            assert response.redirect_chain[-1][0].startswith(reverse(ends_at)), name
