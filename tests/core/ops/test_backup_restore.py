"""`renda backup` / `renda restore` / `renda upgrade` (issue 21 "Backup and restore"): a round trip into an
empty installation finds every table's rows and checksum again, attachments included, and one can log in."""

import json

import pytest

SEED = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from tests.factories.core import BodyFactory, UserFactory
from tests.factories.deputies import PersonFactory, make_id_number
body = BodyFactory(name="青山县人民代表大会")
user = UserFactory(username="restorer", body=body, role="staff")
user.set_password("Restore-2026-ok"); user.save()
for k in range(3):
    PersonFactory(name=f"张{k}", phone=f"1380013800{k}", id_number=make_id_number(k + 1))
default_storage.save("attachments/答复函.pdf", ContentFile(b"%PDF-1.4 renda"))
"""

CHECK = """
from django.core.files.storage import default_storage
from django.test import Client
from renda.deputies.models import Person
assert sorted(p.phone for p in Person.objects.all()) == ["13800138000", "13800138001", "13800138002"]
assert default_storage.open("attachments/答复函.pdf").read() == b"%PDF-1.4 renda"
c = Client()
from django.urls import reverse
r = c.post(reverse("core:login"), {"username": "restorer", "password": "Restore-2026-ok"})
print("LOGIN", r.status_code, "user" if c.session.get("_auth_user_id") else "anonymous")
"""


def _archive(site) -> str:
    return json.loads((site.var / "last-backup.json").read_text())["path"]


@pytest.mark.parametrize("encrypt", [False, True])
def test_a_backup_restores_into_an_empty_installation_with_every_row_and_file(new_site, encrypt):
    key = "Qk9vS2V5LWZvci1iYWNrdXBzLXRlc3RzLTMyYnl0ZXM="
    source = new_site("source")
    source.run("migrate", "-v0")
    source.py(SEED)
    args = ["backup", "--encrypt"] if encrypt else ["backup"]
    out = source.run(*args, RENDA_BACKUP_KEY=key).stdout
    assert "备份完成" in out
    archive = _archive(source)
    assert archive.endswith(".enc") == encrypt

    target = new_site("target")
    result = target.run("restore", archive, RENDA_BACKUP_KEY=key)
    assert "每张表的行数和校验和都与备份清单一致" in result.stdout
    checked = target.py(CHECK)
    assert "LOGIN 302 user" in checked


def test_restore_refuses_a_database_that_has_data_and_a_wrong_key(new_site):
    source = new_site("source")
    source.run("migrate", "-v0")
    source.run("backup", "--encrypt", RENDA_BACKUP_KEY="Qk9vS2V5LWZvci1iYWNrdXBzLXRlc3RzLTMyYnl0ZXM=")
    archive = _archive(source)
    wrong = source.run(
        "restore",
        archive,
        "--force",
        check=False,
        RENDA_BACKUP_KEY="V3Jvbmcta2V5LWZvci1iYWNrdXBzLXRlc3RzLTMyISE=",
    )
    assert wrong.returncode != 0 and "解密失败" in wrong.stderr
    busy = source.run(
        "restore", archive, check=False, RENDA_BACKUP_KEY="Qk9vS2V5LWZvci1iYWNrdXBzLXRlc3RzLTMyYnl0ZXM="
    )
    assert busy.returncode != 0 and "已有数据" in busy.stderr


def test_a_damaged_archive_is_refused_with_a_clear_message(new_site, tmp_path):
    site = new_site()
    bad = tmp_path / "renda-bad.tar.gz"
    bad.write_bytes(b"not an archive")
    result = site.run("restore", str(bad), check=False)
    assert result.returncode != 0 and "已损坏" in result.stderr


def test_upgrade_refuses_without_a_recent_backup_and_migrates_after_one(new_site):
    site = new_site()
    refused = site.run("upgrade", check=False)
    assert refused.returncode != 0 and "未找到本数据库的备份" in refused.stderr
    site.run("migrate", "core", "0001", "-v0")  # an older database, as before an upgrade
    site.run("backup")
    done = site.run("upgrade")
    assert "升级完成" in done.stdout
    assert "[ ]" not in site.run("showmigrations", "core").stdout
