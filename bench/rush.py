"""The benchmark's enrollment rush: many people have a small session's page open, then all
enroll at once through HTTP; run by bench/load.py against its server (anything with a `port`)."""

import http.client
import os
import re
import secrets
import threading
import time
from datetime import timedelta
from pathlib import Path


def signed_in_cookie(user, session_cookie_name: str) -> str:
    """A session made directly in the session store, as a sign-in would make it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from campaign.middleware import SESSION_STARTED_KEY

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[SESSION_STARTED_KEY] = time.time()
    store.create()
    return f"{session_cookie_name}={store.session_key}"


def cpu_seconds(pids) -> dict[int, float]:
    """{pid: user and system CPU seconds used so far} (Linux's /proc)."""
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def cpu_used_since(before: dict[int, float], pids) -> float:
    """CPU seconds the processes used since `before` (all of it for one started since)."""
    return sum(seconds - before.get(pid, 0) for pid, seconds in cpu_seconds(pids).items())


def postgres_pids() -> list[int]:
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _command_of(entry).startswith("postgres")
    ]


def _command_of(proc: Path) -> str:
    try:
        return (proc / "comm").read_text().strip()
    except OSError:
        return ""


def enrollment_rush(server, users: int = 500, seats: int = 50) -> None:
    """Fires `users` enrollments at once at a `seats`-seat session and checks the outcome."""
    from django.conf import settings
    from django.utils import timezone

    from bench.management.commands.build_scale_data import RUSH_EMAIL
    from campaign.models import User
    from training.models import Course, Enrollment, Session

    course = Course.objects.filter(published=True, slug__startswith="bench-course-").first()
    starts = timezone.now() + timedelta(days=7)
    session = Session.objects.create(
        course=course, starts_at=starts, ends_at=starts + timedelta(hours=1), capacity=seats
    )
    people = list(User.objects.filter(email__in=[RUSH_EMAIL.format(i) for i in range(users)]))
    csrf = secrets.token_urlsafe(24)[:32].ljust(32, "a")
    csrf = re.sub(r"[^A-Za-z0-9]", "a", csrf)
    headers = {
        person.pk: {
            "Cookie": f"{signed_in_cookie(person, settings.SESSION_COOKIE_NAME)}; "
            f"{settings.CSRF_COOKIE_NAME}={csrf}",
            "X-CSRFToken": csrf,
            "Content-Length": "0",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        for person in people
    }
    page = f"/trainings/sessions/{session.pk}/"
    before: dict[str, object] = {}

    def take_the_start() -> None:
        """Run once every person has the page open: the rush starts now."""
        before.update(
            workers=cpu_seconds(server.worker_pids()),
            database=cpu_seconds(postgres_pids()),
            client=time.process_time(),
            started=time.monotonic(),
        )

    barrier = threading.Barrier(len(people), action=take_the_start)
    outcome: dict[int, tuple] = {}
    page_failures: list = []

    def post(user_id: int) -> None:
        # As people do, each opens the session page first (untimed), then presses Enroll.
        looking = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        looking.request("GET", page, headers={"Cookie": headers[user_id]["Cookie"]})
        response = looking.getresponse()
        response.read()
        if response.status != 200:
            page_failures.append(response.status)
        looking.close()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        barrier.wait()
        sent = time.monotonic()
        try:
            connection.request("POST", f"{page}enroll/", headers=headers[user_id])
            status = connection.getresponse().status
        except OSError as error:
            status = repr(error)
        outcome[user_id] = (sent, time.monotonic(), status)
        connection.close()

    threads = [threading.Thread(target=post, args=(person.pk,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = max(done for _sent, done, _status in outcome.values()) - before["started"]
    workers_cpu = cpu_used_since(before["workers"], server.worker_pids())
    database_cpu = cpu_used_since(before["database"], postgres_pids())
    client_cpu = time.process_time() - before["client"]
    rows = list(
        Enrollment.objects.filter(session=session)
        .order_by("queued_at", "pk")
        .values_list("user_id", "status", "queued_at")
    )
    registered = [r for r in rows if r[1] == Enrollment.Status.REGISTERED]
    waitlisted = [r for r in rows if r[1] == Enrollment.Status.WAITLISTED]
    bad = {k: v[2] for k, v in outcome.items() if v[2] != 302}
    in_order = not registered or not waitlisted or registered[-1][2] <= waitlisted[0][2]
    # Arrival order, as far as a client can see it: if A's answer came back before B's
    # request was sent, A must be ahead of B.
    queued = {user_id: queued_at for user_id, _status, queued_at in rows}
    inversions = sum(
        1
        for a, (_sa, done_a, _) in outcome.items()
        for b, (sent_b, _db, _) in outcome.items()
        if done_a < sent_b and a in queued and b in queued and queued[a] > queued[b]
    )
    print(f"\n## {users} simultaneous enrollments on a {seats}-seat session (4 workers)")
    print(
        f"registered {len(registered)} (want {seats}), waitlisted {len(waitlisted)} "
        f"(want {users - seats}), non-302 answers {len(bad)}, registered all queued before "
        f"the waitlist: {in_order}, order inversions seen by the clients: {inversions}, "
        f"elapsed {elapsed:.2f} s"
    )
    print(
        f"CPU time: app workers {workers_cpu:.2f} s ({workers_cpu / users * 1000:.1f} ms a "
        f"request), PostgreSQL {database_cpu:.2f} s, this client {client_cpu:.2f} s; "
        f"{os.cpu_count()} cores"
    )
    if page_failures:
        print(f"the session page failed {len(page_failures)} times: {page_failures[:5]}")
    if bad:
        print(f"first errors: {list(bad.items())[:5]}")
