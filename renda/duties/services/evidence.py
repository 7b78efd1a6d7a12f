"""Evidence files for self-declarations: images or documents, checked by content, size-limited; photos are
stored without their EXIF location (domain.md §7.2), as voters' photos are."""

import re
from pathlib import PurePath

from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile

from renda.core import files, images
from renda.core.errors import Refused

ALLOWED = "JPEG、PNG 图片或 PDF、Word(.docx) 文档"


def check(upload: UploadedFile, *, max_mb: int) -> str:
    """Refuse a file that is too large or not an image/document by content; return its kind."""
    if upload.size > max_mb * 1024 * 1024:
        raise Refused("evidence_too_large", f"佐证材料不能超过 {max_mb} MB")
    kind = files.kind_of(upload)
    if kind in ("jpeg", "png"):
        from PIL import Image

        too_big = Refused("evidence_pixels", "图片像素过大，请缩小后再上传")
        try:
            with Image.open(upload) as img:
                if img.width * img.height > images.MAX_PIXELS:
                    raise too_big
                img.verify()
        except Refused:
            raise
        except Image.DecompressionBombError as exc:  # Pillow's own limit, met already when opening
            raise too_big from exc
        except Exception as exc:
            raise Refused("evidence_not_allowed", f"图片已损坏或格式不符，请上传{ALLOWED}") from exc
        finally:
            upload.seek(0)
        return kind
    if kind not in EXTENSIONS:  # .doc and OFD are reply-letter formats, not evidence
        raise Refused("evidence_not_allowed", f"佐证材料只能是{ALLOWED}")
    return kind


EXTENSIONS = {"jpeg": "jpg", "png": "png", "pdf": "pdf", "docx": "docx"}


def without_location(upload: UploadedFile, kind: str) -> File:
    """What to store for a checked file: a photo re-encoded without its GPS block, a document as it is."""
    if kind not in ("jpeg", "png"):
        return upload
    from PIL import Image

    try:
        with Image.open(upload) as img:
            img.load()
            data = images.reencode(img, img.format)
    except Exception as exc:  # verify() passed, but decoding the pixels can still fail on a damaged file
        raise Refused("evidence_not_allowed", f"图片已损坏或格式不符，请上传{ALLOWED}") from exc
    finally:
        upload.seek(0)
    return ContentFile(data)


def stored_name(name: str, kind: str) -> str:
    """The name to store a checked file under: the sender's stem, reduced to what storage accepts (a name made only
    of symbols would make storage refuse it after the checks passed), with the extension of what the file is."""
    stem = re.sub(r"[^-\w]", "", PurePath(name or "").stem.replace(" ", "_"))[:60]
    return f"{stem or '佐证材料'}.{EXTENSIONS[kind]}"
