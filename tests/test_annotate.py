"""Pre-annotations for Label Studio and doccano, and corrected annotations back as gold."""

from __future__ import annotations

import copy
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from gold import SEEDS

from govnlp.annotate import label_studio_config, read_annotations, to_doccano, to_label_studio

SCORE = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


def govnlp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govnlp", *args], capture_output=True, text=True)


def score(task: str, gold: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(SCORE), task, "--docs", str(SEEDS), "--gold", str(gold),
         "--cmd", f"{sys.executable} -m govnlp"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


@pytest.mark.parametrize("tool", ["label-studio", "doccano"])
def test_export_then_import_unchanged_scores_1(tool: str, tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    exported = tmp_path / ("tasks.json" if tool == "label-studio" else "tasks.jsonl")
    done = govnlp("export", "--to", tool, *map(str, seeds), "-o", str(exported))
    assert done.returncode == 0, done.stderr
    gold = tmp_path / "gold"
    done = govnlp("import", str(exported), "--out", str(gold))
    assert done.returncode == 0, done.stderr
    assert len(list(gold.glob("*.quantities.jsonl"))) == len(seeds)
    if not SCORE.exists():
        pytest.skip(f"no scorer at {SCORE} (../shared is absent)")
    assert score("quantities", gold).endswith("F1 1.0000")
    assert score("indicators", gold).startswith("strict row accuracy 1.0000")


def test_a_correction_in_label_studio_reaches_the_gold() -> None:
    text = "技术合同成交额达394.28亿元，同比增长20.54%。"
    (task,) = to_label_studio([("a.txt", text)])
    result = copy.deepcopy(task["predictions"][0]["result"])
    for r in result:
        if r["id"] == "q0" and r["from_name"] == "value":
            r["value"]["text"] = ["39428000001"]
        if r["id"] == "q1" and r["from_name"] == "metric":
            r["value"]["text"] = ["技术合同成交额增速"]
    result = [r for r in result if not (r["id"] == "q1" and r["from_name"] == "change")]
    result.append({"id": "new", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": 0, "end": 4, "text": "技术合同", "labels": ["count"]}})
    task["annotations"] = [{"result": result}]
    gold = read_annotations([task])["a"]
    assert [q["value"] for q in gold["quantities"]] == [None, "39428000001", "20.54"]
    assert gold["quantities"][2]["change"] is None
    assert [r["metric"] for r in gold["indicators"]] == ["技术合同成交额", "技术合同成交额增速"]


def test_doccano_records_and_the_label_studio_config() -> None:
    (record,) = to_doccano([("a.txt", "新增企业5家")])
    assert record["label"] == [[4, 6, "count"]]
    assert record["meta"]["fields"]["4:6"]["value"] == "5"
    root = ET.fromstring(label_studio_config())
    assert {e.get("name") for e in root.iter("TextArea")} >= {"value", "unit", "metric", "period"}


def test_a_bad_export_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{\"nothing\": 1}]", encoding="utf-8")
    done = govnlp("import", str(bad), "--out", str(tmp_path / "g"))
    assert done.returncode == 2
    assert "bad.json" in done.stderr and "item 1" in done.stderr and "Traceback" not in done.stderr
    bad.write_text("[{", encoding="utf-8")
    done = govnlp("import", str(bad), "--out", str(tmp_path / "g"))
    assert done.returncode == 2 and "not JSON" in done.stderr
