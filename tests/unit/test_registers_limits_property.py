"""Property (issue 25, done-when 2): whatever a register's writer accepts, its reader
accepts. The complaint register and the appeals register get texts of any Unicode
(line separators, controls, lone surrogates) around and over their limits through
the real commands: either the command refuses (exit 2, the register unchanged), or
the register reads back whole with the text as given (trimmed)."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from branchcheck.cli import run
from branchcheck.complaints.model import LOG_NAME, MAX_NAME, MAX_TEXT
from branchcheck.core.i18n import set_ui

TRICKY = "\u2028\u2029\x85\x1c\n\r\t\x1b\ud800 \u200b字"


def _around(limit: int) -> st.SearchStrategy[str]:
    """Text up to a little over ``limit``, mostly near it or full of tricky characters."""
    return st.one_of(
        st.text(max_size=12),
        st.text(alphabet=st.sampled_from(TRICKY + "ab"), max_size=12),
        st.integers(limit - 2, limit + 2).map(lambda n: "字" * max(n, 0)),
        st.tuples(st.integers(limit - 2, limit + 1), st.sampled_from(TRICKY)).map(
            lambda p: "a" * p[0] + p[1]))


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG", "BRANCHCHECK_COMPLAINT_RULES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2025-10-13")
    yield
    set_ui(None)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 2), (code, err)
    return code, out, err


@settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(summary=_around(MAX_TEXT), name=_around(MAX_NAME), by=_around(MAX_NAME),
       note=_around(MAX_TEXT))
@example(summary="a\u2028b", name="x\x85y", by="b\u2029y", note="n\ud800")
def test_complaint_register_reads_what_its_writer_accepts(
        capsys: pytest.CaptureFixture[str], summary: str, name: str, by: str,
        note: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="bc-complaints-"))
    try:
        base = ("--results-dir", str(root))
        code, out, _ = _cli(capsys, "complaints", "new", "--branch", "SH-001", "--channel",
                            "counter", "--received", "2025-10-10T10:00+08:00",
                            "--promise-days", "3", "--summary", summary, "--customer-name",
                            name, "--by", by, *base)
        if code == 2:
            assert not (root / "SH-001" / LOG_NAME).exists()  # nothing written
            return
        case_id = out.strip()
        code, _, _ = _cli(capsys, "complaints", "step", case_id, "accept", "--note", note,
                          "--at", "2025-10-10T11:00+08:00", "--by", "tester", *base)
        code_list, out, err = _cli(capsys, "complaints", "show", case_id, "-f", "json",
                                   "--personal", *base)
        assert code_list == 0, err
        shown = json.loads(out)
        assert shown["summary"] == summary.strip()
        assert shown.get("personal", {}).get("customer_name", "") == name.strip()
        # the register verifies: listing every case finds no problem
        code_list, out, err = _cli(capsys, "complaints", "list", "-f", "json", *base)
        assert code_list == 0 and [r["id"] for r in json.loads(out)] == [case_id], err
        assert "tampered" not in err and "damaged" not in err
    finally:
        shutil.rmtree(root, ignore_errors=True)


EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "valid" / "issue-example.yaml"
APPEALS_TEXT = 2000  # branchcheck.shop.appeals.MAX_TEXT, written out: the test's own figure


def _visit(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A stored mystery-shopper result of the example checklist (hall-tidy failed)."""
    answers = root / "a.yaml"
    answers.write_text("checklist: example-branch-check\nbranch: SH-001\nreviewer: S1\n"
                       "answers:\n  hall-tidy: n\n", encoding="utf-8")
    code, _, err = _cli(capsys, "score", str(EXAMPLE), "-a", str(answers), "--results-dir",
                        str(root / "r"), "--source", "mystery-shopper")
    assert code == 0, err
    (stored,) = (root / "r" / "SH-001").glob("*/2*.yaml")
    return str(stored)


@settings(max_examples=30, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(reason=_around(APPEALS_TEXT), by=_around(MAX_NAME),
       evidence=st.sampled_from(["e.jpg", "e\u2028.jpg", "e\n.jpg", "e\udcff.jpg", "证据.jpg"]),
       note=_around(APPEALS_TEXT), judge=_around(MAX_NAME))
@example(reason="why", by="b\u2029y", evidence="e.jpg", note="ok", judge="d")  # broke it
def test_appeals_register_reads_what_its_writer_accepts(
        capsys: pytest.CaptureFixture[str], reason: str, by: str, evidence: str, note: str,
        judge: str) -> None:
    import os

    root = Path(tempfile.mkdtemp(prefix="bc-appeals-"))
    try:
        result = _visit(root, capsys)
        proof = root / "proof"
        proof.mkdir()
        (proof / os.fsdecode(os.fsencode(evidence))).write_bytes(b"\xff\xd8photo")
        [made] = list(proof.iterdir())
        register = root / "r" / ".appeals" / "appeals.jsonl"
        base = ("--results-dir", str(root / "r"))
        code, out, _ = _cli(capsys, "shop", "appeal", "file", result, "--item", "hall-tidy",
                            "--reason", reason, "--by", by, "--evidence", str(made), *base)
        if code == 2:
            assert not register.exists() or register.read_bytes() == b""
            return
        assert out.strip() == "AP-0001"
        code, _, err = _cli(capsys, "shop", "appeal", "decide", "AP-0001", "--reject",
                            "--note", note, "--by", judge, *base)
        assert code == 0 or "no such option" not in err.lower(), err
        from branchcheck.shop.appeals import read

        appeals = read(root / "r")  # raises if a line does not read
        assert appeals["AP-0001"].reason == reason.strip()
        assert appeals["AP-0001"].filed_by == by.strip()
        assert (appeals["AP-0001"].decision == "rejected") == (code == 0)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(notes=st.lists(st.text(alphabet=st.sampled_from(TRICKY + "ab#"), max_size=20),
                      min_size=1, max_size=4),
       remark=st.text(alphabet=st.sampled_from(TRICKY + "ab#"), max_size=20))
@example(notes=["a\u2028b", "\ud800"], remark="x\x85y")
def test_draft_log_reads_what_each_answer_appended(notes: list[str], remark: str) -> None:
    """``run`` appends one draft line per answer (DraftFile.save); whatever it appends
    reads back, or the answer is refused with a clear error and the draft still reads."""
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.core.model import Answer
    from branchcheck.results.drafts import DRAFT_NAME, Draft, DraftFile, read_draft

    ck = load_checklist(str(EXAMPLE))
    root = Path(tempfile.mkdtemp(prefix="bc-draft-"))
    try:
        path = root / "B1" / ck.id / DRAFT_NAME
        draft = Draft.start(ck, branch="B1", reviewer="r", lang="en")
        store = DraftFile(path, root)
        store.save(draft)  # the first save: a whole snapshot
        kept: dict[str, Answer] = {}
        for note in notes:  # as the walk does: each answer saved after its item
            for answer in (Answer("hall-tidy", "fail", note or None),
                           Answer("remarks", (remark + note).strip() or "x")):
                draft.answers = {**kept, answer.item_id: answer}
                try:
                    store.save(draft, answer.item_id)
                except BranchcheckError:
                    continue  # refused: the draft on disk is the one before
                kept = dict(draft.answers)
        store.close()
        back = read_draft(path, ck, "B1")
        assert back.answers == kept
    finally:
        shutil.rmtree(root, ignore_errors=True)
