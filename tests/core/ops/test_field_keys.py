"""Personal data at rest: SM4 as an option, key rotation in resumable batches (domain.md §7.2–7.3; issue 21)."""

import pytest
from django.db import connection
from django.test import override_settings

from renda.core import crypto
from renda.core.ops import rotation
from tests.factories.deputies import PersonFactory, make_id_number

pytestmark = pytest.mark.django_db

OLD = crypto.generate_key()
NEW = crypto.generate_key()


def _raw(person) -> tuple[str, str]:
    with connection.cursor() as cur:
        cur.execute("SELECT phone, id_number FROM deputies_person WHERE id = %s", [person.pk])
        return cur.fetchone()


def test_sm4_tokens_round_trip_and_are_marked_as_sm4():
    with override_settings(FIELD_ENCRYPTION_KEY=NEW, FIELD_CIPHER="sm4"):
        token = crypto.encrypt("13800138000")
        assert token.startswith("sm4:") and "13800138000" not in token
        assert crypto.decrypt(token) == "13800138000"


def test_a_tampered_sm4_token_reads_as_nothing():
    with override_settings(FIELD_ENCRYPTION_KEY=NEW, FIELD_CIPHER="sm4"):
        token = crypto.encrypt("13800138000")
        broken = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
        assert crypto.decrypt(broken) == ""


def test_the_lookup_hash_does_not_change_when_the_key_rotates_with_the_lookup_key_kept():
    with override_settings(FIELD_ENCRYPTION_KEY=OLD):
        before = crypto.lookup_hash("ABCD2345EFGH")
    with override_settings(FIELD_ENCRYPTION_KEY=NEW, FIELD_ENCRYPTION_OLD_KEYS=OLD, FIELD_LOOKUP_KEY=OLD):
        assert crypto.lookup_hash("ABCD2345EFGH") == before


def test_sm3_lookup_hash_is_a_different_keyed_hash():
    with override_settings(FIELD_ENCRYPTION_KEY=OLD):
        sha = crypto.lookup_hash("X")
    with override_settings(FIELD_ENCRYPTION_KEY=OLD, FIELD_LOOKUP_HASH="sm3"):
        sm3 = crypto.lookup_hash("X")
    assert len(sm3) == 64 and sm3 != sha


def test_rotation_re_encrypts_every_value_with_the_new_key_and_cipher(tmp_path):
    with override_settings(FIELD_ENCRYPTION_KEY=OLD, VAR_DIR=tmp_path):
        people = [PersonFactory(phone=f"1380013800{k}", id_number=make_id_number(k + 1)) for k in range(5)]
        before = [_raw(p) for p in people]
    with override_settings(
        FIELD_ENCRYPTION_KEY=NEW,
        FIELD_ENCRYPTION_OLD_KEYS=OLD,
        FIELD_LOOKUP_KEY=OLD,
        FIELD_CIPHER="sm4",
        VAR_DIR=tmp_path,
    ):
        # Before the rotation the old tokens are still read through the old key.
        assert crypto.decrypt(before[0][0]) == "13800138000"
        counts = rotation.rotate(batch=2)
        assert counts["deputies.Person.phone"] == 5 and counts["deputies.Person.id_number"] == 5
        after = [_raw(p) for p in people]
        assert all(phone.startswith("sm4:") for phone, _ in after)
        assert rotation.unreadable()["deputies.Person.phone"] == 0
        assert rotation.rotate()["deputies.Person.phone"] == 0  # a second run has nothing to do
    with override_settings(FIELD_ENCRYPTION_KEY=NEW, FIELD_LOOKUP_KEY=OLD, FIELD_CIPHER="sm4"):
        # The old key retired: every value still reads.
        assert [crypto.decrypt(phone) for phone, _ in after] == [f"1380013800{k}" for k in range(5)]


def test_a_rotation_stopped_half_way_goes_on_from_its_checkpoint(tmp_path):
    with override_settings(FIELD_ENCRYPTION_KEY=OLD, VAR_DIR=tmp_path):
        people = [PersonFactory(phone=f"1390013900{k}") for k in range(6)]
    with override_settings(
        FIELD_ENCRYPTION_KEY=NEW, FIELD_ENCRYPTION_OLD_KEYS=OLD, FIELD_LOOKUP_KEY=OLD, VAR_DIR=tmp_path
    ):

        class Stop(Exception):
            pass

        def stop_after_first_batch(label, n):
            if label == "deputies.Person.phone":
                raise Stop

        with pytest.raises(Stop):
            rotation.rotate(batch=2, progress=stop_after_first_batch)
        assert (tmp_path / "key-rotation.json").exists()
        done_first = sum(crypto.is_current(_raw(p)[0]) for p in people)
        assert done_first == 2
        counts = rotation.rotate(batch=2)
        assert counts["deputies.Person.phone"] == 4  # only what the first run left
        assert all(crypto.is_current(_raw(p)[0]) for p in people)
        assert not (tmp_path / "key-rotation.json").exists()


def test_a_value_no_key_can_read_is_reported_not_destroyed(tmp_path):
    with override_settings(FIELD_ENCRYPTION_KEY=OLD, VAR_DIR=tmp_path):
        person = PersonFactory(phone="13700137000")
        token = _raw(person)[0]
    with override_settings(FIELD_ENCRYPTION_KEY=NEW, VAR_DIR=tmp_path):  # the old key forgotten
        rotation.rotate()
        assert _raw(person)[0] == token
        assert rotation.unreadable()["deputies.Person.phone"] >= 1
