"""``branchcheck results`` end to end: order, filters, limits, broken and tampered files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from branchcheck.cli import run

DATA = Path(__file__).resolve().parents[1] / "data"
CHECKLIST = str(DATA / "scoring" / "weights.yaml")
BASE = DATA / "answers" / "weights-base.yaml"
KNOCKOUTS = DATA / "answers" / "weights-knockouts.yaml"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # English messages unless --lang says otherwise
    monkeypatch.setenv("NO_COLOR", "1")


def results(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["results", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, list[Path]]:
    """Four results, written in this order: SH-001 base, BJ-002 base, SH-001 knockouts,
    and one of another checklist id (a copy of the same file under a different id)."""
    root = tmp_path / "results"
    paths: list[Path] = []
    for answers, branch in ((BASE, "SH-001"), (BASE, "BJ-002"), (KNOCKOUTS, "SH-001")):
        assert run(["score", CHECKLIST, "-a", str(answers), "-b", branch, "--results-dir",
                    str(root)]) == 0
        _, err = capsys.readouterr()
        paths.append(Path(err.split("Result saved: ")[1].strip()))
    other = tmp_path / "other.yaml"
    other.write_text(Path(CHECKLIST).read_text(encoding="utf-8").replace(
        "id: weights-demo", "id: other-list"), encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text(BASE.read_text(encoding="utf-8").replace(
        "checklist: weights-demo", "checklist: other-list"), encoding="utf-8")
    assert run(["score", str(other), "-a", str(answers), "--results-dir", str(root)]) == 0
    _, err = capsys.readouterr()
    paths.append(Path(err.split("Result saved: ")[1].strip()))
    return root, paths


def test_json_listing_newest_first(store: tuple[Path, list[Path]],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    root, paths = store
    code, out, err = results(capsys, "--results-dir", str(root), "--format", "json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert [r["path"] for r in rows] == [str(p) for p in reversed(paths)]
    first = rows[1]  # the knockout result
    assert first["branch"] == "SH-001"
    assert first["checklist"] == {"id": "weights-demo", "version": 1}
    assert first["reviewer"] == "王芳"
    assert first["overall"]["final"] == 0.0
    assert first["overall"]["raw"] == pytest.approx((60 + 2 * 800 / 15 + 300) / 6)
    assert first["grade"] == {"zh": "不合格（一票否决）", "en": "Fail (red line)"}
    assert first["coverage"] == 1.0 and first["complete"] is True
    assert first["error"] is None and first["tampered"] is False
    assert rows[3]["complete"] is False and rows[3]["grade"]["en"] == "Good"


def test_filters_and_limit(store: tuple[Path, list[Path]],
                           capsys: pytest.CaptureFixture[str]) -> None:
    root, paths = store
    _, out, _ = results(capsys, "--results-dir", str(root), "-f", "json", "--branch", "SH-001")
    assert [r["path"] for r in json.loads(out)] == [str(paths[3]), str(paths[2]), str(paths[0])]
    _, out, _ = results(capsys, "--results-dir", str(root), "-f", "json",
                        "--checklist", "weights-demo")
    assert [r["path"] for r in json.loads(out)] == [str(paths[2]), str(paths[1]), str(paths[0])]
    _, out, _ = results(capsys, "--results-dir", str(root), "-f", "json", "--branch", "BJ-002",
                        "--checklist", "weights-demo")
    assert [r["path"] for r in json.loads(out)] == [str(paths[1])]
    _, out, _ = results(capsys, "--results-dir", str(root), "-f", "json", "--limit", "2")
    assert [r["path"] for r in json.loads(out)] == [str(paths[3]), str(paths[2])]
    # A branch or checklist with nothing stored is an error naming the near ones, never
    # an empty "all clear" listing.
    code, out, err = results(capsys, "--results-dir", str(root), "-f", "json", "--branch",
                             "SH-01")
    assert (code, out) == (2, "")
    assert "no stored results for branch SH-01" in err and "did you mean SH-001?" in err
    code, out, err = results(capsys, "--results-dir", str(root), "--branch", "XX-9",
                             "--lang", "zh")
    assert (code, out) == (2, "") and "没有网点 XX-9 的已保存结果" in err
    assert "已有记录的网点：BJ-002、SH-001" in err  # nothing near: the stored ones
    code, out, err = results(capsys, "--results-dir", str(root), "--checklist", "weights-dem")
    assert (code, out) == (2, "") and "did you mean weights-demo?" in err


def test_text_listing(store: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str]) -> None:
    root, paths = store
    code, out, _ = results(capsys, "--results-dir", str(root), "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["Date", "Branch", "Checklist", "Source", "Reviewer"]
    body = [ln for ln in lines[2:] if ln.strip()]
    assert len(body) == 4
    assert str(paths[2]) in body[1] and "SH-001" in body[1] and "weights-demo v1" in body[1]
    assert "0.0" in body[1] and "Fail (red line)" in body[1] and "100%" in body[1]
    assert "75.6" in body[3] and "Good" in body[3] and "92%" in body[3] and " no " in body[3]
    # long paths are never cut in a pipe
    assert all(str(p) in out for p in paths)


def test_text_listing_in_chinese(store: tuple[Path, list[Path]],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = store
    code, out, _ = results(capsys, "--results-dir", str(root), "--lang", "zh")
    assert code == 0
    assert out.splitlines()[0].split()[:5] == ["日期", "网点", "检查表", "检查来源", "检查人"]
    assert "自查" in out and "王芳" in out and "良好" in out and "不合格（一票否决）" in out


def test_tampered_and_unreadable_files_are_marked(store: tuple[Path, list[Path]],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root, paths = store
    victim = paths[0]
    data = yaml.safe_load(victim.read_text(encoding="utf-8"))
    text = victim.read_text(encoding="utf-8")
    old = f"  final: {data['overall']['final']!r}\n"
    assert old in text
    victim.write_text(text.replace(old, "  final: 100.0\n", 1), encoding="utf-8")
    junk = root / "SH-001" / "weights-demo" / "20000101T000000000000Z.yaml"
    junk.write_text("- not\n- a result\n", encoding="utf-8")

    code, out, err = results(capsys, "--results-dir", str(root), "--lang", "en")
    assert code == 0
    lines = {ln.split()[-1]: ln for ln in out.splitlines() if ln.strip().endswith(".yaml")}
    assert "TAMPERED" in lines[str(victim)]
    assert "UNREADABLE" in lines[str(junk)] and "2000-01-01 00:00Z" in lines[str(junk)]
    assert "TAMPERED" not in lines[str(paths[1])]
    assert f"Warning: {victim}: result looks hand-edited" in err
    assert f"Warning: {junk}:1:1: top level must be a mapping" in err

    code, out, _ = results(capsys, "--results-dir", str(root), "-f", "json")
    rows = {r["path"]: r for r in json.loads(out)}
    assert rows[str(victim)]["tampered"] is True and "hand-edited" in rows[str(victim)]["error"]
    assert rows[str(junk)]["tampered"] is False and rows[str(junk)]["error"]
    assert rows[str(paths[1])]["error"] is None


def test_empty_or_missing_results_dir(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = results(capsys, "--results-dir", str(tmp_path / "none"))
    assert code == 0 and out == "" and "No results stored" in err
    code, out, _ = results(capsys, "--results-dir", str(tmp_path / "none"), "-f", "json")
    assert code == 0 and json.loads(out) == []


def test_env_results_dir(store: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    root, paths = store
    monkeypatch.setenv("BRANCHCHECK_RESULTS", str(root))
    _, out, _ = results(capsys, "-f", "json")
    assert len(json.loads(out)) == len(paths)


@pytest.mark.parametrize(("args", "message"), [
    (["--branch", "../x"], "invalid branch id"),
    (["--checklist", "../x"], "invalid checklist id"),
    (["--format", "xml"], "unknown format"),
    (["--limit", "0"], "--limit"),
])
def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                      args: list[str], message: str) -> None:
    code, out, err = results(capsys, "--results-dir", str(tmp_path), *args)
    assert code == 2 and out == ""
    assert message in err


def test_result_moved_to_another_branch_folder_is_marked(
    store: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, paths = store
    moved = root / "GZ-009" / "weights-demo" / paths[0].name
    moved.parent.mkdir(parents=True)
    moved.write_bytes(paths[0].read_bytes())  # an SH-001 result filed under GZ-009
    code, out, err = results(capsys, "--results-dir", str(root), "--branch", "GZ-009",
                             "-f", "json")
    assert code == 0
    (row,) = json.loads(out)
    assert row["tampered"] is True and row["error"] and "SH-001" in row["error"]
    assert (f"Warning: {moved}: stored under GZ-009/weights-demo but is a result of "
            "weights-demo for branch SH-001") in err
    code, out, err = results(capsys, "--results-dir", str(root), "--branch", "GZ-009",
                             "--lang", "zh")
    assert "被篡改" in out
    assert f"{moved}：存放在 GZ-009/weights-demo 下，但它是网点 SH-001 的" in err


def test_messages_in_chinese(store: tuple[Path, list[Path]], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    root, paths = store
    victim = paths[0]
    data = yaml.safe_load(victim.read_text(encoding="utf-8"))
    data["coverage"] = 0.5
    victim.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, err = results(capsys, "--results-dir", str(root), "--lang", "zh")
    assert code == 0
    assert (f"警告：{victim}：结果似乎被手工修改过：分数与答案、检查表或签名不符："
            "完成度 0.5 与各项不符") in err
    for english in ("hand-edited", "does not match", "TAMPERED"):
        assert english not in out + err
    code, out, err = results(capsys, "--results-dir", str(tmp_path / "none"), "--lang", "zh")
    assert code == 0 and out == "" and err == f"{tmp_path / 'none'} 下没有保存的结果\n"
    code, out, err = results(capsys, "--results-dir", str(root), "--branch", "../x",
                             "--lang", "zh")
    assert code == 2 and "网点编号 '../x' 无效" in err
