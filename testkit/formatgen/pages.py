"""Web pages written at test time: a CMS article with chrome, and a PDF drawn in HTML."""

from __future__ import annotations

NAV = "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(12))

ARTICLE = f"""<!DOCTYPE html>
<html><head><meta charset="{{charset}}"><title>某某县人民政府网</title>
<script>var x = "预算 9999";</script><style>p {{{{color: red}}}}</style></head>
<body>
<div class="top"><ul class="menu">{NAV}</ul></div>
<div class="crumbs"><a href="/">首页</a> &gt; <a href="/zw">政务公开</a>
 &gt; <a href="/ys">预算</a></div>
<div class="main">
<h1>某某县医疗保障局2024年部门预算</h1>
<div class="article">
<p>一、部门预算收支情况</p>
<p>2024年收入预算1234.5万元，<br>支出预算1234.5万元。</p>
<table border="1">
<caption>部门收支总表</caption>
<tr><td colspan="2">单位：万元</td></tr>
<tr><th rowspan="2">项目</th><th>预算数</th></tr>
<tr><th>本年</th></tr>
<tr><td>一般公共预算拨款收入</td><td>1,234.50</td></tr>
<tr><td>合计</td><td>1,234.50</td></tr>
</table>
<p>二、“三公”经费情况说明：本年无变化。</p>
</div></div>
<div class="footer">主办：某某县人民政府办公室 备案号：冀ICP备0000号</div>
</body></html>"""


def article(charset: str = "utf-8") -> bytes:
    encoding = "gb18030" if charset.lower() in ("gb2312", "gbk") else charset
    return ARTICLE.format(charset=charset).encode(encoding)


def _run(top: float, left: float, text: str, size: float = 9.0) -> str:
    return (
        f'<div class="p" style="top:{top}pt;left:{left}pt;line-height:{size}pt;'
        f'font-size:{size}pt;position:absolute;">{text}</div>'
    )


def _rule(left: float, top: float, width: float, height: float, side: str) -> str:
    return (
        f'<div class="r" style="position:absolute;left:{left}pt;top:{top}pt;width:{width}pt;'
        f'height:{height}pt;border-{side}:0.5pt solid #000000;"> </div>'
    )


def positioned() -> bytes:
    """One A4 page: a title, a unit line and a ruled 2x3 table, as converters draw it."""
    rules = [_rule(40, y, 300, 0, "bottom") for y in (100, 120, 140, 160)]
    rules += [_rule(x, 100, 0, 60, "right") for x in (40, 200, 340)]
    runs = [
        _run(60, 120, "部门收支总表", 14),
        _run(85, 40, "部门：某某县医疗保障局"),
        _run(85, 280, "单位：万元"),
        _run(105, 45, "项目"),
        _run(105, 205, "预算数"),
        _run(125, 45, "一般公共预算拨款收入"),
        _run(125, 300, "28,685.65"),
        _run(145, 45, "合计"),
        _run(145, 300, "28,685.65"),
    ]
    page = (
        '<div class="page" style="width:595.0pt;height:842.0pt;position:relative;">'
        + "".join(rules + runs)
        + "</div>"
    )
    return (
        '<html><head><meta charset="utf-8"></head><body><div class="title"><h1>某某县医疗保障局'
        f"2026年部门预算</h1></div><div id=zoom>{page}</div></body></html>"
    ).encode()
