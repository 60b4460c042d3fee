"""Noun phrases: the phrase a figure quantifies, trimmed of scope, time, verbs and qualifiers."""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import TYPE_CHECKING

from .context import REGION_SUFFIX
from .cues import alternation, cues
from .scope import leading_region
from .view import CLAUSE_END, HAN

if TYPE_CHECKING:
    from .sentences import Reader, Row

_NOMINAL_AFTER_VERB = "业量额率费者权区值"


NORM_NOUN = r"(?:[\u4e00-\u9fff]{0,4})(?:资助|奖励|补助|补贴|经费|资金支持|罚款)"


_QUALIFIER_WORDS = (
    "超过",
    "不低于",
    "不少于",
    "不超过",
    "不足",
    "低于",
    "高于",
    "至少",
    "最高",
    "最多",
    "大约",
    "约",
    "近",
    "逾",
    "超",
    "共计",
    "共",
    "达",
    "在",
    "分别为",
    "分别",
    "都",
    "均",
    "已",
    "的",
    "了",
    "也",
    "还",
    "将",
    "再",
    "又",
    "总共",
    "累计达",
    "同比",
    "环比",
    "原来",
    "由原来",
    "连续",
    "较",
    "从",
    "逆势",
)


@cache
def trailing_words() -> re.Pattern[str]:
    """Words that may stand between a metric and its figure, at the end of a phrase."""
    words = {
        *cues().words("predicate"),
        *cues().words("rate_word"),
        *cues().words("end_word"),
        *cues().words("recurring"),
        *_QUALIFIER_WORDS,
    }
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:{alts})$")


def set_metric(rd: Reader, r: Row, a: int, b: int, why: str) -> None:
    r.metric = (a, b)
    r.metric_text = rd.v[a:b]
    r.why["metric"] = why


def set_parent(
    rd: Reader,
    r: Row,
    parent: tuple[tuple[int, int] | None, str | None],
    breakdown: str | None,
    why: str,
) -> None:
    r.metric, r.metric_text = parent
    r.breakdown = breakdown.strip('“”"') if breakdown else None
    r.why["metric"] = why
    r.why["breakdown"] = why


def is_class(rd: Reader, phrase: str) -> bool:
    return class_part(rd, phrase) is not None


def class_part(rd: Reader, phrase: str) -> str | None:
    """The class a 其中 sub-item names (国家级, 技术攻关类, 老字号, 域外), if it only
    qualifies its parent."""
    p = phrase.strip('“”"')
    if p.endswith("级") and len(p) <= 5:
        return p
    for m in alternation("class_word").finditer(phrase):
        if m.group(0) == "级":
            continue
        cut = m.end()
        while cut < len(phrase) and phrase[cut] in '”"':
            cut += 1
        if len(phrase) - cut <= 6:
            return phrase[:cut].strip('“”"')
    return None


# 等 closing the examples a figure counts, not inside a word (高等院校, 等级, 等于)
_ETC = re.compile("(?<![高中初平同对均])等(?![级次奖于同待候])")


def noun_after(rd: Reader, i: int, end: int, *, measured: bool = False) -> tuple[int, int] | None:
    """The noun phrase right after a figure (``3家科技型企业完成…`` → 科技型企业): up to
    the clause's end, the next figure or the first verb. A ``measured`` figure (a unit of
    measure, not a count) is the size of what it names before 等: 60万吨精对苯二甲酸等石油化工
    项目 → 精对苯二甲酸 (a count counts the whole class: 31家博物馆、纪念馆等公共文化设施)."""
    v = rd.v
    j = i
    tail = re.match(r"(?:以上|以下|左右|以内|余)", v[j:end])
    if tail:
        j += tail.end()
    if j >= len(v) or not re.match(rf"[{HAN}A-Za-z“\"]", v[j]):
        return None
    rest = v[j : j + 8]
    stops = ("clause_stop", "predicate", "rate_word", "verb")
    if not alternation("noun_head").match(rest) and any(alternation(w).match(rest) for w in stops):
        return None
    starts = rd.sorted_starts
    k = j
    while k < len(v) and v[k] not in CLAUSE_END + "\n" and k not in rd.quantity_starts:
        seg = v[k : k + 8]
        if (
            k > j
            and (
                (alternation("noun_stop").match(seg) and v[k - 1 : k + 1] != "以上")
                or alternation("mid_verb").match(seg)
                or (measured and _ETC.match(v, k))
                or (v[k] == "、" and figure_before_clause_end(rd, k, starts))
                or (  # …项目和黄百等4个在建铁路项目, not 116个国家和地区近4000名
                    v[k] in "和及"
                    and figure_before_clause_end(rd, k, starts)
                    and "等" in v[k : starts[min(bisect.bisect_right(starts, k), len(starts) - 1)]]
                )
            )
        ):
            break
        k += 1
    a, b = trim(rd, j, k)
    if b - a >= 2:
        return a, b
    if b - a == 1 and (
        b >= len(v)
        or v[b] in CLAUSE_END + "、\n"
        or alternation("noun_stop").match(v, b)
        or alternation("mid_verb").match(v, b)
    ):
        return a, b
    return None


def figure_before_clause_end(rd: Reader, k: int, starts: list[int]) -> bool:
    """True when the next list item after the 、 at ``k`` is a figure (洛阳等10个…、商丘等
    5个…): no clause end and no verb between them."""
    i = bisect.bisect_right(starts, k)
    if i >= len(starts):
        return False
    between = rd.v[k + 1 : starts[i]]
    if any(ch in CLAUSE_END + "\n" for ch in between):
        return False
    return not any(
        alternation(w).match(between, n) for n in range(len(between)) for w in ("mid_verb", "verb")
    )


def noun_before(rd: Reader, cs: int, ve: int) -> tuple[int, int]:
    """The noun phrase of a clause before its figure, without scope, time and verbs."""
    a, b = trim(rd, cs, ve)
    if b - a < 2 or rd.v[a:b] in cues().sets.get("metric_suffix", {}):
        return a, a
    return a, b


def trim(rd: Reader, a: int, b: int) -> tuple[int, int]:
    """Strip from ``v[a:b]`` what is no part of a metric: trailing predicates, qualifiers
    and empty nouns (达到, 同比, 数量); everything up to a verb inside the phrase
    (IC装备及相关产业实现产值 → 产值); leading time, area, subject and verbs. What is
    left may be empty: the figure then continues an earlier metric."""
    v = rd.v
    b = trim_end(rd, a, b)
    a = after_last_verb(rd, a, b)
    a = trim_start(rd, a, b)
    b = trim_end(rd, a, b)
    phrase = v[a:b]
    k = phrase.find("等")
    if k > 0 and re.search("占|比重", phrase[k:]):
        a += k + 1  # 机器人、航空…等新兴产业占规模以上工业比重 → 新兴产业占…比重
    while b > a and v[b - 1] in "，,、：:和与及“（(①②③④⑤⑥⑦⑧⑨⑩":
        b -= 1  # (社会总产值①: a footnote mark)
    while a < b and v[a] in "，,、：:”）)":
        a += 1
    if b - a == 1 and not re.match(rf"[{HAN}]", v[a]):
        return a, a
    if b > a and not re.search(rf"[{HAN}A-Za-z]", v[a:b]):
        return a, a
    if v[a:b].count("“") != v[a:b].count("”"):
        if v[a] == "”":
            a += 1
        elif v[b - 1] == "”":
            b -= 1
        elif b < len(v) and v[b] == "”":
            b += 1
    return a, b


def trim_end(rd: Reader, a: int, b: int) -> int:
    v = rd.v
    while b > a:
        seg = v[a:b]
        if any(seg.endswith(w) for w in cues().words("whole_word")):
            return b  # 人口自然增长率: a rate that is itself the metric
        m = trailing_words().search(seg)
        if m is None or m.end() != len(seg):
            t = next((t for t in rd.times_in(a, b) if t.end == b), None)
            if t is None:
                suffix = next((w for w in cues().words("metric_suffix") if seg.endswith(w)), None)
                if suffix is None or len(seg) - len(suffix) < 2:
                    return b
                b -= len(suffix)
                continue
            b = t.start
            if b > a and rd.v[b - 1] in "比较":
                b -= 1  # 人均国内生产总值比2020年(翻一番): the base of a comparison
            continue
        b -= len(m.group(0))
    return b


def after_last_verb(rd: Reader, a: int, b: int) -> int:
    best = a
    if re.fullmatch(r".+占.+(?:比重|比例|份额)", rd.v[a:b]):
        return a  # 基础研究经费投入占研发经费投入比重: a ratio stays whole
    bare = cues().sets.get("bare_noun", {})
    whole = next((w for w in cues().words("whole_word") if rd.v.endswith(w, a, b)), None)
    if whole is not None:
        b -= len(whole)  # 城镇新增就业: a standard name with a verb inside stays whole
    # 城镇新增就业人数: no cut inside a standard name standing inside the phrase
    inside = [(w.start(), w.end()) for w in alternation("whole_word").finditer(rd.v, a, b)]
    for m in alternation("mid_verb").finditer(rd.v, a, b):
        if any(wa <= m.start() < wb for wa, wb in inside):
            continue
        if (
            b - m.end() >= 2
            and m.start() > a
            and rd.v[m.end() : b] not in bare
            and rd.v[m.end()] not in _NOMINAL_AFTER_VERB
        ):
            best = max(best, m.end())
    return best


def trim_start(rd: Reader, a: int, b: int) -> int:
    v = rd.v
    stem = re.sub(REGION_SUFFIX + "$", "", rd.ctx.region or "")
    while a < b:
        seg = v[a:b]
        t = next((t for t in rd.times_in(a, b) if t.start == a), None)
        if t is not None:
            a = t.end
            continue
        lead = (
            r"[，,、：:”和及的]|为(?=..)|有(?=[省市国县区各])|[\u4e00-\u9fff]{1,3}域内?"
            r"|到(?=(?:19|20)\d\d年)|-(?=[\u4e00-\u9fff])"  # - 食品 5.9: a list item's mark
        )
        if stem:
            lead += "|" + re.escape(stem) + r"(?:市|省|县|区)?(?=..)"
        m = re.match(lead, seg)
        org = alternation("org_word").search(seg, 0, 12)
        if (
            m is None
            and org
            and len(seg) - org.end() >= 2
            and re.fullmatch(rf"(?:[{HAN}]{{0,6}}[市省县区])?", seg[: org.start()])
            and (org.start() > 0 or len(org.group(0)) > 2)
        ):  # a bare 政府 opens a noun (政府采购, 政府投资基金); 市政府 is a subject
            m = org  # 市科技局内设机构 → 内设机构
        if m and m.group(0).endswith(("域", "域内")) and not re.match(".{0,3}(?:区|县|市)域", seg):
            m = None
        m = m or alternation("metric_prefix").match(seg)
        if m is None:
            m = alternation("verb").match(seg)
            if m is not None and (
                alternation("noun_head").match(seg)
                or seg[m.end() :] in cues().sets.get("bare_noun", {})
                or (len(seg) > m.end() and seg[m.end()] in _NOMINAL_AFTER_VERB)
            ):
                break  # 服务人数, 建设进度, 服务业, 对外投资: the verb is part of the noun
        if m is None:
            p = alternation("predicate").match(seg)
            nominal = p is not None and seg[p.end() : p.end() + 1] in _NOMINAL_AFTER_VERB
            m = p if p and len(p.group(0)) >= 2 and not nominal else None  # 增加值
        if m is None:
            abbr = stem[:1]
            m = re.match(f"[驻在来]{abbr}(?=..)", seg) if abbr else None
        if m is not None and m.end() > 0:
            a += m.end()
            continue
        n = leading_region(rd, seg)
        if n and len(re.findall(rf"[{HAN}A-Za-z]", seg[n:])) >= 2:
            a += n
            continue
        break
    return a
