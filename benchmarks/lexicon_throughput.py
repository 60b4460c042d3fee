# ruff: noqa: E501, SIM905
"""Lexicon matching throughput and load time (issue 5): run from the repository root.

    PYTHONPATH=$PWD python benchmarks/lexicon_throughput.py [LEXICON.tsv ...]

The lexicon is the bundled one (or the given files), padded with generated program
names (place × stem, e.g. 营口英才计划) to at least 5,000 surface forms, as a real
lexicon of that size would be: mostly names that share their first characters with
ordinary text and occur rarely. The text is the benchmark corpus sample
(``benchmarks/corpus.txt``, read from ``../shared/corpus/docs``; 2.9 M characters). Reported: the best of 5 passes (the
machine is shared; the best pass is the least disturbed one):

* ``scan``: the automaton and the longest-leftmost filter alone, on normalized text;
* ``match``: :meth:`Lexicon.find_normalized` on text that is already normalized (the
  scan plus the TermMatch objects and their offsets);
* ``find``: :meth:`Lexicon.find` on the raw text (normalization included);
* ``load``: reading, checking and indexing the TSV; ``build``: the automaton.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import sample_files
from govnlp.lexicon import COLUMNS, Lexicon, bundled_files, normalize_for_matching

PLACES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
    "四川 贵州 云南 陕西 甘肃 青海 内蒙古 广西 西藏 宁夏 新疆 石家庄 太原 沈阳 大连 长春 哈尔滨 南京 苏州 "
    "无锡 杭州 宁波 温州 合肥 福州 厦门 南昌 济南 青岛 郑州 武汉 长沙 广州 深圳 珠海 佛山 东莞 海口 成都 "
    "贵阳 昆明 西安 兰州 西宁 银川 乌鲁木齐 呼和浩特 南宁 拉萨 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 "
    "盘锦 铁岭 朝阳 葫芦岛 吉林市 四平 通化 白山 松原 延边 齐齐哈尔 牡丹江 佳木斯 大庆 鸡西 鹤岗 徐州 常州 "
    "南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 芜湖 蚌埠 淮南 "
    "马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 莆田 三明 泉州 漳州 南平 龙岩 宁德 "
    "景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 "
    "临沂 德州 聊城 滨州 菏泽 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 "
    "周口 驻马店 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 株洲 湘潭 衡阳 邵阳 岳阳 常德 "
    "张家界 益阳 郴州 永州 怀化 娄底 韶关 汕头 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 中山 "
    "潮州 揭阳 云浮 柳州 桂林 梧州 北海 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 宜宾 遵义 "
    "曲靖 玉溪 宝鸡 咸阳 渭南 延安 汉中 榆林 天水 运城 大同 长治 晋城 临汾"
).split()
STEMS = (
    "英才计划 人才工程 创新行动 科技攻关计划 产业振兴工程 数字经济行动计划 营商环境攻坚行动 "
    "专精特新培育工程 科技型企业倍增计划 高层次人才引进计划 乡村振兴示范工程 城市更新行动 "
    "制造业高质量发展行动 科技成果转化行动 双创示范基地 创新驱动发展战略 开放合作行动 "
    "产业链链长制 首席服务官制度 惠企政策直达机制 青年人才驿站 技术转移示范机构 产学研合作联盟 "
    "重点实验室建设工程 揭榜挂帅项目 瞪羚企业培育计划 雏鹰企业培育计划 独角兽企业培育工程 "
    "百千万工程 十大产业集群 三年行动计划 五年行动方案 民生实事工程 品质提升行动 绿色低碳行动 "
    "智慧城市建设工程 新基建行动 夜经济提升行动 老字号振兴工程 工业互联网赋能行动"
).split()


def padded_rows(lex: Lexicon, at_least: int) -> list[str]:
    rows = [
        "\t".join(
            (
                r.id,
                r.surface,
                r.canonical,
                r.category,
                r.scope,
                r.region,
                str(r.first_year or 2020),
                r.source or "x.txt",
                r.gloss,
            )
        )
        for r in lex.rows
    ]
    for i, (place, stem) in enumerate(itertools.product(PLACES, STEMS)):
        if len(rows) >= at_least:
            break
        name = place + stem
        if name not in lex:
            rows.append(f"gen-{i}\t{name}\t{name}\tprogram\tlocal\t{place}\t2020\tx.txt\t")
    return rows


def timed(fn, passes=5):  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _ in range(passes):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main(argv: list[str]) -> None:
    files = argv or [str(f) for f in bundled_files()]
    base = Lexicon.load(files) if files else Lexicon([])
    text = "".join(p.read_text("utf-8") for p in sorted(sample_files()))
    view = normalize_for_matching(text)[0]
    with tempfile.TemporaryDirectory() as d:
        for label, rows in (("curated", padded_rows(base, 0)), ("padded", padded_rows(base, 5000))):
            path = Path(d) / f"{label}.tsv"
            path.write_text("\t".join(COLUMNS) + "\n" + "\n".join(rows) + "\n", "utf-8")
            load, lex = timed(lambda: Lexicon.load(path))  # noqa: B023
            build, _ = timed(lambda: Lexicon.load(path).find("热身"), passes=3)  # noqa: B023
            scan, _ = timed(lambda: lex.spans_normalized(view))  # noqa: B023
            match, found = timed(lambda: lex.find_normalized(view))  # noqa: B023
            find, _ = timed(lambda: lex.find(text), passes=3)  # noqa: B023
            forms = len(lex.match_forms())
            print(
                f"{label}: {len(lex)} concepts, {forms} surface forms; text {len(text):,} chars; "
                f"{len(found):,} matches\n"
                f"  load {load * 1e3:.1f} ms, load+build {build * 1e3:.1f} ms\n"
                f"  scan (normalized text) {len(view) / scan / 1e6:.1f} M chars/s\n"
                f"  match (normalized text) {len(view) / match / 1e6:.1f} M chars/s\n"
                f"  find (raw text, normalization included) {len(text) / find / 1e6:.2f} M chars/s"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
