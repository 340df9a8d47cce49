"""``branchcheck shop import``: a third party's real .xlsx, located bad cells, idempotence."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from branchcheck.cli import run

openpyxl = pytest.importorskip("openpyxl")

MAPPING = """\
format: branchcheck-shop-mapping/1
checklist: mystery-shopper
firm: 调研公司甲
wave: 2026H2
sheet: 暗访明细
visit: {id: 编号, outlet: 网点, date: 日期, slot: 时段, waiting: 等候分钟, teller: 柜员号,
        scenario: 场景, shopper: 暗访员}
items:
  entrance-and-hall-clean: {column: 整洁, values: {是: pass, 否: fail}}
  honest-product-answer: {column: 如实介绍, values: {是: pass, 否: fail}}
  overall-experience: 总体体验
"""
HEADER = ["编号", "网点", "日期", "时段", "等候分钟", "柜员号", "场景", "暗访员", "整洁",
          "如实介绍", "总体体验"]
GOOD = [
    ["V1", "SH-001", datetime(2026, 10, 9), "09:00-11:00", 12, "0815", "开户", "M01", "是", "是",
     5],
    ["V2", "SH-002", datetime(2026, 10, 10), "13:00-15:00", 7.0, 1120, "投诉", "M02", "否", "是",
     3],
]
# Row 4: 总体体验 (column K) 7 is off the 1-5 scale; row 5: 日期 (C) is no date;
# row 6: 整洁 (I) "也许" is not a mapped value.
BAD = [
    ["V3", "SH-003", datetime(2026, 10, 11), "09:00-11:00", 5, "7", "开户", "M03", "是", "是", 7],
    ["V4", "SH-004", "2026-13-40", "09:00-11:00", 5, "8", "开户", "M03", "是", "是", 4],
    ["V5", "SH-005", datetime(2026, 10, 12), "09:00-11:00", 5, "9", "开户", "M03", "也许", "是", 4],
]


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("BRANCHCHECK_LANG", "BRANCHCHECK_RESULTS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    sheet = book.create_sheet("暗访明细")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def env(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "map.yaml").write_text(MAPPING, encoding="utf-8")
    return {"map": tmp_path / "map.yaml", "res": tmp_path / "res", "tmp": tmp_path}


def _import(capsys: pytest.CaptureFixture[str], env: dict[str, Path], delivery: Path,
            *args: str) -> tuple[int, list[dict[str, object]], str]:
    code, out, err = cli(capsys, "shop", "import", str(delivery), "-m", str(env["map"]),
                         "--results-dir", str(env["res"]), "-f", "json", *args)
    return code, (json.loads(out) if out else []), err


def _stored(env: dict[str, Path]) -> list[Path]:
    return sorted(env["res"].rglob("2*.yaml")) if env["res"].exists() else []


def test_bad_cells_are_located_and_nothing_is_stored(capsys: pytest.CaptureFixture[str],
                                                    env: dict[str, Path]) -> None:
    xlsx = workbook(env["tmp"] / "delivery.xlsx", GOOD + BAD)
    code, rows, err = _import(capsys, env, xlsx)
    assert code == 2 and rows == [] and _stored(env) == []
    assert "delivery.xlsx:4:11" in err and "暗访明细!K4" in err  # sheet, row, column
    assert "delivery.xlsx:5:3" in err and "暗访明细!C5" in err and "not a date" in err
    assert "delivery.xlsx:6:9" in err and "暗访明细!I6" in err and "也许" in err
    assert "nothing stored" in err


def test_partial_stores_the_good_rows_once(capsys: pytest.CaptureFixture[str],
                                           env: dict[str, Path]) -> None:
    xlsx = workbook(env["tmp"] / "delivery.xlsx", GOOD + BAD)
    code, rows, err = _import(capsys, env, xlsx, "--partial")
    assert code == 1
    assert [(r["row"], r["status"]) for r in rows] == [
        (2, "stored"), (3, "stored"), (4, "error"), (5, "error"), (6, "error")]
    files = _stored(env)
    assert len(files) == 2
    from branchcheck.results.storage import read_result

    first = read_result(next(f for f in files if "SH-001" in str(f)))
    assert first.source == "mystery-shopper" and first.reviewer == "调研公司甲"
    assert first.integrity is not None and first.integrity.ok
    visit = dict(first.visit or {})
    assert visit["date"] == "2026-10-09" and visit["slot"] == "09:00-11:00"
    assert visit["waiting_minutes"] == 12 and visit["teller"] == "0815"  # kept as given
    assert visit["scenario"] == "开户" and visit["shopper"] == "M01" and visit["wave"] == "2026H2"
    assert visit["delivery"]["sheet"] == "暗访明细" and visit["delivery"]["row"] == 2
    assert first.finished == "2026-10-09T09:00:00+08:00"  # the slot's start, Shanghai time
    # Every mapped item passed or scored 5 of 5, the rest unanswered: 100.
    assert first.score.overall_final == 100.0
    second = read_result(next(f for f in files if "SH-002" in str(f)))
    assert dict(second.visit or {})["teller"] == "1120"  # a number cell, as digits
    # Re-importing the same delivery stores nothing new.
    code, rows, err = _import(capsys, env, xlsx, "--partial")
    assert [r["status"] for r in rows] == ["unchanged", "unchanged", "error", "error", "error"]
    assert _stored(env) == files and "0 stored, 2 already imported" in err
    assert cli(capsys, "verify", "-b", "SH-001", "--results-dir", str(env["res"]))[0] == 0


def test_a_changed_visit_is_not_stored_again(capsys: pytest.CaptureFixture[str],
                                             env: dict[str, Path]) -> None:
    assert _import(capsys, env, workbook(env["tmp"] / "a.xlsx", GOOD))[0] == 0
    changed = [list(r) for r in GOOD]
    changed[0][9] = "否"
    code, _, err = _import(capsys, env, workbook(env["tmp"] / "b.xlsx", changed), "--lang", "zh")
    assert code == 2 and "内容不同" in err and "申诉" in err
    assert len(_stored(env)) == 2


def test_a_csv_delivery_in_gb18030(capsys: pytest.CaptureFixture[str],
                                   env: dict[str, Path]) -> None:
    env["map"].write_text(MAPPING.replace("sheet: 暗访明细\n", ""), encoding="utf-8")
    lines = [",".join(HEADER), "V1,SH-001,2026/10/9,9:00-11:00,12,0815,开户,M01,是,是,5"]
    delivery = env["tmp"] / "d.csv"
    delivery.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    code, rows, err = _import(capsys, env, delivery)
    assert code == 0, err
    assert [r["status"] for r in rows] == ["stored"] and rows[0]["date"] == "2026-10-09"


def test_a_missing_column_and_an_unknown_item(capsys: pytest.CaptureFixture[str],
                                              env: dict[str, Path]) -> None:
    xlsx = workbook(env["tmp"] / "d.xlsx", GOOD)
    env["map"].write_text(MAPPING.replace("总体体验\n", "满意度\n"), encoding="utf-8")
    code, _, err = _import(capsys, env, xlsx)
    assert code == 2 and "no column '满意度'" in err and "items.overall-experience" in err
    env["map"].write_text(MAPPING.replace("overall-experience", "no-such-item"), "utf-8")
    code, _, err = _import(capsys, env, xlsx)
    assert code == 2 and "map.yaml:" in err and "no item 'no-such-item'" in err


def test_validate_checks_a_mapping_against_its_checklist(
        capsys: pytest.CaptureFixture[str], env: dict[str, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``validate`` knows a mapping by its format line and reports, at their lines, an item
    the checklist lacks and a value mapped to no answer of its item; nothing else."""
    assert cli(capsys, "validate", str(env["map"]))[0] == 0
    bad = env["tmp"] / "bad-map.yaml"
    lines = MAPPING.splitlines()
    lines[8] = "  entrance-and-hall-clean: {column: 整洁, values: {是: pass, 否: maybe}}"
    lines.append("  no-such-item: 其他")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = cli(capsys, "validate", str(bad))
    assert code == 1, out
    # line 9: the value 'maybe'; line 12: the unknown item's key (column 3)
    assert "bad-map.yaml:9:" in out and "'否' maps to 'maybe'" in out, out
    assert "bad-map.yaml:12:3" in out and "no item 'no-such-item'" in out, out
    code, out, _ = cli(capsys, "validate", str(bad), "-f", "json")
    rules = sorted(p["rule"] for p in json.loads(out)["problems"])
    assert code == 1 and rules == ["answer", "unknown-item"], out
    # a checklist that is neither bundled nor beside the mapping: located at its line
    bad.write_text(MAPPING.replace("checklist: mystery-shopper", "checklist: nowhere"),
                   encoding="utf-8")
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    code, out, _ = cli(capsys, "validate", str(bad))
    assert code == 1 and "bad-map.yaml:2:" in out and "找不到检查表 'nowhere'" in out, out


def test_the_sample_delivery_is_a_real_workbook_and_the_csv_the_same_visits(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``shop sample`` writes the firm's delivery as .xlsx with typed cells (dates, numbers,
    teller numbers as text); it imports as the CSV does, so the CSV after it adds nothing."""
    from datetime import date

    folder = tmp_path / "demo"
    assert cli(capsys, "shop", "sample", str(folder))[0] == 0
    book = openpyxl.load_workbook(folder / "delivery.xlsx")
    sheet = book.worksheets[0]
    assert book.sheetnames == ["暗访明细", "说明"]
    header = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert row["暗访日期"].date() == date(2026, 10, 19)
    assert row["等候分钟"] == 6 and row["总体体验(1-5)"] == 5
    assert row["柜员号"] == "0815"  # text: the leading zero stays
    res = folder / "results"
    args = ["-m", str(folder / "mapping.yaml"), "--results-dir", str(res), "-f", "json"]
    code, out, err = cli(capsys, "shop", "import", str(folder / "delivery.xlsx"), *args)
    assert code == 0 and [r["status"] for r in json.loads(out)] == ["stored"] * 4, err
    (stored,) = (res / "BJ-CY1" / "mystery-shopper").glob("2*.yaml")
    from branchcheck.results.storage import read_result

    visit = dict(read_result(stored).visit or {})
    assert visit["teller"] == "0815" and visit["delivery"]["sheet"] == "暗访明细"
    code, out, err = cli(capsys, "shop", "import", str(folder / "delivery.csv"), *args)
    assert code == 0 and [r["status"] for r in json.loads(out)] == ["unchanged"] * 4, err


def _rewritten(src: Path, dst: Path, part: str, data: bytes) -> Path:
    """``src`` with its zip member ``part`` replaced by ``data``."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == part else zin.read(info.filename))
    return dst


@pytest.mark.parametrize("part", ["xl/worksheets/sheet2.xml", "xl/styles.xml",
                                  "xl/workbook.xml"])
def test_a_workbook_with_damaged_xml_inside_is_a_located_error(
        capsys: pytest.CaptureFixture[str], env: dict[str, Path], part: str) -> None:
    # Input audit: XML cut short inside a valid zip raised ParseError (exit 3), from
    # opening the workbook or, for a sheet, while its rows were read.
    good = workbook(env["tmp"] / "good.xlsx", GOOD)
    bad = _rewritten(good, env["tmp"] / "bad.xlsx", part, b"<worksheet><sheetData><row")
    code, _, err = _import(capsys, env, bad)
    assert code == 2, err
    assert f"{bad}: error: cannot be read as an Excel workbook" in err, err
    assert "internal error" not in err and not _stored(env)


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_reading(
        capsys: pytest.CaptureFixture[str], env: dict[str, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A zip bomb (a small file whose parts unpack to gigabytes) is refused by the sizes
    # its directory states; the limit is lowered here so the test stays small.
    from branchcheck.shop import delivery

    monkeypatch.setattr(delivery, "MAX_UNPACKED", 10_000)
    big = workbook(env["tmp"] / "big.xlsx", GOOD * 40)
    code, _, err = _import(capsys, env, big)
    assert code == 2 and "bytes unpacked, over the limit of 10000 bytes" in err, err
    assert not _stored(env)
    monkeypatch.setattr(delivery, "MAX_UNPACKED", 256 * 1024 * 1024)
    assert _import(capsys, env, workbook(env["tmp"] / "ok.xlsx", GOOD))[0] == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_reports_its_wave_against_the_plan_it_came_with(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str) -> None:
    """``shop sample`` writes the 2026H2 plan the delivery answers: 12 visits drawn, the
    firm delivered the 4 Beijing ones (BJ-CY1, BJ-CY3, BJ-DC1, BJ-HD3), so by the unit
    above the outlet: BJ-CY 2/2, BJ-DC 1/1, BJ-HD 1/1, and the 8 Guangzhou and Shanghai
    visits missing (GZ-BY 2, SH-JA 2, GZ-HZ, GZ-YX, SH-PD, SH-XH 1 each)."""
    folder = tmp_path / "demo"
    assert cli(capsys, "shop", "sample", str(folder), "--lang", lang)[0] == 0
    plan = folder / "plan-2026H2.yaml"
    assert cli(capsys, "validate", str(plan))[0] == 0
    res = str(folder / "results")
    code, _, err = cli(capsys, "shop", "import", str(folder / "delivery.xlsx"), "-m",
                       str(folder / "mapping.yaml"), "--results-dir", res)
    assert code == 0, err
    code, out, err = cli(capsys, "shop", "report", "--wave", "2026H2", "--plan", str(plan),
                         "--results-dir", res, "-f", "json", "--lang", lang)
    assert code == 0, err
    planned = {r["unit"]: (r["planned"], r["done"], r["missing"])
               for r in json.loads(out)["planned"]}
    assert planned == {"BJ-CY": (2, 2, 0), "BJ-DC": (1, 1, 0), "BJ-HD": (1, 1, 0),
                       "GZ-BY": (2, 0, 2), "GZ-HZ": (1, 0, 1), "GZ-YX": (1, 0, 1),
                       "SH-JA": (2, 0, 2), "SH-PD": (1, 0, 1), "SH-XH": (1, 0, 1)}
    code, out, err = cli(capsys, "shop", "report", "--wave", "2026H2", "--plan", str(plan),
                         "--results-dir", res, "--lang", lang)
    assert code == 0, err
    row = next(line.split() for line in out.splitlines() if line.startswith("GZ-BY"))
    assert row == ["GZ-BY", "2", "0", "2", "0%"]
