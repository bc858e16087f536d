"""A course's page and its publisher's page list the material, linked, with its kind (the
one list `resources/_material_links.html`); a page with none shows no heading."""

import pytest

from tests.factories import CourseFactory, OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def link_of(material) -> str:
    return f'<li><a href="{material.get_absolute_url()}">{material.title}</a> (poster)</li>'


def test_the_course_page_lists_its_materials(client):
    course = CourseFactory()
    poster = ResourceFactory(kind="poster")
    poster.courses.add(course)
    html = client.get(course.get_absolute_url()).content.decode()
    assert "<h2>Materials for this course</h2>" in html
    assert link_of(poster) in html


def test_the_publishers_page_lists_its_materials_and_a_page_without_any_has_no_heading(client):
    publisher = OrganizationFactory()
    poster = ResourceFactory(kind="poster", publisher=publisher)
    html = client.get(publisher.get_absolute_url()).content.decode()
    assert "<h2>Materials it publishes</h2>" in html
    assert link_of(poster) in html
    bare = client.get(OrganizationFactory().get_absolute_url()).content.decode()
    assert "Materials it publishes" not in bare
