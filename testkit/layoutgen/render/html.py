"""A web page as portals publish it: navigation and footer around ``<table>`` and ``<p>``."""

from __future__ import annotations

from html import escape

from testkit.layoutgen.model import Document, Heading, Para, Table

CHROME_TOP = (
    '<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | '
    '<a href="/czyjs/">财政预决算</a> | <a href="/bmys/">部门预算</a></div>\n'
    '<div class="position">当前位置：首页 &gt; 政务公开 &gt; 财政预决算</div>\n'
)
CHROME_BOTTOM = (
    '<div class="footer"><p>主办单位：县人民政府办公室 联系电话：0000-1234567</p>'
    "<p>网站标识码 0000000000 备案号：ICP备00000000号</p></div>\n"
)


def _table(table: Table) -> str:
    parts = [f'<p class="title" style="text-align:center"><b>{escape(table.title)}</b></p>']
    if table.meta:
        parts.append(f"<p>{'&nbsp;&nbsp;&nbsp;&nbsp;'.join(escape(m) for m in table.meta)}</p>")
    parts.append('<table border="1" cellspacing="0" cellpadding="2">')
    for row in table.header:
        cells = "".join(
            f"<td{f' colspan={h.colspan}' if h.colspan > 1 else ''}"
            f"{f' rowspan={h.rowspan}' if h.rowspan > 1 else ''}>{escape(h.text)}</td>"
            for h in row
        )
        parts.append(f"<tr>{cells}</tr>")
    width = max([table.width, *(len(row) for row in table.rows)])
    for body in table.rows:
        cells = [f"<td>{escape(text) or '&nbsp;'}</td>" for text in body[:-1]]
        span = width - len(body) + 1
        last = escape(body[-1]) or "&nbsp;"
        cells.append(f"<td colspan={span}>{last}</td>" if span > 1 else f"<td>{last}</td>")
        parts.append(f"<tr>{''.join(cells)}</tr>")
    parts.append("</table>")
    parts.extend(f"<p>{escape(note)}</p>" for note in table.notes)
    return "\n".join(parts)


def render_html(doc: Document) -> bytes:
    title = next((b.text for b in doc.blocks if isinstance(b, Heading)), doc.name)
    body: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            tag = "h1" if block.level == 0 else "h3"
            body.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Para):
            body.append(f'<p style="text-indent:2em">{escape(block.text)}</p>')
        else:
            body.append(_table(block))
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>\n<body>\n{CHROME_TOP}"
        f'<div class="article">\n{chr(10).join(body)}\n</div>\n{CHROME_BOTTOM}</body></html>\n'
    )
    return page.encode("utf-8")
