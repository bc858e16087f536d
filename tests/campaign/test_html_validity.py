"""The Nu HTML checker (vnu.jar, from npm's vnu-jar, run with Java) finds no error on the
pages a crawl reaches as anonymous, staff and coordinator: one run over all of them.

CI installs Java (Debian's default-jre-headless) when it is missing; without Java or
node_modules this test fails rather than skips.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from campaign.models import User
from tests.crawl import crawl

pytestmark = pytest.mark.django_db

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CANARY = '<!DOCTYPE html><html lang="en"><title>x</title><p>stray</span>'
PEOPLE = [None, "staff@demo.blue-campaign.test", "coordinator@demo.blue-campaign.test"]


def test_the_nu_html_checker_finds_no_error_on_the_portals_pages(tmp_path):
    java = shutil.which("java")
    assert java, "Java is missing: install Debian's default-jre-headless"
    assert VNU.exists(), "vnu.jar is missing: run `make deps` (npm's vnu-jar)"
    call_command("load_demo", verbosity=0)
    folder = tmp_path / "pages"  # beside the test's media folder
    folder.mkdir()
    files = {}
    for email in PEOPLE:
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        for path, html in crawl(client, ["/"]).items():
            name = folder / f"{len(files):03d}.html"
            name.write_text(html, encoding="utf-8")
            files[name.name] = f"{email or 'anonymous'} {path}"
    assert len(files) > 60
    # A known error, so that a checker that reports nothing cannot pass the test.
    (folder / "canary.html").write_text(CANARY, encoding="utf-8")
    run = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *map(str, folder.iterdir()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    messages = json.loads(run.stderr)["messages"]
    errors = []
    for message in messages:
        if message["type"] == "error":
            name = Path(message["url"]).name
            where = files.get(name, name)
            errors.append(f"{where} line {message.get('lastLine')}: {message['message']}")
    assert [error for error in errors if error.startswith("canary.html")], errors
    assert [error for error in errors if not error.startswith("canary.html")] == [], "\n".join(
        errors
    )
