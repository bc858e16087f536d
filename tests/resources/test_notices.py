"""Campaign admins are emailed about each new print order, in their own language, unless
they turned the notices off."""

import pytest
from django.core import mail

from tests.factories import ResourceFactory, StaffUserFactory, place_material_order

pytestmark = pytest.mark.django_db


def test_admins_who_take_notices_are_emailed_about_a_new_print_order_in_their_language(
    django_capture_on_commit_callbacks,
):
    english = StaffUserFactory(email="en-admin@example.org")
    spanish = StaffUserFactory(email="es-admin@example.org", language="es")
    StaffUserFactory(email="quiet-admin@example.org", admin_notices=False)
    poster = ResourceFactory(title="Lobby Poster", orderable=True)
    with django_capture_on_commit_callbacks(execute=True):
        order = place_material_order(items=[(poster, 25)], organization_name="Harbor Library")
    notices = {m.to[0]: m for m in mail.outbox if "Harbor Library" in m.subject}
    assert set(notices) == {english.email, spanish.email}
    assert "25 x Lobby Poster" in notices[english.email].body
    assert f"/admin/resources/materialorder/{order.pk}/change/" in notices[english.email].body
    assert "Nuevo pedido de materiales impresos" in notices[spanish.email].subject
