"""Organisation directory: YAML and CSV forms, located errors, hierarchy helpers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from branchcheck.checklists.loading import check_file
from branchcheck.core.errors import InputError
from branchcheck.org import directory as orgmod

CSV = ("id,name_zh,name_en,parent,kind,opened,closed\r\n"
       "HO,总行,Head office,,head-office,,\r\n"
       "SUB,支行,Sub-branch,HO,sub-branch,,\r\n"
       "O1,网点一,Outlet one,SUB,outlet,2026-01-05,\r\n"
       "O2,网点二,Outlet two,SUB,outlet,,2026-06-30\r\n")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_with_and_without_bom(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(bom + CSV.encode("utf-8"))
    org = orgmod.load(str(path))
    assert [u.id for u in org.units] == ["HO", "SUB", "O1", "O2"]
    assert org.by_id["O1"].opened == date(2026, 1, 5)
    assert org.by_id["O2"].closed == date(2026, 6, 30)
    assert org.leaves() == ["O1", "O2"] and org.chain("O1") == ["O1", "SUB", "HO"]
    assert org.depth("O2") == 2 and sorted(org.subtree("SUB")) == ["O1", "O2", "SUB"]
    assert org.by_id["O1"].name("zh") == "网点一" and org.by_id["O1"].name("en") == "Outlet one"
    assert not org.by_id["O2"].open_on(date(2026, 6, 30)) and org.by_id["O2"].open_on(
        date(2026, 6, 29))


def test_csv_without_the_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("id,name_zh,name_en,parent,kind\nA,甲,,,branch\nB,,Bee,A,outlet\n",
                    encoding="utf-8")
    assert orgmod.load(str(path)).by_id["B"].name("zh") == "Bee"


@pytest.mark.parametrize(("text", "where", "rule"), [
    ("id,name\nA,x\n", (1, 1), "csv-header"),
    ("id,name_zh,name_en,parent,kind\nA,a,,,branch\nA,b,,,branch\n", (3, 1), "duplicate-id"),
    ("id,name_zh,name_en,parent,kind\nA,a,,B,branch\n", (2, 4), "unknown-parent"),
    ("id,name_zh,name_en,parent,kind\nA,a,,B,x\nB,b,,A,x\n", (2, 4), "cycle"),
    ("id,name_zh,name_en,parent,kind,opened\nA,a,,,x,2026-02-30\n", (2, 6), "date"),
    ("id,name_zh,name_en,parent,kind\nA/../x,a,,,x\n", (2, 1), "schema"),
    ("id,name_zh,name_en,parent,kind\nA,a,,,x,extra\n", (2, 1), "csv-row"),
])
def test_csv_problems_are_located(tmp_path: Path, text: str, where: tuple[int, int],
                                  rule: str) -> None:
    path = tmp_path / "u.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        orgmod.load(str(path))
    first = info.value.problems[0]
    assert (first.line, first.column, first.rule) == (*where, rule)
    assert first.file == str(path)


YAML = """\
format: branchcheck-org/1
units:
  - {id: A, kind: branch, name: A, parent: C}
  - {id: B, kind: outlet, name: B, parent: A}
  - {id: C, kind: outlet, name: C, parent: B}
"""


def test_yaml_cycle_and_validate_detects_the_kind(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(YAML, encoding="utf-8")
    report = check_file(str(path))
    assert [(p.line, p.rule) for p in report.problems] == [(3, "cycle")]
    assert "A -> C -> B -> A" in report.problems[0].message or "cycle" in report.problems[0].message


def test_yaml_unknown_parent_duplicate_and_zone(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text("format: branchcheck-org/1\ntimezone: Mars/Olympus\nunits:\n"
                    "  - {id: A, kind: branch, name: A}\n"
                    "  - {id: A, kind: outlet, name: B, parent: Z}\n", encoding="utf-8")
    rules = {(p.line, p.rule) for p in check_file(str(path)).problems}
    assert (2, "timezone") in rules and (5, "duplicate-id") in rules


def test_yaml_schema_errors_are_located(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text("format: branchcheck-org/1\nunits:\n  - {id: A, kind: Branch, name: A}\n",
                    encoding="utf-8")
    problems = check_file(str(path)).problems
    assert problems and problems[0].line == 3 and problems[0].rule == "schema"


def test_the_bundled_sample_is_valid() -> None:
    from branchcheck.network.sample import SAMPLE_ORG

    assert check_file(str(SAMPLE_ORG)).problems == ()
    org = orgmod.load(str(SAMPLE_ORG))
    assert len(org.leaves()) == 12 and org.programme[0].every == "opening-day"
    assert date(2026, 10, 1) in org.closed_days and 6 not in org.business_days


def test_a_directory_deeper_than_the_limit_is_refused_where_it_goes_too_deep(
        tmp_path: Path) -> None:
    def chain(n: int) -> Path:
        rows = ["id,name_zh,name_en,parent,kind", "U0,总行,,,top"]
        rows += [f"U{k},单位{k},,U{k - 1},unit" for k in range(1, n)]
        path = tmp_path / f"chain{n}.csv"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return path

    deepest = orgmod.load(str(chain(orgmod.MAX_DEPTH + 1)))  # U64: 64 levels below U0
    assert deepest.depth(f"U{orgmod.MAX_DEPTH}") == orgmod.MAX_DEPTH
    with pytest.raises(InputError) as info:
        orgmod.load(str(chain(orgmod.MAX_DEPTH + 2)))
    first = info.value.problems[0]
    # U65 on line 67 (after the header and U0..U64), its parent in column 4
    assert (first.line, first.column, first.rule) == (orgmod.MAX_DEPTH + 3, 4, "too-deep")
    assert "'U65'" in first.message
