"""Zip and OLE2 containers, looked into before any reader opens them.

Workbooks and Word files are containers: .xlsx/.docx a zip of XML parts, .xls/.doc an OLE2
compound file of streams.  A container can be hostile: a zip that inflates to gigabytes, a
part that declares a DTD whose external entity names a local file, an encrypted or damaged
file.  ``open_zip`` inflates every entry once, counting the bytes it really gets (not the
sizes the archive declares), refuses DTDs, and hands the readers a re-packed copy holding
exactly the bytes it checked; ``ole_streams`` lists an OLE2 file's streams.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

import olefile

from ingest.codes import RejectionReason
from ingest.limits import Limits
from ingest.model import UnreadableDocument

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")

_MB = 1024 * 1024
_CHUNK = 1 << 20
_MAX_ENTRIES = 10_000
_XML_NAME = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
# Office never writes a DTD; one in a part can only be there to expand entities (a billion
# laughs) or to read a local file (an external entity).  Matched in UTF-8 and UTF-16.
_DTD_MARKERS = tuple(
    re.compile(re.escape(marker.encode(encoding)), re.IGNORECASE)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


@dataclass(frozen=True, slots=True)
class ZipPackage:
    """A checked archive: its entries' inflated bytes, and the same entries re-packed."""

    entries: dict[str, bytes]
    repacked: bytes


def zip_names(data: bytes) -> list[str]:
    """The entry names of a zip (its central directory only; nothing is inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableDocument(
            RejectionReason.DAMAGED,
            f"the file starts as a zip archive but its directory is damaged ({exc})",
        ) from exc


def read_small_entry(data: bytes, name: str, cap: int = _MB) -> bytes:
    """One small entry (a content-types list, a mimetype), inflated under ``cap`` bytes."""
    package = open_zip(data, Limits(max_unpacked_bytes=max(cap, 1)), only=name)
    return package.entries.get(name, b"")


def open_zip(data: bytes, limits: Limits, only: str | None = None) -> ZipPackage:
    """Inflate and check every entry (or just ``only``); raise UnreadableDocument if unsafe."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableDocument(
            RejectionReason.DAMAGED, f"the zip archive is damaged and cannot be opened ({exc})"
        ) from exc
    with archive:
        infos = [info for info in archive.infolist() if only is None or info.filename == only]
        _check_declared(infos, limits)
        entries = {info.filename: _inflate(archive, info, limits) for info in infos}
    total = sum(len(content) for content in entries.values())
    if total > limits.max_unpacked_bytes:
        raise _too_large(total, limits)
    for name, content in entries.items():
        if _XML_NAME.search(name) and any(marker.search(content) for marker in _DTD_MARKERS):
            raise UnreadableDocument(
                RejectionReason.UNSAFE_XML,
                f"part {name} declares a DTD or entities, which Office never writes: such a "
                "file is built to expand entities or to read local files; it is not read",
            )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as repacked:
        for name, content in entries.items():
            repacked.writestr(name, content)
    return ZipPackage(entries, buffer.getvalue())


def _too_large(size: int, limits: Limits) -> UnreadableDocument:
    return UnreadableDocument(
        RejectionReason.TOO_LARGE,
        f"the archive inflates to {size / _MB:.0f} MB or more, over the "
        f"{limits.max_unpacked_bytes / _MB:.0f} MB per-document limit (a zip bomb?)",
    )


def _check_declared(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse on the declared sizes before inflating anything."""
    if len(infos) > _MAX_ENTRIES:
        raise UnreadableDocument(
            RejectionReason.TOO_LARGE,
            f"the archive holds {len(infos)} entries (over {_MAX_ENTRIES})",
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise UnreadableDocument(
            RejectionReason.ENCRYPTED,
            "the zip entries are password-protected: remove the password and save it again",
        )
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_unpacked_bytes:
        raise _too_large(declared, limits)
    for info in infos:
        if info.file_size > _MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnreadableDocument(
                RejectionReason.TOO_LARGE,
                f"entry {info.filename} inflates {info.file_size // max(info.compress_size, 1)}"
                f" times (over {limits.max_ratio}): a zip bomb, not an Office file",
            )


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """The entry's bytes; zipfile stops at the declared size and checks the CRC."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > limits.max_unpacked_bytes:
                    raise _too_large(size, limits)
                chunks.append(chunk)
    except UnreadableDocument:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise UnreadableDocument(
            RejectionReason.DAMAGED, f"entry {info.filename} of the zip archive is damaged ({exc})"
        ) from exc
    except NotImplementedError as exc:
        raise UnreadableDocument(
            RejectionReason.DAMAGED,
            f"entry {info.filename} uses a compression method not supported ({exc})",
        ) from exc
    return b"".join(chunks)


def ole_streams(data: bytes) -> frozenset[str]:
    """The top-level stream and storage names of an OLE2 compound file."""
    try:
        with olefile.OleFileIO(data) as ole:
            return frozenset(entry[0] for entry in ole.listdir(streams=True, storages=True))
    except Exception as exc:  # olefile raises OSError, IndexError, struct.error ... on damage
        raise UnreadableDocument(
            RejectionReason.DAMAGED,
            f"the OLE2 (old Office) file is damaged and cannot be opened ({exc})",
        ) from exc


_FILEPASS, _BOUNDSHEET, _EOF = 0x002F, 0x0085, 0x000A


def xls_has_password(data: bytes) -> bool:
    """Whether an .xls is encrypted: a FILEPASS record in its workbook globals.

    FILEPASS comes right after the first BOF, before any sheet is listed, so walking the
    first records' (type, length) headers answers it; calamine only says it cannot detect
    the format of such a file.
    """
    try:
        with olefile.OleFileIO(data) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            head = ole.openstream(name).read(64 * 1024)
    except Exception:  # a damaged file: the workbook reader says so with calamine's words
        return False
    position = 0
    while position + 4 <= len(head):
        kind = int.from_bytes(head[position : position + 2], "little")
        length = int.from_bytes(head[position + 2 : position + 4], "little")
        if kind == _FILEPASS:
            return True
        if kind in (_BOUNDSHEET, _EOF):
            return False
        position += 4 + length
    return False
