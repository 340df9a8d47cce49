"""A ``--checklist`` the warehouse does not hold is an error (exit 2) naming the ids it
does hold, in every network view that takes the option: a department's typo must
not look like a network with no outlets (it printed an empty table, exit 0)."""

# ruff: noqa: F811  (the fixtures ``net`` and ``_env`` come from test_network)
from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from branchcheck.cli import app
from tests.cli.test_network import (  # noqa: F401  (fixtures)
    CHECKLIST,
    ORG,
    RESULTS,
    _env,
    _write_results,
    cli,
    make_net,
    net,
)


def _views_with_a_checklist_option() -> list[str]:
    group = typer.main.get_command(app).commands["network"]  # type: ignore[attr-defined]
    return sorted(name for name, command in group.commands.items()
                  if any("--checklist" in p.opts for p in command.params))


VIEWS = _views_with_a_checklist_option()
REQUIRED = {"audit-sample": ("--seed", "7")}


def test_the_views_that_take_the_option_are_all_here() -> None:
    assert {"league", "missing", "items", "trend", "actions", "report", "honesty",
            "audit-sample", "waiting"} <= set(VIEWS)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("lang, words", [
    ("zh", "错误：{wh}：没有检查表 'nope'（仓库中没有它的结果或整改项，机构目录的检查计划中也"
           "没有它）；仓库中的检查表：mini\n"),
    ("en", "Error: {wh}: no checklist 'nope' (no result or corrective action of it in the "
           "warehouse, and the directory's programme does not name it); the checklists it "
           "holds: mini\n")])
def test_an_unknown_checklist_is_refused(net: dict[str, Path], capsys: pytest.CaptureFixture[str],
                                         view: str, lang: str, words: str) -> None:
    code, out, err = cli(capsys, "network", view, "-w", str(net["wh"]), "--checklist", "nope",
                         "--period", "2026-W45", "--lang", lang, *REQUIRED.get(view, ()))
    assert (code, out) == (2, "") and err.endswith(words.format(wh=net["wh"])), err


@pytest.mark.parametrize("lang, hint", [("zh", "；是不是 mini？"),
                                        ("en", "; did you mean mini?")])
def test_a_near_miss_is_named(net: dict[str, Path], capsys: pytest.CaptureFixture[str],
                              lang: str, hint: str) -> None:
    code, _, err = cli(capsys, "network", "league", "-w", str(net["wh"]), "--checklist", "minni",
                       "--lang", lang)
    assert code == 2 and err.endswith(hint + "\n")


def test_a_held_checklist_still_works(net: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "network", "league", "-w", str(net["wh"]), "--checklist", "mini",
                       "--period", "2026-W45", "-f", "json")
    assert code == 0 and '"O2"' in out


def test_a_programme_checklist_without_results_is_not_a_typo(
        net: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """A checklist the programme names that nobody has done yet: every check is missed
    (O1, O2: 4 business days of W45; O3 opened on the 5th: 2), not an error."""
    org = net["tmp"] / "org-hotline.yaml"
    org.write_text(ORG.replace("checklist: mini", "checklist: hotline"), encoding="utf-8")
    code, out, err = cli(capsys, "network", "missing", "-w", str(net["wh"]), "--org", str(org),
                         "--checklist", "hotline", "--period", "2026-W45", "-f", "json")
    assert code == 0, err
    assert {r["unit"]: (r["expected"], r["done"]) for r in json.loads(out)} == {
        "O1": (4, 0), "O2": (4, 0), "O3": (2, 0)}


def test_the_list_of_held_checklists_is_bounded(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """12 checklists held (mini, mini-01 .. mini-11): the first 10 in order, then the
    count of the rest."""
    known = Path(str(tmp_path / "known-checklists"))
    ids = [f"mini-{n:02d}" for n in range(1, 12)]

    def write(root: Path, ck: Path) -> list[Path]:
        written = _write_results(root, ck, RESULTS[:1])
        for other in ids:
            path = known / f"{other}.yaml"
            path.write_text(CHECKLIST.replace("id: mini", f"id: {other}"), encoding="utf-8")
            written += _write_results(root, path, RESULTS[:1])
        return written

    wh = make_net(tmp_path, capsys, write)["wh"]
    held = ["mini", *ids]
    code, _, err = cli(capsys, "network", "items", "-w", str(wh), "--checklist", "zzz")
    assert code == 2 and err.endswith(
        f"the checklists it holds: {', '.join(held[:10])} and 2 more\n"), err
    code, _, err = cli(capsys, "network", "items", "-w", str(wh), "--checklist", "zzz",
                       "--lang", "zh")
    assert code == 2 and err.endswith(f"仓库中的检查表：{'、'.join(held[:10])} 等共 12 个\n"), err
