"""The package imports cheaply and exposes a typed public API."""

import subprocess
import sys

import govnlp


def test_public_api_is_declared() -> None:
    for name in govnlp.__all__:
        assert hasattr(govnlp, name), name


def test_import_does_not_load_heavy_modules() -> None:
    heavy = "('opencc', 'ahocorasick', 'hanlp', 'torch')"
    code = f"import govnlp, sys; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_data_tables_are_strict() -> None:
    import pytest

    from govnlp.datafiles import read_table
    from govnlp.errors import DataFileError

    with pytest.raises(DataFileError, match=r"govnlp/data/units.tsv:\d+: header must be"):
        list(read_table("units.tsv", ("surface", "unit")))


def test_analyze_reads_everything_once_and_places_each_quantity_in_its_section() -> None:
    text = (
        "一、关于2022年工作情况\n（一）科技成果转化\n技术合同成交额达394.28亿元，坚持“三位一体”推进。\n"
        "二、关于2023年工作安排\n力争高新技术企业达到5000家。"
    )
    doc = govnlp.analyze(text)
    assert [(q.text, doc.section_path(q)) for q in doc.quantities] == [
        ("394.28亿元", ("关于2022年工作情况", "科技成果转化")),
        ("5000家", ("关于2023年工作安排",)),
    ]
    assert "高新技术企业" in [t.canonical for t in doc.terms]
    for t in doc.terms:
        assert text[t.start : t.end] == t.text
    d = doc.to_dict()
    assert d["quantities"][1]["section"] == ["关于2023年工作安排"]
