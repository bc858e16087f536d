"""The benchmark's enrollment rush: many people enroll at once in one small session through
HTTP; run by bench/load.py against its server (anything with a `port`)."""

import http.client
import re
import secrets
import threading
import time
from datetime import timedelta


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
    barrier = threading.Barrier(len(people))
    outcome: dict[int, tuple] = {}

    def post(user_id: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        barrier.wait()
        sent = time.monotonic()
        try:
            connection.request(
                "POST", f"/trainings/sessions/{session.pk}/enroll/", headers=headers[user_id]
            )
            status = connection.getresponse().status
        except OSError as error:
            status = repr(error)
        outcome[user_id] = (sent, time.monotonic(), status)
        connection.close()

    threads = [threading.Thread(target=post, args=(person.pk,)) for person in people]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
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
    if bad:
        print(f"first errors: {list(bad.items())[:5]}")
