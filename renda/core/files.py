"""What an uploaded file is, read from its content — never from its name or the client's content type."""

import zipfile

from django.core.files.uploadedfile import UploadedFile


def _zip_kind(upload: UploadedFile) -> str | None:
    try:
        with zipfile.ZipFile(upload) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    return "ofd" if "OFD.xml" in names else None


def kind_of(upload: UploadedFile) -> str | None:
    """ "pdf", "jpeg", "png", "doc" (Word 97–2003), "docx", "ofd", or None; the upload is rewound after."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE compound file: Word 97–2003
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        upload.seek(0)
        return kind
    return None
