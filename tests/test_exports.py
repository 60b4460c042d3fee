"""Tables that behave as tables: fixed CSV columns, numbers as numbers, xlsx, Parquet decimals."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from gold import SEEDS

from govnlp import extract_indicators, extract_quantities, to_dataframe
from govnlp.exports import COLUMNS, frame, sentence_of

SEED = SEEDS / "003_5c4221fe6f0a1c0c.txt"


def govnlp(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "govnlp", *args], capture_output=True)


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("task", ["quantities", "indicators"])
def test_xlsx_has_the_rows_of_the_csv(task: str, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    as_csv = govnlp(task, str(SEED), "--format", "csv")
    assert as_csv.returncode == 0, as_csv.stderr
    book = tmp_path / "out.xlsx"
    book.write_bytes(govnlp(task, str(SEED), "--format", "xlsx").stdout)
    sheet = openpyxl.load_workbook(book)[task]
    lines = list(sheet.iter_rows(values_only=True))
    rows = read_csv(as_csv.stdout)
    assert list(lines[0]) == list(rows[0]) == COLUMNS[task]
    assert len(lines) - 1 == len(rows) > 20
    for line, row in zip(lines[1:], rows, strict=True):
        for name, got in zip(lines[0], line, strict=True):
            want = row[name]
            if name in ("value", "value_max") and want:
                assert isinstance(got, (int, float)) or "/" in want
                assert Fraction(str(got)) == Fraction(want)
            else:
                assert ("" if got is None else str(got)) == want, (name, got, want)
    widths = {c: sheet.column_dimensions[c].width for c in "ABCD"}
    assert widths["D"] >= 20  # the text column is wide


def test_csv_columns_are_fixed_and_an_empty_result_has_its_header() -> None:
    empty = subprocess.run(
        [sys.executable, "-m", "govnlp", "quantities", "-", "--format", "csv"],
        input="没有数字".encode(),
        capture_output=True,
    )
    assert empty.stdout.decode().splitlines() == [",".join(COLUMNS["quantities"])]
    excel = subprocess.run(
        [sys.executable, "-m", "govnlp", "quantities", "-", "--format", "csv", "--excel"],
        input="增长5%".encode(),
        capture_output=True,
    )
    assert excel.stdout.startswith("\ufeff".encode())
    assert read_csv(excel.stdout)[0]["value"] == "5"


def test_dataframe_values_are_numbers_beside_exact_strings() -> None:
    pytest.importorskip("pandas")
    df = to_dataframe(extract_quantities("三分之一的企业，投资1.5亿元，增长5%"))
    assert df.value.dtype == "float64"
    assert list(df.value_exact) == ["1/3", "150000000", "5"]
    assert float(df.value.sum()) == pytest.approx(1 / 3 + 150000000 + 5)
    empty = frame([], "quantities")
    assert list(empty.columns[:4]) == ["file", "start", "end", "text"]


def test_parquet_values_are_exact_decimals(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    doc = tmp_path / "docs" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("三分之一的企业，投资1.5亿元，增长20.54%，约3万人", encoding="utf-8")
    from govnlp.runs import run

    run([str(doc.parent)], str(tmp_path / "out"), tasks=["quantities"], fmt="parquet", log=io.StringIO())
    table = pq.read_table(tmp_path / "out" / "quantities.parquet")
    assert pa.types.is_decimal(table.schema.field("value").type)
    rows = table.to_pylist()
    assert [r["value_exact"] for r in rows] == ["1/3", "150000000", "20.54", "30000"]
    assert rows[0]["value"] is None  # 1/3 has no exact decimal: its exact form is the string
    assert rows[2]["value"] == Decimal("20.54")


def test_indicator_rows_carry_their_sentence() -> None:
    text = SEED.read_text(encoding="utf-8")
    done = govnlp("indicators", str(SEED), "--format", "csv")
    for row in read_csv(done.stdout):
        start, end = int(row["start"]), int(row["end"])
        assert row["text"] in row["sentence"]
        a, b = sentence_of(text, start, end)
        assert text[a:b] == row["sentence"] and a <= start and end <= b
    assert len(extract_indicators(text)) == len(read_csv(done.stdout))


def test_a_corpus_run_writes_one_workbook_with_a_sheet_per_task(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from govnlp.runs import run

    run([str(SEED)], str(tmp_path / "out"), tasks=["quantities", "indicators"], fmt="xlsx", log=io.StringIO())
    book = openpyxl.load_workbook(tmp_path / "out" / "results.xlsx")
    assert book.sheetnames == ["quantities", "indicators", "errors"]
    n = len(extract_quantities(SEED.read_text(encoding="utf-8")))
    assert book["quantities"].max_row == n + 1
    header = [c.value for c in book["indicators"][1]]
    assert header[: len(COLUMNS["indicators"]) - 1] == COLUMNS["indicators"][:-1]
    assert "sentence" in header
