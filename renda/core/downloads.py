"""A generated file (xlsx, docx, pdf) sent as a download whose Chinese name survives every browser."""

from urllib.parse import quote

from django.http import HttpResponse

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
}


def attachment(data: bytes, filename: str) -> HttpResponse:
    """The bytes as an attachment named `filename`; the type follows its extension (RFC 6266 `filename*`)."""
    kind = filename.rsplit(".", 1)[-1].lower()
    response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "") or f"download.{kind}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
