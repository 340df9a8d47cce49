"""The source of a check (检查来源) through the CLI: stored, signed, shown, ingested."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from branchcheck.cli import run

DATA = Path(__file__).resolve().parents[1] / "data"
BEFORE = DATA / "before-sources"
ANSWERS = BEFORE / "answers-1.yaml"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("BRANCHCHECK_RESULTS", "BRANCHCHECK_LANG", "BRANCHCHECK_WAREHOUSE",
                "BRANCHCHECK_TRUST", "BRANCHCHECK_SIGN_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def scored(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Path:
    root = tmp_path / "results"
    code, _, err = cli(capsys, "score", "daily-opening", "-a", str(ANSWERS), "--results-dir",
                       str(root), *extra)
    assert code == 0, err
    (path,) = sorted(root.rglob("2*.yaml"))
    return path


def test_an_inspection_is_stored_shown_and_reported(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = scored(tmp_path, capsys, "--source", "branch", "--inspector-unit", "BR-SH")
    text = path.read_text(encoding="utf-8")
    assert "\nsource: branch\n" in text and "\ninspector_unit: BR-SH\n" in text
    code, out, _ = cli(capsys, "results", "--results-dir", str(tmp_path / "results"), "-f",
                       "json")
    (row,) = json.loads(out)
    assert code == 0 and (row["source"], row["inspector_unit"]) == ("branch", "BR-SH")
    assert row["integrity"]["state"] == "verified"
    code, out, _ = cli(capsys, "results", "--results-dir", str(tmp_path / "results"),
                       "--lang", "zh")
    assert code == 0 and "分行检查（BR-SH）" in out
    code, out, _ = cli(capsys, "report", str(path), "--lang", "zh")
    assert code == 0 and "- 检查来源: 分行检查（BR-SH）" in out
    code, out, _ = cli(capsys, "report", str(path), "--lang", "en", "-f", "html")
    assert code == 0 and "branch inspection (BR-SH)" in out
    code, out, _ = cli(capsys, "report", str(path), "-f", "csv")
    header, first = out.lstrip("\ufeff").splitlines()[:2]
    assert header.split(",")[4:6] == ["source", "inspector_unit"]
    assert first.split(",")[4:6] == ["branch", "BR-SH"]
    code, out, _ = cli(capsys, "report", str(path), "-f", "json")
    assert json.loads(out)["source"] == "branch"


def test_a_self_check_is_stored_as_before(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    # self is the default and is not written: a self-check's file has the layout of
    # the files stored before sources existed
    path = scored(tmp_path, capsys)
    assert "source:" not in path.read_text(encoding="utf-8")
    code, out, _ = cli(capsys, "results", "--results-dir", str(tmp_path / "results"), "-f",
                       "json")
    assert code == 0 and json.loads(out)[0]["source"] == "self"
    assert json.loads(out)[0]["inspector_unit"] is None


@pytest.mark.parametrize(("args", "message"), [
    (("--source", "boss"), "--source must be one of self|sub-branch|branch|head-office|"
                           "mystery-shopper|third-party"),
    (("--inspector-unit", "S01"), "--inspector-unit is for independent checks only"),
    (("--source", "branch", "--inspector-unit", "../x"), "invalid inspector unit '../x'"),
])
def test_bad_source_options_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             args: tuple[str, ...], message: str) -> None:
    code, _, err = cli(capsys, "score", "daily-opening", "-a", str(ANSWERS), "--results-dir",
                       str(tmp_path / "r"), *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_zh_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "score", "daily-opening", "-a", str(ANSWERS), "--results-dir",
                       str(tmp_path / "r"), "--inspector-unit", "S01", "--lang", "zh")
    assert code == 2 and "--inspector-unit 只用于独立检查" in err


def test_the_signature_covers_the_source(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    keys = tmp_path / "keys"
    code, _, err = cli(capsys, "keys", "new", "--out", str(keys), "--name", "insp")
    assert code == 0, err
    path = scored(tmp_path, capsys, "--source", "mystery-shopper", "--sign-key",
                  str(keys / "insp.key"))
    trust = tmp_path / "trust"
    trust.mkdir()
    shutil.copy(keys / "insp.pub", trust)
    # the inspector's key may sign for the branches it inspects (issue 25 N5)
    (trust / "branches.yaml").write_text("insp: [SH-001]\n", encoding="utf-8")
    verify = ("verify", "-b", "SH-001", "--results-dir", str(tmp_path / "results"), "--trust",
              str(trust))
    code, out, err = cli(capsys, *verify)
    assert code == 0, out + err
    # an outlet turning a failed mystery-shopper visit into its own self-check
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("source: mystery-shopper\n", "source: self\n"), encoding="utf-8")
    code, out, err = cli(capsys, *verify)
    assert code == 1 and "signature" in (out + err).lower()
    path.write_text(text.replace("source: mystery-shopper\n", ""), encoding="utf-8")
    code, out, err = cli(capsys, *verify)
    assert code == 1 and "signature" in (out + err).lower()


def test_results_stored_before_sources_still_verify_and_read_as_self(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    results, trust = BEFORE / "results", BEFORE / "trust"
    # the bundled daily-opening has changed since; the one they were scored with is kept
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", str(BEFORE / "checklists"))
    code, out, err = cli(capsys, "verify", "-b", "SH-001", "--results-dir", str(results),
                         "--trust", str(trust))
    assert code == 0, out + err
    assert "2 results, chain intact, all verified (2 with a trusted signature)" in out
    code, out, _ = cli(capsys, "results", "--results-dir", str(results), "-f", "json")
    rows = json.loads(out)
    assert code == 0 and [r["source"] for r in rows] == ["self", "self"]
    assert all(r["integrity"]["state"] == "verified" for r in rows)
    wh = tmp_path / "net.duckdb"
    code, _, err = cli(capsys, "network", "ingest", str(results), "-w", str(wh), "--strict",
                       "--trust", str(trust))  # signed results count when their key is trusted
    assert code == 0, err
    code, out, _ = cli(capsys, "network", "sql", "SELECT check_source, count(*) AS n FROM "
                       "results GROUP BY ALL", "-w", str(wh), "-f", "json")
    assert json.loads(out) == [{"check_source": "self", "n": 2}]
    # and they count as the outlet's own checks: one a day expected on 11-02 .. 11-04,
    # done on the 2nd and the 3rd (the two results), missed on the 4th
    code, out, _ = cli(capsys, "network", "missing", "-w", str(wh), "--every", "day",
                       "--since", "2026-11-02", "--until", "2026-11-04", "-f", "json")
    (row,) = json.loads(out)
    assert code == 0 and (row["expected"], row["done"], row["slots"]) == (
        3, 2, ["SH-001 2026-11-04"])
    code, out, _ = cli(capsys, "network", "league", "-w", str(wh), "--every", "day",
                       "--since", "2026-11-02", "--until", "2026-11-04", "--source", "self",
                       "-f", "json")
    (row,) = json.loads(out)
    assert code == 0 and (row["n"], row["done"], row["expected"]) == (2, 2, 3)


def test_a_legacy_file_cannot_carry_a_source(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # format 1 predates sources: a source there means the file was downgraded by hand
    legacy = sorted((DATA / "legacy" / "results").glob("c5e2848-daily-opening.yaml"))[0]
    text = legacy.read_text(encoding="utf-8").replace("\nreviewer:", "\nsource: branch\n"
                                                       "reviewer:", 1)
    target = tmp_path / "x.yaml"
    target.write_text(text, encoding="utf-8")
    code, _, err = cli(capsys, "report", str(target))
    assert code == 2 and "cannot have source" in err


def test_ingest_and_export_carry_the_source(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    duckdb = pytest.importorskip("duckdb")
    scored(tmp_path / "a", capsys)
    scored(tmp_path / "b", capsys, "--source", "sub-branch", "--inspector-unit", "S01")
    wh = tmp_path / "net.duckdb"
    code, _, err = cli(capsys, "network", "ingest", str(tmp_path / "a" / "results"),
                       str(tmp_path / "b" / "results"), "-w", str(wh), "--strict")
    assert code == 0, err
    code, out, _ = cli(capsys, "network", "sql", "SELECT check_source, inspector_unit FROM "
                       "results ORDER BY 1", "-w", str(wh), "-f", "json")
    assert json.loads(out) == [{"check_source": "self", "inspector_unit": None},
                               {"check_source": "sub-branch", "inspector_unit": "S01"}]
    out_dir = tmp_path / "export"
    assert run(["network", "export", str(out_dir), "-w", str(wh)]) == 0
    rows = duckdb.sql(f"SELECT check_source, inspector_unit FROM "
                      f"read_parquet('{out_dir}/results/**/*.parquet', hive_partitioning=true) "
                      "ORDER BY 1").fetchall()
    assert rows == [("self", None), ("sub-branch", "S01")]


def test_a_run_keeps_its_source_across_a_resume(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    example = str(DATA / "valid" / "issue-example.yaml")
    root = tmp_path / "results"
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n:q\n"))
    code, _, err = cli(capsys, "run", example, "-b", "SH-001", "-r", "李", "--source",
                       "head-office", "--inspector-unit", "HO", "--results-dir", str(root))
    assert code == 0, err
    draft = next(root.rglob("draft.yaml")).read_text(encoding="utf-8")
    assert 'source: "head-office"' in draft and 'inspector_unit: "HO"' in draft
    # the rest of the walk (tests/cli/test_run.py HAPPY less its first answer); the
    # resumed run is not told the source again
    monkeypatch.setattr("sys.stdin", io.StringIO("y\ny\n4\na\ny\n90\nall fine\n"))
    code, _, err = cli(capsys, "run", example, "-b", "SH-001", "--resume", "--results-dir",
                       str(root))
    assert code == 0, err
    (path,) = sorted(root.rglob("2*.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "\nsource: head-office\n" in text and "\ninspector_unit: HO\n" in text


def test_score_takes_the_source_from_the_answers_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ANSWERS.read_text(encoding="utf-8").replace(
        "reviewer:", "source: third-party\ninspector_unit: AUDIT-CO\nreviewer:", 1)
    answers = tmp_path / "visit.yaml"
    answers.write_text(text, encoding="utf-8")
    root = tmp_path / "results"
    code, _, err = cli(capsys, "score", "daily-opening", "-a", str(answers), "--results-dir",
                       str(root))
    assert code == 0, err
    stored = next(root.rglob("2*.yaml")).read_text(encoding="utf-8")
    assert "\nsource: third-party\n" in stored and "\ninspector_unit: AUDIT-CO\n" in stored
    # the option wins over the file
    code, out, err = cli(capsys, "score", "daily-opening", "-a", str(answers), "--no-save",
                         "--source", "mystery-shopper", "-f", "json")
    assert code == 0, err
    assert (json.loads(out)["source"], json.loads(out)["inspector_unit"]) == (
        "mystery-shopper", "AUDIT-CO")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("third-party", "boss"), encoding="utf-8")
    code, _, err = cli(capsys, "score", "daily-opening", "-a", str(bad), "--results-dir",
                       str(tmp_path / "r2"))
    assert code == 2 and "bad.yaml:" in err and not (tmp_path / "r2").exists()


def test_results_lists_one_source(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "results"
    for extra in ((), ("--source", "branch", "--inspector-unit", "BR-SH"),
                  ("--source", "mystery-shopper")):
        code, _, err = cli(capsys, "score", "daily-opening", "-a", str(ANSWERS),
                           "--results-dir", str(root), *extra)
        assert code == 0, err

    def listed(*args: str) -> list[str]:
        code, out, err = cli(capsys, "results", "--results-dir", str(root), "-f", "json",
                             *args)
        assert code == 0, err
        return sorted(r["source"] for r in json.loads(out))

    assert listed() == ["branch", "mystery-shopper", "self"]
    assert listed("--source", "self") == ["self"]
    assert listed("--source", "inspection") == ["branch"]
    assert listed("--source", "shopper") == ["mystery-shopper"]
    assert listed("--source", "independent") == ["branch", "mystery-shopper"]
    assert listed("--source", "head-office") == []
    code, out, _ = cli(capsys, "results", "--results-dir", str(root), "--source", "branch",
                       "--lang", "zh")
    assert code == 0 and "分行检查（BR-SH）" in out and "自查" not in out
    code, _, err = cli(capsys, "results", "--results-dir", str(root), "--source", "boss",
                       "--lang", "zh")
    assert code == 2 and "--source 应为 all|self|inspection" in err
    # results stored before sources existed are self-checks for the filter too
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", str(BEFORE / "checklists"))
    code, out, _ = cli(capsys, "results", "--results-dir", str(BEFORE / "results"),
                       "--source", "self", "-f", "json")
    assert code == 0 and len(json.loads(out)) == 2
