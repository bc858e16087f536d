"""Enrollment services: seats, waitlist, promotion, eligibility, email, reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from partners.models import Membership
from tests.factories import MembershipFactory, OrganizationFactory, SessionFactory, UserFactory
from training import services
from training.models import Enrollment, Session

pytestmark = pytest.mark.django_db


def fill(session: Session, count: int) -> list[Enrollment]:
    return [services.enroll(user=UserFactory(), session=session) for _ in range(count)]


def test_enrolling_takes_a_seat_and_emails_a_calendar_file(mails):
    session = SessionFactory(capacity=2)
    person = UserFactory()
    enrollment = mails(services.enroll, user=person, session=session)
    assert enrollment.status == "registered" and enrollment.registered_at
    message = mail.outbox[-1]
    assert message.to == [person.email] and "You are registered" in message.subject
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and session.course.title in content
    assert "https://meet.example.org/room-42" in message.body


def test_a_full_session_puts_people_on_the_waitlist_in_order(mails):
    session = SessionFactory(capacity=1)
    fill(session, 1)
    first = mails(services.enroll, user=UserFactory(), session=session)
    second = services.enroll(user=UserFactory(), session=session)
    assert (first.status, second.status) == ("waitlisted", "waitlisted")
    assert services.waitlist_position(first) == 1
    assert services.waitlist_position(second) == 2
    assert "number 1 on the waitlist" in mail.outbox[-1].body
    assert not mail.outbox[-1].attachments
    assert "room-42" not in mail.outbox[-1].body


def test_unlimited_capacity_never_waitlists():
    session = SessionFactory(capacity=None)
    assert {e.status for e in fill(session, 5)} == {"registered"}


def test_enrolling_twice_is_refused():
    session = SessionFactory()
    person = UserFactory()
    services.enroll(user=person, session=session)
    with pytest.raises(ValidationError, match="Already enrolled") as refusal:
        services.enroll(user=person, session=session)
    assert refusal.value.code == services.ALREADY_ENROLLED


def test_an_unverified_address_cannot_enroll():
    with pytest.raises(ValidationError, match="Verify your email"):
        services.enroll(user=UserFactory(verified=False), session=SessionFactory())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "cancelled"}, "was cancelled"),
        ({"starts_at_delta": timedelta(minutes=-5)}, "already started"),
        ({"registration_opens_at_delta": timedelta(days=1)}, "Registration opens on"),
        ({"registration_closes_at_delta": timedelta(minutes=-1)}, "Registration has closed"),
    ],
)
def test_enrolling_outside_the_registration_window_is_refused(changes, message):
    now = timezone.now()
    session = SessionFactory()
    if "status" in changes:
        session.status = changes["status"]
    if "starts_at_delta" in changes:
        session.starts_at = now + changes["starts_at_delta"]
        session.ends_at = now + timedelta(hours=1)
    if "registration_opens_at_delta" in changes:
        session.registration_opens_at = now + changes["registration_opens_at_delta"]
    if "registration_closes_at_delta" in changes:
        session.registration_closes_at = now + changes["registration_closes_at_delta"]
    session.save()
    with pytest.raises(ValidationError, match=message):
        services.enroll(user=UserFactory(), session=session)
    assert not Enrollment.objects.exists()


def test_an_unpublished_course_takes_no_enrollments():
    session = SessionFactory(course__published=False)
    with pytest.raises(ValidationError, match="not open"):
        services.enroll(user=UserFactory(), session=session)


def test_partner_staff_sessions_need_a_membership():
    session = SessionFactory(eligibility="partner_staff")
    with pytest.raises(ValidationError, match="staff of partner organizations"):
        services.enroll(user=UserFactory(), session=session)
    member = MembershipFactory().user
    assert services.enroll(user=member, session=session).organization is not None


def test_listed_organization_sessions_admit_their_staff_and_sub_organizations():
    city = OrganizationFactory()
    police = OrganizationFactory(parent=city)
    session = SessionFactory(eligibility="listed")
    session.eligible_organizations.add(city)
    outsider = MembershipFactory().user
    with pytest.raises(ValidationError, match="organizations it was arranged for"):
        services.enroll(user=outsider, session=session)
    officer = MembershipFactory(organization=police).user
    assert services.enroll(user=officer, session=session).organization == police
    pending = MembershipFactory(organization=city, status="pending").user
    with pytest.raises(ValidationError):
        services.enroll(user=pending, session=session)


def restrict_right_before_the_lock(monkeypatch, session: Session) -> None:
    """Between enroll's first eligibility check and its session lock, an admin limits the
    session to one listed organization (as an admin edit landing at that moment would)."""
    lock = services.enrollment._lock_session

    def restrict_then_lock(locked: Session) -> Session:
        Session.objects.filter(pk=session.pk).update(eligibility="listed")
        session.eligible_organizations.add(OrganizationFactory())
        return lock(locked)

    monkeypatch.setattr(services.enrollment, "_lock_session", restrict_then_lock)


def test_eligibility_is_checked_again_under_the_session_lock(monkeypatch):
    session = SessionFactory()
    person = MembershipFactory().user
    restrict_right_before_the_lock(monkeypatch, session)
    with pytest.raises(ValidationError, match="organizations it was arranged for"):
        services.enroll(user=person, session=session)
    assert not Enrollment.objects.filter(session=session).exists()


def test_bulk_enrollment_checks_eligibility_again_under_the_session_lock(monkeypatch):
    organization = OrganizationFactory()
    coordinator = MembershipFactory(organization=organization, role="coordinator").user
    staff = MembershipFactory(organization=organization).user
    session = SessionFactory()
    restrict_right_before_the_lock(monkeypatch, session)
    (outcome,) = services.enroll_staff(
        session=session, members=[(staff, organization)], enrolled_by=coordinator
    )
    assert outcome.outcome == "not enrolled"
    assert "arranged for" in outcome.detail
    assert not Enrollment.objects.filter(session=session).exists()


def test_the_enrollment_counts_for_the_preferred_organization_when_a_member():
    first, second = OrganizationFactory(), OrganizationFactory()
    person = MembershipFactory(organization=first).user
    MembershipFactory(organization=second, user=person)
    enrollment = services.enroll(user=person, session=SessionFactory(), organization=second)
    assert enrollment.organization == second


def test_cancelling_a_seat_promotes_the_oldest_waitlisted_and_emails_both(mails):
    session = SessionFactory(capacity=1)
    (seated,) = fill(session, 1)
    oldest = services.enroll(user=UserFactory(), session=session)
    newer = services.enroll(user=UserFactory(), session=session)
    mail.outbox.clear()
    mails(services.cancel_enrollment, enrollment=seated, cancelled_by=seated.user)
    oldest.refresh_from_db()
    newer.refresh_from_db()
    assert (oldest.status, newer.status) == ("registered", "waitlisted")
    assert services.waitlist_position(newer) == 1
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Cancelled" in subjects[seated.user.email]
    assert "A seat opened up" in subjects[oldest.user.email]
    promotion = next(m for m in mail.outbox if m.to == [oldest.user.email])
    assert "/trainings/give-back/" in promotion.body
    assert promotion.attachments


def test_leaving_the_waitlist_promotes_nobody():
    session = SessionFactory(capacity=1)
    fill(session, 1)
    waiting = services.enroll(user=UserFactory(), session=session)
    behind = services.enroll(user=UserFactory(), session=session)
    services.cancel_enrollment(enrollment=waiting, cancelled_by=waiting.user)
    behind.refresh_from_db()
    assert behind.status == "waitlisted" and services.waitlist_position(behind) == 1


def test_a_cancelled_enrollment_cannot_be_cancelled_again_and_can_re_enroll():
    session = SessionFactory()
    (seated,) = fill(session, 1)
    services.cancel_enrollment(enrollment=seated, cancelled_by=seated.user)
    with pytest.raises(ValidationError, match="can no longer be cancelled"):
        services.cancel_enrollment(enrollment=seated, cancelled_by=seated.user)
    again = services.enroll(user=seated.user, session=session)
    assert again.pk != seated.pk and again.status == "registered"


def test_more_capacity_moves_the_waitlist_up_in_order():
    session = SessionFactory(capacity=1)
    fill(session, 1)
    waiting = fill(session, 3)
    session.capacity = 3
    session.save()
    promoted = services.fill_open_seats(session=session)
    assert [e.pk for e in promoted] == [waiting[0].pk, waiting[1].pk]
    assert Enrollment.objects.get(pk=waiting[2].pk).status == "waitlisted"


def test_cancelling_a_session_cancels_everyone_and_emails_them(mails):
    session = SessionFactory(capacity=1)
    people = fill(session, 2)
    mail.outbox.clear()
    count = mails(services.cancel_session, session=session, cancelled_by=UserFactory())
    assert count == 2
    assert set(Enrollment.objects.values_list("status", flat=True)) == {"cancelled"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in people)
    with pytest.raises(ValidationError, match="already cancelled"):
        services.cancel_session(session=session, cancelled_by=UserFactory())


def test_the_give_back_link_returns_the_seat_to_the_waitlist():
    session = SessionFactory(capacity=1)
    (seated,) = fill(session, 1)
    waiting = services.enroll(user=UserFactory(), session=session)
    token = services.give_back_url(seated).rstrip("/").rsplit("/", 1)[-1]
    enrollment = services.enrollment_from_give_back_token(token)
    services.cancel_enrollment(enrollment=enrollment, cancelled_by=enrollment.user)
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    with pytest.raises(ValidationError, match="not valid"):
        services.enrollment_from_give_back_token(token + "x")


def test_bulk_enrollment_reports_each_person():
    organization = OrganizationFactory()
    coordinator = MembershipFactory(organization=organization, role="coordinator").user
    session = SessionFactory(capacity=1)
    members = [MembershipFactory(organization=organization).user for _ in range(3)]
    unverified = MembershipFactory(
        organization=organization, user=UserFactory(verified=False)
    ).user
    services.enroll(user=members[2], session=session)
    outcomes = services.enroll_staff(
        session=session,
        members=[(m, organization) for m in [*members, unverified]],
        enrolled_by=coordinator,
    )
    assert [(o.member, o.outcome) for o in outcomes] == [
        (members[0], "waitlisted"),
        (members[1], "waitlisted"),
        (members[2], "already enrolled"),
        (unverified, "not enrolled"),
    ]
    assert outcomes[0].detail == "Position 1 on the waitlist."
    assert "Verify your email" in outcomes[3].detail
    assert Enrollment.objects.get(user=members[0]).enrolled_by == coordinator


def test_reminders_go_once_to_registered_people_within_the_lead(mails):
    soon = SessionFactory(starts_at=timezone.now() + timedelta(hours=3))
    later = SessionFactory(starts_at=timezone.now() + timedelta(days=3))
    (seated,) = fill(soon, 1)
    fill(later, 1)
    cancelled = services.enroll(user=UserFactory(), session=soon)
    services.cancel_enrollment(enrollment=cancelled, cancelled_by=None)
    mail.outbox.clear()
    assert mails(services.send_due_reminders, lead=timedelta(hours=24)) == 1
    assert [m.to for m in mail.outbox] == [[seated.user.email]]
    assert "Reminder" in mail.outbox[0].subject and mail.outbox[0].attachments
    assert services.send_due_reminders(lead=timedelta(hours=24)) == 0


def test_waitlist_position_breaks_ties_by_arrival():
    session = SessionFactory(capacity=1)
    fill(session, 1)
    same_time = timezone.now()
    waiting = fill(session, 2)
    Enrollment.objects.filter(pk__in=[w.pk for w in waiting]).update(queued_at=same_time)
    positions = [services.waitlist_position(Enrollment.objects.get(pk=w.pk)) for w in waiting]
    assert positions == [1, 2]


def test_memberships_are_untouched_by_enrollment():
    member = MembershipFactory()
    services.enroll(user=member.user, session=SessionFactory())
    assert Membership.objects.get(pk=member.pk).status == "active"
