"""The lexicon: strict loading with file:line errors, longest-leftmost matching, exports."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from helpers import assert_spans_point_into
from hypothesis import given, settings
from hypothesis import strategies as st

import govnlp.lexicon
from govnlp.engines import available
from govnlp.errors import LexiconError
from govnlp.lexicon import (
    COLUMNS,
    Lexicon,
    TermMatch,
    _matching_cuts,
    _new_term_match,
    matching_view,
)
from govnlp.spans import EditColumns, rewrite

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "lexicon" / "fixture.tsv"
SEEDS = DATA / "seeds"
HEADER = "\t".join(COLUMNS)


@pytest.fixture(scope="module", params=available(), autouse=True)
def engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every test here runs once with each engine installed: the lexicons it builds use it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(govnlp.lexicon, "default_engine", lambda: request.param)
        yield request.param


@pytest.fixture(scope="module")
def lex(engine: str) -> Lexicon:
    loaded = Lexicon.load(FIXTURE)
    assert loaded.engine == engine
    return loaded


def terms(*surfaces: str) -> Lexicon:
    """A lexicon with one concept per surface (category slogan)."""
    return Lexicon.from_rows((f"t{i}", s, s, "slogan") for i, s in enumerate(surfaces))


# --------------------------------------------------------------------------- loading


def test_fixture_loads(lex: Lexicon) -> None:
    assert len(lex) == 22
    assert lex.concepts["shuangtan"].surfaces == ("碳达峰碳中和", "碳达峰、碳中和")
    assert lex.concepts["xingshen-yingcai"].region == "沈阳"
    assert lex.concepts["fangguanfu"].gloss == "简政放权、放管结合、优化服务"
    assert "enterprise-tier" in lex.categories and "campaign" not in lex.categories
    assert "揭榜挂帅" in lex and "“揭榜挂帅”" in lex and "揭榜" not in lex
    assert lex.lookup("碳达峰、碳中和") is lex.concepts["shuangtan"]


def test_load_a_folder_and_several_files(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(
        HEADER + "\nx\t两个维护\t两个维护\tslogan\tcentral\t\t2019\ta.txt\t\n", "utf-8"
    )
    (tmp_path / "b.tsv").write_text(
        HEADER + "\ny\t四个面向\t四个面向\tslogan\tcentral\t\t2020\tb.txt\t\n", "utf-8"
    )
    assert set(Lexicon.load(tmp_path).concepts) == {"x", "y"}
    assert len(Lexicon.load([tmp_path / "a.tsv", FIXTURE])) == 23


GOOD = "x\t两个维护\t两个维护\tslogan\tcentral\t\t2019\ta.txt\t坚决维护核心"


@pytest.mark.parametrize(
    ("lines", "line", "problem"),
    [
        (["id\tsurface\tcanonical"], 1, "header"),
        ([HEADER, "x\t两个维护\t两个维护\tslogan"], 2, "expected 9 tab-separated columns"),
        ([HEADER, GOOD.replace("slogan", "motto")], 2, "unknown category 'motto'"),
        ([HEADER, GOOD.replace("central", "national")], 2, "scope must be central or local"),
        ([HEADER, GOOD.replace("2019", "19")], 2, "4-digit year"),
        ([HEADER, GOOD.replace("2019", "")], 2, "first_year is empty"),
        ([HEADER, GOOD.replace("a.txt", "")], 2, "source must be a corpus file name"),
        ([HEADER, GOOD.replace("a.txt", "docs/a.txt")], 2, "source must be a corpus file name"),
        ([HEADER, "x\t\t两个维护\tslogan\tcentral\t\t2019\ta.txt\t"], 2, "surface is empty"),
        ([HEADER, "x\t“”\t两个维护\tslogan\tcentral\t\t2019\ta.txt\t"], 2, "only quotes"),
        ([HEADER, GOOD.replace("两个维护\t", " 两个维护\t", 1)], 2, "leading or trailing"),
        ([HEADER, "# comment", "", GOOD, GOOD], 5, "already listed (line 4)"),
        (
            [HEADER, GOOD, "x\t“两个维护”\t两个维护\tslogan\tcentral\t\t2019\ta.txt\t"],
            3,
            "already listed",
        ),
        (
            [HEADER, GOOD, "y\t两个维护\t维护\tslogan\tcentral\t\t2019\ta.txt\t"],
            3,
            "already listed under id 'x'",
        ),
        (
            [HEADER, GOOD, "x\t两个坚决维护\t坚决维护\tslogan\tcentral\t\t2019\ta.txt\t"],
            3,
            "id 'x' has canonical '两个维护'",
        ),
        (
            [HEADER, GOOD, "x\t两个坚决维护\t两个维护\tconcept\tcentral\t\t2019\ta.txt\t"],
            3,
            "id 'x' has category 'slogan'",
        ),
        (
            [HEADER, GOOD, "y\t两个坚决维护\t两个维护\tslogan\tcentral\t\t2019\ta.txt\t"],
            3,
            "canonical '两个维护' already belongs to id 'x'",
        ),
    ],
)
def test_malformed_rows_name_file_and_line(
    tmp_path: Path, lines: list[str], line: int, problem: str
) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(LexiconError) as info:
        Lexicon.load(path)
    assert info.value.line == line
    assert problem in info.value.problem
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_trimmed_trailing_gloss_tab_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text(HEADER + "\r\n" + GOOD.rsplit("\t", 1)[0] + "\r\n", "utf-8")
    assert Lexicon.load(path).concepts["x"].gloss == ""


def test_bad_bytes_and_duplicates_across_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_bytes((HEADER + "\n" + GOOD + "\n").encode() + b"y\t\xff\n")
    with pytest.raises(LexiconError, match=r"bad\.tsv:3: not valid UTF-8"):
        Lexicon.load(bad)
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    a.write_text(HEADER + "\n" + GOOD + "\n", "utf-8")
    b.write_text(
        HEADER
        + "\n#\n"
        + GOOD.replace("x\t", "z\t", 1).replace("\t两个维护\tslogan", "\t两个坚决维护\tslogan")
        + "\n",
        "utf-8",
    )
    with pytest.raises(LexiconError, match=r"b\.tsv:3: .*already listed under id 'x'"):
        Lexicon.load([a, b])
    with pytest.raises(LexiconError, match="no such lexicon file"):
        Lexicon.load(tmp_path / "missing.tsv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(LexiconError, match=r"no \*\.tsv"):
        Lexicon.load(tmp_path / "empty")


# -------------------------------------------------------------------------- matching


def test_longest_leftmost_non_overlapping() -> None:
    lex = terms("ab", "abcd", "bcde", "c", "de")
    assert [m.text for m in lex.find("xabcdex")] == ["abcd"]
    assert [m.text for m in lex.find("abcde")] == ["abcd"]
    assert [m.text for m in lex.find("bcde")] == ["bcde"]
    assert [(m.start, m.end) for m in lex.find("abcab")] == [(0, 2), (2, 3), (3, 5)]


def test_the_case_iter_long_gets_wrong() -> None:
    # pyahocorasick's iter_long() returns nothing here (upstream issue #133).
    lex = terms("国家知识产权局", "知识产权")
    assert [m.text for m in lex.find("强化国家知识产权保护")] == ["知识产权"]


def test_program_name_hides_the_tier_inside_it(lex: Lexicon) -> None:
    text = "实施高新技术企业倍增计划，培育高新技术企业和瞪羚企业。"
    assert [(m.text, m.category) for m in lex.find(text)] == [
        ("高新技术企业倍增计划", "program"),
        ("高新技术企业", "enterprise-tier"),
        ("瞪羚企业", "enterprise-tier"),
    ]
    assert [m.text for m in lex.find(text, categories=["program"])] == ["高新技术企业倍增计划"]
    with pytest.raises(ValueError, match="unknown categories: programme"):
        lex.find(text, categories=["programme"])


def test_matches_across_line_breaks_and_quotes(lex: Lexicon) -> None:
    text = "深化“放管\n服”改革，推进“碳达峰、碳中和”，实施“揭榜挂帅”「三位一体」。"
    found = lex.find(text)
    assert [m.canonical for m in found] == ["放管服", "碳达峰碳中和", "揭榜挂帅", "三位一体"]
    assert found[0].text == "放管\n服"
    assert_spans_point_into(text, found)


def test_quotes_inside_a_surface() -> None:
    lex = Lexicon.from_rows(
        [
            ("xjr", "专精特新“小巨人”企业", "专精特新小巨人企业", "enterprise-tier"),
            ("sw", "“十四五”规划", "十四五规划", "plan"),
        ]
    )
    text = "培育专精特新小巨人企业，编制十四五规划和“十四五”规划；专精特新“小巨人”企业"
    found = lex.find(text)
    assert [m.id for m in found] == ["xjr", "sw", "sw", "xjr"]
    assert [m.text for m in found][2:] == ["十四五”规划", "专精特新“小巨人”企业"]
    assert_spans_point_into(text, found)


def test_offsets_point_into_the_original_seeds(lex: Lexicon) -> None:
    total = 0
    for path in sorted(SEEDS.glob("*.txt")):
        source = path.read_text("utf-8")
        found = lex.find(source)
        assert_spans_point_into(source, found)
        total += len(found)
    assert total > 100
    seed003 = (SEEDS / "003_5c4221fe6f0a1c0c.txt").read_text("utf-8")
    assert "揭\n榜挂帅" in [m.text for m in lex.find(seed003)]


def test_find_in_a_normalized_document_equals_find(lex: Lexicon) -> None:
    from govnlp import normalize

    for path in sorted(SEEDS.glob("*.txt")):
        source = path.read_text("utf-8")
        assert lex.find_in(normalize(source)) == lex.find(source)


def test_find_normalized_keeps_clean_offsets(lex: Lexicon) -> None:
    clean = "推进教育、科技、人才“三位一体”发展，编制“十四五”规划。"
    found = lex.find_normalized(clean)
    assert [(m.start, m.end, m.text) for m in found] == [(11, 15, "三位一体"), (22, 25, "十四五")]
    assert_spans_point_into(clean, found)


def test_characters_beyond_the_bmp(tmp_path: Path) -> None:
    lex = terms("揭榜挂帅", "放管服")
    text = "𠮷𠮷揭榜挂帅😀放管服𠀀"
    found = lex.find(text)
    assert [m.text for m in found] == ["揭榜挂帅", "放管服"]
    assert_spans_point_into(text, found)
    path = tmp_path / "t.tsv"
    path.write_text(HEADER + "\n" + GOOD.replace("两个维护\t", "𠮷维护\t", 1) + "\n", "utf-8")
    with pytest.raises(LexiconError, match=r"t\.tsv:2: .*beyond U\+FFFF"):
        Lexicon.load(path)


def test_empty_lexicon_and_empty_text(lex: Lexicon) -> None:
    assert Lexicon([]).find("揭榜挂帅") == []
    assert lex.find("") == []
    assert len(Lexicon([])) == 0


def test_term_match_is_frozen_and_serializable() -> None:
    m = TermMatch(0, 3, "放管服", "fangguanfu", "放管服", "reform")
    assert json.loads(json.dumps(m.to_dict(), ensure_ascii=False))["text"] == "放管服"
    with pytest.raises(AttributeError):
        m.start = 1  # type: ignore[misc]


def reference(keys: set[str], text: str) -> list[tuple[int, int]]:
    """Forward maximum matching by brute force."""
    spans, i = [], 0
    while i < len(text):
        ends = [j for j in range(i + 1, len(text) + 1) if text[i:j] in keys]
        if ends:
            spans.append((i, ends[-1]))
            i = ends[-1]
        else:
            i += 1
    return spans


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text("甲乙丙a", min_size=1, max_size=5), min_size=1, max_size=12),
    st.text("甲乙丙a", max_size=40),
)
def test_matches_brute_force_forward_maximum_matching(keys: set[str], text: str) -> None:
    lex = terms(*sorted(keys))
    assert [(m.start, m.end) for m in lex.find_normalized(text)] == reference(keys, text)


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text("甲乙丙", min_size=1, max_size=4), min_size=1, max_size=10),
    st.text(st.sampled_from(list("甲乙丙“”「」\n a")), max_size=40),
)
def test_matches_step_over_quote_marks_as_the_views_map_does(keys: set[str], text: str) -> None:
    # the matcher steps over the cuts while it chooses the matches; the view's own
    # EditMap, position by position, is the reference
    lex = terms(*sorted(keys))
    view, back = matching_view(text)
    expected = [back.to_source(a, b) for a, b in reference(keys, view)]
    assert [(m.start, m.end) for m in lex.find_normalized(text)] == expected
    assert list(zip(*lex.spans_normalized(text), strict=True)) == expected


cjk_soup = st.text(
    st.sampled_from(list("揭榜挂帅放管服碳达峰中和、“”‘’「」\n \u3000１２３４ａＡ.%**#-—")),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(cjk_soup, st.text(max_size=60)))
def test_any_text_gives_sorted_disjoint_spans_in_bounds(text: str) -> None:
    lex = Lexicon.from_rows(
        [
            ("a", "揭榜挂帅", "揭榜挂帅", "reform"),
            ("b", "放管服", "放管服", "reform"),
            ("c", "碳达峰、碳中和", "碳达峰碳中和", "slogan"),
            ("c", "碳达峰碳中和", "碳达峰碳中和", "slogan"),
            ("d", "和", "和", "concept"),
        ]
    )
    found = lex.find(text)
    assert_spans_point_into(text, found)
    assert all(m.start < m.end for m in found)


def test_fast_term_match_is_a_term_match() -> None:
    m = _new_term_match(0, 3, "放管服", "fangguanfu", "放管服", "reform")
    assert m == TermMatch(0, 3, "放管服", "fangguanfu", "放管服", "reform")
    assert type(m) is TermMatch and hash(m) == hash(TermMatch(*m.to_dict().values()))
    with pytest.raises(AttributeError):
        m.start = 1  # type: ignore[misc]


@st.composite
def edited_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]], list[int]]:
    """A text, sorted disjoint replacements of it, and sorted cut points of the result."""
    text = draw(st.text("ab", max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    reps = [
        (a, b, draw(st.text("xy", max_size=3)))
        for a, b in zip(cuts[::2], cuts[1::2], strict=False)
        if a != b or draw(st.booleans())
    ]
    out = rewrite(text, reps)[0]
    points = sorted(draw(st.lists(st.integers(0, len(out)), max_size=16)))
    return text, reps, points


@settings(max_examples=500, deadline=None)
@given(edited_spans(), st.booleans())
def test_mapping_all_spans_at_once_equals_one_by_one(
    case: tuple[str, list[tuple[int, int, str]], list[int]], touching: bool
) -> None:
    text, reps, points = case
    m = rewrite(text, reps)[1]
    # consecutive cut points: spans in order, disjoint or touching, some empty
    pairs = list(itertools.pairwise(points))
    if not touching:
        pairs = pairs[::2]
    starts, ends = [a for a, _ in pairs], [b for _, b in pairs]
    assert list(zip(*m.columns.spans_to_source(starts, ends), strict=True)) == [
        m.to_source(a, b) for a, b in pairs
    ]


VIEW = regex.compile("[\"'“”‘’「」『』〝〞〟＂＇]+|(?<=\\p{Han})\n(?=\\p{Han})")


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("甲乙a1\n“”‘’「」『』〝〞〟＂＇'\" \u3000")), max_size=40))
def test_the_matchers_cuts_are_the_matching_view(text: str) -> None:
    # the view's definition, in one pattern: quote marks and line breaks inside Han
    reference = rewrite(text, [(*m.span(), "") for m in VIEW.finditer(text)])
    view, cuts = _matching_cuts(text)
    assert view == reference[0] == matching_view(text)[0]
    assert EditColumns.deleting(cuts) == reference[1].columns == matching_view(text)[1].columns


# --------------------------------------------------------------------------- exports


def test_jieba_lines(lex: Lexicon) -> None:
    lines = lex.to_jieba()
    assert "揭榜挂帅 nz" in lines
    assert not any("、" in line for line in lines)  # jieba cuts on 、: cannot keep it whole
    assert len(lines) == 22
    assert lex.to_jieba(freq=100, tag="n")[0] == "揭榜挂帅 100 n"
    with pytest.raises(ValueError, match="jieba tag"):
        lex.to_jieba(tag="enterprise-tier")


def test_spacy_patterns(lex: Lexicon) -> None:
    patterns = lex.to_spacy_patterns()
    assert {"label": "slogan", "pattern": "碳达峰、碳中和", "id": "shuangtan"} in patterns
    assert len(patterns) == 23
    for p in patterns:
        assert json.loads(json.dumps(p, ensure_ascii=False)) == p
