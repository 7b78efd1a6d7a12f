"""Tracking codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), from `secrets`.

31^12 ≈ 7.9×10^17 codes; with lookups rate-limited per IP, guessing one that exists is hopeless.
"""

import secrets

from renda.core import crypto

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str) -> str:
    """What a voter typed (spaces, dashes, lower case, O for 0) → the stored form, or "" if it cannot be one."""
    text = "".join(ch for ch in (raw or "").upper() if ch not in " -_\t")
    text = text.replace("O", "0").replace("I", "1").replace("L", "1")
    return text if len(text) == LENGTH and all(ch in ALPHABET for ch in text) else ""


def digest(code: str) -> str:
    """What is stored and looked up: a keyed hash (HMAC-SHA256, core.crypto), never the code itself, so neither
    the database, a backup nor the audit log gives anyone the key to a voter's status page (domain.md §7.2)."""
    return crypto.lookup_hash(code) or ""


def display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
