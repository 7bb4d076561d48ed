"""``manage.py demo_two_factor``: the demo staff's authenticator, with a public key.

Staff must use two-step verification, in the demo too: the demo's social
instructor, supervisor, organiser and platform admin get one authenticator device
whose key is printed here (and is in the source code, so it protects nothing: demo
only, like the demo passwords). Add it to any authenticator app once, or print the
current code with ``--code``. Refuses to run without DEBUG, like ``load_demo``.
"""

from __future__ import annotations

import io
from base64 import b32encode
from typing import Any
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.models import User

DEMO_KEY = b"polku-demo-only-2fa!"  # 20 bytes, public on purpose
DEMO_DEVICE_NAME = "Polku demo"
DEMO_STAFF = ("sosiaaliohjaaja", "tyonohjaaja", "jarjestaja", "yllapito")


def demo_key_base32() -> str:
    return b32encode(DEMO_KEY).decode("ascii")


def demo_otpauth_url() -> str:
    params = urlencode({"secret": demo_key_base32(), "issuer": "Polku demo"})
    return f"otpauth://totp/{quote('Polku demo:staff')}?{params}"


def demo_code_now() -> str:
    return f"{TOTP(DEMO_KEY).token():06d}"


class Command(BaseCommand):
    help = "Give the demo staff users an authenticator with the public demo key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--code", action="store_true", help="print the current code and stop"
        )
        parser.add_argument(
            "--force", action="store_true", help="run even when DEBUG is off"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "The demo key is public: demo_two_factor runs only with DEBUG on "
                "(or --force on a machine that is not in production)."
            )
        if options["code"]:
            self.stdout.write(demo_code_now())
            return
        users = list(User.objects.filter(username__in=DEMO_STAFF))
        for user in users:
            TOTPDevice.objects.filter(user=user).exclude(name=DEMO_DEVICE_NAME).delete()
            TOTPDevice.objects.update_or_create(
                user=user,
                name=DEMO_DEVICE_NAME,
                defaults={"key": DEMO_KEY.hex(), "confirmed": True},
            )
        if not users:
            self.stdout.write("No demo staff users: run load_demo first.")
            return
        names = ", ".join(u.username for u in users)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Two-step verification of the demo staff ({names}):")
        )
        self.stdout.write(
            "  after the password, Polku asks for a six-digit code. Add this key to an"
        )
        self.stdout.write(
            "  authenticator app (scan the QR code below, or type the key by hand):"
        )
        self.stdout.write(f"    {demo_key_base32()}")
        qr = io.StringIO()
        segno.make(demo_otpauth_url(), error="m").terminal(out=qr, compact=True)
        self.stdout.write(qr.getvalue(), ending="")
        self.stdout.write(
            "  or print the current code: .venv/bin/python manage.py demo_two_factor "
            "--code"
        )
