"""Photos re-encoded so that their EXIF location (the GPS block) is dropped: a location track is sensitive
personal information (domain.md §7.2). Voters' photos (contact) and deputies' evidence (duties) pass here."""

import io

from PIL import Image

GPS_TAG = 0x8825
MAX_PIXELS = 40_000_000  # a larger picture is refused before its pixels are decoded


def reencode(img: Image.Image, fmt: str, *, keep_location: bool = False) -> bytes:
    """`img` (loaded) saved again in `fmt` with its other EXIF fields; the GPS block only if kept."""
    exif = img.getexif()
    if not keep_location:
        exif.pop(GPS_TAG, None)
    params: dict = {"exif": exif.tobytes()} if len(exif) else {}
    if fmt == "JPEG":
        params["quality"] = 88
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
    out = io.BytesIO()
    img.save(out, format=fmt, **params)
    return out.getvalue()
