"""The refusals services and access rules give are in the page's language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from resources import services as resource_services
from tests.factories import ResourceFactory, SessionFactory, UserFactory
from training import access, services

pytestmark = pytest.mark.django_db


def test_a_second_enrollment_is_refused_in_spanish_on_a_spanish_page():
    person, session = UserFactory(), SessionFactory()
    services.enroll(user=person, session=session, enrolled_by=person)
    with translation.override("es"), pytest.raises(ValidationError) as refusal:
        services.enroll(user=person, session=session, enrolled_by=person)
    assert refusal.value.messages == ["Ya está inscrito en esta sesión."]
    assert refusal.value.code == services.ALREADY_ENROLLED


def test_why_a_visitor_cannot_enroll_is_said_in_spanish():
    from django.contrib.auth.models import AnonymousUser

    with translation.override("es"):
        assert access.eligibility_problem(AnonymousUser(), SessionFactory()) == (
            "Inicie sesión para inscribirse."
        )


def test_a_print_order_refusal_names_the_material_in_spanish():
    poster = ResourceFactory(orderable=True, max_per_order=50)
    with translation.override("es"), pytest.raises(ValidationError) as refusal:
        resource_services.place_order(
            requester=None,
            items=[(poster, 500)],
            contact_name="Ana Ruiz",
            email="ana@example.org",
            organization_name="Biblioteca",
            shipping_address="Calle 1",
            display_location="Entrada",
        )
    assert refusal.value.messages == [f"«{poster.title}»: pida entre 1 y 50 copias."]


def test_enrolling_on_a_spanish_page_confirms_in_spanish(client):
    from django.urls import reverse

    person, session = UserFactory(), SessionFactory()
    client.force_login(person)
    response = client.post(
        "/es" + reverse("training:session-enroll", args=[session.pk]), follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Está inscrito. Le enviamos una confirmación con un archivo de calendario."]


def test_asking_to_join_from_a_spanish_page_is_confirmed_in_spanish(client):
    from tests.factories import OrganizationFactory

    organization = OrganizationFactory(name="Ciudad Ejemplo")
    client.force_login(UserFactory())
    response = client.post(f"/es/partners/{organization.slug}/join/", {"message": ""}, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Su solicitud para unirse a Ciudad Ejemplo se envió a sus coordinadores."]
