"""Field encryption for ID-card and phone numbers (design.md "Security"; domain.md §7.2–7.3).

Values are encrypted at rest with the key in FIELD_ENCRYPTION_KEY (32 bytes, urlsafe base64):
- FIELD_CIPHER=fernet (default): Fernet tokens (AES-128-CBC + HMAC-SHA256);
- FIELD_CIPHER=sm4 (国密, domain.md §7.3): "sm4:" + base64(iv ‖ SM4-CBC ciphertext ‖ HMAC-SM3 tag), through
  gmssl. Either kind of token is read whichever cipher is chosen, so switching is a `renda rotate-field-key`.
Key rotation: the new key goes in FIELD_ENCRYPTION_KEY, the retired ones in FIELD_ENCRYPTION_OLD_KEYS
(comma-separated) until `renda rotate-field-key` has re-encrypted every value.

The ID number and the voters' tracking codes are also stored as a keyed hash for equality lookups. That
key must never change (a tracking code exists only as its hash), so it is FIELD_LOOKUP_KEY when set and
otherwise derived from FIELD_ENCRYPTION_KEY: before the first rotation set FIELD_LOOKUP_KEY to the key in
use until then (the production check refuses old keys without it).
"""

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models

SM4_PREFIX = "sm4:"


@dataclass(frozen=True)
class Keyring:
    primary: bytes  # 32 raw bytes
    old: tuple[bytes, ...]
    lookup: bytes
    cipher: str  # fernet | sm4

    @property
    def all(self) -> tuple[bytes, ...]:
        return (self.primary, *self.old)


def _raw(value: str) -> bytes:
    return base64.urlsafe_b64decode(value.strip().encode())


@lru_cache(maxsize=8)
def _keyring(secret: str, configured: str, old: str, lookup: str, cipher: str) -> Keyring:
    primary = (
        _raw(configured)
        if configured
        else hashlib.sha256(b"renda-field-encryption:" + secret.encode()).digest()
    )
    olds = tuple(_raw(k) for k in old.split(",") if k.strip())
    mac_source = _raw(lookup) if lookup else primary
    return Keyring(
        primary, olds, hashlib.sha256(b"renda-lookup-hash:" + mac_source).digest(), cipher or "fernet"
    )


def keyring() -> Keyring:
    return _keyring(
        settings.SECRET_KEY,
        getattr(settings, "FIELD_ENCRYPTION_KEY", "") or "",
        getattr(settings, "FIELD_ENCRYPTION_OLD_KEYS", "") or "",
        getattr(settings, "FIELD_LOOKUP_KEY", "") or "",
        getattr(settings, "FIELD_CIPHER", "") or "fernet",
    )


def keys() -> tuple[Fernet, bytes]:
    """(the primary Fernet, the lookup-hash key), for callers that predate the keyring."""
    ring = keyring()
    return Fernet(base64.urlsafe_b64encode(ring.primary)), ring.lookup


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


# --- the two ciphers -------------------------------------------------------------------------------------


def _fernet_encrypt(key: bytes, plain: bytes) -> str:
    return Fernet(base64.urlsafe_b64encode(key)).encrypt(plain).decode()


def _fernet_decrypt(key: bytes, token: str) -> bytes:
    return Fernet(base64.urlsafe_b64encode(key)).decrypt(token.encode())


def _sm3_hmac(key: bytes, data: bytes) -> bytes:
    """HMAC (RFC 2104) over SM3, block size 64 bytes."""
    from gmssl import func, sm3

    def h(b: bytes) -> bytes:
        return bytes.fromhex(sm3.sm3_hash(func.bytes_to_list(b)))

    k = key.ljust(64, b"\0")
    return h(bytes(x ^ 0x5C for x in k) + h(bytes(x ^ 0x36 for x in k) + data))


def _sm4_encrypt(key: bytes, plain: bytes) -> str:
    from gmssl.sm4 import SM4_ENCRYPT, CryptSM4

    iv = os.urandom(16)
    sm4 = CryptSM4()
    sm4.set_key(key[:16], SM4_ENCRYPT)
    body = iv + sm4.crypt_cbc(iv, plain)  # PKCS#7 padding by gmssl
    return SM4_PREFIX + base64.urlsafe_b64encode(body + _sm3_hmac(key[16:], body)).decode()


def _sm4_decrypt(key: bytes, token: str) -> bytes:
    from gmssl.sm4 import SM4_DECRYPT, CryptSM4

    try:
        data = base64.urlsafe_b64decode(token[len(SM4_PREFIX) :].encode())
    except ValueError as exc:
        raise InvalidToken from exc
    body, tag = data[:-32], data[-32:]
    if len(body) < 32 or not hmac.compare_digest(tag, _sm3_hmac(key[16:], body)):
        raise InvalidToken
    sm4 = CryptSM4()
    sm4.set_key(key[:16], SM4_DECRYPT)
    return sm4.crypt_cbc(body[:16], body[16:])


def encrypt_with(key: bytes, cipher: str, value: str) -> str:
    plain = value.encode()
    return _sm4_encrypt(key, plain) if cipher == "sm4" else _fernet_encrypt(key, plain)


def decrypt_with(key: bytes, token: str) -> str:
    """Raises InvalidToken when `key` did not make `token`."""
    raw = _sm4_decrypt(key, token) if token.startswith(SM4_PREFIX) else _fernet_decrypt(key, token)
    return raw.decode()


# --- what the rest of renda calls ------------------------------------------------------------------------


def encrypt(value: str) -> str:
    if not value:
        return ""
    ring = keyring()
    return encrypt_with(ring.primary, ring.cipher, value)


def decrypt(token: str) -> str:
    if not token:
        return ""
    for key in keyring().all:
        try:
            return decrypt_with(key, token)
        except (InvalidToken, ValueError):
            continue
    return ""  # a key retired before re-encryption finished: show nothing rather than fail the page


def is_current(token: str) -> bool:
    """True when `token` is made by the primary key with the chosen cipher (nothing to rotate)."""
    ring = keyring()
    if not token or token.startswith(SM4_PREFIX) != (ring.cipher == "sm4"):
        return not token
    try:
        decrypt_with(ring.primary, token)
    except (InvalidToken, ValueError):
        return False
    return True


def lookup_hash(value: str) -> str | None:
    """A keyed hash for equality lookups (None for empty, so a unique index ignores missing IDs)."""
    if not value:
        return None
    normalised = value.strip().upper().encode()
    if getattr(settings, "FIELD_LOOKUP_HASH", "sha256") == "sm3":
        return _sm3_hmac(keyring().lookup, normalised).hex()
    return hmac.new(keyring().lookup, normalised, hashlib.sha256).hexdigest()


class EncryptedCharField(models.TextField):
    """Holds plain text in Python and a token in the database."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""
