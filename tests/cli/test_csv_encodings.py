"""Every CSV a department hands in is read by one rule: UTF-8 (BOM optional), else
GB18030 (what Excel on a Chinese Windows saves as "CSV": GBK, no BOM) when the bytes
are valid in it, else a located error naming both (exit 2). Through the CLI, with
real GB18030 bytes written by Python's codec."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_network import RESULTS, _env, _write_results, cli, make_net  # noqa: F401
from tests.cli.test_shop import ROSTER as SHOP_ROSTER
from tests.cli.test_shop import _assign, _plan, files  # noqa: F401

# the directory of tests/cli/test_network.py, as Excel in China saves it
ORG_CSV = """\
id,name_zh,name_en,parent,kind,opened
HO,总行,Head office,,head-office,
R1,徐汇支行,Xuhui sub-branch,HO,region,
R2,静安支行,Jing'an sub-branch,HO,region,
O1,徐汇支行营业部,Xuhui main office,R1,outlet,
O2,漕河泾网点,Caohejing outlet,R1,outlet,
O3,南京西路网点,West Nanjing Road outlet,R2,outlet,2026-11-05
"""
# 0xff is no lead byte in UTF-8 nor in GB18030: the file is neither
NEITHER = b"id,name_zh,name_en,parent,kind\nHO,\xff\xfe,Head office,,head-office\n"


def test_gb18030_bytes_are_what_excel_writes() -> None:
    raw = ORG_CSV.encode("gb18030")
    assert "徐汇支行".encode("gb18030") == b"\xd0\xec\xbb\xe3\xd6\xa7\xd0\xd0"  # GBK too
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


@pytest.mark.parametrize("lang, region", [("zh", "徐汇支行"), ("en", "Xuhui sub-branch")])
def test_a_directory_saved_by_excel_in_china_is_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, region: str) -> None:
    net = make_net(tmp_path, capsys, lambda root, ck: _write_results(root, ck, RESULTS))
    org = tmp_path / "org.csv"
    org.write_bytes(ORG_CSV.encode("gb18030"))
    code, out, err = cli(capsys, "network", "league", "-w", str(net["wh"]), "--org", str(org),
                         "--period", "2026-W45", "--level", "region", "-f", "json",
                         "--lang", lang)
    assert code == 0, err
    names = {r["unit"]: r["name"] for r in json.loads(out)}
    assert names == {"R1": region, "R2": "静安支行" if lang == "zh" else "Jing'an sub-branch"}
    code, out, err = cli(capsys, "network", "league", "-w", str(net["wh"]), "--org", str(org),
                         "--period", "2026-W45", "--level", "outlet", "--lang", lang)
    assert code == 0 and ("徐汇支行营业部" if lang == "zh" else "Xuhui main office") in out


def test_a_directory_with_a_bom_or_without_reads_the_same(tmp_path: Path) -> None:
    from branchcheck.org.directory import load

    names = []
    for n, raw in enumerate((ORG_CSV.encode("utf-8"), b"\xef\xbb\xbf" + ORG_CSV.encode("utf-8"),
                             ORG_CSV.encode("gb18030"))):
        path = tmp_path / f"org{n}.csv"
        path.write_bytes(raw)
        names.append([(u.id, u.name_zh) for u in load(str(path)).units])
    assert names[0] == names[1] == names[2] and names[0][1] == ("R1", "徐汇支行")


@pytest.mark.parametrize("lang, words", [
    ("zh", "既不是 UTF-8 也不是 GB18030（GBK）编码的文本（偏移 34 处的字节 0xff）；"
           "请在 Excel 中另存为“CSV UTF-8（逗号分隔）” [encoding]"),
    ("en", "neither UTF-8 nor GB18030 (GBK) text (byte 0xff at offset 34); "
           "save it from Excel as \"CSV UTF-8 (Comma delimited)\" [encoding]")])
def test_a_directory_in_neither_encoding_is_a_located_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, words: str) -> None:
    org = tmp_path / "org.csv"
    org.write_bytes(NEITHER)
    # byte 34 = line 2 ("HO," is 3 bytes), column 4
    code, out, err = cli(capsys, "network", "league", "-w", str(tmp_path / "none.duckdb"),
                         "--org", str(org), "--lang", lang)
    assert code == 2 and out == ""
    error = "错误" if lang == "zh" else "error"
    assert f"{org}:2:4: {error}: {words}" in err
    assert "Traceback" not in err


def test_a_roster_saved_by_excel_in_china_is_read(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """The same roster with Chinese names, in UTF-8 and in GB18030: the same schedule."""
    text = SHOP_ROSTER.replace("Shopper one", "张三").replace("Shopper two", "李四")
    plan = _plan(capsys, files, 4)
    schedules = []
    for encoding in ("utf-8", "gb18030"):
        roster = files["tmp"] / f"roster-{encoding}.csv"
        roster.write_bytes(text.encode(encoding))
        code, visits, err = _assign(capsys, files, plan, "--from", "2027-03-01",
                                    "--to", "2027-03-14", roster=roster)
        assert code == 0, err
        schedules.append(visits)
    assert schedules[0] == schedules[1] and len(schedules[0]) == 4


def test_validate_reads_both_lists_as_excel_in_china_saves_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``validate`` (CI) recognises a GB18030 directory and roster like the commands."""
    (tmp_path / "org.csv").write_bytes(ORG_CSV.encode("gb18030"))
    (tmp_path / "roster.csv").write_bytes(
        "id,name,home_units,max_per_day\nS1,张三,R1,2\n".encode("gb18030"))
    (tmp_path / "bad.csv").write_bytes(NEITHER)
    code, out, _ = cli(capsys, "validate", "--no-cache", str(tmp_path / "org.csv"),
                       str(tmp_path / "roster.csv"))
    assert code == 0 and out.startswith("OK: 2 files checked"), out
    code, out, _ = cli(capsys, "validate", "--no-cache", str(tmp_path / "bad.csv"))
    assert code == 1 and f"{tmp_path / 'bad.csv'}:2:4: error: neither UTF-8 nor GB18030" in out
