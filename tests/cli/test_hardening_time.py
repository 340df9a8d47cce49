"""Issue 10, "Time": the cost of one answer in ``run`` does not grow with the
checklist (the draft gets one appended line, not a rewrite), and a draft with a log
reads back exactly; hostile logs are located errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from branchcheck.checklists.loading import load_checklist
from branchcheck.cli import run as cli_run
from branchcheck.core import fsafe
from branchcheck.core.errors import InputError
from branchcheck.core.model import Answer
from branchcheck.results import drafts
from branchcheck.results.drafts import DRAFT_NAME, DraftFile, draft_text, read_draft

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "valid" / "issue-example.yaml"


def big_checklist(path: Path, items: int) -> Path:
    lines = ["id: long-walk", "version: 1", "title: {zh: 长清单, en: Long walk}",
             "sections:", "  - id: s", "    title: {zh: 部分, en: Part}", "    items:"]
    for i in range(items):
        lines += [f"      - id: i{i}", f"        text: {{zh: 第{i}项, en: Item {i}}}",
                  "        type: check"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.mark.usefixtures("_env")
def test_run_over_many_items_saves_each_answer_in_constant_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every answer used to rewrite the whole draft (and rebuild its text and the
    progress list): quadratic in the items, ~20 ms per answer at 8,000 items."""
    n = 1500
    checklist = big_checklist(tmp_path / "long.yaml", n)
    rewrites: list[int] = []
    appended: list[int] = []
    real_write, real_append = fsafe.atomic_write, fsafe.append_synced

    def counting_write(path: Path, data: bytes, **kw: object) -> None:
        if path.name == DRAFT_NAME:
            rewrites.append(len(data))
        real_write(path, data, **kw)  # type: ignore[arg-type]

    def counting_append(fd: int, data: bytes, path: Path) -> None:
        appended.append(len(data))
        real_append(fd, data, path)

    monkeypatch.setattr(drafts, "atomic_write", counting_write)
    monkeypatch.setattr(drafts, "append_synced", counting_append)
    answers = ["y"] * (n - 1)  # input ends before the last item: the draft stays
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers) + "\n"))
    code = cli_run(["run", str(checklist), "--branch", "T1", "--results-dir",
                    str(tmp_path / "r"), "--lang", "en"])
    assert code == 1, capsys.readouterr().err[-500:]
    # A snapshot per max(256, answers so far) answers, plus the first and the last one.
    assert len(rewrites) <= 2 + n // 256, len(rewrites)
    assert len(appended) + len(rewrites) >= n - 1
    assert max(appended) < 120  # one short line, whatever the position in the walk
    ck = load_checklist(str(checklist))
    draft = read_draft(tmp_path / "r" / "T1" / "long-walk" / DRAFT_NAME, ck, "T1")
    assert len(draft.answers) == n - 1 and draft.position == f"i{n - 1}"


def test_a_logged_draft_reads_back_as_saved(tmp_path: Path) -> None:
    ck = load_checklist(str(EXAMPLE))
    path = tmp_path / "SH-001" / ck.id / DRAFT_NAME
    draft = drafts.Draft.start(ck, branch="SH-001", reviewer="王芳", lang="zh")
    head = draft_text(draft).split("saved:")[0]  # (a second start may be a second later)
    store = DraftFile(path, tmp_path)
    store.save(draft)  # the first save is a snapshot
    for item_id, value, note in (("hall-tidy", "fail", "地面湿滑"), ("has-atm", "pass", None),
                                 ("atm-working", "na", None)):
        draft.answers[item_id] = Answer(item_id, value, note)
        draft.position = item_id
        store.save(draft, item_id)
    del draft.answers["has-atm"]  # ':s' on an answered item
    draft.position = "greeting-quality"
    store.save(draft, "has-atm")
    store.close()
    text = path.read_text(encoding="utf-8")
    assert text.startswith(head)
    assert text.count("\n- [") == 4
    back = read_draft(path, ck, "SH-001")
    assert back.answers == draft.answers
    assert (back.position, back.saved) == ("greeting-quality", draft.saved)


def test_a_log_line_torn_by_a_killed_run_loses_only_that_answer(tmp_path: Path) -> None:
    ck = load_checklist(str(EXAMPLE))
    path = tmp_path / DRAFT_NAME
    draft = drafts.Draft.start(ck, branch="SH-001", reviewer="r", lang="en")
    store = DraftFile(path)
    store.save(draft)
    draft.answers["hall-tidy"] = Answer("hall-tidy", "pass")
    draft.position = "has-atm"
    store.save(draft, "hall-tidy")
    store.close()
    with path.open("ab") as fh:
        fh.write(b'- ["has-atm", "pa')  # killed in the middle of the next append
    back = read_draft(path, ck, "SH-001")
    assert back.answers == {"hall-tidy": Answer("hall-tidy", "pass")}
    assert back.position == "has-atm"


@pytest.mark.parametrize(
    ("line", "rule"),
    [('- ["hall-tidy", "maybe", null, "has-atm", "t"]\n', "bad-answer"),
     ('- ["no-such-item", "pass", null, "has-atm", "t"]\n', "unknown-item"),
     ('- ["hall-tidy", "pass", null]\n', "draft-format"),
     ('- ["hall-tidy", [1], null, "has-atm", "t"]\n', "draft-format"),
     ('- ["hall-tidy", "pass", null, "nowhere", "t"]\n', "unknown-item")],
    ids=["bad-value", "unknown-item", "short-record", "list-value", "unknown-position"],
)
def test_a_forged_log_record_is_a_located_error(tmp_path: Path, line: str, rule: str) -> None:
    ck = load_checklist(str(EXAMPLE))
    path = tmp_path / DRAFT_NAME
    text = draft_text(drafts.Draft.start(ck, branch="SH-001", reviewer="r", lang="en"))
    path.write_text(text + line, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_draft(path, ck, "SH-001")
    (problem,) = info.value.problems
    assert problem.rule == rule
    assert problem.line == text.count("\n") + 1, problem
