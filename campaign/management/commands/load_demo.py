"""Loads the demo: accounts, then each app's records (organizations, ...)."""

import logging
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from campaign.models import User
from campaign.site.demo import load_campaign
from campaign.site.demo_spanish import load_spanish
from partners.demo import load_partners
from resources.demo import load_resources
from training.demo import (
    LEARNERS,
    ensure_live_session,
    link_materials_to_courses,
    load_training,
    load_training_history,
)

DEMO_PASSWORD = "demo-portal-2026"
# A fixed authenticator secret so the demo admin can reach the admin at once: add it to an
# authenticator app (or use `manage.py demo_totp_code`). Development data only.
DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

# Each account: its sign-in, what it shows, and its memberships (organization slug, role,
# status). People other than the seed documents' named officials are fictional.
DEMO_ACCOUNTS = [
    {
        "email": "admin@demo.blue-campaign.test",
        "name": "Brandi Bynum",
        "role": "campaign admin (Django admin, MFA on); a demo trainer",
        "is_staff": True,
        "is_superuser": True,
        "memberships": [],
    },
    {
        "email": "coordinator@demo.blue-campaign.test",
        "name": "Jamie Zeller",
        "role": "partner coordinator (CACEO); a demo trainer",
        "memberships": [("caceo", "coordinator", "active")],
    },
    {
        "email": "staff@demo.blue-campaign.test",
        "name": "Dana Ortiz",
        "role": "partner staff (CACEO)",
        "memberships": [("caceo", "staff", "active")],
    },
    {
        "email": "visitor@demo.blue-campaign.test",
        "name": "Sam Whitfield",
        "role": "signed-in user with no organization",
        "memberships": [],
    },
    {
        "email": "la.coordinator@demo.blue-campaign.test",
        "name": "Morgan Reyes",
        "role": "coordinator of the City of Los Angeles and its departments",
        "memberships": [
            ("city-of-los-angeles", "coordinator", "active"),
            ("lapd", "staff", "active"),
        ],
    },
    {
        "email": "applicant@demo.blue-campaign.test",
        "name": "Jordan Price",
        "role": "waiting for CACEO to approve a request to join",
        "memberships": [("caceo", "staff", "pending")],
    },
    # The learners who fill the first responders' session and its waitlist; all of them,
    # and the demo staff, are registered for the session on now (see training.demo).
    *(
        {
            "email": email,
            "name": name,
            "role": "learner: full first-responder session (waitlisted)"
            if number == len(LEARNERS)
            else "learner: seat in the full first-responder session",
            "memberships": [],
        }
        for number, (email, name) in enumerate(LEARNERS, start=1)
    ),
]
ACCOUNT_FIELDS = {"email", "name", "is_staff", "is_superuser"}


def ensure_account(
    *, email: str, name: str, is_staff: bool = False, is_superuser: bool = False
) -> User:
    """Creates or resets one demo account with a verified address and the demo password."""
    user, _created = User.objects.get_or_create(email=email)
    user.name = name
    user.is_staff = is_staff
    user.is_superuser = is_superuser
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


# Their INFO lines ("Email … sent") would bury the sign-ins and say a kept notice was sent.
TASK_LOGGERS = ("django_tasks", "campaign.tasks")


@contextmanager
def quiet(*names: str):
    """Only warnings and errors from these loggers while the block runs."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Loads demo accounts and records. Safe to run again: it updates what exists."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even with ENVIRONMENT=production (never on a live site).",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError("Refusing to load demo accounts with ENVIRONMENT=production.")
        # The demo's own notices (certificates, a training request) go to its made-up
        # addresses: they are kept in memory, not sent, so the sign-ins stay readable.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            quiet(*TASK_LOGGERS),
        ):
            before = len(getattr(mail, "outbox", []))
            accounts, live = self._load()
            held = len(getattr(mail, "outbox", [])) - before
        self._report(accounts, live, held)
        self._check_mail()

    def _load(self):
        with transaction.atomic():
            accounts = [
                (spec, ensure_account(**{k: v for k, v in spec.items() if k in ACCOUNT_FIELDS}))
                for spec in DEMO_ACCOUNTS
            ]
            load_partners(
                memberships=[
                    (user, slug, role, status)
                    for spec, user in accounts
                    for slug, role, status in spec["memberships"]
                ]
            )
            load_training(staff=accounts[2][1])
            load_training_history(
                staff=accounts[2][1], coordinator=accounts[1][1], trainer=accounts[0][1]
            )
            load_resources()
            link_materials_to_courses()
            load_campaign()
            load_spanish()
            admin_user = accounts[0][1]
            if not Authenticator.objects.filter(
                user=admin_user, type=Authenticator.Type.TOTP
            ).exists():
                TOTP.activate(admin_user, DEMO_ADMIN_TOTP_SECRET)
            by_email = {user.email: user for _spec, user in accounts}
            live = ensure_live_session(
                trainers=[accounts[1][1], admin_user],
                learners=[accounts[2][1], *(by_email[email] for email, _name in LEARNERS)],
            )
        return accounts, live

    def _report(self, accounts, live, held: int) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo sign-ins:"))
        for spec, user in accounts:
            self.stdout.write(f"  {user.email:<40} {spec['role']}")
        self.stdout.write(f"  Every demo account's password is {DEMO_PASSWORD}")
        self.stdout.write(
            f"  The admin's authenticator secret is {DEMO_ADMIN_TOTP_SECRET}; "
            "`python manage.py demo_totp_code` prints its current code."
        )
        trainers = " and ".join(user.email for user in live.trainers.order_by("email"))
        attendance = reverse("training:attendance", args=[live.pk])
        self.stdout.write(
            f"Session on now, for self check-in: {live.course.title}, "
            f"{settings.SITE_URL}{live.get_absolute_url()}\n"
            f"  Its trainers ({trainers}) show the check-in code at "
            f"{settings.SITE_URL}{attendance}; the demo staff and learners are registered "
            f"and check in at {settings.SITE_URL}{reverse('training:check-in-code-form')}."
        )
        if held:
            self.stdout.write(
                f"{held} demo notice(s) to the demo's own addresses were kept, not sent."
            )

    def _check_mail(self) -> None:
        """Says so when the configured mail backend cannot send: sign-ups, password resets
        and notices would not arrive."""
        try:
            connection = mail.get_connection(fail_silently=False)
            connection.open()
            connection.close()
        except Exception as error:  # any backend, any failure: reported, not raised
            self.stderr.write(
                f"Email cannot be sent with EMAIL_BACKEND={settings.EMAIL_BACKEND} "
                f"({type(error).__name__}: {error}). Sign-up confirmations, password resets "
                "and notices will not arrive: set EMAIL_HOST and EMAIL_PORT for SMTP, "
                "EMAIL_FILE_PATH for the file backend, or leave EMAIL_BACKEND unset to "
                "print mail on the console."
            )
