"""``branchcheck show``: text, printable Markdown form (golden files) and JSON model.

Regenerate the golden files after an intended change of the form with::

    BRANCHCHECK_REGEN=1 python -m pytest tests/cli/test_show.py -k golden

and review the diff of ``tests/data/expected/`` before committing it.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.checklists.loading import load_checklist
from branchcheck.cli import run
from branchcheck.core import resources
from branchcheck.core.i18n import t
from branchcheck.core.textsafe import md
from branchcheck.render.checklist import to_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "valid" / "issue-example.yaml"
EXPECTED = ROOT / "tests" / "data" / "expected"
GOLDEN_ID = "excellent-service"


@pytest.fixture(autouse=True)
def plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("BRANCHCHECK_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def show(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["show", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_markdown_form(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``show --format md`` of a bundled checklist matches the stored form."""
    if resources.bundled_checklist(GOLDEN_ID) is None:
        pytest.fail(f"bundled checklist {GOLDEN_ID} is missing")
    code, out, err = show(capsys, GOLDEN_ID, "--format", "md", "--lang", lang)
    assert (code, err) == (0, "")
    expected = EXPECTED / f"{GOLDEN_ID}.{lang}.md"
    if os.environ.get("BRANCHCHECK_REGEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8"), (
        f"form differs from {expected}; if intended, regenerate with BRANCHCHECK_REGEN=1"
    )


def test_markdown_form_has_a_box_per_answer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = show(capsys, str(EXAMPLE), "-f", "md", "--lang", "en")
    assert code == 0
    assert out.startswith("# Example branch check\n")
    for label in ("Branch", "Date", "Reviewer", "Signature"):
        assert f"| {label} |" in out
    blocks = dict(re.findall(r"^### (\d\.\d) .*?\n(.*?)(?=^### |^## |\Z)", out, re.M | re.S))
    assert len(blocks) == 8
    # check item with allow_na: false -> exactly pass / fail; weight and required note shown
    assert blocks["1.1"].count("☐") == 2
    assert "☐ pass　　☐ fail\n" in blocks["1.1"]
    assert "Note (required on fail)" in blocks["1.1"]
    assert "Guidance: Floor, counters and zones free of clutter" in blocks["1.1"]
    # weight 0, and a `when` condition naming the item it depends on
    assert "Branch has self-service machines *(check, not scored)*" in out
    assert "Only when 1.2 (Branch has self-service machines) is answered “pass”" in blocks["1.3"]
    # scale: one box per point with the labels, plus not applicable
    assert "☐ 1 Poor　☐ 2　☐ 3　☐ 4　☐ 5 Excellent　☐ not applicable" in blocks["2.1"]
    # choice: a task-list line per option
    assert re.findall(r"^- \[ \] (.+)$", blocks["2.2"], re.M) == [
        "a. Fits (2 pt)", "b. Partly (1 pt)", "c. Does not fit (0 pt)", "not applicable",
    ]
    assert ("**Knockout (red line): a fail sets the overall score to 0 and the grade to Fail "
            "(red line)**") in blocks["2.3"]
    assert "pass if ≥ 85%" in blocks["2.4"]
    assert re.search(r"Value: ＿+ %", blocks["2.4"])
    assert "☐" not in blocks["2.5"] and "＿" in blocks["2.5"]
    assert "Grades: ≥ 90 Excellent; ≥ 75 Good; ≥ 60 Pass; ≥ 0 Needs work" in out


def test_markdown_form_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = show(capsys, str(EXAMPLE), "-f", "md", "--lang", "zh")
    assert code == 0
    assert out.startswith("# 示例网点自查\n")
    assert "| 网点 |" in out and "| 签名 |" in out
    assert "☐ 通过　　☐ 不通过　　☐ 不适用" in out
    assert "## 2. 服务（权重 2）" in out
    assert "Example" not in out


def test_markdown_escapes_markup_and_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EXAMPLE.read_text("utf-8").replace(
        "Hall clean and orderly", '"<script>alert(1)</script> *bold* [link](x) a|b"'
    )
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    code, out, _ = show(capsys, str(path), "-f", "md", "--lang", "en")
    assert code == 0
    assert "<script>" not in out
    assert r"&lt;script&gt;alert(1)&lt;/script&gt; \*bold\* \[link\](x) a\|b" in out
    assert md("a_b #1 `c`") == r"a\_b \#1 \`c\`"


def test_json_is_the_normalised_model(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = show(capsys, str(EXAMPLE), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)  # stdout holds nothing but the document
    assert list(data) == [
        "id", "version", "title", "description", "rationale", "languages", "estimated_minutes",
        "tags",
        "item_count", "scales", "grades", "sections", "sha256", "path",
    ]
    assert data["title"] == {"zh": "示例网点自查", "en": "Example branch check"}
    assert "示例网点自查" in out  # ensure_ascii=False
    assert data["item_count"] == 8
    items = {i["id"]: i for s in data["sections"] for i in s["items"]}
    assert list(items["remarks"]) == [
        "id", "type", "text", "guidance", "rationale", "weight", "allow_na",
        "note_required_on_fail", "evidence_required_on_fail", "rectify", "critical", "when",
        "source", "scale", "options", "unit",
        "pass_if", "bands", "min",
        "max", "ipa",
    ]
    # defaults filled in
    assert items["greeting-quality"]["weight"] == 1
    assert items["greeting-quality"]["allow_na"] is True
    assert items["greeting-quality"]["note_required_on_fail"] is False
    assert items["greeting-quality"]["scale"]["labels"]["5"] == {"zh": "很好", "en": "Excellent"}
    assert items["hall-tidy"]["allow_na"] is False
    assert items["atm-working"]["when"] == {"item": "has-atm", "equals": "pass"}
    assert items["no-misleading-sales"]["critical"] == "checklist"
    assert items["answer-15s"]["pass_if"] == {"op": ">=", "value": 85}
    assert items["product-choice"]["options"][0] == {
        "key": "a", "label": {"zh": "完全适合", "en": "Fits"}, "points": 2,
    }
    assert data["sections"][1]["weight"] == 2
    # the same bytes every time
    assert show(capsys, str(EXAMPLE), "--format", "json")[1] == out


def test_text_shows_everything_a_reviewer_needs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = show(capsys, str(EXAMPLE), "--lang", "en")
    assert (code, err) == (0, "")
    assert "\x1b" not in out  # captured output is not a terminal
    lines = out.splitlines()
    assert lines[0] == "Example branch check"
    assert "example-branch-check v1 · 2 sections · 8 items" in lines[1]
    assert "2. Service  (weight 2)" in out
    assert "2.3 No misleading sales  [check] weight 1  KNOCKOUT" in out
    assert "1.3 Self-service machines working  [check] weight 1" in out
    assert "Knockout (red line): a fail sets the overall score to 0" in out
    assert "a checklist knockout failed: Fail (red line)" in out
    assert "Answers: a whole number from 1 to 5; na = not applicable" in out
    assert "Answers: a = Fits, b = Partly, c = Does not fit; na = not applicable" in out
    assert "Only when 1.2 (Branch has self-service machines) is answered “pass”" in out
    assert "Guidance: Floor, counters and zones free of clutter" in out
    assert "pass if ≥ 85%" in out
    assert "Source:" not in out  # authoring matter: show --sources
    assert "Scale: 1 Poor · 5 Excellent" in out
    assert "Points: a 2 · b 1 · c 0" in out
    code, out, _ = show(capsys, str(EXAMPLE), "--lang", "zh")
    assert "2.3 无误导销售  [是否题] 权重 1  否决项" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_branch_heads_see_the_item_and_authors_see_its_sources(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 2: hashed seed file names and design rationale are authoring matter; a
    branch head gets the item, its guidance and its weight."""
    code, plain, _ = show(capsys, "excellent-service", "--lang", lang)
    assert code == 0
    assert "000_43812750e4c3edbe.txt" not in plain
    assert t(lang, "取舍说明", "Rationale") not in plain
    assert t(lang, "检查指引：走一遍门口", "Guidance: Walk the entrance") in plain
    assert t(lang, "[是否题] 权重 2  否决项", "[check] weight 2  KNOCKOUT") in plain
    code, authors, _ = show(capsys, "excellent-service", "--sources", "--rationale",
                            "--lang", lang)
    assert code == 0
    assert t(lang, "出处：", "Source: ") + "000_43812750e4c3edbe.txt: 设施正常运行" in authors
    assert t(lang, "取舍说明：材料的递进说法", "Rationale: The material's ladder") in authors
    code, sources_only, _ = show(capsys, "excellent-service", "--sources", "--lang", lang)
    assert "000_43812750e4c3edbe.txt" in sources_only
    assert t(lang, "取舍说明", "Rationale") not in sources_only
    code, out, err = show(capsys, "excellent-service", "--sources", "--format", "md")
    assert code == 2 and out == "" and "text view" in err


def test_long_texts_are_never_cut_when_piped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_zh = "地面台面和各功能区无杂物" * 12
    text = EXAMPLE.read_text("utf-8").replace("地面、台面、各功能区无杂物", long_zh)
    path = tmp_path / "long.yaml"
    path.write_text(text, "utf-8")
    code, out, _ = show(capsys, str(path), "--lang", "zh")
    assert code == 0
    assert f"      检查指引：{long_zh}\n" in out


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    checklist = load_checklist(str(EXAMPLE))
    tty = _Tty()
    to_text(checklist, "en", tty)
    assert "\x1b[" in tty.getvalue()  # the check below can fail
    monkeypatch.setenv("NO_COLOR", "1")
    tty = _Tty()
    to_text(checklist, "en", tty)
    assert "\x1b" not in tty.getvalue()
    assert "No misleading sales" in tty.getvalue()


def test_unknown_checklist_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = show(capsys, "no-such-checklist")
    assert (code, out) == (2, "")
    assert err.startswith("Error: no bundled checklist or file named 'no-such-checklist'")


def test_invalid_checklist_file_is_exit_2_with_locations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: bad\nversion: 1\ntitle: {zh: 坏, en: Bad}\nsections:\n"
        "  - id: s\n    title: {zh: 部分, en: Part}\n    items:\n"
        "      - id: i\n        text: {zh: 项, en: Item}\n        type: tickbox\n",
        "utf-8",
    )
    code, out, err = show(capsys, str(bad), "--format", "json")
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: {bad}: invalid checklist\n")
    assert re.search(rf"^{re.escape(str(bad))}:10:15: error: ", err, re.MULTILINE)
    assert "Traceback" not in err
    code, out, err = show(capsys, str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_bad_options_are_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert show(capsys, str(EXAMPLE), "--format", "pdf")[0] == 2
    assert show(capsys, str(EXAMPLE), "--lang", "de")[0] == 2


def test_subprocess_json_and_no_colour() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    for fmt in ("json", "text", "md"):
        proc = subprocess.run(
            [sys.executable, "-m", "branchcheck", "show", str(EXAMPLE), "--format", fmt],
            capture_output=True, text=True, env=env, check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        assert "\x1b" not in proc.stdout
        if fmt == "json":
            assert json.loads(proc.stdout)["id"] == "example-branch-check"


def test_every_bundled_checklist_renders(capsys: pytest.CaptureFixture[str]) -> None:
    for path in resources.bundled_checklists():
        for fmt in ("text", "md", "json"):
            code, out, err = show(capsys, path.stem, "-f", fmt, "--lang", "zh")
            assert (code, err) == (0, ""), (path.stem, fmt, err)
            assert out.strip()
