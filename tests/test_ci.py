"""``.ci/run``: a fresh environment, exactly the README's test command, exit 5 fails.

The script is run for real, but with ``python3`` replaced by a stub whose
"virtual environment" records every command and lets pytest exit as told, so
the test takes a fraction of a second and needs no network.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / ".ci" / "run"


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Run the tests") :]
    block = re.search(r"```sh\n(.*?)\n```", section, re.S)
    assert block, "README: no sh block after 'Run the tests'"
    (command,) = block.group(1).strip().splitlines()
    return command


def test_the_ci_script_runs_the_readme_test_command_verbatim() -> None:
    command = readme_test_command()
    lines = [ln for ln in CI.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert command in lines, command
    assert lines[-1] == command  # the last command: its status is the script's status
    assert "set -euo pipefail" in lines
    assert os.access(CI, os.X_OK)


_STUB_PYTHON3 = """#!/usr/bin/env bash
# stand-in for python3: only "-m venv [--clear] DIR" is expected
echo "python3 $*" >> "$CI_LOG"
[ "$1 $2" = "-m venv" ] || exit 97
dir="${@: -1}"
case " $* " in *" --clear "*) rm -rf "$dir" ;; esac
[ -e "$dir/stale" ] && echo "reused $dir" >> "$CI_LOG"
mkdir -p "$dir/bin"
touch "$dir/stale"
printf 'export PATH="%s/bin:$PATH"\\n' "$PWD/$dir" > "$dir/bin/activate"
for tool in python ruff mypy; do
  cat > "$dir/bin/$tool" <<EOS
#!/usr/bin/env bash
echo "$tool \\$*" >> "\\$CI_LOG"
case " \\$* " in *" pytest "*) exit "\\$PYTEST_RC" ;; esac
exit 0
EOS
  chmod +x "$dir/bin/$tool"
done
"""


def _run_ci(tmp_path: Path, pytest_rc: int) -> tuple[int, list[str]]:
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True, exist_ok=True)
    shutil.copy2(CI, repo / ".ci" / "run")
    stubs = tmp_path / "stubs"
    stubs.mkdir(exist_ok=True)
    python3 = stubs / "python3"
    python3.write_text(_STUB_PYTHON3, encoding="utf-8")
    python3.chmod(python3.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "log"
    log.write_text("", encoding="utf-8")
    env = {
        "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}",
        "CI_LOG": str(log),
        "PYTEST_RC": str(pytest_rc),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        ["bash", str(repo / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60
    )
    return done.returncode, log.read_text(encoding="utf-8").splitlines()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(("pytest_rc", "ok"), [(0, True), (1, False), (5, False)])
def test_the_ci_script_fails_when_pytest_does(tmp_path: Path, pytest_rc: int, ok: bool) -> None:
    code, log = _run_ci(tmp_path, pytest_rc)
    assert (code == 0) is ok, (code, log)
    assert log[0] == "python3 -m venv --clear .ci-venv"
    assert log[-5:] == [
        "python -m pip install --require-hashes -r requirements/test.txt",
        "python -m pip install --no-deps --no-build-isolation -e .",
        "ruff check branchcheck tests bench",
        "mypy ",
        "python -m pytest -q",
    ]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_ci_script_starts_from_a_fresh_environment(tmp_path: Path) -> None:
    _run_ci(tmp_path, 0)
    code, log = _run_ci(tmp_path, 0)  # a second run over the first one's environment
    assert code == 0
    assert not [line for line in log if line.startswith("reused")], log


def test_the_lock_pins_every_declared_dependency_within_its_range() -> None:
    """requirements/test.txt is regenerated (scripts/lock) whenever pyproject changes."""
    tomllib = pytest.importorskip("tomllib")
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = [*project["project"]["dependencies"],
                *project["project"]["optional-dependencies"]["test"],
                *project["build-system"]["requires"]]
    lock = (ROOT / "requirements" / "test.txt").read_text(encoding="utf-8")
    pinned = {canonicalize_name(m.group(1)): m.group(2)
              for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", lock, re.M)}
    assert "--hash=sha256:" in lock
    for text in declared:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in pinned, f"{name} is not in requirements/test.txt: run scripts/lock"
        assert req.specifier.contains(pinned[name], prereleases=True), (name, pinned[name])
