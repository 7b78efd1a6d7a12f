"""Voters' photos: type checked by content (Pillow), size limited, re-encoded so EXIF location (GPS) is
dropped unless the voter chose to keep it (domain.md §7.2: location tracks are sensitive)."""

import io
import secrets
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from renda.core.errors import Refused
from renda.core.images import MAX_PIXELS, reencode

MAX_BYTES = 5 * 1024 * 1024
MAX_PHOTOS = 3
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    name: str
    content_type: str
    width: int
    height: int
    kept_location: bool


def clean(raw: bytes, *, keep_location: bool = False) -> CleanPhoto:
    """Open the bytes as an image whatever the file is called; refuse anything else."""
    if len(raw) > MAX_BYTES:
        raise Refused("contact_photo_too_big", f"照片不能超过 {MAX_BYTES // 1024 // 1024} MB")
    if not raw:
        raise Refused("contact_photo_empty", "照片文件是空的")
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            fmt = probe.format
            probe.verify()
        if fmt not in FORMATS:
            raise Refused("contact_photo_type", "只能上传 JPG、PNG 或 WEBP 格式的照片")
        img = Image.open(io.BytesIO(raw))
        if img.width * img.height > MAX_PIXELS:
            raise Refused("contact_photo_pixels", "照片像素过大")
        img.load()
    except Image.DecompressionBombError as exc:  # Pillow's own limit, met already when opening
        raise Refused("contact_photo_pixels", "照片像素过大") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise Refused("contact_photo_type", "文件不是有效的照片（只能上传 JPG、PNG 或 WEBP）") from exc
    content_type, ext = FORMATS[fmt]
    return CleanPhoto(
        data=reencode(img, fmt, keep_location=keep_location),
        name=f"{secrets.token_hex(12)}.{ext}",
        content_type=content_type,
        width=img.width,
        height=img.height,
        kept_location=keep_location,
    )


def clean_all(files, *, keep_location: bool = False) -> list[CleanPhoto]:
    files = [f for f in files if f]
    if len(files) > MAX_PHOTOS:
        raise Refused("contact_photo_count", f"最多上传 {MAX_PHOTOS} 张照片")
    out = []
    for f in files:
        if getattr(f, "size", 0) > MAX_BYTES:
            raise Refused("contact_photo_too_big", f"照片不能超过 {MAX_BYTES // 1024 // 1024} MB")
        out.append(clean(f.read(), keep_location=keep_location))
    return out
