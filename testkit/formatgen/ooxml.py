"""Minimal .xlsx files written with zipfile, so a test controls every byte of the XML.

A workbook is a list of sheets, a sheet a list of rows, a cell ``str``/``int``/``float`` or
``None``.  ``doctype`` is put in front of every sheet's XML (to declare hostile entities) and
``raw_cells`` replaces a sheet's cells with XML written by the test.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

Cell = str | int | float | None

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}
</Types>"""
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets></workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{rels}</Relationships>"""
_SHEET_REL = (
    '<Relationship Id="rId{n}" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet{n}.xml"/>'
)
_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
{doctype}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData>{rows}</sheetData>{merges}</worksheet>"""


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return (
            f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
        )
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def sheet_xml(
    rows: Sequence[Sequence[Cell]],
    *,
    doctype: str = "",
    raw_cells: str | None = None,
    merges: Sequence[str] = (),
) -> str:
    if raw_cells is None:
        body = "".join(
            f'<row r="{r}">'
            + "".join(_cell(f"{column_letter(c)}{r}", value) for c, value in enumerate(row))
            + "</row>"
            for r, row in enumerate(rows, start=1)
        )
    else:
        body = raw_cells
    merge_xml = (
        f'<mergeCells count="{len(merges)}">'
        + "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
        + "</mergeCells>"
        if merges
        else ""
    )
    return _SHEET.format(doctype=doctype, rows=body, merges=merge_xml)


def xlsx(
    sheets: dict[str, Sequence[Sequence[Cell]]] | None = None,
    *,
    sheet_xmls: dict[str, str] | None = None,
    hidden: Sequence[str] = (),
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """An .xlsx with the given sheets (rows of cells, or finished sheet XML)."""
    xmls = dict(sheet_xmls or {})
    for name, rows in (sheets or {}).items():
        xmls[name] = sheet_xml(rows)
    names = list(xmls)
    numbers = range(1, len(names) + 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.format(sheets="".join(_SHEET_TYPE.format(n=n) for n in numbers)),
        )
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr(
            "xl/workbook.xml",
            _WORKBOOK.format(
                sheets="".join(
                    f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"'
                    + (' state="hidden"' if name in hidden else "")
                    + "/>"
                    for n, name in zip(numbers, names, strict=True)
                )
            ),
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            _WORKBOOK_RELS.format(rels="".join(_SHEET_REL.format(n=n) for n in numbers)),
        )
        for n, name in zip(numbers, names, strict=True):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", xmls[name])
        for path, content in (extra or {}).items():
            archive.writestr(path, content)
    return buffer.getvalue()
