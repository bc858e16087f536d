"""Loads the demo: accounts, then each app's records (organizations, ...)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from campaign.models import User
from campaign.site.demo import load_campaign
from campaign.site.demo_spanish import load_spanish
from partners.demo import load_partners
from resources.demo import load_resources
from training.demo import link_materials_to_courses, load_training, load_training_history

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
        "role": "campaign admin (Django admin, MFA on)",
        "is_staff": True,
        "is_superuser": True,
        "memberships": [],
    },
    {
        "email": "coordinator@demo.blue-campaign.test",
        "name": "Jamie Zeller",
        "role": "partner coordinator (CACEO)",
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
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo sign-ins:"))
        for spec, user in accounts:
            self.stdout.write(f"  {user.email:<40} {spec['role']}")
        self.stdout.write(f"  Every demo account's password is {DEMO_PASSWORD}")
        self.stdout.write(
            f"  The admin's authenticator secret is {DEMO_ADMIN_TOTP_SECRET}; "
            "`python manage.py demo_totp_code` prints its current code."
        )
