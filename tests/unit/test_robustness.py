"""Mutated and hostile inputs never crash the loaders: they give located problems.

Hypothesis mutates real files (bundled checklists, a stored result, answers)
by inserting YAML-significant tokens, cutting and duplicating runs of bytes.
The property: every outcome is either a clean report/result or a
BranchcheckError carrying its message, never another exception.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.checklists.answersfile import answers_for, read_answers_file
from branchcheck.checklists.loading import check_bytes, load_checklist
from branchcheck.core.errors import BranchcheckError
from branchcheck.core.scoring import score
from branchcheck.results.storage import read_result

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = [(ROOT / "checklists" / f"{name}.yaml").read_bytes()
              for name in ("daily-opening", "hotline-kpi", "satisfaction-survey")]
CHECKLISTS.append((ROOT / "tests" / "data" / "valid" / "issue-example.yaml").read_bytes())
RESULT = (ROOT / "tests" / "data" / "results" / "report-sample.yaml").read_bytes()
ANSWERS = (ROOT / "tests" / "data" / "answers" / "weights-base.yaml").read_bytes()
TOKENS = [b"&a ", b"*a", b"!!python/object ", b"!foo ", b"{", b"}", b"[", b"]", b"- ", b": ",
          b"\n", b"  ", b'"', b"'", b"\xff", b"\x00", b"<<: *a\n", b".nan", b"1e999", b"~",
          b"? ", b"|\n", b"---\n", b"\t", b"yes", b"null", b"-1", b"101", b"na", b"\r"]

edits = st.lists(
    st.tuples(st.sampled_from(["insert", "cut", "copy"]), st.floats(0, 1), st.floats(0, 1),
              st.integers(1, 120), st.sampled_from(TOKENS)),
    min_size=1, max_size=8,
)


def mutate(data: bytes, ops: list[tuple[str, float, float, int, bytes]]) -> bytes:
    out = bytearray(data)
    for op, where, other, length, token in ops:
        pos = int(where * len(out))
        if op == "insert":
            out[pos:pos] = token
        elif op == "cut":
            del out[pos:pos + length]
        else:
            src = int(other * len(out))
            out[pos:pos] = out[src:src + length]
    return bytes(out)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.sampled_from(CHECKLISTS), edits)
def test_mutated_checklists_give_located_problems(original: bytes,
                                                  ops: list[tuple[str, float, float, int, bytes]]
                                                  ) -> None:
    report = check_bytes(mutate(original, ops), "fuzz.yaml")
    for problem in report.problems:
        assert problem.file == "fuzz.yaml" and problem.message and problem.line >= 0
    assert (report.checklist is None) == bool(report.errors)


@FAST
@given(edits)
def test_mutated_results_are_read_or_refused(ops: list[tuple[str, float, float, int, bytes]]
                                             ) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.yaml"
        path.write_bytes(mutate(RESULT, ops))
        try:
            read_result(path)
        except BranchcheckError as exc:
            assert str(exc)


@FAST
@given(edits)
def test_mutated_answers_are_scored_or_refused(ops: list[tuple[str, float, float, int, bytes]]
                                               ) -> None:
    checklist = load_checklist(str(ROOT / "tests" / "data" / "scoring" / "weights.yaml"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"
        path.write_bytes(mutate(ANSWERS, ops))
        try:
            result = score(checklist, answers_for(read_answers_file(str(path)), checklist))
        except BranchcheckError as exc:
            assert str(exc)
        else:
            for value in (result.overall_raw, result.overall_final):
                assert value is None or 0 <= value <= 100



# -- huge integers ---------------------------------------------------------------------

EXAMPLE = ROOT / "tests" / "data" / "valid" / "issue-example.yaml"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
huge = st.one_of(st.integers(-10**400, 10**400), st.integers(-10**16, 10**16),
                 st.floats(allow_nan=False, allow_infinity=False))


@FAST
@given(huge, st.sampled_from(["weight: 2\n", "points: 2}", "value: 85}", "max: 5\n"]))
def test_huge_numbers_in_a_checklist_are_refused_or_kept(value: int | float, where: str) -> None:
    """Any number in any numeric field: beyond 1e15 a located number-too-large error,
    within it never that error; never a crash, and what loads can be scored."""
    key, rest = where.split(": ")
    text = EXAMPLE_TEXT.replace(where, f"{key}: {value!r}{rest.lstrip('0123456789')}", 1)
    line = EXAMPLE_TEXT[: EXAMPLE_TEXT.index(where)].count("\n") + 1
    report = check_bytes(text.encode(), "huge.yaml")
    if abs(value) > 10**15:  # too large, or out of the schema's range first
        assert report.checklist is None and any(p.line == line for p in report.errors)
    else:
        assert not [p for p in report.problems if p.rule == "number-too-large"]
    for problem in report.problems:
        assert problem.line >= 1 and problem.message
    if report.checklist is not None:
        score(report.checklist, {})


@FAST
@given(huge)
def test_huge_numbers_in_answers_and_results_never_crash(value: int | float) -> None:
    ck = load_checklist(str(EXAMPLE))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"
        path.write_text("checklist: example-branch-check\nbranch: SH-001\nanswers:\n"
                        f"  answer-15s: {value!r}\n", encoding="utf-8")
        try:
            answers = answers_for(read_answers_file(str(path)), ck)
        except BranchcheckError as exc:
            assert abs(value) > 10**15 or "too large" not in str(exc.problems)
        else:
            assert abs(value) <= 10**15
            score(ck, answers)
        result = Path(folder) / "result.yaml"
        result.write_bytes(RESULT.replace(b"weight: 1.0", f"weight: {value!r}".encode(), 1))
        try:
            read_result(result)
        except BranchcheckError as exc:
            assert str(exc)
