"""Figures stated as a move from one value to another, and what a stated change is about.

"人均财政补助标准由610元提高到640元", "个人缴费标准从380元调整为400元", "支出预算由300万元
增加至350万元", "较上年的610元提高至640元": the later figure is the year the sentence speaks
of, the earlier one the year before (unless the sentence names its year: "由2024年的610元").
Reading the first amount as the year's figure is the error this module exists to prevent.

A change ("较上年增加2.00万元") belongs to the subject its clause names.  A clause that names
a subject the extractors do not track (住房公积金, 会议费, 培训费 …) states a change of that
item, never of the total of the paragraph it stands in.
"""

from __future__ import annotations

import re

from ingest.amounts import NUMBER

# What may stand between a label and the earlier figure: 由 / 从 / 较上年的, and its year.
FROM = r"(?:(?:由|从|自|较上年的?|比上年的?|较上一?年度?的?)\s*(?:(?:19|20)\d{2}\s*年度?的?)?)"
_VERB = r"(?:提高|提升|增加|增长|上调|调增|调高|调整|下调|调减|调低|降低|减少|下降|压减|变更|变化)"
# After the earlier figure (its unit already read): the verb and the later figure.
CHANGE_TAIL = re.compile(
    rf"\s*(?:/人|/人/年|每人每年|每人)?\s*(?:的基础上)?\s*{_VERB}了?\s*(?:到|至|为)\s*"
    r"(?:每人(?:每年)?)?\s*(?:(?P<year>(?:19|20)\d{2})\s*年度?的?)?\s*"
    rf"(?P<num>{NUMBER})\s*(?P<unit>万元|元)"
)
_STATED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def earlier_year(text_before_amount: str, later_year: int) -> tuple[int, str]:
    """The year of the earlier figure of a move: the year written after 由/从 just before
    it ("由2024年的610元"), else the year before the later figure's."""
    found = re.search(rf"{FROM}$", text_before_amount[-16:])
    if found:
        year = _STATED_YEAR.search(found.group(0))
        if year:
            return int(year.group(1)), "stated"
    return later_year - 1, "stated"


# Words of a change clause that name no subject: comparisons, years, connectives.
_NO_SUBJECT = re.compile(
    r"(?:较|比|与|同比|对比|相比|相较)?\s*(?:上一?年度?|去年|(?:19|20)\d{2}\s*年?度?)"
    r"(?:年初)?(?:预算数?|同期|执行数|决算数)?(?:执行数?)?(?:相比|比较)?"
    r"|同比|相比|比较|总体|总额|总计|合计|共计|预算数?|安排|其中|主要|分别|本年|今年|全年|当年"
    r"|年度|收支|总|共|均|各|收|支|是|为|了|的|较|比|与|有所|将|数|共计|金额|资金|经费|支出|收入"
    # '比2025年年初预算数1025099.89万元增加…': the compared figure itself names nothing
    r"|年初|执行|万元|元|其中|以上|以下"
    r"|[\s\d.,，、：:（）()“”\"]"
)


def names_own_subject(words: str) -> bool:
    """Whether the words before a change verb in its clause name a subject of their own
    ("住房公积金较上年"), not only a comparison ("较2020预算", "与上年相比")."""
    return len(_NO_SUBJECT.sub("", words)) >= 2
