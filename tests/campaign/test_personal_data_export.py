"""A person's download of their own data: every model that names a person is in it (or
allow-listed with a reason), in a fixed number of queries, as a dated JSON attachment that
no cache keeps."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from campaign.site.privacy.queries import NOT_EXPORTED, PARTS, personal_data
from tests.factories import MembershipFactory, SessionFactory, UserFactory
from tests.privacy import EMAIL, NAME, person_with_everything
from training.models import Enrollment

pytestmark = pytest.mark.django_db


def fields_naming_a_person() -> set[tuple[str, str]]:
    user_model = get_user_model()
    return {
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is user_model
    }


def test_every_field_naming_a_person_is_exported_or_allow_listed():
    """A new model with a foreign key to the user fails here until the download covers it
    (a part of campaign.site.privacy.queries) or NOT_EXPORTED says why it need not."""
    covered = {(part.model._meta.label, name) for part in PARTS for name in part.covers}
    naming = fields_naming_a_person()
    assert naming - covered - set(NOT_EXPORTED) == set()
    # Nothing is listed twice, nor for a field that no longer exists.
    assert covered & set(NOT_EXPORTED) == set()
    assert (covered | set(NOT_EXPORTED)) - naming == set()


def test_every_part_finds_the_persons_records_and_nobody_elses():
    rosa = person_with_everything()
    someone_else = UserFactory()
    data = dict(personal_data(rosa.user))
    for part in PARTS:
        assert data[part.key], f"{part.key} is empty"
    assert data["account"]["name"] == NAME
    assert data["account"]["language"] == "es"
    assert data["certificates"][0]["code"] == rosa.certificate.code
    assert data["material_orders"][0]["shipping_address"] == "12 Hidden Lane\nSpringfield"
    assert data["invitations"][0]["organization__name"] == "Harbor Shelter"
    assert {row["status"] for row in data["enrollments"]} == {"attended", "registered"}
    assert data["sessions_taught"][0]["starts_at"] == rosa.taught.starts_at
    assert not any(row["email"] == someone_else.email for row in data["email_addresses"])


def test_the_download_takes_one_query_per_part_whatever_the_number_of_rows(
    django_assert_num_queries,
):
    rosa = person_with_everything()
    with django_assert_num_queries(len(PARTS)):
        dict(personal_data(rosa.user))
    person_with_everything_again(rosa.user)
    with django_assert_num_queries(len(PARTS)):
        dict(personal_data(rosa.user))


def person_with_everything_again(user) -> None:
    """More rows of each kind the download lists."""
    for _number in range(3):
        MembershipFactory(user=user)
        Enrollment.objects.create(user=user, session=SessionFactory(), status="registered")


def test_the_download_is_a_dated_json_attachment_that_no_cache_keeps(client):
    rosa = person_with_everything()
    client.force_login(rosa.user)
    response = client.get(reverse("account-data-download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="my-data-{today}.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(b"".join(response.streaming_content))
    assert data["account"]["email"] == EMAIL
    assert data["contact_messages"][0]["message"] == "Please call me at home."
    assert data["certificates"][0]["recipient_name"] == NAME


def test_the_your_data_page_links_the_download_and_the_deletion(client, signed_in_user):
    page = client.get(reverse("account-data")).content.decode()
    assert reverse("account-data-download") in page
    assert reverse("account-delete") in page
