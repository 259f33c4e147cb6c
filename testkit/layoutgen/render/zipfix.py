"""Office files are zip archives stamped with the time they were written: fix the stamps so
the same document gives the same bytes (its SHA-256 is its identity)."""

from __future__ import annotations

import io
import zipfile

STAMP = (2020, 1, 1, 0, 0, 0)


def fixed_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename != "[Content_Types].xml"):
            fixed = zipfile.ZipInfo(info.filename, STAMP)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
