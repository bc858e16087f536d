"""An admin runs one session: add, move, promote and reorder, attendance, email everyone,
duplicate, cancel with a reason; the minimum-enrollment job. Each write is in the log."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaign.models import AuditEntry
from tests.factories import SessionFactory, UserFactory
from tests.training.sessions import live_session, seated
from training import services
from training.models import Enrollment, Session

pytestmark = pytest.mark.django_db


def fill(session, count):
    return [services.enroll(user=UserFactory(), session=session) for _ in range(count)]


def logged(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def waitlist_names(session):
    return list(
        session.enrollments.filter(status="waitlisted")
        .order_by("queued_at", "pk")
        .values_list("user__name", flat=True)
    )


def test_an_admin_adds_a_person_who_is_told_who_enrolled_them(mails, campaign_admin):
    session = SessionFactory(capacity=1)
    person = UserFactory()
    added = mails(services.add_person, session=session, user=person, added_by=campaign_admin)
    assert (added.status, added.enrolled_by) == ("registered", campaign_admin)
    assert mail.outbox[-1].to == [person.email]
    [entry] = logged("training.enrollment.add")
    assert (entry.actor, entry.target_id) == (campaign_admin, str(added.pk))


def test_moving_into_a_full_session_waitlists_and_frees_the_seat_here(mails, campaign_admin):
    source = SessionFactory(capacity=1)
    target = SessionFactory(course=source.course, capacity=1)
    mover, waiting = fill(source, 2)
    fill(target, 1)
    mail.outbox.clear()
    moved = mails(
        services.move_enrollment,
        enrollment=mover,
        to_session=target,
        moved_by=campaign_admin,
        reason="Asked by phone",
    )
    assert moved.status == "waitlisted" and moved.session == target
    assert Enrollment.objects.get(pk=mover.pk).status == "cancelled"
    assert Enrollment.objects.get(pk=waiting.pk).status == "registered"
    source.refresh_from_db()
    target.refresh_from_db()
    assert (source.registered_seats, source.waitlist_length) == (1, 0)
    assert (target.registered_seats, target.waitlist_length) == (1, 1)
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "number 1 on its waitlist" in by_person[mover.user.email].body
    assert "now registered" in by_person[waiting.user.email].body
    [entry] = logged("training.enrollment.move")
    assert entry.reason == "Asked by phone"
    assert entry.data == {
        "from_session": source.pk,
        "to_session": target.pk,
        "status": "waitlisted",
    }


def test_moving_into_a_free_seat_registers_with_a_calendar_file(mails, campaign_admin):
    source = SessionFactory()
    target = SessionFactory(course=source.course)
    [mover] = fill(source, 1)
    moved = mails(
        services.move_enrollment, enrollment=mover, to_session=target, moved_by=campaign_admin
    )
    assert moved.status == "registered"
    assert mail.outbox[-1].attachments


@pytest.mark.parametrize("where", ["other course", "same session", "cancelled", "already there"])
def test_a_move_that_breaks_a_rule_changes_nothing(campaign_admin, where):
    source = SessionFactory()
    [mover] = fill(source, 1)
    target = SessionFactory(course=source.course)
    if where == "other course":
        target = SessionFactory()
    elif where == "same session":
        target = source
    elif where == "cancelled":
        Session.objects.filter(pk=target.pk).update(status="cancelled")
    else:
        services.enroll(user=mover.user, session=target)
    with pytest.raises(ValidationError):
        services.move_enrollment(enrollment=mover, to_session=target, moved_by=campaign_admin)
    assert Enrollment.objects.get(pk=mover.pk).status == "registered"
    assert not logged("training.enrollment.move")


def test_reordering_the_waitlist_needs_a_reason_and_keeps_the_others_order(campaign_admin):
    session = SessionFactory(capacity=1)
    fill(session, 1)
    people = [UserFactory(name=name) for name in ["Ana", "Ben", "Cy", "Dee"]]
    waiting = [services.enroll(user=p, session=session) for p in people]
    with pytest.raises(ValidationError):
        services.reorder_waitlist(
            enrollment=waiting[3], position=1, moved_by=campaign_admin, reason=" "
        )
    services.reorder_waitlist(
        enrollment=waiting[3], position=2, moved_by=campaign_admin, reason="Supervisor"
    )
    assert waitlist_names(session) == ["Ana", "Dee", "Ben", "Cy"]
    services.reorder_waitlist(
        enrollment=waiting[0], position=4, moved_by=campaign_admin, reason="Later date"
    )
    assert waitlist_names(session) == ["Dee", "Ben", "Cy", "Ana"]
    with pytest.raises(ValidationError):
        services.reorder_waitlist(
            enrollment=waiting[0], position=5, moved_by=campaign_admin, reason="x"
        )
    assert [e.data for e in logged("training.waitlist.reorder")] == [
        {"from_position": 4, "to_position": 2},
        {"from_position": 1, "to_position": 4},
    ]


def test_promoting_from_a_full_session_adds_a_seat_for_them(mails, campaign_admin):
    session = SessionFactory(capacity=1)
    fill(session, 1)
    first, second = fill(session, 2)
    promoted = mails(
        services.promote_waitlisted,
        enrollment=second,
        promoted_by=campaign_admin,
        reason="Trainer's request",
    )
    assert promoted.status == "registered"
    session.refresh_from_db()
    assert (session.capacity, session.registered_seats, session.waitlist_length) == (2, 2, 1)
    assert Enrollment.objects.get(pk=first.pk).status == "waitlisted"
    assert "now registered" in mail.outbox[-1].body
    [entry] = logged("training.waitlist.promote")
    assert (entry.reason, entry.data) == ("Trainer's request", {"capacity_raised_to": 2})


def test_attendance_for_the_whole_roster_at_once_or_none(campaign_admin):
    session = live_session()
    present, absent = seated(session), seated(session)
    services.mark_roster_attendance(
        session=session, marks={present.pk: True, absent.pk: False}, marked_by=campaign_admin
    )
    statuses = dict(session.enrollments.values_list("pk", "status"))
    assert statuses == {present.pk: "attended", absent.pk: "no_show"}
    waiting = Enrollment.objects.create(user=UserFactory(), session=session, status="waitlisted")
    with pytest.raises(ValidationError):
        services.mark_roster_attendance(
            session=session, marks={absent.pk: True, waiting.pk: True}, marked_by=campaign_admin
        )
    assert Enrollment.objects.get(pk=absent.pk).status == "no_show"
    [entry] = logged("training.session.attendance")
    assert entry.data == {"attended": [present.pk], "no_show": [absent.pk]}


def test_email_everyone_enrolled_in_their_own_language(mails, campaign_admin):
    session = SessionFactory(capacity=1)
    seat, wait = fill(session, 2)
    wait.user.language = "es"
    wait.user.save()
    cancelled = services.enroll(user=UserFactory(), session=SessionFactory())
    mail.outbox.clear()
    count = mails(
        services.email_enrolled,
        session=session,
        subject="Room change",
        message="We meet in room 5.",
        sent_by=campaign_admin,
    )
    assert count == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {seat.user.email, wait.user.email}
    assert cancelled.user.email not in by_person
    assert "A message from the campaign team" in by_person[seat.user.email].body
    assert "Un mensaje del equipo de la campaña" in by_person[wait.user.email].body
    assert "We meet in room 5." in by_person[wait.user.email].body
    assert logged("training.session.email")[0].data["people_emailed"] == 2


def test_duplicating_copies_place_trainers_and_shifts_dates(campaign_admin):
    session = SessionFactory(
        online=False, venue_name="City Hall", capacity=12, minimum_enrollment=5
    )
    session.decision_at = session.starts_at - timedelta(days=3)
    session.save()
    trainer = UserFactory()
    session.trainers.add(trainer)
    fill(session, 1)
    starts = session.starts_at + timedelta(days=14)
    copy = services.duplicate_session(
        session=session, starts_at=starts, duplicated_by=campaign_admin
    )
    assert (copy.venue_name, copy.capacity, copy.online, copy.minimum_enrollment) == (
        "City Hall",
        12,
        False,
        5,
    )
    assert copy.ends_at - copy.starts_at == session.ends_at - session.starts_at
    assert copy.decision_at == starts - timedelta(days=3)
    assert list(copy.trainers.all()) == [trainer]
    assert copy.enrollments.count() == 0
    assert logged("training.session.duplicate")[0].data == {"copied_from": session.pk}
    with pytest.raises(ValidationError):
        services.duplicate_session(
            session=session,
            starts_at=timezone.now() - timedelta(days=1),
            duplicated_by=campaign_admin,
        )


def test_cancelling_with_a_reason_emails_it_and_offers_the_next_session(mails, campaign_admin):
    session = SessionFactory()
    later = SessionFactory(course=session.course, starts_at=session.starts_at + timedelta(days=7))
    people = fill(session, 2)
    mail.outbox.clear()
    count = mails(
        services.cancel_session,
        session=session,
        cancelled_by=campaign_admin,
        reason="The trainer is ill.",
    )
    assert count == 2
    body = mail.outbox[0].body
    assert "Reason: The trainer is ill." in body
    assert later.get_absolute_url() in body
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in people)
    [entry] = logged("training.session.cancel")
    assert (entry.actor, entry.reason) == (campaign_admin, "The trainer is ill.")


def test_the_job_cancels_sessions_below_their_minimum_at_the_decision_date(mails):
    now = timezone.now()
    below = SessionFactory(minimum_enrollment=3, decision_at=now - timedelta(hours=1))
    enough = SessionFactory(minimum_enrollment=1, decision_at=now - timedelta(hours=1))
    not_yet = SessionFactory(minimum_enrollment=3, decision_at=now + timedelta(hours=1))
    later = SessionFactory(course=below.course, starts_at=below.starts_at + timedelta(days=7))
    [person] = fill(below, 1)
    fill(enough, 1)
    mail.outbox.clear()
    assert mails(services.cancel_underfilled_sessions) == 1
    assert mails(services.cancel_underfilled_sessions) == 0
    statuses = dict(Session.objects.values_list("pk", "status"))
    assert statuses[below.pk] == "cancelled"
    assert {statuses[s.pk] for s in [enough, not_yet, later]} == {"scheduled"}
    [message] = mail.outbox
    assert message.to == [person.user.email]
    assert "Too few people registered" in message.body
    assert later.get_absolute_url() in message.body
    [entry] = logged("training.session.cancel")
    assert entry.actor is None
