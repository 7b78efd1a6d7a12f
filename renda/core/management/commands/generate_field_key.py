from django.core.management.base import BaseCommand

from renda.core import crypto


class Command(BaseCommand):
    help = "Print a new random key for FIELD_ENCRYPTION_KEY (32 bytes, urlsafe base64)."

    def handle(self, *args, **options):
        self.stdout.write(crypto.generate_key())
