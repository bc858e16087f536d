"""The portal behind a load balancer: bench/stack.sh's nginx, two gunicorn app servers, a
worker and the scheduler, on PostgreSQL and Redis, driven over HTTP.

One test, in steps, because starting the stack takes half a minute: a person signs in on
one app server and goes on on the other; rate limits count across both; a write on one is
seen on the other at once; an app server killed in a burst of enrollments loses or
duplicates no enrollment the portal confirmed; a worker killed in a batch of emails sends
each one after its restart. It prints the figures. Deselect locally with -m "not stack".
"""

import contextlib
import http.client
import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]
PORT = 18100
APP_PORTS = (18101, 18102)
PASSWORD = "stack-Password-2026"


class Stack:
    def __init__(self, folder: Path):
        self.folder = folder
        self.env = {**os.environ}
        for line in (folder / "stack.env").read_text().splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            if len(value) > 1 and value[0] == value[-1] == "'":
                value = value[1:-1]  # quoted for the shell, as the signing key is
            self.env[name] = value
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.started: list[subprocess.Popen] = []

    def manage(self, code: str) -> object:
        """Runs Python in `manage.py shell` against the stack's database; returns the JSON
        it prints last."""
        done = subprocess.run(
            [".venv/bin/python", "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    def pid(self, name: str) -> int:
        return int((self.folder / "pids" / name).read_text())

    def kill(self, name: str) -> None:
        """SIGKILL: the process (and its gunicorn workers) get no chance to finish."""
        pid = self.pid(name)
        children = Path(f"/proc/{pid}/task/{pid}/children")
        child_pids = children.read_text().split() if children.exists() else []
        os.kill(pid, signal.SIGKILL)
        for child in child_pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(child), signal.SIGKILL)

    def start_worker(self) -> None:
        process = subprocess.Popen(
            [".venv/bin/python", "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.started.append(process)


@pytest.fixture(scope="module")
def stack():
    # Not under pytest's temporary folder: nginx's workers (an unprivileged user) read the
    # public uploads in it, and pytest's folders are closed to other users.
    folder = Path(tempfile.mkdtemp(prefix="portal-stack-"))
    env = {
        **os.environ,
        "STACK_DIR": str(folder),
        "STACK_PORT": str(PORT),
        "STACK_DATABASE": "portal_stack",
        "STACK_EMAIL_BACKEND": "tests.mail_backends.SlowFileEmailBackend",
    }
    script = subprocess.Popen(
        ["/bin/bash", "bench/stack.sh", "600"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and script.poll() is None:
        ready, _, _ = select.select([script.stdout], [], [], 1)
        if ready:
            line = script.stdout.readline()
            output.append(line)
            if line.startswith("stack ready"):
                break
    else:
        script.kill()
        pytest.fail("the stack did not start:\n" + "".join(output))
    running = Stack(folder)
    try:
        yield running
    finally:
        for process in running.started:
            process.kill()
        os.killpg(script.pid, signal.SIGTERM)
        try:
            script.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(script.pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)


class Visitor:
    """A browser's cookies and CSRF token, over plain HTTP, as the TLS proxy would pass it
    (X-Forwarded-Proto: https)."""

    def __init__(self, client_address: str = "198.51.100.7"):
        self.cookies: dict[str, str] = {}
        self.client_address = client_address

    def request(self, port: int, method: str, path: str, form: dict | None = None):
        host = f"127.0.0.1:{port}"
        headers = {
            "Host": host,
            "X-Forwarded-Proto": "https",
            "X-Real-IP": self.client_address,
            "Origin": f"https://{host}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            csrf = self.cookies.get("__Host-csrftoken", "")
            body = "&".join(f"{k}={v}" for k, v in {"csrfmiddlewaretoken": csrf, **form}.items())
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode(errors="replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response, content


def test_two_app_servers_behind_a_load_balancer(stack):
    figures = {}
    setup = stack.manage(
        f"""
import json
from datetime import timedelta
from django.utils import timezone
from allauth.account.models import EmailAddress
from campaign.models import User
from training.models import Course, Session
from django.contrib.sessions.backends.db import SessionStore
from campaign.middleware import SESSION_STARTED_KEY
course = Course.objects.create(title="Recognizing trafficking", slug="stack-course",
    summary="s", format="webinar", published=True)
def session(capacity):
    return Session.objects.create(course=course, capacity=capacity, online=True,
        join_url="https://meet.example.org/room-42",
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=1))
pat = User.objects.create_user("pat@stack.test", "{PASSWORD}", name="Pat Stack")
EmailAddress.objects.create(user=pat, email=pat.email, verified=True, primary=True)
cookies = []
# Signed in by a session cookie: no password to hash (sixty hashes took over a minute on a
# loaded machine).
for n in range(60):
    person = User.objects.create_user(f"burst{{n}}@stack.test", None, name=f"B {{n}}")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    store = SessionStore()
    store["_auth_user_id"] = str(person.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = person.get_session_auth_hash()
    store[SESSION_STARTED_KEY] = timezone.now().timestamp()
    store.create()
    cookies.append([person.pk, store.session_key])
print(json.dumps({{"small": session(10).pk, "burst": session(1000).pk, "cookies": cookies}}))
"""
    )

    # 1. Sign in on one app server, go on on the other.
    pat = Visitor()
    pat.request(APP_PORTS[0], "GET", "/accounts/login/")
    status, _, _ = pat.request(
        APP_PORTS[0], "POST", "/accounts/login/", {"login": "pat@stack.test", "password": PASSWORD}
    )
    assert status == 302, status
    status, _, page = pat.request(APP_PORTS[1], "GET", "/trainings/mine/")
    assert status == 200 and "Sign in" not in page.split("<main", 1)[-1][:2000]

    # Public uploads (logos, thumbnails) come from disk through nginx, in a sandbox.
    logo = stack.folder / "media" / "logos" / "stack.png"
    logo.parent.mkdir(parents=True)
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    status, response, _ = Visitor().request(PORT, "GET", "/media/logos/stack.png")
    assert status == 200 and response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox"

    # 2. A write on one app server is seen on the other at once (nothing serves it stale).
    small = setup["small"]
    status, _, _ = pat.request(APP_PORTS[0], "POST", f"/trainings/sessions/{small}/enroll/", {})
    assert status == 302
    _, _, page = pat.request(APP_PORTS[1], "GET", f"/trainings/sessions/{small}/")
    assert "9 of 10 left" in page

    # 3. Rate limits count across both app servers (in Redis): 5 a minute per address.
    for _ in range(2):  # a second round only if the limit's window turned mid-way
        address = f"203.0.113.{uuid.uuid4().int % 250 + 1}"
        statuses = [
            Visitor(address).request(APP_PORTS[n % 2], "GET", "/certificates/verify/NOPE2345/")[0]
            for n in range(10)
        ]
        if statuses.count(429) == 5:
            break
    figures["certificate checks allowed of 10 across both app servers"] = 10 - statuses.count(429)
    assert statuses.count(429) == 5, statuses

    # 4. An app server killed in the middle of a burst of enrollments through nginx.
    burst = setup["burst"]
    outcomes: dict[int, int] = {}
    sent = threading.Semaphore(0)

    def enroll(person_cookie):
        person_id, session_key = person_cookie
        visitor = Visitor()
        visitor.cookies["__Host-sessionid"] = session_key
        visitor.cookies["__Host-csrftoken"] = "a" * 32
        path = f"/trainings/sessions/{burst}/"
        try:
            status, response, _ = visitor.request(PORT, "POST", f"{path}enroll/", {})
            # Sent back to the session page: registered (every person here may enroll, so
            # the only refusal would be a sign-in redirect or an error status).
            confirmed = status == 302 and response.headers["Location"].endswith(path)
            outcomes[person_id] = "confirmed" if confirmed else f"{status} {response.reason}"
        except OSError as error:
            outcomes[person_id] = type(error).__name__
        sent.release()

    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(enroll, pair) for pair in setup["cookies"]]
        for _ in range(15):
            sent.acquire(timeout=30)
        stack.kill("app1")
        for future in futures:
            future.result()
    confirmed = {person for person, outcome in outcomes.items() if outcome == "confirmed"}
    print("\nfailed enrollment requests:", [o for o in outcomes.values() if o != "confirmed"])
    stored = stack.manage(
        f"""
import json
from django.db.models import Count
from training.models import Enrollment
rows = Enrollment.objects.filter(session_id={burst}).values("user_id").annotate(n=Count("id"))
print(json.dumps({{str(row["user_id"]): row["n"] for row in rows}}))
"""
    )
    figures["enrollment requests sent"] = len(outcomes)
    figures["enrollment requests failed during the kill"] = len(outcomes) - len(confirmed)
    figures["enrollments confirmed"] = len(confirmed)
    figures["enrollments stored"] = sum(stored.values())
    assert all(stored.get(str(person)) == 1 for person in confirmed), "a confirmed one lost"
    assert all(count == 1 for count in stored.values()), "an enrollment stored twice"
    # The other app server carries on alone.
    assert pat.request(PORT, "GET", f"/trainings/sessions/{small}/")[0] == 200

    # 5. The worker killed in the middle of a batch of emails, then started again.
    batch = 40
    stack.manage(
        f"""
import json, uuid
from campaign.tasks import send_email_message
for n in range({batch}):
    send_email_message.enqueue(subject=f"stack mail {{n:03d}}", body="b",
        to=[f"m{{n}}@stack.test"], kind="stack", idempotency_key=uuid.uuid4().hex)
print(json.dumps({batch}))
"""
    )
    mail = stack.folder / "mail"

    def subjects() -> list[str]:
        text = "".join(path.read_text() for path in mail.iterdir())
        return re.findall(r"^Subject: stack mail (\d{3})$", text, flags=re.MULTILINE)

    deadline = time.monotonic() + 30
    while len(subjects()) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    stack.kill("worker")
    figures["emails sent before the worker was killed"] = len(subjects())
    stack.start_worker()
    deadline = time.monotonic() + 90
    while len(set(subjects())) < batch and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(1)
    sent_subjects = subjects()
    figures["emails queued"] = batch
    figures["emails sent (distinct)"] = len(set(sent_subjects))
    figures["emails sent (in all)"] = len(sent_subjects)
    print("\nstack figures:", json.dumps(figures, indent=2))
    assert len(set(sent_subjects)) == batch
    assert len(sent_subjects) == batch, "an email was sent twice"
