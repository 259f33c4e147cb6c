"""Word files written at test time with python-docx, and the same with hand-edited XML."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement


def budget_docx() -> bytes:
    """A title, a paragraph, a table with a merged header, a closing paragraph."""
    document = docx.Document()
    document.add_paragraph("某某县医疗保障局2024年部门预算公开说明")
    document.add_paragraph("一、收支预算总体情况")
    document.add_paragraph("本年收入合计1234.5万元，比上年增加12.3万元。")
    table = document.add_table(rows=4, cols=3)
    header = table.rows[0].cells
    header[0].merge(header[1])  # a header cell spanning two grid columns
    header[0].text = "项目"
    header[2].text = "预算数"
    body = [("2101101", "行政单位医疗", "56.7"), ("", "事业单位医疗", "10"), ("", "合计", "66.7")]
    for row, (code, name, amount) in zip(table.rows[1:], body, strict=True):
        row.cells[0].text, row.cells[1].text, row.cells[2].text = code, name, amount
    table.rows[1].cells[0].merge(table.rows[2].cells[0])  # a code spanning two rows
    p = document.add_paragraph("二、说明")
    run = p.add_run()
    run.add_break()
    run.add_text("第二行")
    document.add_paragraph("注：本表单位为万元。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tracked_changes_docx() -> bytes:
    """A paragraph whose digits are split by a tracked insertion and deletion."""
    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("支出12")
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "1")
    inserted.set(qn("w:author"), "x")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "3"
    run.append(text)
    inserted.append(run)
    p._p.append(inserted)
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "2")
    deleted.set(qn("w:author"), "x")
    run = OxmlElement("w:r")
    gone = OxmlElement("w:delText")
    gone.text = "9"
    run.append(gone)
    deleted.append(run)
    p._p.append(deleted)
    p.add_run("4.5万元")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """The same zip with one entry's bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = content if info.filename == name else source.read(info.filename)
            target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def read_part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)
