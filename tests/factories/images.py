"""Pictures for upload tests."""

import struct
import zlib


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` × `height` pixels and holds none: what a decompression bomb looks like to a
    check that reads only the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IEND", b"")
    )
