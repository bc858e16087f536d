"""Prints the current authenticator code of the demo admin (development only)."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from campaign.management.commands.load_demo import DEMO_ADMIN_TOTP_SECRET


class Command(BaseCommand):
    help = "Prints the demo admin's current two-factor code, so the demo needs no phone."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo authenticator does not exist in production.")
        counter = int(time.time()) // mfa_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, counter)))
