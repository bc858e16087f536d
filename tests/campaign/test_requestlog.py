"""One log line per request with its id, user id (never an address), status and duration;
JSON in production; Sentry events scrubbed of personal data."""

import json
import logging

import pytest

from campaign.logging import UTCJsonFormatter
from campaign.requestlog import RequestIdFilter
from campaign.sentry import scrub_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def request_records(caplog):
    return [record for record in caplog.records if record.name == "campaign.requests"]


def test_each_request_is_logged_once_with_its_id_user_id_status_and_duration(client, caplog):
    person = UserFactory(email="pat.private@example.org")
    client.force_login(person)
    with caplog.at_level(logging.INFO, logger="campaign.requests"):
        response = client.get("/trainings/mine/", headers={"X-Request-ID": "lb-0123456789"})
    (record,) = request_records(caplog)
    assert response["X-Request-ID"] == "lb-0123456789"
    assert record.request_id == "lb-0123456789"
    assert record.user_id == person.pk
    assert record.status == 200
    assert record.duration_ms >= 0
    assert "pat.private" not in caplog.text


def test_a_malformed_request_id_is_replaced_by_a_new_one(client, caplog):
    with caplog.at_level(logging.INFO, logger="campaign.requests"):
        response = client.get("/", headers={"X-Request-ID": "bad id\n<script>"})
    (record,) = request_records(caplog)
    assert record.request_id == response["X-Request-ID"]
    assert len(record.request_id) == 32 and record.user_id is None


def test_the_json_formatter_writes_one_object_per_line_in_utc():
    record = logging.LogRecord("campaign.requests", logging.INFO, "", 0, "GET / 200", (), None)
    record.status = 200
    RequestIdFilter().filter(record)
    line = UTCJsonFormatter("%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s")
    payload = json.loads(line.format(record))
    assert payload["message"] == "GET / 200"
    assert payload["status"] == 200
    assert payload["request_id"] == "-"
    assert payload["asctime"].endswith("Z")


def test_sentry_events_keep_no_address_name_or_cookie():
    event = {
        "user": {"id": 7, "email": "pat@example.org", "ip_address": "192.0.2.1"},
        "request": {
            "cookies": {"__Host-sessionid": "secret"},
            "data": {"email": "pat@example.org"},
            "headers": {"Cookie": "a=b", "User-Agent": "x"},
        },
        "exception": {"values": [{"value": "No user pat@example.org named Pat"}]},
        "extra": {"name": "Pat Doe", "count": 3},
    }
    scrubbed = scrub_event(event, {})
    text = json.dumps(scrubbed)
    assert "pat@example.org" not in text and "Pat Doe" not in text and "secret" not in text
    assert scrubbed["user"] == {"id": 7}
    assert scrubbed["request"]["headers"] == {"Cookie": "[scrubbed]", "User-Agent": "x"}
    assert scrubbed["extra"]["count"] == 3
