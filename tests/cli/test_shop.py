"""``branchcheck shop plan|assign`` end to end, with the draw hand-computed.

Directory ORG: HO -> A (sub-branches A1..A4, 4 outlets each: 16) and
HO -> B (B1, B2, 2 outlets each: 4); 20 outlets, open Mon-Sat, 2027-03-03 closed.
Strata are the branches A and B, clusters their sub-branches (the defaults).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from shop_constraints import read_org, read_roster, violations

from branchcheck.cli import run

ORG = "\n".join([
    "format: branchcheck-org/1",
    "business_days: [mon, tue, wed, thu, fri, sat]",
    "closed_days: [2027-03-03]",
    "units:",
    "  - {id: HO, kind: head-office, name: 总行}",
    "  - {id: A, kind: branch, parent: HO, name: 甲分行}",
    "  - {id: B, kind: branch, parent: HO, name: 乙分行}",
    *[f"  - {{id: A{c}, kind: sub-branch, parent: A, name: 甲{c}}}" for c in range(1, 5)],
    *[f"  - {{id: B{c}, kind: sub-branch, parent: B, name: 乙{c}}}" for c in range(1, 3)],
    *[f"  - {{id: A{c}-{o}, kind: outlet, parent: A{c}, name: 甲{c}-{o}}}"
      for c in range(1, 5) for o in range(1, 5)],
    *[f"  - {{id: B{c}-{o}, kind: outlet, parent: B{c}, name: 乙{c}-{o}}}"
      for c in range(1, 3) for o in range(1, 3)],
]) + "\n"

ROSTER = """\
id,name,home_units,max_per_day,available
S1,Shopper one,A1,2,
S2,Shopper two,B,2,
S3,Shopper three,A2-1;A3,3,
S4,Shopper four,,1,sat
S5,Shopper five,HO,2,
"""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("BRANCHCHECK_LANG", "BRANCHCHECK_RESULTS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    return {"org": tmp_path / "org.yaml", "roster": tmp_path / "roster.csv", "tmp": tmp_path}


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def plan_json(capsys: pytest.CaptureFixture[str], files: dict[str, Path], *args: str
              ) -> list[dict[str, object]]:
    code, out, err = cli(capsys, "shop", "plan", "--org", str(files["org"]), "--wave", "W1",
                         "-f", "json", *args)
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


# ------------------------------------------------------------------ plan


def test_the_draw_is_stratified_as_hand_computed(capsys: pytest.CaptureFixture[str],
                                                 files: dict[str, Path]) -> None:
    # 10 visits over 20 outlets, in proportion: A 10*16/20 = 8, B 10*4/20 = 2.
    # At least 3 clusters a stratum: A draws 3 of its 4 sub-branches (3 hold 12 >= 8
    # outlets) and splits 8 by size 4:4:4 -> 2.67 each: 2, 2, 2 and the 2 left to the
    # first two by id -> 3, 3, 2. B has only 2 clusters: both, 1 visit each.
    rows = plan_json(capsys, files, "--visits", "10", "--seed", "5")
    assert len(rows) == 10
    outlets = [str(r["outlet"]) for r in rows]
    assert len(set(outlets)) == 10  # 10 <= 20 outlets: nobody twice
    strata = Counter(o[0] for o in outlets)
    assert strata == {"A": 8, "B": 2}
    a_clusters = Counter(o.split("-")[0] for o in outlets if o.startswith("A"))
    assert len(a_clusters) == 3
    assert [a_clusters[c] for c in sorted(a_clusters)] == [3, 3, 2]
    assert Counter(o.split("-")[0] for o in outlets if o.startswith("B")) == {"B1": 1, "B2": 1}
    first = rows[0]
    assert first["id"] == "W1-001" and first["within"][1:] == ["A", "HO"]  # type: ignore[index]


def test_more_visits_than_outlets_visits_every_outlet(capsys: pytest.CaptureFixture[str],
                                                      files: dict[str, Path]) -> None:
    # 30 visits: A 24 over all 4 clusters (6 each: outlets 2, 2, 1, 1), B 6 (3 a
    # cluster: outlets 2, 1).
    rows = plan_json(capsys, files, "--visits", "30", "--seed", "5")
    per_outlet = Counter(str(r["outlet"]) for r in rows)
    assert len(per_outlet) == 20 and sum(per_outlet.values()) == 30
    assert sorted(Counter(per_outlet.values()).items()) == [(1, 10), (2, 10)]


def test_too_few_visits_for_k_clusters(capsys: pytest.CaptureFixture[str],
                                       files: dict[str, Path]) -> None:
    # 4 visits, 3 clusters asked in A and 2 in B: 5 needed.
    code, out, err = cli(capsys, "shop", "plan", "--org", str(files["org"]), "--wave", "W1",
                         "--visits", "4", "--seed", "5", "-k", "3")
    assert code == 2 and out == "" and "needs 5" in err
    # Without -k the default gives way, with a warning: A 4*16/20 = 3.2, B 0.8 ->
    # 3 and 0, the one left to B (remainder 16/20 against 4/20).
    rows = plan_json(capsys, files, "--visits", "4", "--seed", "5")
    assert Counter(str(r["outlet"])[0] for r in rows) == {"A": 3, "B": 1}


def test_same_inputs_same_plan_and_the_seed_matters(capsys: pytest.CaptureFixture[str],
                                                    files: dict[str, Path]) -> None:
    args = ["shop", "plan", "--org", str(files["org"]), "--wave", "W1", "--visits", "6",
            "--scenario", "开户", "--scenario", "投诉"]
    texts = []
    for seed in ("5", "5", "6"):
        code, out, err = cli(capsys, *args, "--seed", seed)
        assert code == 0, err
        texts.append(out)
    assert texts[0] == texts[1] and texts[0] != texts[2]
    assert "format: branchcheck-shop-plan/1" in texts[0]
    scen = Counter(line.split("scenario: ")[1].rstrip("}") for line in texts[0].splitlines()
                   if "scenario: " in line)
    assert scen == {"开户": 3, "投诉": 3}  # dealt evenly


def test_a_plan_file_validates_and_its_errors_are_located(
        capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    plan = files["tmp"] / "plan.yaml"
    code, _, err = cli(capsys, "shop", "plan", "--org", str(files["org"]), "--wave", "W1",
                       "--visits", "6", "--seed", "5", "-o", str(plan))
    assert code == 0 and plan.is_file(), err
    assert cli(capsys, "validate", str(plan))[0] == 0
    lines = plan.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if "W1-002" in line)
    lines[n] = lines[n].replace("W1-002", "W1-001")
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = cli(capsys, "validate", str(plan))
    assert code == 1 and f"plan.yaml:{n + 1}:" in out and "listed twice" in out


# ------------------------------------------------------------------ assign


def _assign(capsys: pytest.CaptureFixture[str], files: dict[str, Path], plan: Path,
            *args: str, roster: Path | None = None) -> tuple[int, list[dict[str, object]], str]:
    code, out, err = cli(capsys, "shop", "assign", str(plan), "--roster",
                         str(roster or files["roster"]), "--seed", "9", "-f", "json", *args)
    return code, (json.loads(out) if out else []), err


def _plan(capsys: pytest.CaptureFixture[str], files: dict[str, Path], visits: int,
          name: str = "plan.yaml", *extra: str) -> Path:
    plan = files["tmp"] / name
    code, _, err = cli(capsys, "shop", "plan", "--org", str(files["org"]), "--wave", "W1",
                       "--visits", str(visits), "--seed", "5", "-o", str(plan), *extra)
    assert code == 0, err
    return plan


def _check(files: dict[str, Path], visits: list[dict[str, object]], first: str,
           last: str, history: list[dict[str, object]] = ()) -> list[str]:  # type: ignore[assignment]
    parents, business, closed = read_org(files["org"].read_text("utf-8"), False)
    roster = read_roster(files["roster"].read_text("utf-8"))
    return violations(visits, parents, business, closed, roster, date.fromisoformat(first),
                      date.fromisoformat(last), ["09:00-11:00", "11:00-13:00", "13:00-15:00",
                                                 "15:00-17:00"], 180, history)


def test_every_constraint_holds_by_an_independent_check(
        capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    plan = _plan(capsys, files, 20)
    code, rows, err = _assign(capsys, files, plan, "--from", "2027-03-01", "--to", "2027-03-14")
    assert code == 0, err
    assert len(rows) == 20 and all(r.get("shopper") for r in rows)
    assert _check(files, rows, "2027-03-01", "2027-03-14") == []
    assert "S5" not in {r["shopper"] for r in rows}  # at home in HO: every outlet is below it
    again = _assign(capsys, files, plan, "--from", "2027-03-01", "--to", "2027-03-14")[1]
    assert again == rows
    shuffled = files["tmp"] / "shuffled.csv"
    head, *body = ROSTER.splitlines()
    shuffled.write_text("\n".join([head, *reversed(body)]) + "\n", encoding="utf-8")
    assert _assign(capsys, files, plan, "--from", "2027-03-01", "--to", "2027-03-14",
                   roster=shuffled)[1] == rows  # the roster's order does not matter


def test_unassignable_visits_say_which_rule(capsys: pytest.CaptureFixture[str],
                                           files: dict[str, Path]) -> None:
    plan = _plan(capsys, files, 4)
    only = files["tmp"] / "only.csv"
    only.write_text("id,name,home_units,max_per_day\nS9,x,HO,1\n", encoding="utf-8")
    code, rows, err = _assign(capsys, files, plan, "--from", "2027-03-01", "--to", "2027-03-02",
                              roster=only)
    assert code == 1 and {r.get("reason") for r in rows} == {"home-unit"}
    assert "4 unassigned" in err
    # One shopper, one visit a day, two open days (Mon 1, Tue 2): 2 of 4 visits.
    only.write_text("id,name,home_units,max_per_day\nS9,x,,1\n", encoding="utf-8")
    code, rows, _ = _assign(capsys, files, plan, "--from", "2027-03-01", "--to", "2027-03-02",
                            roster=only)
    assert code == 1
    assert Counter(r.get("reason") for r in rows) == {None: 2, "capacity": 2}
    assert sorted(str(r["date"]) for r in rows if r.get("date")) == ["2027-03-01", "2027-03-02"]
    only.write_text("id,name,home_units,max_per_day,available\nS9,x,,1,sun\n", encoding="utf-8")
    _, rows, _ = _assign(capsys, files, plan, "--from", "2027-03-01", "--to", "2027-03-02",
                         roster=only)
    assert {r.get("reason") for r in rows} == {"availability"}


def test_a_shopper_is_not_sent_back_within_the_gap(capsys: pytest.CaptureFixture[str],
                                                   files: dict[str, Path]) -> None:
    plan = _plan(capsys, files, 2)
    only = files["tmp"] / "only.csv"
    only.write_text("id,name,home_units,max_per_day\nS9,x,,2\n", encoding="utf-8")
    first = files["tmp"] / "first.yaml"
    code, _, err = cli(capsys, "shop", "assign", str(plan), "--roster", str(only), "--seed",
                       "9", "--from", "2027-03-01", "--to", "2027-03-02", "-o", str(first))
    assert code == 0, err
    second = _plan(capsys, files, 2, "second.yaml")
    second.write_text(second.read_text("utf-8").replace("wave: W1", "wave: W2"), "utf-8")
    code, rows, _ = _assign(capsys, files, second, "--from", "2027-04-01", "--to", "2027-04-30",
                            "--history", str(first), roster=only)
    assert code == 1 and {r.get("reason") for r in rows} == {"repeat"}
    # With no wave rule and a 20-day gap, April is far enough from March 1-2.
    code, rows, _ = _assign(capsys, files, second, "--from", "2027-04-01", "--to", "2027-04-30",
                            "--history", str(first), "--gap-waves", "0", "--gap-days", "20",
                            roster=only)
    assert code == 0 and all(r.get("shopper") == "S9" for r in rows)


def test_slots_spread_and_max_per_day(capsys: pytest.CaptureFixture[str],
                                      files: dict[str, Path]) -> None:
    # One shopper, 4 a day, one day: the 4 visits take the 4 slots.
    plan = _plan(capsys, files, 4)
    only = files["tmp"] / "only.csv"
    only.write_text("id,name,home_units,max_per_day\nS9,x,,4\n", encoding="utf-8")
    _, rows, _ = _assign(capsys, files, plan, "--from", "2027-03-01", "--to", "2027-03-01",
                         roster=only)
    assert sorted(str(r["slot"]) for r in rows) == ["09:00-11:00", "11:00-13:00",
                                                   "13:00-15:00", "15:00-17:00"]
    # 2 a day over Mon 1 .. Thu 4 with Wed 3 closed: 3 open days; 4 visits on the
    # least busy days: 2, 1, 1 or so, never more than 2, never on the 3rd.
    only.write_text("id,name,home_units,max_per_day\nS9,x,,2\n", encoding="utf-8")
    _, rows, _ = _assign(capsys, files, plan, "--from", "2027-03-01", "--to", "2027-03-04",
                         roster=only)
    days = Counter(str(r["date"]) for r in rows)
    assert "2027-03-03" not in days and max(days.values()) == 2 and sum(days.values()) == 4


def test_chinese_output_and_located_roster_errors(capsys: pytest.CaptureFixture[str],
                                                  files: dict[str, Path]) -> None:
    plan = _plan(capsys, files, 3)
    code, out, err = cli(capsys, "shop", "assign", str(plan), "--roster", str(files["roster"]),
                         "--seed", "9", "--from", "2027-03-01", "--to", "2027-03-06",
                         "-f", "text", "--lang", "zh")
    assert code == 0 and "暗访员" in out and "时段" in out and "已分配 3" in err
    bad = files["tmp"] / "bad.csv"
    bad.write_text("id,name,home_units,max_per_day\nS1,x,A1,2\nS2,y,B,many\n", encoding="utf-8")
    code, out, err = cli(capsys, "shop", "assign", str(plan), "--roster", str(bad), "--seed",
                         "9", "--from", "2027-03-01", "--to", "2027-03-06")
    assert code == 2 and out == "" and "bad.csv:3:4" in err and "max_per_day" in err
    assert "Shopper" not in err  # names are never printed


def test_validate_checks_a_roster(capsys: pytest.CaptureFixture[str],
                                  files: dict[str, Path]) -> None:
    """``validate`` knows a roster by its header and locates each bad cell."""
    assert cli(capsys, "validate", str(files["roster"]))[0] == 0
    bad = files["tmp"] / "shoppers.csv"
    bad.write_text(ROSTER.replace("S4,Shopper four,,1,sat", "S4,Shopper four,,lots,sat")
                   .replace("S5,", "S1,"), encoding="utf-8")
    code, out, _ = cli(capsys, "validate", str(bad))
    # line 5 (S4): max_per_day, the 4th cell; line 6: S1 a second time, the 1st cell
    assert code == 1 and "shoppers.csv:5:4:" in out and "shoppers.csv:6:1:" in out, out
    assert "Shopper" not in out  # names are personal data: never printed
