"""``branchcheck run`` end to end with answers piped on stdin (subprocess), plus a
few in-process runs through ``branchcheck.cli.run`` (the single error handler)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.checklists.loading import load_checklist
from branchcheck.cli import run as cli_run
from branchcheck.core.model import Answer, Result
from branchcheck.core.scoring import score
from branchcheck.results import storage
from branchcheck.results.drafts import DRAFT_NAME

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "valid" / "issue-example.yaml"
ID = "example-branch-check"
# hall-tidy, has-atm, atm-working (when has-atm = pass), greeting-quality, product-choice,
# no-misleading-sales, answer-15s, remarks
HAPPY = ["y", "y", "y", "4", "a", "y", "90", "all fine"]


def env(**extra: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items()
         if k not in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG")}
    e.update(NO_COLOR="1", BRANCHCHECK_REVIEWER="tester", **extra)
    return e


def bc(tmp_path: Path, lines: list[str], *extra: str, checklist: str = str(EXAMPLE),
       lang: str = "en", branch: str = "T1", **env_extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "branchcheck", "run", checklist, "--branch", branch,
           "--results-dir", str(tmp_path / "results"), "--lang", lang, *extra]
    return subprocess.run(cmd, input="".join(f"{x}\n" for x in lines), capture_output=True,
                          text=True, encoding="utf-8", env=env(**env_extra), timeout=60,
                          check=False)


def results(tmp_path: Path) -> list[Path]:
    root = tmp_path / "results"
    return [s.path for s in storage.iter_stored(root)]


def draft(tmp_path: Path, branch: str = "T1") -> Path:
    return tmp_path / "results" / branch / ID / DRAFT_NAME


def only_result(tmp_path: Path) -> Result:
    (path,) = results(tmp_path)
    return storage.read_result(path)


def items(result: Result) -> dict[str, tuple[object, str, str | None]]:
    return {i.id: (i.value, i.status, i.note) for i in result.score.items}


# ---------------------------------------------------------------- happy path


def test_scripted_run_stores_result_scored_like_scoring(tmp_path: Path) -> None:
    lines = ["n # floor wet", "y", "n # ATM 2 screen dark", "3", "b", "y", "80", "queue # noon"]
    proc = bc(tmp_path, lines)
    assert proc.returncode == 0, proc.stderr
    # stdout holds only the summary; prompts and progress went to stderr
    assert proc.stdout.startswith("Example branch check  (example-branch-check v1)")
    assert "item 1 of" not in proc.stdout and "item 1 of 7" in proc.stderr
    assert "Failed items" in proc.stdout and "note: ATM 2 screen dark" in proc.stdout
    assert "\x1b[" not in proc.stdout + proc.stderr
    (path,) = results(tmp_path)
    assert f"Result saved: {path}" in proc.stderr
    assert not draft(tmp_path).exists()

    result = storage.read_result(path)  # re-validated, not tampered
    ck = load_checklist(str(EXAMPLE))
    expected = score(ck, {
        "hall-tidy": Answer("hall-tidy", "fail", "floor wet"),
        "has-atm": Answer("has-atm", "pass"),
        "atm-working": Answer("atm-working", "fail", "ATM 2 screen dark"),
        "greeting-quality": Answer("greeting-quality", 3),
        "product-choice": Answer("product-choice", "b"),
        "no-misleading-sales": Answer("no-misleading-sales", "pass"),
        "answer-15s": Answer("answer-15s", 80),
        "remarks": Answer("remarks", "queue # noon"),
    })
    assert result.score == expected
    assert (result.branch, result.reviewer, result.lang, result.checklist_sha256) == (
        "T1", "tester", "en", ck.sha256)
    assert result.score.overall_raw == pytest.approx((0 + 2 * 50) / 3)


def test_reviewer_option_and_chinese_prompts(tmp_path: Path) -> None:
    proc = bc(tmp_path, HAPPY, "--reviewer", "王芳", lang="zh")
    assert proc.returncode == 0, proc.stderr
    assert "第 1/7 项 · 类别 1/2" in proc.stderr and "厅堂整洁有序" in proc.stderr
    assert "结果已保存" in proc.stderr
    assert "总分" in proc.stdout
    assert only_result(tmp_path).reviewer == "王芳"


# ---------------------------------------------------------------- grammar


def test_back_and_change_makes_when_item_appear(tmp_path: Path) -> None:
    lines = ["y", "n", ":b", "y", "n # ATM 2 dark", "4", "a", "y", "90", ""]
    proc = bc(tmp_path, lines)
    assert proc.returncode == 0, proc.stderr
    got = items(only_result(tmp_path))
    assert got["has-atm"] == ("pass", "pass", None)
    assert got["atm-working"] == ("fail", "fail", "ATM 2 dark")
    assert got["remarks"] == (None, "skipped", None)


def test_back_and_change_makes_when_item_disappear(tmp_path: Path) -> None:
    lines = ["y", "y", "n # broken", ":b", ":b", "n", "4", "a", "y", "90", "ok"]
    proc = bc(tmp_path, lines)
    assert proc.returncode == 0, proc.stderr
    result = only_result(tmp_path)
    atm = next(i for i in result.score.items if i.id == "atm-working")
    assert (atm.applicable, atm.status, atm.value, atm.note) == (False, "na", None, None)
    assert result.score.complete


def test_skip_leaves_result_incomplete(tmp_path: Path) -> None:
    proc = bc(tmp_path, ["y", "y", ":s", "4", ":s", "y", "90", ""])
    assert proc.returncode == 0, proc.stderr
    result = only_result(tmp_path)
    got = items(result)
    assert got["atm-working"][1] == "skipped" and got["product-choice"][1] == "skipped"
    assert not result.score.complete
    assert result.score.coverage == pytest.approx(5 / 7)
    assert "INCOMPLETE (2 not answered)" in proc.stdout


def test_na_allowed_and_refused(tmp_path: Path) -> None:
    proc = bc(tmp_path, ["na", "y", "na", "4", "a", "y", "n/a", "x"])
    assert proc.returncode == 0, proc.stderr
    assert "line 1: “Hall clean and orderly” may not be answered na" in proc.stderr
    assert proc.stderr.count("may not be answered na") == 1
    got = items(only_result(tmp_path))
    assert got["hall-tidy"][:2] == ("pass", "pass")
    assert got["has-atm"][:2] == ("na", "na")
    assert got["answer-15s"][:2] == ("na", "na")


def test_required_note_prompt(tmp_path: Path) -> None:
    proc = bc(tmp_path, ["n", "", "floor wet", *HAPPY[1:]])
    assert proc.returncode == 0, proc.stderr
    assert "Note (required when this fails" in proc.stderr
    assert "line 2: A failed item needs a note" in proc.stderr
    assert items(only_result(tmp_path))["hall-tidy"] == ("fail", "fail", "floor wet")


def test_invalid_input_then_valid(tmp_path: Path) -> None:
    proc = bc(tmp_path, ["y", "y", "y", "7", "maybe", ":x", "4", "a", "y", "90", "x"])
    assert proc.returncode == 0, proc.stderr
    assert "line 4: '7' is out of range for “Greeting courtesy”" in proc.stderr
    assert "Accepted: a whole number from 1 to 5" in proc.stderr
    assert "line 5: “Greeting courtesy” needs a number" in proc.stderr
    assert "line 6: unknown command :x" in proc.stderr
    assert items(only_result(tmp_path))["greeting-quality"][0] == 4


# ---------------------------------------------------------------- drafts


def test_quit_then_resume(tmp_path: Path) -> None:
    first = bc(tmp_path, ["n # floor wet", "y", ":q"])
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""
    path = draft(tmp_path)
    assert f"2 answers saved to draft {path}" in first.stderr
    resume = (f"branchcheck run {EXAMPLE} --branch T1 --results-dir {tmp_path / 'results'}"
              " --resume")
    assert resume in first.stderr
    assert results(tmp_path) == []

    again = bc(tmp_path, HAPPY)
    assert again.returncode == 2
    assert "pass --resume to continue it or --restart to discard it" in again.stderr
    assert "Traceback" not in again.stderr

    rest = bc(tmp_path, ["n # ATM 2 dark", "4", "a", "y", "90", "fine"], "--resume")
    assert rest.returncode == 0, rest.stderr
    assert "item 3 of 8" in rest.stderr.splitlines()[2]  # continues at the third item
    assert not path.exists()
    got = items(only_result(tmp_path))
    assert got["hall-tidy"] == ("fail", "fail", "floor wet")
    assert got["atm-working"] == ("fail", "fail", "ATM 2 dark")
    assert got["remarks"][0] == "fine"


def test_restart_discards_the_draft(tmp_path: Path) -> None:
    assert bc(tmp_path, ["n # floor wet", ":q"]).returncode == 0
    proc = bc(tmp_path, HAPPY, "--restart")
    assert proc.returncode == 0, proc.stderr
    assert items(only_result(tmp_path))["hall-tidy"][0] == "pass"


def test_end_of_input_keeps_the_draft(tmp_path: Path) -> None:
    proc = bc(tmp_path, ["y", "y", "n # x"])
    assert proc.returncode == 1
    assert "Error: input ended before the last item; 3 answers saved to draft" in proc.stderr
    assert "--resume" in proc.stderr
    assert proc.stdout == ""
    assert results(tmp_path) == []
    text = draft(tmp_path).read_text(encoding="utf-8")
    assert '"atm-working": {value: "fail", note: "x"}' in text
    assert 'position: "greeting-quality"' in text


def test_draft_of_other_version_refused(tmp_path: Path) -> None:
    ck = tmp_path / "check.yaml"
    shutil.copy(EXAMPLE, ck)
    assert bc(tmp_path, ["y", ":q"], checklist=str(ck)).returncode == 0
    ck.write_text(ck.read_text(encoding="utf-8").replace("version: 1 ", "version: 2 "),
                  encoding="utf-8")
    proc = bc(tmp_path, [], "--resume", checklist=str(ck))
    assert proc.returncode == 2
    assert f"{draft(tmp_path)}:4:12: error: draft was started with version 1" in proc.stderr
    assert "now version 2" in proc.stderr and "--restart" in proc.stderr
    ck.write_text(ck.read_text(encoding="utf-8").replace("version: 2 ", "version: 1 ")
                  + "# edited\n", encoding="utf-8")
    proc = bc(tmp_path, [], "--resume", checklist=str(ck))
    assert proc.returncode == 2
    assert "changed since the draft was started" in proc.stderr
    assert draft(tmp_path).exists()  # refused, not discarded


def test_usage_errors(tmp_path: Path) -> None:
    proc = bc(tmp_path, HAPPY, branch="../etc")
    assert proc.returncode == 2 and "invalid branch id" in proc.stderr
    proc = bc(tmp_path, HAPPY, "--resume")
    assert proc.returncode == 2 and "no draft to resume" in proc.stderr
    proc = bc(tmp_path, HAPPY, "--resume", "--restart")
    assert proc.returncode == 2 and "either --resume or --restart" in proc.stderr
    proc = bc(tmp_path, HAPPY, checklist=str(tmp_path / "missing.yaml"))
    assert proc.returncode == 2 and "Error:" in proc.stderr
    proc = bc(tmp_path, HAPPY, lang="fr")
    assert proc.returncode == 2 and "unknown language" in proc.stderr
    assert not (tmp_path / "results").exists()


# ---------------------------------------------------------------- in process


@pytest.fixture
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("BRANCHCHECK_REVIEWER", raising=False)


class InterruptingStdin:
    """A non-terminal stdin that gives its lines, then raises KeyboardInterrupt as
    Ctrl-C at a prompt would."""

    def __init__(self, text: str) -> None:
        self.lines = io.StringIO(text)

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        line = self.lines.readline()
        if not line:
            raise KeyboardInterrupt
        return line


@pytest.mark.usefixtures("_clean_env")
def test_in_process_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(HAPPY) + "\n"))
    argv = ["run", str(EXAMPLE), "--branch", "T1", "--results-dir", str(tmp_path / "results"),
            "--lang", "en"]
    assert cli_run(argv) == 0
    out, err = capsys.readouterr()
    assert "Overall" in out and "item 8 of 8" in err
    assert "warning: no reviewer given" in err  # never a silent "unknown"
    assert only_result(tmp_path).reviewer == ""


@pytest.mark.usefixtures("_clean_env")
def test_in_process_interrupt_saves_and_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", InterruptingStdin("y\ny\n"))
    argv = ["run", str(EXAMPLE), "--branch", "T1", "--results-dir", str(tmp_path / "results"),
            "--lang", "en"]
    assert cli_run(argv) == 130
    err = capsys.readouterr().err
    assert f"Error: interrupted; 2 answers saved to draft {draft(tmp_path)}" in err
    assert "--resume" in err
    assert draft(tmp_path).exists() and results(tmp_path) == []


# ---------------------------------------------------------------- Chinese UI


def test_draft_messages_in_chinese(tmp_path: Path) -> None:
    ck = tmp_path / "check.yaml"
    shutil.copy(EXAMPLE, ck)
    proc = bc(tmp_path, ["y", "maybe", ":q"], checklist=str(ck), lang="zh")
    assert proc.returncode == 0
    assert "第 2 行：'maybe' 不是是否题 “网点配有自助设备” 的答案" in proc.stderr
    assert f"已保存 1 个答案到草稿 {draft(tmp_path)}" in proc.stderr
    assert "继续请运行：" in proc.stderr
    proc = bc(tmp_path, [], checklist=str(ck), lang="zh")
    assert proc.returncode == 2
    assert f"网点 T1 有一份未完成的 '{ID}' 草稿：{draft(tmp_path)}" in proc.stderr
    assert "加 --resume 继续，或加 --restart 丢弃后重新开始" in proc.stderr
    proc = bc(tmp_path, [], "--resume", "--restart", checklist=str(ck), lang="zh")
    assert proc.returncode == 2 and "--resume 和 --restart 只能选一个" in proc.stderr
    proc = bc(tmp_path, [], "--resume", checklist=str(ck), lang="zh", branch="T2")
    assert proc.returncode == 2 and "没有可继续的草稿" in proc.stderr
    proc = bc(tmp_path, [], checklist=str(ck), lang="zh", branch="../T2")
    assert proc.returncode == 2 and "网点编号 '../T2' 无效" in proc.stderr

    ck.write_text(ck.read_text(encoding="utf-8").replace("version: 1 ", "version: 2 "),
                  encoding="utf-8")
    proc = bc(tmp_path, [], "--resume", checklist=str(ck), lang="zh")
    assert proc.returncode == 2
    assert f"错误：{draft(tmp_path)}：草稿与检查表不符" in proc.stderr
    assert (f"{draft(tmp_path)}:4:12: 错误: 草稿是用 '{ID}' 的版本 1 开始的，但检查表现在是"
            "版本 2") in proc.stderr
    proc = bc(tmp_path, ["y"], "--restart", checklist=str(ck), lang="zh")
    assert proc.returncode == 1
    assert "错误：输入在最后一项之前结束；已保存 1 个答案到草稿" in proc.stderr
    english = ("draft", "answer", "saved", "resume with", "version", "input ended")
    for line in proc.stderr.splitlines():
        if line.startswith("Error:"):
            text = line.replace(str(draft(tmp_path)), "").replace("--resume", "")
            text = text.replace(str(ck), "").replace(str(tmp_path), "")
            assert not any(word in text for word in english), line
