"""Field encryption for ID-card and phone numbers (design.md "Security"; domain.md §7.2–7.3).

Values are Fernet tokens at rest. The ID number is also stored as a keyed hash (HMAC-SHA256) so an
import can match a person by ID without decrypting every row. Keep all of it behind this module so an
SM4/SM3 implementation (国密, domain.md §7.3) can replace it in one place.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models


@lru_cache(maxsize=4)
def _keys(secret: str, configured: str) -> tuple[Fernet, bytes]:
    if configured:
        raw = base64.urlsafe_b64decode(configured.encode())
    else:
        raw = hashlib.sha256(b"renda-field-encryption:" + secret.encode()).digest()
    fernet = Fernet(base64.urlsafe_b64encode(raw))
    mac_key = hashlib.sha256(b"renda-lookup-hash:" + raw).digest()
    return fernet, mac_key


def keys() -> tuple[Fernet, bytes]:
    return _keys(settings.SECRET_KEY, getattr(settings, "FIELD_ENCRYPTION_KEY", "") or "")


def encrypt(value: str) -> str:
    if not value:
        return ""
    return keys()[0].encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return keys()[0].decrypt(token.encode()).decode()
    except InvalidToken:
        return ""  # a key rotated without re-encryption: show nothing rather than fail the page


def lookup_hash(value: str) -> str | None:
    """A keyed hash for equality lookups (None for empty, so a unique index ignores missing IDs)."""
    if not value:
        return None
    return hmac.new(keys()[1], value.strip().upper().encode(), hashlib.sha256).hexdigest()


class EncryptedCharField(models.TextField):
    """Holds plain text in Python and a Fernet token in the database."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""
