"""The status of a row: a rule cue, a target cue, an estimate, the section, the document."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import alternation, cues
from .frames import Frame, status_frame

if TYPE_CHECKING:
    from .sentences import Reader, Row

_MEASURED_AGAINST = r"(?:完成|比|超过|超额|高于|好于)[年度全]*$"
_CUE_IN_NAME = r"[项类单的，,。、》”）)和与及]|任务|体系|责任|考核|导向|管理|寿命|$"


_PERFECTIVE = r"[，,；;][^，,；;]*(?:累计|已经|已)"
_OUTCOME = r"实际(?:完成|实现|达到|增长|下降)?|执行结果"


def read_status(rd: Reader, r: Row, s: int, e: int, cs: int, frames: list[Frame]) -> None:
    """Status of ``r``: a rule cue in its clause, a target or estimate cue before it in the
    sentence, the section, a period after the document\'s year, else the document\'s."""
    v = rd.v
    ce = rd.clause_end(r.ve, e)
    while ce < e and v[ce] not in "，,；;。":
        ce += 1
    clause = v[cs:ce]
    ls = max(v.rfind(ch, s, r.vs) for ch in "，,；;：:") + 1 or s
    rule = alternation("rule").search(v[max(ls, s) : r.vs]) or re.search(
        r"^(?:以上|以下)?(?:的)?(?:罚款|罚金|奖励|资助|补助)", v[r.ve : ce]
    )
    if rule is None and r.q.unit in ("岁", "周岁") and r.q.qualifier in ("at_most", "less_than"):
        rule = re.search("岁", r.q.text)
    if rule and cues().sets["rule"].get(rule.group(0)) == "weak":
        sentence = v[s:e]
        strong = [w for w, val in cues().sets["rule"].items() if val == "rule"]
        if r.q.kind != "money" or not any(w in sentence for w in strong):
            rule = None  # 全球最高10米: a record, not a norm
    planned = status_frame(frames)
    if (
        rule
        and planned is not None
        and planned.status == "target"
        and rd.ctx.status != "rule"
        and not re.search("罚", clause)
        and r.q.unit not in ("岁", "周岁")  # an age limit stays a norm (40岁以下)
    ):
        # 每个县区选择2~3个, 补助标准提高到320元 in a work arrangement: what is planned
        r.status, r.why["status"] = "target", f"{rule.group(0)} in the plan {planned.title[:16]}"
        return
    if rule and not re.search("获得|荣获|获评|获批", clause):
        r.status, r.why["status"] = "rule", f"rule cue {rule.group(0)}"
        if r.why.get("period", "").startswith(("the document", "the paragraph")):
            r.period, r.why["period"] = None, "a norm: no period unless a section sets it"
        return
    section = status_frame(frames)
    sentence_before = v[s : r.vs]
    est = alternation("estimate").search(sentence_before)
    tgt = None
    for m in alternation("target").finditer(sentence_before):
        if est and est.start() <= m.start() < est.end():
            continue
        if re.match(_CUE_IN_NAME, sentence_before[m.end() :]):
            continue  # 科技计划项目, 倍增计划，: the cue word inside a name
        if re.search(_MEASURED_AGAINST, sentence_before[max(0, m.start() - 4) : m.start()]):
            continue  # 完成年计划的118.2%, 比年度计划翻了一番: a result measured against a plan
        tgt = m
    if tgt is not None and re.search(_PERFECTIVE, v[s + tgt.end() : r.vs]):
        tgt = None  # 预期解决300余项…，驻沈高校院所累计突破99项: a reported result after it
    if tgt is not None and re.search(_OUTCOME, v[s + tgt.end() : r.vs]):
        tgt = None  # 计划增长3.7%，实际增长4.6%: the outcome set against the plan
    if (
        tgt is not None
        and section is not None
        and section.status == "actual"
        and re.search("[，,]", v[s + tgt.end() : r.vs])
    ):
        tgt = None  # in a review, a plan word clauses before the figure is about something else
    if tgt is not None:
        r.status, r.why["status"] = "target", f"target cue {tgt.group(0)}"
        return
    if est is not None:
        ahead = (
            rd.ctx.year is not None
            and r.period
            and r.period[:4].isdigit()
            and int(r.period[:4]) > rd.ctx.year
        )
        if not ahead and section is not None and section.status == "actual":
            r.status, r.why["status"] = "actual", f"{est.group(0)}: a preliminary figure"
        else:
            r.status, r.why["status"] = "target", f"{est.group(0)}: expected"
        return
    if section is not None and section.status is not None:
        r.status, r.why["status"] = section.status, f"section {section.title[:16]}"
        return
    reviewed = rd.ctx.reviewed  # a work report delivered early in 2014 reports on 2013
    if (
        reviewed is not None
        and r.period
        and r.period[:4].isdigit()
        and int(r.period[:4]) > reviewed
    ):
        r.status, r.why["status"] = "target", "a period after the last year the document reports on"
        return
    if rd.ctx.status == "target" and rd.ctx.year is not None and r.period:
        end = r.period.split("/")[-1][:4]
        if end.isdigit() and int(end) < rd.ctx.year:
            r.status, r.why["status"] = "actual", "a period before the plan's own"
            return
    r.status = rd.ctx.status
    r.why["status"] = {"actual": "the document", "target": "a plan document"}.get(
        rd.ctx.status, "a regulation: its figures are norms"
    )
    if r.status == "rule" and not r.why.get("period", "").startswith(("the sentence", "section")):
        r.period, r.why["period"] = None, "a norm: no period unless the text gives one"
