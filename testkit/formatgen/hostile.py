"""Hostile containers: bombs, lying sizes, external entities, damage and passwords."""

from __future__ import annotations

import io
import struct
import tempfile
import zipfile
from pathlib import Path

import olefile
from msoffcrypto.format.ooxml import OOXMLFile

from testkit.formatgen.ooxml import sheet_xml, xlsx

LOCAL_FILE = Path("/etc/passwd")
XXE_DOCTYPE = f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{LOCAL_FILE}">]>'
LAUGHS = (
    '<!DOCTYPE r [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


def xlsx_with_entity(doctype: str = XXE_DOCTYPE, entity: str = "x", encoding: str = "") -> bytes:
    """A workbook whose sheet declares a DTD and uses one of its entities in a cell."""
    cells = f'<row r="1"><c r="A1" t="inlineStr"><is><t>收入&{entity};合计</t></is></c></row>'
    data = xlsx(sheet_xmls={"附表1": sheet_xml([], doctype=doctype, raw_cells=cells)})
    return _reencode(data, "xl/worksheets/sheet1.xml", encoding) if encoding else data


def _reencode(data: bytes, name: str, encoding: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == name:
                text = body.decode("utf-8").replace('encoding="UTF-8"', f'encoding="{encoding}"')
                body = text.encode(encoding)
            target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def deflate_bomb(size: int) -> bytes:
    """A workbook with an extra part of ``size`` zero bytes (inflates ~1000:1)."""
    return xlsx({"附表1": [["收入", 1]]}, extra={"xl/media/padding.bin": bytes(size)})


def lying_sizes(size: int, declared: int) -> bytes:
    """A part that declares ``declared`` bytes but inflates to ``size`` (sizes patched in
    the local header and the central directory; the CRC is that of the real bytes)."""
    data = bytearray(deflate_bomb(size))
    name = b"xl/media/padding.bin"
    local = data.find(b"PK\x03\x04")
    while local >= 0:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + name_length] == name:
            struct.pack_into("<I", data, local + 22, declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == name:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def sparse_sheet() -> bytes:
    """Two cells, A1 and XFD1048576: a dense grid of 17 billion cells if allocated."""
    cells = (
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
    )
    return xlsx(sheet_xmls={"附表1": sheet_xml([], raw_cells=cells)})


def encrypted_ooxml(plain: bytes, password: str = "fixture") -> bytes:
    """An .xlsx/.docx encrypted the way Office does it (an OLE2 file, EncryptedPackage)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plain"
        source.write_bytes(plain)
        out = io.BytesIO()
        with source.open("rb") as handle:
            OOXMLFile(handle).encrypt(password, out)
        return out.getvalue()


def xls_with_filepass(xls: bytes) -> bytes:
    """A real .xls whose second record becomes FILEPASS (RC4): 'protected by a password'."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xls"
        path.write_bytes(xls)
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            stream = ole.openstream("Workbook").read()
            first_length = struct.unpack_from("<H", stream, 2)[0]
            at = 4 + first_length
            length = struct.unpack_from("<H", stream, at + 2)[0]
            record = struct.pack("<HHH", 0x2F, length, 1) + bytes(length - 2)
            ole.write_stream("Workbook", stream[:at] + record + stream[at + 4 + length :])
        return path.read_bytes()
