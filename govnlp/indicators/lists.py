"""Lists: distributive 分别 lists and norm lists whose figures share one noun."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import cues
from .phrases import NORM_NOUN, set_metric, trim

if TYPE_CHECKING:
    from .sentences import Reader, Row


def in_distributive(rd: Reader, cs: int, r: Row) -> bool:
    return "分别" in rd.v[max(0, cs - 30) : r.vs]


def distribute(rd: Reader, r: Row, s: int, cs: int, earlier: list[Row]) -> bool:
    """航空航天、新材料、生物医药领域工业总产值…分别为35.29%、31.04%、15.05%."""
    v = rd.v
    k = v.rfind("分别", s, r.vs)
    if k < 0:
        return False
    members = [x for x in earlier if x.vs > k] + [r]
    index = len(members) - 1
    head_start = rd.clause_start(k, s)
    a, b = trim(rd, head_start, k)
    phrase = v[a:b]
    m = re.match(r"^((?:[^、，]{1,10}、)+[^、，]{1,12}?)(?:等|领域|行业|产业|方面)+(.+)$", phrase)
    if m is None:
        if not phrase:
            return distribute_back(rd, r, earlier, "分别 over the figures before")
        items = phrase.split("、")
        end = re.compile("[，,；;。\n]").search(v, r.ve)
        stop = end.start() if end else len(v)
        n_figures = len([x for x in rd.sentence_rows if k < x.vs < stop])
        shared = next(
            (
                w
                for w in cues().words("shared_noun")
                if items[-1].endswith(w) and len(items[-1]) > len(w)
            ),
            None,
        )
        if shared is not None and any(x.endswith(shared) for x in items[:-1]):
            shared = None  # 城市居民人均可支配收入、农村居民人均纯收入: each names its own measure
        if shared is not None and n_figures == len(items) >= 2:
            # 新能源汽车、集成电路、工业机器人产量分别增长…: the last member carries the measure
            items[-1] = items[-1][: -len(shared)]
            set_metric(rd, r, b - len(shared), b, "a 分别 list sharing its last member's measure")
            r.breakdown = items[index]
            r.why["breakdown"] = r.why["metric"]
            return True
        if n_figures == len(items) >= 2 and all(len(x) >= 2 for x in items):
            # 农业龙头企业、农民合作社分别发展到473家、4808家: one metric per figure
            at = a + sum(len(x) + 1 for x in items[:index])
            set_metric(rd, r, at, at + len(items[index]), "a 分别 list of metrics")
            return True
        pair = re.match(r"([^、，和与及]{1,3})[和与及、]", phrase)
        n = len(pair.group(1)) if pair else 0
        if pair and n_figures == 2 and len(phrase) - (2 * n + 1) >= 4:
            # 城镇和农村常住居民人均可支配收入分别增长4%和6%: two parallel members (of
            # the same length) before the one metric they share
            at = a + 2 * n + 1
            set_metric(rd, r, at, b, "a 分别 pair: one member per figure")
            r.breakdown = phrase[0:n] if index == 0 else phrase[n + 1 : 2 * n + 1]
            r.why["breakdown"] = r.why["metric"]
            return True
        parts = re.split("[、和与及]", phrase)
        shared = next(
            (w for w in cues().words("shared_noun") if parts[-1].endswith(w)),
            None,
        )
        if shared is not None and any(x.endswith(shared) for x in parts[:-1]):
            shared = None
        if (
            shared is not None
            and len(shared) >= 3  # 年排放量, 吞吐量; not 投资 of 实际利用外资和海外投资
            and n_figures == len(parts) >= 2
            and len(parts[-1]) - len(shared) >= 2
            and all(len(x) >= 2 for x in parts)
        ):
            # 化学需氧量和二氧化硫年排放量分别减少5%和4.6%: members joined by 和 before
            # the measure the last one carries
            set_metric(rd, r, b - len(shared), b, "a 分别 list sharing its last member's measure")
            r.breakdown = [*parts[:-1], parts[-1][: -len(shared)]][index]
            r.why["breakdown"] = r.why["metric"]
            return True
        set_metric(rd, r, a, b, "the noun phrase before 分别")
        return True
    items = m.group(1).split("、")
    n_figures = len([x for x in rd.sentence_rows if x.vs > k])
    if len(items) < n_figures:
        items = re.split("[、和及]", m.group(1))
    metric_at = a + len(phrase) - len(m.group(2))
    joint = phrase[len(m.group(1)) : metric_at - a]
    if joint in ("产业", "行业"):
        items[-1] += joint  # 六大优势产业、…、绿色低碳优势产业增加值: the word is the last member's
    ma, mb = trim(rd, metric_at, b)
    if index < len(items):
        r.metric, r.metric_text = (ma, mb), v[ma:mb]
        r.breakdown = items[index]
        r.why["metric"] = r.why["breakdown"] = "a 分别 list: one member per figure"
        return True
    return False


def distribute_back(rd: Reader, r: Row, earlier: list[Row], why: str) -> bool:
    """分别占到全省的31.36%、9.96%: the n-th share belongs to the n-th figure before;
    分别提高0.6和1个百分点: the n-th change in points belongs to the n-th rate before."""
    k = rd.v.rfind("分别", 0, r.vs)
    after = [x for x in rd.sentence_rows if x.vs > k]
    if any(x.q.kind == "percentage_point" for x in after):
        rates = [x for x in earlier if x.vs < k and x.q.kind == "percent" and x.metric_text]
        idx = len([x for x in earlier if x.vs > k])
        if len(rates) >= len(after) > idx:
            src = rates[len(rates) - len(after) + idx]
            r.metric, r.metric_text = src.metric, src.metric_text
            r.why["metric"] = why
            return True
    plain = [x for x in earlier if x.metric_text and x.q.kind not in ("percent",)]
    shares = [x for x in earlier if x.q.kind == "percent" and x.why.get("metric") == why]
    idx = len(shares)
    if idx < len(plain):
        src = plain[idx]
        r.metric, r.metric_text = src.metric, src.metric_text
        r.why["metric"] = why
        return True
    if rd.last_metric[1]:
        r.metric, r.metric_text = rd.last_metric
        r.why["metric"] = why
        return True
    return False


def shared_trailing_noun(rd: Reader, r: Row, e: int) -> bool:
    """给予启动阶段最高1000万元、发展阶段最高2000万元资助: the noun after the last figure
    of a 、 list is the metric of each, and what stands before each figure its member."""
    v = rd.v
    idx = [x for x in rd.sentence_rows if x.vs >= r.vs and x.vs < e]
    last = r
    bounds = False  # 处五千元以上一万元以下罚款: the two ends of one norm
    for x in idx[1:]:
        between = v[last.ve : x.vs]
        if re.fullmatch(r"(?:以上|以下|左右|余)?[、和及][^，。；]{0,8}", between):
            last = x
        elif re.fullmatch(r"以上|至|到|[-—~]", between):
            last, bounds = x, True
        else:
            break
    if last is r:
        return False
    tail = re.match(
        r"(?:以上|以下|左右|余)?(?:的)?([^，。；、\n]{2,8}?)(?=[，。；”\n]|$)", v[last.ve : e]
    )
    if not tail:
        return False
    noun = tail.group(1)
    if not re.fullmatch(NORM_NOUN, noun):
        return False
    a = last.ve + tail.start(1)
    set_metric(rd, r, a, a + len(noun), "the noun after the last figure of a list")
    if not bounds:
        set_member(rd, r, rd.clause_start(r.vs, 0))
    return True


def set_member(rd: Reader, r: Row, cs: int) -> None:
    """The member of a norm list: what stands before the figure (启动阶段, 复审通过)."""
    seg = rd.v[cs : r.vs]
    seg = re.sub("(?:最高|最低|给予|不超过|的)+$", "", seg)
    k = seg.rfind("对")
    seg = seg[k + 1 :] if k >= 0 else seg
    seg = re.sub("^(?:坚持|县域内|区域内|市域内|给予)+", "", seg)
    r.breakdown = seg or None
    r.why["breakdown"] = "what stands before the figure in the list"
