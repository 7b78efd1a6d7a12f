"""Where uploads are written: the file system, whole or not at all (issue 21 "disk full on an upload").

Django's FileSystemStorage writes straight into the file's final name, so a write that fails half-way — the disk
full (ENOSPC), a quota (EDQUOT), a size limit (EFBIG) — leaves a truncated file under a name a row may point to.
`SafeFileSystemStorage` writes into a hidden temporary file in the same directory, flushes it to the disk, and
only then links it under its name (a hard link: atomic, and it never replaces an existing file). When the write
fails the temporary file is removed, so nothing half-written remains, and the failure becomes `StorageFull`: a
`Refused` with a Chinese message, so the page shows it in the form (or `refused.html` via RefusalMiddleware, 507)
and the refusal is audited, and the services' transaction rolls back so no row is left without its file.
It is logged at ERROR (logger `renda.storage`) for the operator, with the path and the error.
"""

import errno
import logging
import os
import tempfile
from contextlib import suppress

from django.core.files.storage import FileSystemStorage

from .errors import Refused

log = logging.getLogger("renda.storage")

# The errors that mean "no room": the disk or its inodes, a quota, a file-size limit.
FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class StorageFull(Refused):
    """The file could not be stored for lack of space; nothing was written, nothing changed."""

    status = 507  # Insufficient Storage (RFC 4918 §11.5)

    def __init__(self) -> None:
        super().__init__(
            "storage_full",
            "服务器存储空间已满，文件未能保存，本次提交未生效（已有的材料不受影响）。请稍后再试，并通知系统管理员清理磁盘。",
        )


class SafeFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that never leaves a partial file and answers a full disk with `StorageFull`."""

    def _save(self, name, content):
        try:
            return self._save_whole(name, content)
        except OSError as exc:
            if exc.errno not in FULL:
                raise
            log.error("upload not stored, no space: %s (%s)", self.path(name), exc)
            raise StorageFull() from exc

    def _save_whole(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        self._make_directory(directory)
        fd, part = tempfile.mkstemp(dir=directory, prefix=".part-")
        try:
            try:
                for chunk in content.chunks():
                    view = memoryview(chunk.encode() if isinstance(chunk, str) else chunk)
                    while view:
                        view = view[os.write(fd, view) :]
                os.fsync(fd)  # a full disk can also surface only here, when the pages are written back
            finally:
                os.close(fd)
            if self.file_permissions_mode is not None:
                os.chmod(part, self.file_permissions_mode)
            while True:
                try:
                    os.link(part, full_path)  # fails rather than replace a file another upload just wrote
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            with suppress(FileNotFoundError):
                os.unlink(part)
        return str(name).replace("\\", "/")

    def _make_directory(self, directory: str) -> None:
        if self.directory_permissions_mode is None:
            os.makedirs(directory, exist_ok=True)
            return
        old_umask = os.umask(0o777 & ~self.directory_permissions_mode)
        try:
            os.makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        finally:
            os.umask(old_umask)
