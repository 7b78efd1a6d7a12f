"""Photos: type by content, size limit, GPS removed unless kept (domain.md §7.2 location is sensitive)."""

import io

import pytest
from PIL import Image

from renda.contact import uploads
from renda.core.errors import Refused
from renda.core.images import GPS_TAG


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[GPS_TAG] = {1: "N", 2: (29.0, 36.0, 0.0), 3: "E", 4: (115.0, 42.0, 0.0)}
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_gps_is_stripped_by_default_and_other_exif_kept():
    raw = _jpeg_with_gps()
    assert GPS_TAG in Image.open(io.BytesIO(raw)).getexif()
    clean = uploads.clean(raw)
    exif = Image.open(io.BytesIO(clean.data)).getexif()
    assert GPS_TAG not in exif and exif.get(0x010F) == "TestCam"
    assert clean.content_type == "image/jpeg" and clean.name.endswith(".jpg") and not clean.kept_location


def test_gps_is_kept_when_the_voter_asks():
    clean = uploads.clean(_jpeg_with_gps(), keep_location=True)
    assert GPS_TAG in Image.open(io.BytesIO(clean.data)).getexif() and clean.kept_location


def test_a_text_file_called_jpg_is_refused():
    with pytest.raises(Refused) as exc:
        uploads.clean(b"<?php echo 'hi'; ?>" * 10)
    assert exc.value.code == "contact_photo_type"


def test_a_gif_is_refused_by_content():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    with pytest.raises(Refused) as exc:
        uploads.clean(out.getvalue())
    assert exc.value.code == "contact_photo_type"


def test_oversized_photo_is_refused():
    with pytest.raises(Refused) as exc:
        uploads.clean(b"x" * (uploads.MAX_BYTES + 1))
    assert exc.value.code == "contact_photo_too_big"


@pytest.mark.django_db
def test_photos_are_stored_with_the_message_and_served_only_in_scope(
    station, keeper, outsider, login, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from renda.contact import services
    from tests.contact.conftest import draft

    m = services.submit(draft(), station=station, photos=[uploads.clean(_jpeg_with_gps())])
    p = m.photos.get()
    assert login(keeper).get(f"/work/contact/{m.pk}/photos/{p.pk}/").status_code == 200
    assert login(outsider).get(f"/work/contact/{m.pk}/photos/{p.pk}/").status_code == 404


def test_a_picture_over_pillows_bomb_limit_is_refused_as_too_many_pixels():
    from tests.factories.images import png_header

    with pytest.raises(Refused) as exc:
        uploads.clean(png_header(100_000, 100_000))
    assert exc.value.code == "contact_photo_pixels"
