"""``branchcheck history`` through the public CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.core.model import Answer, Checklist, Item, Section
from branchcheck.core.scoring import make_result
from branchcheck.results import storage

ROOT = Path(__file__).resolve().parents[2]
CK = Checklist(
    id="mini", version=1, title={"zh": "小表", "en": "Mini"},
    sections=(
        Section("hall", {"zh": "厅堂", "en": "Hall"}, (
            Item(id="tidy", text={"zh": "厅堂整洁", "en": "Hall tidy"}, type="check"),
            Item(id="signs", text={"zh": "标识清楚", "en": "Signs clear"}, type="check"))),
        Section("desk", {"zh": "柜面", "en": "Desk"}, (
            Item(id="greet", text={"zh": "主动问候", "en": "Greets"}, type="check"),)),
    ),
    sha256="b" * 64,
)


def add(root: Path, day: int, answers: str, reviewer: str = "张三", branch: str = "SH-001",
        ) -> Path:
    when = datetime(2024, 5, 1, 9, tzinfo=timezone(timedelta(hours=8))) + timedelta(days=day)
    values = {i.id: Answer(i.id, "pass" if a == "p" else "fail")
              for (_, i), a in zip(CK.items(), answers, strict=True)}
    r = make_result(CK, values, branch=branch, reviewer=reviewer, lang="zh",
                    started=when.isoformat(), finished=when.isoformat())
    stamp = when.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return storage.write_result(r, path=root / branch / "mini" / f"{stamp}.yaml")


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANCHCHECK_LANG", "en")  # messages do not depend on the locale


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRANCHCHECK_RESULTS", str(tmp_path))
    for day, answers in enumerate(["ppp", "fpp", "ffp", "pfp", "ppp"]):
        add(tmp_path, day, answers)
    return tmp_path


def test_text_rows_trends_and_most_failed(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["history", "--branch", "SH-001", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    dates = [ln[:10] for ln in lines if ln[:4] == "2024"]
    assert dates == ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05"]
    assert "5 result(s), 2024-05-01 → 2024-05-05" in lines[0]
    overall = next(ln for ln in lines if ln.strip().startswith("Overall") and "▁" in ln)
    assert "█▅▁▅█  50.0 – 100.0" in overall  # 100, 75, 50, 75, 100 scaled min-max
    assert "\x1b[" not in out
    failed = lines[lines.index("Most failed items (top 2)") + 3:]
    assert failed[0].split()[:3] == ["2", "5", "signs"]  # ties by id
    assert failed[1].split()[:3] == ["2", "5", "tidy"]


def test_chinese_columns_are_aligned(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from branchcheck.terminal.output import width

    assert run(["history", "-b", "SH-001", "--lang", "zh"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(ln for ln in lines if ln.startswith("日期"))
    rule = lines[lines.index(header) + 1]
    row = lines[lines.index(header) + 2]
    assert "厅堂" in header and "完成度" in header
    assert width(header) == width(rule) == width(row)


def test_json_is_chronological_data_only(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "SH-001" / "mini" / "20240701T000000000000Z.yaml").write_text("nope: [", "utf-8")
    assert run(["history", "-b", "SH-001", "-c", "mini", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    (ck,) = data["checklists"]
    assert [r["overall"] for r in ck["rows"]] == [100.0, 75.0, 50.0, 75.0, 100.0]
    assert ck["rows"][1]["sections"] == {"hall": 50.0, "desk": 100.0}
    assert [(f["id"], f["failed"]) for f in ck["most_failed"]] == [("signs", 2), ("tidy", 2)]
    assert data["skipped"][0]["path"].endswith("20240701T000000000000Z.yaml")
    assert "warning: skipped" in err and "20240701T000000000000Z.yaml:2:1:" in err


def test_since_filters(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["history", "-b", "SH-001", "--since", "2024-05-04", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["finished"][:10] for r in data["checklists"][0]["rows"]] == [
        "2024-05-04", "2024-05-05"]
    assert data["since"] == "2024-05-04"
    assert run(["history", "-b", "SH-001", "--since", "2030-01-01"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "no results of branch SH-001 since 2030-01-01" in err


def test_csv_has_bom_and_guards_cells(root: Path) -> None:
    add(root, 9, "ppp", reviewer="=HYPERLINK(\"http://x\")")
    proc = subprocess.run(
        [sys.executable, "-m", "branchcheck", "history", "-b", "SH-001", "-f", "csv"],
        capture_output=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8-sig"), newline="")))
    assert len(rows) == 6
    assert rows[-1]["reviewer"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["section:hall"] == "100" and rows[1]["section:hall"] == "50"


@pytest.mark.parametrize(("argv", "message"), [
    (["history", "-b", "SH-001", "--since", "2024-02-30"], "invalid date '2024-02-30'"),
    (["history", "-b", "SH 001"], "invalid branch id"),
    (["history", "-b", "SH-001", "-c", "Bad_Id"], "invalid checklist id"),
    (["history", "-b", "XX-999"], "no stored results for branch XX-999"),
    (["history", "-b", "SH-001", "-f", "html"], "unknown format 'html'"),
])
def test_errors(root: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                message: str) -> None:
    assert run(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Error: ") and message in err


def test_cache_option(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    kept = tmp_path / "xdg" / "branchcheck" / "history"
    assert run(["history", "-b", "SH-001", "--no-cache", "-f", "json"]) == 0
    assert not kept.exists()
    assert run(["history", "-b", "SH-001", "-f", "json"]) == 0  # on by default
    assert len(list(kept.glob("*.json"))) == 1
    assert run(["history", "-b", "SH-001", "--cache", "-f", "json"]) == 0
    assert not (root / ".cache").exists()  # never in the results folder
    capsys.readouterr()


def test_output_file(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "history.csv"
    assert run(["history", "-b", "SH-001", "-f", "csv", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfbranch,checklist,")
    assert run(["history", "-b", "SH-001", "-f", "csv", "-o", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_nothing_readable_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "SH-001" / "mini"
    folder.mkdir(parents=True)
    (folder / "20240101T000000000000Z.yaml").write_text("- a list\n", encoding="utf-8")
    assert run(["history", "-b", "SH-001", "--results-dir", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "warning: skipped" in err and "could be read" in err


def test_messages_are_chinese_in_zh(root: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (root / "SH-001" / "mini" / "20240701T000000000000Z.yaml").write_text("nope: [", "utf-8")
    target = tmp_path / "h.json"
    assert run(["history", "-b", "SH-001", "-f", "json", "-o", str(target), "--lang", "zh"]) == 0
    err = capsys.readouterr().err
    assert "警告：已跳过 " in err and "20240701T000000000000Z.yaml:2:1:" in err
    assert f"已写入 {target}" in err and "warning" not in err and "wrote" not in err
    assert run(["history", "-b", "SH-001", "--since", "2030-01-01", "--lang", "zh"]) == 0
    assert "网点 SH-001 自 2030-01-01 起没有结果" in capsys.readouterr().err
    assert run(["history", "-b", "SH-001", "--since", "2024-5-1", "--lang", "zh"]) == 2
    assert "无效的日期 '2024-5-1'" in capsys.readouterr().err
    assert run(["history", "-b", "SH-001", "-c", "nope", "--lang", "zh"]) == 2
    assert "没有网点 SH-001 的检查表 'nope' 的已保存结果" in capsys.readouterr().err
    edited = add(root, 20, "ppp")
    edited.write_text(edited.read_text(encoding="utf-8").replace("final: 100.0", "final: 90.0", 1),
                      encoding="utf-8")
    assert run(["history", "-b", "SH-001", "-f", "json", "--lang", "zh"]) == 0
    out, err = capsys.readouterr()
    assert f"警告：已跳过 {edited}: 结果似乎被手工修改过" in err
    assert str(edited) in [s["path"] for s in json.loads(out)["skipped"]]
