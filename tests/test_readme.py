"""The README's quick starts, run top to bottom in a fresh clone as a new user
would (the interactive ``run`` lines answered as a person types), all succeed
and leave nothing in a real branch: the examples keep to DEMO-001 and their own
folders. The docs pages' examples fenced ```` ```sh as-written ```` run likewise,
each page in an empty folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(text: str, info: str = "sh") -> list[str]:
    """The fenced blocks of ``text`` whose info string is exactly ``info``, in order."""
    return re.findall(rf"```{re.escape(info)}\n(.*?)```", text, flags=re.S)


def quick_starts() -> list[str]:
    """The ``sh`` blocks from "Quick start" up to "Documentation", in order."""
    part = README.split("\n## Quick start", 1)[1].split("\n## Documentation", 1)[0]
    return blocks(part)


def commands(block: str) -> list[str]:
    """The block's commands (continuation lines joined)."""
    return [c.strip() for c in block.replace("\\\n", " ").splitlines() if c.strip()]


# What the user types at each interactive ``run`` of the quick starts, in order:
# the first walk stops after five answers (:q), --resume finishes it; the
# rectification loop's first check fails the first item, its second passes all.
TYPED = ["y\n" * 5 + ":q\n", "y\n" * 40, "n # 灯管不亮\n" + "y\n" * 40, "y\n" * 40]


def user_env() -> dict[str, str]:
    """A new user's environment: no branchcheck settings, this checkout's command first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRANCHCHECK_")}
    env.update(BRANCHCHECK_LANG="en", BRANCHCHECK_REVIEWER="王芳", NO_COLOR="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    env.setdefault("USER", "wangfang")
    return env


# The docs pages with examples to run as written, and the files those say they write.
AS_WRITTEN = "sh as-written"
WRITTEN = {
    "complaints.md": ["投诉台账.html", "branchcheck-results/SH-001/complaints.jsonl",
                      "branchcheck-results/SH-001/complaints.checkpoint"],
    "editors.md": ["checklist.schema.json"],
    "network.md": ["demo/org.yaml", "branchcheck-network.duckdb", "report.html",
                   "parquet/results"],
    "shop.md": ["demo/delivery.xlsx", "plan.yaml", "assigned.yaml", "shop-report.md"],
}


def test_the_pages_with_examples_to_run_are_the_ones_checked() -> None:
    marked = {p.name for p in (ROOT / "docs").glob("*.md")
              if blocks(p.read_text(encoding="utf-8"), AS_WRITTEN)}
    assert marked == set(WRITTEN)


@pytest.mark.slow
@pytest.mark.parametrize("page", sorted(WRITTEN))
def test_the_docs_examples_run_as_written(page: str, tmp_path: Path) -> None:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    script = ["set -e"] + [c for b in blocks(text, AS_WRITTEN) for c in commands(b)]
    done = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp_path, env=user_env(),
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    for made in WRITTEN[page]:
        assert (tmp_path / made).exists(), made


@pytest.mark.slow
def test_the_quick_starts_run_top_to_bottom(tmp_path: Path) -> None:
    clone = tmp_path / "branchcheck"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = user_env()
    typed = iter(TYPED)
    script = ["set -e"]
    for block in quick_starts():
        for command in commands(block):
            if re.match(r"branchcheck run daily-opening\b", command):
                answers = next(typed).replace("\n", "\\n")
                command = f"printf '{answers}' | {command}"
            script.append(command)
    done = subprocess.run(["bash", "-c", "\n".join(script)], cwd=clone, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert next(typed, None) is None  # every interactive run was reached
    results = clone / "branchcheck-results"
    assert sorted(p.name for p in results.iterdir()) == ["DEMO-001"]
    assert len(list((results / "DEMO-001" / "daily-opening").glob("2*.yaml"))) == 3
    for made in ("form.md", "report.html", "ledger.html", "network-report.html", "plan.yaml",
                 "complaints-register.html", "grading.md", "shop-report.html"):
        assert (clone / made).stat().st_size > 0, made
    _the_complaint_register_as_the_readme_says(clone, env, done.stdout)


def _the_complaint_register_as_the_readme_says(clone: Path, env: dict[str, str],
                                               printed: str) -> None:
    """The complaint quick start's dates, by hand on China's 2025 calendar (holidays
    10-01..10-08, Sat 10-11 a 调休 working day), today fixed at Mon 2025-10-13."""
    env = {**env, "BRANCHCHECK_TODAY": "2025-10-13", "BRANCHCHECK_RESULTS": "complaints-demo"}

    def data(*args: str) -> list[dict[str, Any]]:
        done = subprocess.run(["branchcheck", *args, "-f", "json"], cwd=clone, env=env,
                              capture_output=True, text=True, timeout=60, check=True)
        rows: list[dict[str, Any]] = json.loads(done.stdout)
        return rows

    fee, queue = sorted(data("complaints", "list", "--status", "all"),
                        key=lambda r: str(r["received"]))
    # fee: received Tue 09-30, reply in 2 working days: Thu 10-09 (1), Fri 10-10 (2);
    # decision 15 calendar days: 10-15 (a Wednesday, a working day). Called back 10-13.
    assert (fee["reply_due"], fee["decision_due"], fee["status"]) == (
        "2025-10-10", "2025-10-15", "handling")
    assert (fee["overdue"], fee["reply_on_time"]) == (False, False)
    # queue: received Fri 10-10, 3 working days: Sat 10-11 调休 (1), Mon 10-13 (2),
    # Tue 10-14 (3); 15 calendar days end Sat 10-25, rolled to Mon 10-27
    assert (queue["reply_due"], queue["decision_due"], queue["overdue"]) == (
        "2025-10-14", "2025-10-27", False)
    # the zh overdue list before the call back: 10-13 is 3 calendar days after 10-10
    assert "2025-10-10（逾期 3 天）" in printed
    assert "共 1 件，逾期 1 件（截至 2025-10-13）" in printed
    assert "2 complaints, 0 overdue (as of 2025-10-13)" in printed
    # the 整改: 5 working days after Mon 10-13: 10-14, 10-15, 10-16, 10-17, Mon 10-20
    (action,) = data("actions", "list", "--status", "all")
    assert (action["checklist"], action["item"], action["due"], action["status"]) == (
        "complaints", fee["id"], "2025-10-20", "open")
    assert fee["actions"] == [action["id"]] and queue["actions"] == []


def test_the_scripted_example_keeps_to_its_own_branch_and_folder() -> None:
    example = README.split("Scripted: when stdin is not a terminal", 1)[1].split("###", 1)[0]
    assert "--branch DEMO-001" in example and "--results-dir demo-results" in example
    assert "SH-001" not in "".join(quick_starts())


def test_the_answers_file_of_the_score_reference_scores(tmp_path: Path) -> None:
    """The answers file shown under `branchcheck score` scores as written (its version
    once said 1 while excellent-service was at 4: exit 2, version mismatch)."""
    from branchcheck.cli import run

    part = README.split("### `branchcheck score`", 1)[1]
    (example,) = blocks(part, "yaml")[:1]
    answers = tmp_path / "answers.yaml"
    answers.write_text(example, encoding="utf-8")
    code = run(["score", "excellent-service", "--answers", str(answers), "--no-save",
                "--lang", "en"])
    assert code == 0


def test_the_minutes_agree_with_the_checklists() -> None:
    """The bundled-checklist table gives each checklist's own estimated_minutes."""
    from branchcheck.checklists.loading import load_checklist

    rows = re.findall(r"^\| `([a-z-]+)` \| [^|]+ \| (\d+) \|$", README, flags=re.M)
    assert len(rows) >= 8
    for checklist_id, minutes in rows:
        assert load_checklist(checklist_id).estimated_minutes == int(minutes), checklist_id
