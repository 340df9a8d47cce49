"""``branchcheck validate`` through the CLI's one error handler (``cli.run``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.checklists import checker
from branchcheck.cli import run
from branchcheck.core import resources

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
EXAMPLE = DATA / "valid" / "issue-example.yaml"
INVALID = DATA / "invalid"
TEXT_LINE = re.compile(r"^(.+?):(\d+):(\d+): (error|warning): .+ \[[a-z-]+\]$")


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["validate", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_a_valid_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = validate(capsys, str(EXAMPLE))
    assert code == 0
    assert out == "OK: 1 file checked, 0 invalid, 0 errors, 0 warnings\n"
    assert err == ""


def test_text_lines(capsys: pytest.CaptureFixture[str]) -> None:
    path = INVALID / "duplicate-key.yaml"
    code, out, _ = validate(capsys, str(path))
    assert code == 1
    first, summary = out.splitlines()
    assert first == (
        f"{path}:5:1: error: duplicate key 'title' (first defined at line 4, column 1) "
        "[duplicate-key]"
    )
    assert summary == "FAILED: 1 file checked, 1 invalid, 1 error, 0 warnings"


def test_one_problem_stays_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "odd\nname.yaml"
    odd.write_text("id: x\n", encoding="utf-8")
    code, out, _ = validate(capsys, str(odd))
    assert code == 1
    first, summary = out.splitlines()
    assert TEXT_LINE.match(first), first
    assert first.startswith(str(tmp_path / "odd\\nname.yaml:1:1: error: "))
    assert summary.startswith("FAILED: 1 file checked")


def test_an_id_ending_in_a_line_break_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        EXAMPLE.read_text("utf-8").replace("- id: hall-tidy", '- id: "hall-tidy\\n"'),
        encoding="utf-8",
    )
    code, out, _ = validate(capsys, str(bad))
    assert code == 1
    first, _summary = out.splitlines()
    assert TEXT_LINE.match(first), first
    assert "'hall-tidy\\n' is not a kebab-case id" in first and "[schema]" in first


def test_all_errors_of_all_files_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    files = [
        INVALID / "schema-many-errors.yaml",
        INVALID / "duplicate-id.yaml",
        EXAMPLE,
        INVALID / "python-tag.yaml",
        INVALID / "when-forward.yaml",
    ]
    code, out, _ = validate(capsys, *map(str, files))
    assert code == 1
    lines = out.splitlines()
    problems = [line for line in lines[:-1]]
    assert all(TEXT_LINE.match(line) for line in problems), problems
    by_file = {f.name: sum(line.startswith(f"{f}:") for line in problems) for f in files}
    assert by_file == {
        "schema-many-errors.yaml": 4,
        "duplicate-id.yaml": 1,
        "issue-example.yaml": 0,
        "python-tag.yaml": 1,
        "when-forward.yaml": 1,
    }
    assert lines[-1] == "FAILED: 5 files checked, 4 invalid, 7 errors, 0 warnings"
    # in the order the files were given
    order = [next(f.name for f in files if line.startswith(f"{f}:")) for line in problems]
    assert order == sorted(order, key=[f.name for f in files].index)


def test_a_directory_is_searched_recursively(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(EXAMPLE, tmp_path / "a" / "one.yaml")
    shutil.copy(EXAMPLE, tmp_path / "a" / "b" / "two.yml")
    shutil.copy(INVALID / "tag-set.yaml", tmp_path / "a" / "b" / "bad.yaml")
    (tmp_path / "a" / "notes.txt").write_text("not: checked\n")
    (tmp_path / "a" / "b" / "dir.yaml").mkdir()  # a directory named like a file is skipped
    code, out, _ = validate(capsys, str(tmp_path))
    assert code == 1
    assert out.splitlines()[0].startswith(str(tmp_path / "a" / "b" / "bad.yaml") + ":4:7: ")
    assert "3 files checked, 1 invalid" in out


def test_the_invalid_folder_as_a_whole(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = validate(capsys, str(INVALID))
    assert code == 1
    count = len(list(INVALID.glob("*.yaml")))
    assert f"FAILED: {count} files checked, {count - 1} invalid" in out  # one has warnings only


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(INVALID / "missing-translation.yaml")
    code, out, _ = validate(capsys, path)
    assert code == 0
    assert out.count(": warning: ") == 2
    assert out.splitlines()[-1] == "OK: 1 file checked, 0 invalid, 0 errors, 2 warnings"
    code, out, _ = validate(capsys, "--strict", path)
    assert code == 1
    assert out.splitlines()[-1].startswith("FAILED: 1 file checked, 1 invalid, 0 errors, 2 warn")


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(INVALID / "schema-unknown-key.yaml"), str(INVALID / "missing-translation.yaml")]
    code, out, err = validate(capsys, "--format", "json", *files)
    assert code == 1
    assert err == ""
    doc = json.loads(out)
    assert doc["valid"] is False and doc["files"] == 2
    assert (doc["errors"], doc["warnings"]) == (1, 2)
    first = doc["problems"][0]
    assert set(first) >= {"file", "line", "column", "path", "rule", "severity", "message"}
    assert first == {
        "file": files[0],
        "line": 10,
        "column": 9,
        "path": "/sections/0/items/0/colour",
        "rule": "schema",
        "severity": "error",
        "message": first["message"],
    }
    assert [p["severity"] for p in doc["problems"]] == ["error", "warning", "warning"]


def test_json_format_keeps_chinese_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = validate(capsys, "-f", "json", str(INVALID / "duplicate-key.yaml"))
    assert code == 1
    assert json.loads(out)["problems"][0]["rule"] == "duplicate-key"


def test_json_format_on_success(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = validate(capsys, "--format", "json", str(EXAMPLE))
    assert code == 0
    assert json.loads(out) == {
        "valid": True,
        "strict": False,
        "files": 1,
        "errors": 0,
        "warnings": 0,
        "problems": [],
    }


def test_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(INVALID / "when-bad-value.yaml"), str(INVALID / "missing-translation.yaml")]
    code, out, _ = validate(capsys, "--format", "github", *files)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"::error file={files[0]},line=15,col=39,title=when-bad-value::")
    assert lines[1].startswith(f"::warning file={files[1]},line=4,col=8,")
    assert all(line.startswith("::") for line in lines[:3])
    assert lines[-1].startswith("FAILED: 2 files checked")


def test_github_format_escapes_and_strict_turns_warnings_into_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a,b:c.yaml"
    shutil.copy(INVALID / "missing-translation.yaml", path)
    code, out, _ = validate(capsys, "--format", "github", "--strict", str(path))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("::error file=" + str(path).replace(",", "%2C").replace(":", "%3A"))


def test_files_without_a_position_are_still_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(EXAMPLE.read_bytes())
    code, out, _ = validate(capsys, "--max-bytes", "100", str(big))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{big}: error: file is ")
    assert "[too-large]" in out
    code, out, _ = validate(capsys, "--format", "github", "--max-bytes", "100", str(big))
    assert out.splitlines()[0].startswith(f"::error file={big},title=too-large::")


def test_invalid_utf8_and_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(EXAMPLE.read_bytes().replace("设施".encode(), "caf\xe9".encode("latin-1")))
    code, out, _ = validate(capsys, str(bom), str(bad))
    assert code == 1
    (problem,) = out.splitlines()[:-1]
    line_no = next(
        i + 1 for i, line in enumerate(EXAMPLE.read_text("utf-8").splitlines()) if "设施" in line
    )
    col = EXAMPLE.read_text("utf-8").splitlines()[line_no - 1].index("设施") + 4
    assert problem.startswith(f"{bad}:{line_no}:{col}: error: not valid UTF-8")


def test_nonexistent_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = validate(capsys, str(EXAMPLE), "/no/such/file.yaml")
    assert code == 2
    assert out == ""
    assert err == "Error: /no/such/file.yaml: no such file or directory\n"


def test_an_empty_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = validate(capsys, str(tmp_path))
    assert code == 2
    assert "no checklist files found" in err


def test_unknown_format_and_missing_argument_are_usage_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = validate(capsys, "--format", "xml", str(EXAMPLE))
    assert code == 2 and "unknown format 'xml'" in err
    code, _, err = validate(capsys)
    assert code == 2 and "Missing argument" in err


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads all")
def test_an_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret.yaml"
    shutil.copy(EXAMPLE, path)
    path.chmod(0)
    code, out, _ = validate(capsys, str(path))
    assert code == 2
    assert "[unreadable]" in out


def test_a_file_that_cannot_be_read_exits_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def fake_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file).endswith("issue-example.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)
    code, out, _ = validate(capsys, "--no-cache", str(EXAMPLE), str(INVALID / "empty.yaml"))
    assert code == 2
    assert f"{EXAMPLE}: error: Permission denied [unreadable]" in out
    assert "[empty]" in out  # the other files are still checked


def test_bundled_ids_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    ids = [p.stem for p in resources.bundled_checklists()]
    code, out, _ = validate(capsys, "--strict", *ids)
    assert code == 0, out
    assert f"OK: {len(ids)} files checked" in out


def test_hostile_files_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "deep.yaml").write_text("a:\n  " + "- " * 100_000 + "x\n")
    (tmp_path / "flow.yaml").write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    shutil.copy(INVALID / "alias-bomb.yaml", tmp_path / "bomb.yaml")
    shutil.copy(INVALID / "python-tag.yaml", tmp_path / "tag.yaml")
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)))
    code, out, _ = validate(capsys, str(tmp_path))
    assert code == 1
    found: dict[str, list[str]] = {}
    for line in out.splitlines()[:-1]:
        match = TEXT_LINE.match(line)
        assert match, line
        assert int(match[2]) >= 1 and int(match[3]) >= 1, line  # located
        found.setdefault(Path(match[1]).name, []).append(line.rsplit("[", 1)[1].rstrip("]"))
    assert found.pop("bomb.yaml") == ["yaml-alias-bomb"]
    assert found.pop("tag.yaml") == ["yaml-tag"]
    assert found.pop("binary.yaml") == ["encoding"]
    # Depth: the guarantee is one located error per file; whether our builder's depth
    # limit or libyaml's own (PyYAML 6.0.4 stops flow nesting at 1,000) trips first is
    # the parser's business.
    for name in ("deep.yaml", "flow.yaml"):
        (rule,) = found.pop(name)
        assert rule in {"yaml-depth", "yaml-syntax"}, (name, rule)
    assert found == {}


# -- many files: parallel and cached -------------------------------------------------


def test_many_files_in_parallel_keep_order_and_all_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = (INVALID / "duplicate-id.yaml").read_bytes()
    good = EXAMPLE.read_bytes()
    paths = []
    for i in range(40):
        path = tmp_path / f"f{i:02d}.yaml"
        path.write_bytes(bad if i % 7 == 3 else good)
        paths.append(path)
    code, out, _ = validate(capsys, "--jobs", "2", str(tmp_path))
    assert code == 1
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        str(p) for i, p in enumerate(paths) if i % 7 == 3
    ]
    assert lines[-1] == "FAILED: 40 files checked, 6 invalid, 6 errors, 0 warnings"
    code, out_serial, _ = validate(capsys, "--jobs", "1", str(tmp_path))
    assert out_serial == out


def test_worker_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checker, "cpu_count", lambda: 2)
    seen: list[int] = []

    class Pool:
        def __init__(self, max_workers: int, mp_context: object) -> None:
            seen.append(max_workers)

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def map(self, fn: object, args: list[object], chunksize: int) -> list[object]:
            return [checker._check_one(a) for a in args]  # type: ignore[arg-type]

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    checker.check_files([str(EXAMPLE)] * 10, max_bytes=10**6)
    checker.check_files([str(EXAMPLE)] * 40, max_bytes=10**6)
    checker.check_files([str(EXAMPLE)] * 5, max_bytes=10**6, jobs=3)
    assert seen == [2, 3]


def test_cache_remembers_valid_files_by_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "c.yaml"
    shutil.copy(INVALID / "missing-translation.yaml", path)
    code, first, _ = validate(capsys, "--cache", str(path))
    assert code == 0
    entries = list((tmp_path / "cache" / "branchcheck" / "validate").rglob("*"))
    assert any(e.is_file() for e in entries)
    calls: list[str] = []
    real = checker.check_file
    monkeypatch.setattr(checker, "check_file", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    code, second, _ = validate(capsys, "--cache", str(path))
    assert (code, second, calls) == (0, first, [])  # warnings come back from the cache
    code, _, _ = validate(capsys, "--cache", "--strict", str(path))
    assert code == 1 and calls == []
    path.write_text(path.read_text("utf-8").replace("version: 1", "version: 0"), "utf-8")
    code, _, _ = validate(capsys, "--cache", str(path))
    assert code == 1 and calls == [str(path)]  # changed content is checked again
    code, _, _ = validate(capsys, "--cache", str(path))
    assert code == 1 and len(calls) == 2  # invalid files are never cached


def test_cache_on_by_default_and_no_cache_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, _, _ = validate(capsys, "--no-cache", str(EXAMPLE))
    assert code == 0
    assert not (tmp_path / "cache").exists()
    code, _, _ = validate(capsys, str(EXAMPLE))
    assert code == 0
    assert (tmp_path / "cache" / "branchcheck" / "validate" / "key").is_file()


def test_a_planted_cache_entry_is_not_believed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anyone can compute where the entry of an invalid file would be and write "no
    problems" there; without the user's key it is ignored and the file is checked."""
    import hashlib

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "bad.yaml"
    path.write_text(EXAMPLE.read_text("utf-8").replace("version: 1", "version: 0"), "utf-8")
    folder = tmp_path / "cache" / "branchcheck" / "validate"
    salt = checker._Cache(str(folder), b"k" * 32).salt  # as the tool computes it
    key = hashlib.sha256(salt.encode() + path.read_bytes()).hexdigest()
    (folder / key[:2]).mkdir(parents=True)
    for forged in (b'{"warnings": []}', b'{"warnings": []}\n' + b"0" * 64):
        (folder / key[:2] / key).write_bytes(forged)
        code, _, _ = validate(capsys, str(path))
        assert code == 1
        code, _, _ = validate(capsys, "--cache", str(path))
        assert code == 1


# -- as a program ---------------------------------------------------------------------


def test_python_m_branchcheck(tmp_path: Path) -> None:
    empty = INVALID / "empty.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "branchcheck", "validate", str(EXAMPLE), str(empty)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines()[0] == f"{empty}:1:1: error: file is empty [empty]"


def test_output_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "branchcheck", "validate", *[str(INVALID)] * 15],  # > 64 KB
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err


def test_pre_commit_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "branchcheck-validate"
    assert hook["entry"] == "branchcheck validate"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("checklists/daily-opening.yaml") and files.search("x/y.yml")
    assert not files.search("schemas/checklist.schema.json")
    docs = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    assert "id: branchcheck-validate" in docs and "files: ^checklists/" in docs
