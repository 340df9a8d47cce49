"""``branchcheck schema``, the schema against an independent validator, lean start-up."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from branchcheck.cli import run
from branchcheck.core import resources

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "valid" / "issue-example.yaml"
DRAFT7 = "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize("name", ["checklist", "answers", "result"])
def test_schema_prints_a_draft7_schema_with_an_id(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["schema", name]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    schema = json.loads(out)
    assert schema["$schema"] == DRAFT7
    assert schema["$id"].startswith("https://") and name in schema["$id"]
    assert schema == resources.schema(name)
    from jsonschema import Draft7Validator

    Draft7Validator.check_schema(schema)


def test_schema_defaults_to_checklist(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"].endswith("checklist-v1.schema.json")


def test_unknown_schema_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["schema", "nope"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Error: unknown schema 'nope'; choose one of checklist, answers, result")


def _check_jsonschema() -> str:
    beside = Path(sys.executable).parent / "check-jsonschema"
    found = str(beside) if beside.exists() else shutil.which("check-jsonschema") or ""
    if not found:
        pytest.skip("check-jsonschema is not installed")
    return found


def test_bundled_checklists_pass_check_jsonschema(tmp_path: Path) -> None:
    """An independent validator agrees, with the schema as `branchcheck schema` prints it."""
    exe = _check_jsonschema()
    schema = tmp_path / "checklist.schema.json"
    printed = subprocess.run(
        [sys.executable, "-m", "branchcheck", "schema", "checklist"],
        capture_output=True,
        check=True,
    )
    schema.write_bytes(printed.stdout)
    files = [str(p) for p in resources.bundled_checklists()] + [str(EXAMPLE)]
    assert len(files) > 1
    done = subprocess.run(
        [exe, "--schemafile", str(schema), *files], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_also_rejects_what_the_schema_rejects(tmp_path: Path) -> None:
    exe = _check_jsonschema()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        EXAMPLE.read_text("utf-8").replace("type: text", "type: essay"), encoding="utf-8"
    )
    done = subprocess.run(
        [exe, "--schemafile", str(resources.schema_path("checklist")), str(bad)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1


@pytest.mark.parametrize("variant", ["default", "python"])
def test_check_jsonschema_and_branchcheck_agree_on_ids_ending_in_a_line_break(
    tmp_path: Path, variant: str
) -> None:
    """ECMA regexes (editors) and Python's ``re`` must both refuse ``"a\\n"`` ids."""
    exe = _check_jsonschema()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        EXAMPLE.read_text("utf-8").replace("- id: hall-tidy", '- id: "hall-tidy\\n"'),
        encoding="utf-8",
    )
    schema = str(resources.schema_path("checklist"))
    for path, code in ((EXAMPLE, 0), (bad, 1)):
        done = subprocess.run(
            [exe, "--regex-variant", variant, "--schemafile", schema, str(path)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == code, done.stdout + done.stderr
    assert run(["validate", str(bad)]) == 1


HEAVY = ("yaml", "jsonschema", "rich", "rich.console", "tabulate")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["validate", "--help"]])
def test_version_and_help_stay_lean(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from branchcheck.cli import run\n"
        f"code = run({args!r})\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
        "sys.exit(code if not heavy else 99)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_version_import_time() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "branchcheck", "--version"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("branchcheck ")
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert not imported & {"yaml", "jsonschema", "rich", "rich.console"}
