"""The metric of a row: the noun after the figure, the noun before it, a 其中 parent, or the
metric the figure continues."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import alternation
from .lists import distribute, distribute_back, in_distributive, set_member, shared_trailing_noun
from .phrases import (
    NORM_NOUN,
    class_part,
    is_class,
    noun_after,
    noun_before,
    set_metric,
    set_parent,
    trim,
)

if TYPE_CHECKING:
    from .sentences import Reader, Row


def read_metric(
    rd: Reader,
    r: Row,
    s: int,
    e: int,
    cs: int,
    left: str,
    earlier: list[Row],
    qizhong_parent: tuple[tuple[int, int] | None, str | None] | None,
) -> None:
    """Metric (and breakdown) of ``r``: the noun after the figure (新增2家国家级创新平台), a
    share's numerator, a 其中 class of its parent, a 分别 list member, the noun before the
    figure, the noun of a window or of the clause before, else the metric it continues."""
    v = rd.v
    pair = earlier[-1] if earlier else None
    if pair is not None and pair.ve == r.vs - 1 and v[pair.ve] == "兑":
        # 人民币汇率为1美元兑6.8346元人民币: both amounts of an exchange rate measure it
        r.metric, r.metric_text = pair.metric, pair.metric_text
        r.why["metric"] = "the second amount of an exchange rate (…兑…)"
        return
    if r.q.kind == "duration" and r.q.unit not in ("岁", "周岁"):
        measured = alternation("duration_noun").search(v, max(s, cs), r.vs)
        if measured is None:
            r.why["metric"] = "a duration: the span of an action or a window, names nothing"
            return
        # 平均受教育年限达到11.3年: a duration that is itself the measured quantity
    # a norm named right after its amount: 造价百分之十的罚款, 十倍处以罚款
    norm = re.compile(rf"(?:以上|以下|以内)?(?:的|处以|予以)?({NORM_NOUN})(?=[，,。；;\n]|$)")
    m = norm.match(v, r.ve, e)
    if m is not None:
        set_metric(rd, r, m.start(1), m.end(1), "the norm named right after the amount")
        return
    # the noun after the figure: 新增2家国家级创新平台
    right_end = rd.clause_end(r.ve, e)
    right = noun_after(rd, r.ve, right_end, measured=r.q.kind == "measure")
    if right is None and shared_trailing_noun(rd, r, e):
        return
    if right is not None and re.fullmatch(NORM_NOUN, v[right[0] : right[1]]):
        ls = rd.clause_start(r.vs, s)
        if ls > s and v[ls - 1] == "、" and rd.ends_quantity(ls - 1):
            set_metric(rd, r, *right, "the noun after the last figure of a list")
            set_member(rd, r, ls)
            return
    if right is not None:
        a, b = right
        if qizhong_parent is not None and is_class(rd, v[a:b]) and qizhong_parent[1]:
            set_parent(rd, r, qizhong_parent, class_part(rd, v[a:b]), "其中 sub-item")
            return
        set_metric(rd, r, a, b, "the noun phrase after the figure")
        return
    a, b = noun_before(rd, cs, r.vs)
    phrase = v[a:b]
    # shares: 占全省获奖总数的47.5% → the figure of the numerator named before
    share = re.search(r"^(.*?)(?:数量|总数)?(?:都|均|分别)?占(?:到)?.*(?:的|总数|总量)$", phrase)
    if share is not None:
        if share.group(1):
            a2 = a + len(share.group(1))
            a3, b3 = trim(rd, a, a2)
            if b3 > a3:
                set_metric(rd, r, a3, b3, "the numerator of a share (…占…)")
                return
        phrase = ""
        if "分别" in v[cs : r.vs]:
            distribute_back(rd, r, earlier, "分别 shares of the figures before")
            return
    cmp = alternation("compare").match(phrase) if phrase else None
    if (
        cmp
        and re.match("[全我本第前首省市县区国]", phrase[cmp.end() :])
        and not re.search("比重|率", phrase)
    ):
        phrase = ""
    if phrase and qizhong_parent is not None and qizhong_parent[1] and is_class(rd, phrase):
        set_parent(rd, r, qizhong_parent, class_part(rd, phrase), "其中 sub-item")
        return
    distributive = (phrase and "分别" in v[cs : r.vs]) or (
        not phrase and in_distributive(rd, cs, r)
    )
    if distributive and distribute(rd, r, s, cs, earlier):
        return
    if phrase:
        prev = earlier[-1] if earlier else None
        if (
            prev is not None
            and prev.ve == a
            and prev.q.kind in ("duration", "count")
            and not re.search(r"[\d０-９]", prev.q.text)
            and re.search("(?:率|比重|比例)$", phrase)
        ):
            # 九年义务教育巩固率达到93%, 城乡三项基本医疗保险参保率: a Chinese numeral inside
            # the name of a rate (45个重点开发区…比重 counts units of its own)
            a = trim(rd, rd.clause_start(prev.vs, s), b)[0]
            set_metric(rd, r, a, b, "the name of a rate with a numeral inside")
            return
        set_metric(rd, r, a, b, "the noun phrase before the figure")
        return
    window = next((x for x in reversed(earlier) if x.ve <= r.vs), None)
    if (
        window is not None
        and window.q.kind == "duration"
        and window.metric is None
        and (rd.ends_quantity(cs) or cs == window.ve)
    ):
        a2, b2 = noun_before(rd, rd.clause_start(window.vs, s), window.vs)
        if b2 > a2:
            set_metric(rd, r, a2, b2, "the noun before the window it stands in")
            return
    own = earlier[-1] if earlier else None
    if (
        r.q.change is not None
        and own is not None
        and own.metric_text
        and own.why.get("metric", "").startswith("the noun phrase")
    ):
        # 其中地方税收收入381.9亿元，增长15.1%: the change of the sub-item just named
        r.metric, r.metric_text = own.metric, own.metric_text
        r.why["metric"] = "the change of the figure named just before"
        return
    if qizhong_parent is not None and qizhong_parent[1]:
        after = re.match(r"(?:达到|达|为)?([^，。；、\n]{2,12})", v[r.ve : right_end])
        set_parent(
            rd,
            r,
            qizhong_parent,
            after.group(1) if after else None,
            "其中 sub-item without a noun of its own",
        )
        return
    if shared_trailing_noun(rd, r, e):
        return
    before = noun_of_previous_clause(rd, cs, s)
    if before is not None:
        set_metric(rd, r, *before, "the subject of the clause before (…突破千亿元，完成…)")
        return
    if rd.last_metric[1] is not None and continues(rd, r, s):
        r.metric, r.metric_text = rd.last_metric
        r.why["metric"] = "continues the metric named just before"
        return
    r.why["metric"] = "no noun phrase in the clause"


def noun_of_previous_clause(rd: Reader, cs: int, s: int) -> tuple[int, int] | None:
    """A subject with a predicate but no figure in the clause just before ``cs``."""
    v = rd.v
    if cs <= s or v[cs - 1] not in "，,":
        return None
    ps = rd.clause_start(cs - 1, s)
    if ps == cs - 1 or rd.ends_quantity(ps) or any(ps <= x.vs < cs for x in rd.sentence_rows):
        return None
    m = alternation("predicate").search(v, ps, cs - 1)
    if m is None or len(m.group(0)) < 2:
        return None
    a, b = noun_before(rd, ps, m.start())
    return (a, b) if b > a else None


def continues(rd: Reader, r: Row, s: int) -> bool:
    """A figure with no noun continues the last metric when that was in its sentence,
    or when it is a change or a rate (同比增长20.54%)."""
    lm = rd.last_metric[0]
    if lm is not None and lm[0] >= s:
        return True
    return r.q.change is not None or r.q.kind in ("percent", "percentage_point")
