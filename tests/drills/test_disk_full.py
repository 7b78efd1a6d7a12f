"""Drill: the disk fills up during an upload (issue 21 "Faults: disk full on an upload — a clear error and no
partial file"; domain.md §7, 等保 2.0 level 3 "数据完整性").

The media directory is a real, tiny file system — a tmpfs of 64 KB, filled so that only SLACK bytes are left
(root may mount it; the drill is skipped elsewhere) — or, where mounting is not allowed, the same fault injected
at the operating-system call: `os.write` accepts SLACK bytes, then answers ENOSPC. Either way the file is
written part-way before the disk refuses, and each upload path must then:
- answer with the Chinese "服务器存储空间已满…" (in the form, 422; the API 507 `storage_full`), never a 500;
- leave nothing behind: no row without its file, no partial or temporary file in the media directory;
- audit the refusal (`refused…`, code `storage_full`) and log it at ERROR for the operator (`renda.storage`).
Paths drilled: a meeting document (documents), a deputy's evidence through the API (attachments) and a deputies
roster (imports). Every FileField of every model stores through the safe storage, so a new one is covered.
"""

import errno
import functools
import io
import logging
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from renda.core import storage
from renda.core.models import AuditEntry
from tests.duties.conftest import own_mandate  # noqa: F401 — fixture
from tests.meetings.conftest import meeting, members  # noqa: F401 — fixtures

pytestmark = pytest.mark.django_db

SLACK = 8 * 1024  # what the full disk still takes before it refuses: every upload below is larger
FULL_MESSAGE = "服务器存储空间已满"


def _mount_tiny_tmpfs(root: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(root)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _fill_leaving(root: Path, free: int) -> None:
    """Fill the file system, then give back exactly `free` bytes."""
    slack = root / ".slack"
    slack.write_bytes(b"\0" * free)
    fd = os.open(root / ".filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    slack.unlink()


class _FullDiskOs:
    """`os` as the storage module sees it, on a disk with `budget` bytes left: writes past it fail ENOSPC."""

    def __init__(self, budget: int) -> None:
        self.budget = budget

    def __getattr__(self, name):
        return getattr(os, name)

    def write(self, fd, data):
        if self.budget <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = min(len(data), self.budget)
        self.budget -= n
        return os.write(fd, bytes(data[:n]))


@pytest.fixture(params=["tmpfs", "injected"])
def full_disk(request, settings, tmp_path, monkeypatch):
    root = tmp_path / "media"
    root.mkdir()
    if request.param == "tmpfs":
        if not _mount_tiny_tmpfs(root):
            pytest.skip("cannot mount a tmpfs here (not root): the injected ENOSPC drill covers it")
        request.addfinalizer(lambda: subprocess.run(["umount", str(root)], check=False))
        _fill_leaving(root, SLACK)
    else:
        monkeypatch.setattr(storage, "os", _FullDiskOs(SLACK))
    settings.MEDIA_ROOT = root
    return root


def left_behind(root: Path) -> list[str]:
    """Every file in the media directory but the drill's own filler: must stay empty."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != ".filler")


def _refusal_audited() -> bool:
    return AuditEntry.objects.filter(object_type="refusal", object_id="storage_full").exists()


def _logged(caplog) -> bool:
    return any(r.name == "renda.storage" and r.levelno == logging.ERROR for r in caplog.records)


@functools.cache
def _big_pdf() -> bytes:
    from renda.meetings.demo_files import pdf

    data = pdf("调研报告", ["县人大常委会关于城区停车难问题的调研报告正文" * 3] * 400)
    assert len(data) > 2 * SLACK
    return data


def _big_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document>" + "走访记录" * 4000 + "</w:document>")
    return buf.getvalue()


def test_a_meeting_document_on_a_full_disk_is_refused_in_the_form_and_nothing_is_kept(
    full_disk,
    login,
    staff,
    meeting,  # noqa: F811
    caplog,
):
    from renda.meetings.models import Document

    m = meeting
    item = m.items.get()
    caplog.set_level(logging.ERROR, logger="renda.storage")
    r = login(staff).post(
        f"/work/meetings/{m.pk}/documents/",
        {"item": item.pk, "title": "调研报告", "file": SimpleUploadedFile("报告.pdf", _big_pdf())},
    )
    assert r.status_code == 422 and FULL_MESSAGE in r.content.decode()
    assert not Document.objects.exists()  # no row without its file
    assert left_behind(full_disk) == []  # no partial file, no temporary file
    assert _refusal_audited() and _logged(caplog)


def test_evidence_through_the_api_on_a_full_disk_is_a_507_and_nothing_is_kept(
    full_disk,
    login,
    deputy_user,
    own_mandate,  # noqa: F811
    caplog,
):
    import datetime as dt

    from django.utils import timezone

    from renda.duties.models import DutyRecord

    caplog.set_level(logging.ERROR, logger="renda.storage")
    form = {
        "mandate_id": own_mandate.pk,
        "duty_type": "voter_contact",
        "on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "title": "走访联系户",
        "note": "了解加装电梯意见",
        "evidence": SimpleUploadedFile("走访.docx", _big_docx()),
    }
    r = login(deputy_user).post("/api/v1/duty-records/with-evidence", form)
    assert r.status_code == 507, r.content
    assert r.json()["code"] == "storage_full" and FULL_MESSAGE in r.json()["message"]
    assert not DutyRecord.objects.exists()
    assert left_behind(full_disk) == []
    assert _refusal_audited() and _logged(caplog)


def test_a_roster_import_on_a_full_disk_is_refused_in_the_form_and_no_batch_is_kept(
    full_disk, login, staff, county, caplog
):
    from renda.deputies.models import ImportBatch
    from tests.deputies.test_import import HEADER, csv_bytes

    rows = [
        [f"代表{i:04d}", "男", "汉族", "1980-05-06", "", "群众", "18", "", "2021-10-20", "", ""]
        for i in range(300)
    ]
    data = csv_bytes(rows, header=HEADER)
    assert len(data) > 2 * SLACK
    caplog.set_level(logging.ERROR, logger="renda.storage")
    r = login(staff).post(
        "/work/deputies/import/", {"body": county.pk, "file": SimpleUploadedFile("名册.csv", data)}
    )
    assert r.status_code == 422 and FULL_MESSAGE in r.content.decode()
    assert not ImportBatch.objects.exists()
    assert left_behind(full_disk) == []
    assert _refusal_audited() and _logged(caplog)


def test_the_disk_taking_the_file_again_stores_it_whole(settings, tmp_path):
    # After the operator frees space, the same storage writes the whole file under its name, nothing else.
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    s = storage.SafeFileSystemStorage()
    first = s.save("a/b.pdf", ContentFile(b"%PDF-1" * 1000))
    second = s.save("a/b.pdf", ContentFile(b"%PDF-2"))  # the name is taken: another one, never overwritten
    assert first == "a/b.pdf" and second != first
    assert (tmp_path / first).read_bytes() == b"%PDF-1" * 1000
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted([Path(first).name, Path(second).name])


def test_an_error_that_is_not_a_full_disk_is_not_disguised_as_one(settings, tmp_path, monkeypatch):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path

    class _BrokenDiskOs(_FullDiskOs):
        def write(self, fd, data):
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(storage, "os", _BrokenDiskOs(0))
    with pytest.raises(OSError) as exc:
        storage.SafeFileSystemStorage().save("x.pdf", ContentFile(b"%PDF-"))
    assert not isinstance(exc.value, storage.StorageFull) and exc.value.errno == errno.EIO
    assert left_behind(tmp_path) == []


def test_every_file_field_stores_through_the_safe_storage():
    from django.core.files.storage import default_storage, storages

    fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
        if not isinstance(field.storage, storage.SafeFileSystemStorage)
        and field.storage is not default_storage
    ]
    assert fields == []  # a FileField with a storage of its own must be a safe one too
    assert isinstance(storages["default"], storage.SafeFileSystemStorage)
