"""The wheel ships the bundled checklists and schemas, and works from a fresh venv.

Builds the wheel (``python -m build --wheel``, isolated: hatchling comes from
the package index), installs it with its dependencies into a new virtual
environment and runs ``branchcheck`` from a temporary directory, so nothing
from the checkout can be picked up. Takes 30-60 s; deselect with ``-m "not slow"``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from branchcheck import __version__

ROOT = Path(__file__).resolve().parents[1]
CHECKLISTS = sorted((ROOT / "checklists").glob("*.yaml"))
SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))

pytestmark = pytest.mark.slow


def _run(args: list[str | Path], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = _run([sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT], cwd=out)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (whl,) = out.glob("branchcheck-*.whl")
    return whl


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    done = _run([sys.executable, "-m", "venv", home / "env"], cwd=home)
    assert done.returncode == 0, done.stderr
    python = home / "env" / ("Scripts" if os.name == "nt" else "bin") / "python"
    done = _run([python, "-m", "pip", "install", "--quiet", wheel], cwd=home)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return python


def test_wheel_contains_the_data_and_generated_validators(wheel: Path) -> None:
    assert CHECKLISTS, "no bundled checklists in checklists/"
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in CHECKLISTS:
        assert f"branchcheck/_data/checklists/{path.name}" in names
    for path in SCHEMAS:
        assert f"branchcheck/_data/schemas/{path.name}" in names
    for name in ("checklist", "answers", "result"):
        assert f"branchcheck/_fastschema/{name}.py" in names
    assert not [n for n in names if n.startswith(("tests/", "checklists/", "schemas/"))]
    with zipfile.ZipFile(wheel) as zf:
        for path in CHECKLISTS:
            assert zf.read(f"branchcheck/_data/checklists/{path.name}") == path.read_bytes()


def test_installed_package_uses_its_own_data(venv: Path, tmp_path: Path) -> None:
    code = (
        "import branchcheck, branchcheck.core.resources as r; "
        "print(branchcheck.__file__); print(r.data_dir('checklists')); print(r.data_dir('schemas'))"
    )
    done = _run([venv, "-c", code], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    package, checklists, schemas = done.stdout.splitlines()
    env = venv.parent.parent
    for path in (package, checklists, schemas):
        assert Path(path).resolve().is_relative_to(env.resolve()), path
        assert not Path(path).resolve().is_relative_to(ROOT.resolve()), path
    assert Path(checklists).name == "checklists" and Path(checklists).parent.name == "_data"


def test_installed_validate_each_bundled_id(venv: Path, tmp_path: Path) -> None:
    exe = venv.parent / "branchcheck"
    done = _run([exe, "--version"], cwd=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, f"branchcheck {__version__}")
    for path in CHECKLISTS:
        done = _run([exe, "validate", "--strict", path.stem], cwd=tmp_path)
        assert done.returncode == 0, (path.stem, done.stdout, done.stderr)
        assert done.stdout.strip() == "OK: 1 file checked, 0 invalid, 0 errors, 0 warnings"


def test_installed_validate_the_data_directory(venv: Path, tmp_path: Path) -> None:
    find = "import branchcheck.core.resources as r; print(r.data_dir('checklists'))"
    folder = _run([venv, "-c", find], cwd=tmp_path).stdout.strip()
    exe = venv.parent / "branchcheck"
    for fmt in ("text", "json", "github"):
        done = _run([exe, "validate", "--format", fmt, folder], cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
    done = _run([exe, "validate", folder], cwd=tmp_path)
    assert f"OK: {len(CHECKLISTS)} files checked" in done.stdout


def test_installed_validate_rejects_bad_input_and_prints_schemas(
    venv: Path, tmp_path: Path
) -> None:
    exe = venv.parent / "branchcheck"
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nid: y\n", encoding="utf-8")
    done = _run([exe, "validate", bad], cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{bad}:2:1: error: duplicate key 'id'")
    assert _run([exe, "validate", tmp_path / "missing.yaml"], cwd=tmp_path).returncode == 2
    for name in ("checklist", "answers", "result"):
        done = _run([exe, "schema", name], cwd=tmp_path)
        assert done.returncode == 0 and '"$id"' in done.stdout


def _bc(venv: Path, cwd: Path, *args: str | Path, stdin: str | None = None,
        lang: str = "en") -> subprocess.CompletedProcess[str]:
    """Run the installed ``branchcheck`` with a results folder under ``cwd``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(BRANCHCHECK_LANG=lang, BRANCHCHECK_RESULTS=str(cwd / "results"), NO_COLOR="1")
    return subprocess.run([str(venv.parent / "branchcheck"), *map(str, args)], cwd=cwd, env=env,
                          input=stdin, capture_output=True, text=True, timeout=120)


def test_installed_main_workflow_end_to_end(venv: Path, tmp_path: Path) -> None:
    """A branch head's week and a trainer's exercise, from the installed wheel only."""
    listed = _bc(venv, tmp_path, "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    ids = {entry["id"] for entry in json.loads(listed.stdout)}
    assert {"daily-opening", "satisfaction-survey", "excellent-service"} <= ids

    form = _bc(venv, tmp_path, "show", "daily-opening", "--format", "md", lang="zh")
    assert form.returncode == 0, form.stderr
    assert "☐" in form.stdout or "[ ]" in form.stdout

    model = json.loads(_bc(venv, tmp_path, "show", "daily-opening", "--format", "json").stdout)
    first_item = model["sections"][0]["items"][0]["id"]

    # Two scripted daily checks: all pass, then the first item fails with a note.
    first = _bc(venv, tmp_path, "run", "daily-opening", "--branch", "SH-001",
                stdin="y\n" * 40)
    assert first.returncode == 0, first.stderr
    lines = ["n # door mat missing"] + ["y"] * 40
    second = _bc(venv, tmp_path, "run", "daily-opening", "--branch", "SH-001",
                 stdin="\n".join(lines) + "\n")
    assert second.returncode == 0, second.stderr
    stored = sorted((tmp_path / "results" / "SH-001" / "daily-opening").glob("*.yaml"))
    assert len(stored) == 2

    diff = _bc(venv, tmp_path, "diff", "--branch", "SH-001", "--checklist", "daily-opening",
               "--format", "json", "--fail-on", "regression")
    assert diff.returncode == 1, diff.stderr  # the gate fires on the new failure
    changes = json.loads(diff.stdout)["items"]
    assert [c["id"] for c in changes if c["change"] == "regressed"] == [first_item]

    report = _bc(venv, tmp_path, "report", stored[-1], "--format", "html", "-o", "r.html")
    assert report.returncode == 0, report.stderr
    assert "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")

    history = _bc(venv, tmp_path, "history", "--branch", "SH-001", "--format", "csv")
    assert history.returncode == 0 and history.stdout.startswith("\ufeff")

    ipa = _bc(venv, tmp_path, "ipa", "satisfaction-survey", "--format", "json")
    assert ipa.returncode == 0, ipa.stderr

    made = _bc(venv, tmp_path, "exercise", "new", "window-service", "-o", "course",
               "--trainees", "2")
    assert made.returncode == 0, made.stderr
    assert len(list((tmp_path / "course" / "answers").glob("*.yaml"))) == 2


def test_installed_network_quick_start(venv: Path, tmp_path: Path) -> None:
    """The README's quick start for regional managers, from the installed wheel only."""
    assert _bc(venv, tmp_path, "network", "sample", "demo").returncode == 0
    ingest = _bc(venv, tmp_path, "network", "ingest", "demo/results", "--org", "demo/org.yaml")
    assert ingest.returncode == 0 and "0 rejected" in ingest.stderr, ingest.stderr
    league = _bc(venv, tmp_path, "network", "league", "--level", "sub-branch", "-f", "json")
    assert league.returncode == 0, league.stderr
    assert len(json.loads(league.stdout)) == 4
    report = _bc(venv, tmp_path, "network", "report", "-o", "net.html")
    assert report.returncode == 0 and "<table>" in (tmp_path / "net.html").read_text("utf-8")
    exported = _bc(venv, tmp_path, "network", "export", "pq")
    assert exported.returncode == 0 and (tmp_path / "pq" / "units" / "units.parquet").is_file()
