"""The demo materials: real generated files, translations, partner-only ones, orders in
every status; loading twice changes nothing."""

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from resources.models import MaterialOrder, OrderItem, Resource

pytestmark = pytest.mark.django_db


def test_demo_materials_are_real_files_and_loading_twice_adds_nothing(client):
    call_command("load_demo")
    files = {r.slug: r.file.name for r in Resource.objects.all()}
    counts = (Resource.objects.count(), MaterialOrder.objects.count(), OrderItem.objects.count())
    call_command("load_demo")
    assert {r.slug: r.file.name for r in Resource.objects.all()} == files
    assert counts == (
        Resource.objects.count(),
        MaterialOrder.objects.count(),
        OrderItem.objects.count(),
    )

    guide = Resource.objects.get(slug="t-visa-guide")
    with guide.file.open("rb") as pdf:
        assert "T Visa Resource Guide" in PdfReader(pdf).pages[0].extract_text()
    assert guide.thumbnail and guide.file_size == guide.file.size
    card = Resource.objects.get(slug="indicator-card-en")
    assert sorted(card.translation_group.resources.values_list("language", flat=True)) == [
        "en",
        "es",
        "vi",
        "zh",
    ]
    assert Resource.objects.filter(visibility="partners").exists()
    assert Resource.objects.filter(orderable=True).exists()
    assert Resource.objects.exclude(external_url="").filter(kind="video").count() == 2
    assert set(MaterialOrder.objects.values_list("status", flat=True)) == {
        "submitted",
        "approved",
        "shipped",
        "rejected",
    }
    assert client.get("/materials/indicator-card-en/").status_code == 200
    assert client.get("/materials/csec-toolkit/download/").status_code == 404
    assert "Human Trafficking Indicator Card" in client.get("/").content.decode()
