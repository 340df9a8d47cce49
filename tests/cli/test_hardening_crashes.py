"""Issue 10, "Crashes": each hostile or edge input gets a located error (or works),
never an internal error (exit 3). One test per finding, named after it."""

from __future__ import annotations

import json
import re
import shutil
import tracemalloc
from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.training import agreement

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "valid" / "issue-example.yaml"
LOCATED = re.compile(r"^(?:Error: )?(.+?):(\d+):(\d+): error: (.+) \[([a-z-]+)\]$", re.M)
KEY_ANSWERS = """\
checklist: example-branch-check
branch: SH-001
reviewer: key
answers:
  hall-tidy: pass
  has-atm: y
  atm-working: y
  greeting-quality: 5
  product-choice: a
  no-misleading-sales: y
  answer-15s: 90
  remarks: fine
"""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANCHCHECK_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in err, err[-500:]
    return code, out, err


def rules(text: str) -> list[tuple[str, int, int, str]]:
    """(file, line, column, rule) of every located error line in ``text``."""
    return [(m[1], int(m[2]), int(m[3]), m[5]) for m in LOCATED.finditer(text)]


def store(capsys: pytest.CaptureFixture[str], tmp_path: Path, checklist: Path,
          answers: str = KEY_ANSWERS) -> Path:
    """Score ``answers`` into tmp_path/results; the stored result's path."""
    (tmp_path / "key-answers.yaml").write_text(answers, encoding="utf-8")
    code, _, err = cli(capsys, "score", str(checklist), "--answers",
                       str(tmp_path / "key-answers.yaml"), "--results-dir",
                       str(tmp_path / "results"))
    assert code == 0, err
    (path,) = (tmp_path / "results" / "SH-001" / "example-branch-check").glob("*.yaml")
    return path


# -- aliases nested in aliases ---------------------------------------------------------


def alias_tower(indent: str, anchors: int = 55, levels: int = 60) -> str:
    """YAML sequence entries: each anchor wraps the previous alias in ``levels`` brackets,
    so the last one stands for ``anchors * levels`` levels (about 3,300) in under 8 KB."""
    lines = [f"{indent}- &a0 " + "[" * levels + "1" + "]" * levels]
    lines += [f"{indent}- &a{i} " + "[" * levels + f"*a{i - 1}" + "]" * levels
              for i in range(1, anchors)]
    return "\n".join(lines) + "\n"


def test_aliases_nested_in_aliases_are_held_to_the_depth_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tower = alias_tower("  ")
    assert len(tower) < 10_000
    checklist = tmp_path / "deep.yaml"
    checklist.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "languages: [zh, en]\n", "languages: [zh, en]\ntags:\n" + tower), encoding="utf-8")
    code, out, _ = cli(capsys, "validate", str(checklist))
    assert code == 1
    assert [(r[0], r[3]) for r in rules(out)] == [(str(checklist), "yaml-depth")]

    answers = tmp_path / "answers.yaml"
    answers.write_text(KEY_ANSWERS + "  x:\n" + alias_tower("    "), encoding="utf-8")
    code, _, err = cli(capsys, "score", str(EXAMPLE), "--answers", str(answers), "--no-save")
    assert code == 2
    assert [(r[0], r[3]) for r in rules(err)] == [(str(answers), "yaml-depth")]
    (tmp_path / "trainee.yaml").write_text(KEY_ANSWERS, encoding="utf-8")
    code, _, err = cli(capsys, "grade", str(answers), str(tmp_path / "trainee.yaml"),
                       "-c", str(EXAMPLE))
    assert code == 2 and "yaml-depth" in err

    # A stored result, and a checklist in a --dir folder, with the same tower.
    path = store(capsys, tmp_path, EXAMPLE)
    path.write_text(path.read_text(encoding="utf-8") + "x:\n" + alias_tower(""),
                    encoding="utf-8")
    results = str(tmp_path / "results")
    for args in (["results", "--results-dir", results],
                 ["history", "--results-dir", results, "--branch", "SH-001"],
                 ["report", str(path)],
                 ["list", "--dir", str(tmp_path)]):
        code, out, err = cli(capsys, *args)
        assert code in (0, 1, 2), args
        assert "nesting deeper than 64 levels" in out + err, args


# -- integers beyond the float range -----------------------------------------------------

BIG = "9" * 400


@pytest.mark.parametrize(
    ("old", "new"),
    [("weight: 2\n", f"weight: {BIG}\n"),
     ("points: 2}", f"points: {BIG}}}"),
     ("value: 85}", f"value: -{BIG}}}"),
     ("max: 5\n", f"max: {BIG}\n")],
    ids=["weight", "points", "threshold", "scale-max"],
)
def test_huge_integers_in_a_checklist_are_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    checklist = tmp_path / "big.yaml"
    checklist.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    code, out, _ = cli(capsys, "validate", str(checklist))
    assert code == 1
    ((file, at, _, rule),) = rules(out)
    assert (file, at, rule) == (str(checklist), line, "number-too-large")
    assert "(400 digits)" in out
    (tmp_path / "a.yaml").write_text(KEY_ANSWERS, encoding="utf-8")
    code, _, err = cli(capsys, "score", str(checklist), "--answers", str(tmp_path / "a.yaml"),
                       "--no-save")
    assert code == 2 and f"{checklist}:{line}:" in err and "[number-too-large]" in err


def test_a_huge_integer_answer_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(KEY_ANSWERS.replace("answer-15s: 90", f"answer-15s: {BIG}"),
                       encoding="utf-8")
    code, _, err = cli(capsys, "score", str(EXAMPLE), "--answers", str(answers), "--no-save")
    assert code == 2
    assert rules(err) == [(str(answers), 11, 15, "bad-answer")]
    assert "too large" in err


def test_a_huge_integer_in_a_stored_result_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = store(capsys, tmp_path, EXAMPLE)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("  weight: "))
    lines[at] = f"  weight: {BIG}\n"
    path.write_text("".join(lines), encoding="utf-8")
    for args in (["report", str(path)], ["diff", str(path), str(path)],
                 ["ipa", str(path), "-c", str(EXAMPLE)]):
        code, _, err = cli(capsys, *args)
        assert code == 2, args
        assert f"{path}:{at + 1}:11: error: " in err and "[number-too-large]" in err, args
    code, _, err = cli(capsys, "history", "--results-dir", str(tmp_path / "results"),
                       "--branch", "SH-001")
    assert "too large" in err  # skipped with its reason


# -- grade: a stored key after the checklist changed without a version bump -------------


def test_grade_with_a_stored_key_after_the_checklist_changed_without_a_version_bump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checklist = tmp_path / "ck.yaml"
    shutil.copy(EXAMPLE, checklist)
    key = store(capsys, tmp_path, checklist)
    text = checklist.read_text(encoding="utf-8")  # scale 1-5 -> 1-3, same version
    checklist.write_text(text.replace("max: 5", "max: 3").replace(
        ", 5: {zh: 很好, en: Excellent}", ""), encoding="utf-8")
    trainee = tmp_path / "trainee.yaml"
    trainee.write_text(KEY_ANSWERS.replace("reviewer: key", "reviewer: wang").replace(
        "greeting-quality: 5", "greeting-quality: 3"), encoding="utf-8")
    code, out, err = cli(capsys, "grade", str(key), str(trainee), "-c", str(checklist))
    assert code == 2 and out == ""
    lines = key.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines, 1) if line == "- id: greeting-quality")
    value = next(n for n, line in enumerate(lines, 1) if n > at and line == "  value: 5")
    assert rules(err) == [(str(key), value, 10, "key-mismatch")]
    assert "from 1 to 3" in err and "version" in err


# -- edge values -----------------------------------------------------------------------


@pytest.mark.parametrize("since", ["0001-01-01", "0999-01-02"])
def test_history_since_the_earliest_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], since: str
) -> None:
    store(capsys, tmp_path, EXAMPLE)
    code, out, err = cli(capsys, "history", "--results-dir", str(tmp_path / "results"),
                         "--branch", "SH-001", "--since", since, "-f", "json")
    assert code == 0, err
    (history,) = json.loads(out)["checklists"]
    assert len(history["rows"]) == 1


@pytest.mark.parametrize("limit", [str(2**63 - 2), str(2**63 - 1), "9" * 30])
def test_validate_max_bytes_huge(capsys: pytest.CaptureFixture[str], limit: str) -> None:
    code, out, _ = cli(capsys, "validate", "--max-bytes", limit, str(EXAMPLE))
    assert (code, out) == (0, "OK: 1 file checked, 0 invalid, 0 errors, 0 warnings\n")


def test_nul_byte_in_an_answers_files_checklist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"checklist": "example-branch-check\x00", "branch": "SH-001",
                                   "answers": {"hall-tidy": "pass"}}), encoding="utf-8")
    code, out, err = cli(capsys, "score", str(EXAMPLE), "--answers", str(answers), "--no-save")
    assert code == 2 and out == ""
    assert rules(err) == [(str(answers), 1, 15, "bad-checklist")]


def test_ipa_with_a_figure_of_1e70(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "checklists" / "satisfaction-survey.yaml").read_text(encoding="utf-8")
    figure = re.search(r"performance: \d+", text)
    assert figure
    checklist = tmp_path / "survey.yaml"
    checklist.write_text(text.replace(figure[0], "performance: 1.0e+70", 1), encoding="utf-8")
    line = text[: figure.start()].count("\n") + 1
    code, _, err = cli(capsys, "ipa", str(checklist), "--level", "section")
    assert code == 2
    assert [(r[1], r[3]) for r in rules(err)] == [(line, "number-too-large")]


# -- grade memory on a wide scale ---------------------------------------------------------


def test_grade_memory_does_not_grow_with_the_square_of_a_scales_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checklist = tmp_path / "wide.yaml"
    checklist.write_text(EXAMPLE.read_text(encoding="utf-8").replace("max: 5", "max: 100000")
                         .replace("5: {zh: 很好", "100000: {zh: 很好")
                         .replace("min: 1\n", "min: 0\n", 1), encoding="utf-8")
    key = tmp_path / "key.yaml"
    key.write_text(KEY_ANSWERS.replace("greeting-quality: 5", "greeting-quality: 100000"),
                   encoding="utf-8")
    wang = tmp_path / "wang.yaml"
    wang.write_text(KEY_ANSWERS.replace("reviewer: key", "reviewer: wang")
                    .replace("greeting-quality: 5", "greeting-quality: 50000"), encoding="utf-8")
    tracemalloc.start()
    try:
        code, out, err = cli(capsys, "grade", str(key), str(wang), "-c", str(checklist),
                             "-f", "json")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 0, err
    assert peak < 30 * 2**20, peak  # a 100001 x 100001 matrix would be ~80 GB
    (person,) = json.loads(out)["trainees"]
    # One scale pair, key 100000 vs 50000 on 0-100000: p_o = 1 - 50000/100000 = 0.5;
    # p_e = 1 - |100000 - 50000| / 100000 = 0.5: chance agreement 0.5, kappa 0 -- which
    # one pair and a one-value key cannot support, so a warning replaces the number.
    kappa = person["weighted_kappa_scale"]["five-point"]
    assert kappa["observed"] == pytest.approx(0.5)
    assert kappa["expected"] == pytest.approx(0.5)
    assert kappa["value"] is None and kappa["n"] == 1
    assert kappa["warning"] == "the key uses one category only"


def test_weighted_kappa_on_a_wide_scale_by_hand() -> None:
    # key (a) and trainee (b) on 0-100000 (d = 100000): pairs (0, 0) and (100000, 50000).
    # p_o = 1 - (0 + 50000) / (2 * d) = 0.75
    # p_e = 1 - (|0-0| + |0-50000| + |100000-0| + |100000-50000|) / (4 * d) = 0.5
    # kappa = (0.75 - 0.5) / (1 - 0.5) = 0.5
    tracemalloc.start()
    try:
        k = agreement.weighted_kappa([(0, 0), (100000, 50000)], range(0, 100001))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (k.observed, k.expected, k.value) == (0.75, 0.5, 0.5)
    assert peak < 2**20
