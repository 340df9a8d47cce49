"""The pre-commit snippets of docs/editors.md, run as written with the real
``pre-commit`` client on a fresh repository of checklists: a bad checklist
fails the hook, a good one passes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "editors.md"
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))


def snippets() -> list[str]:
    """The ``.pre-commit-config.yaml`` blocks of docs/editors.md, in order."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## pre-commit", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, flags=re.S)


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def checklists_repo(tmp_path: Path, config: str) -> Path:
    """A fresh git repository: one good checklist, one bad, and ``config``."""
    repo = tmp_path / "ours"
    (repo / "checklists").mkdir(parents=True)
    shutil.copy(ROOT / "checklists" / "daily-opening.yaml", repo / "checklists")
    (repo / "checklists" / "bad.yaml").write_text("id: Bad_Id\n", encoding="utf-8")
    (repo / "ci.yaml").write_text("on: push\n", encoding="utf-8")  # not a checklist
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([PRE_COMMIT, *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def expect_bad_then_good(repo: Path, home: Path) -> None:
    done = pre_commit(repo, home, "run", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "checklists/bad.yaml:1:5: error: id: 'Bad_Id'" in done.stdout
    assert "ci.yaml" not in done.stdout  # files: keeps other YAML out
    (repo / "checklists" / "bad.yaml").unlink()
    git(repo, "add", "-A")
    done = pre_commit(repo, home, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "branchcheck validate" in done.stdout and "Passed" in done.stdout


def test_the_local_hook_as_written(tmp_path: Path) -> None:
    local = [s for s in snippets() if "repo: local" in s]
    assert len(local) == 1
    expect_bad_then_good(checklists_repo(tmp_path, local[0]), tmp_path / "home")


@pytest.mark.slow
def test_the_shipped_hook_as_written(tmp_path: Path) -> None:
    """The remote snippet with this repository (a bare clone, its ``main`` at the
    commit under test) in place of the placeholder URL: ``pre-commit autoupdate``
    pins ``rev``, then pre-commit builds its own environment and runs the hook."""
    remote = [s for s in snippets() if "repo: local" not in s]
    assert len(remote) == 1 and "rev: main" in remote[0]
    url = re.search(r"repo: (\S+)", remote[0])
    assert url is not None
    upstream = tmp_path / "branchcheck.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(upstream)], check=True)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()
    git(upstream, "update-ref", "refs/heads/main", head)
    git(upstream, "symbolic-ref", "HEAD", "refs/heads/main")
    repo = checklists_repo(tmp_path, remote[0].replace(url.group(1), str(upstream)))
    done = pre_commit(repo, tmp_path / "home", "autoupdate")
    assert done.returncode == 0, done.stdout + done.stderr
    config = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"rev: {head}" in config
    git(repo, "add", "-A")
    expect_bad_then_good(repo, tmp_path / "home")
