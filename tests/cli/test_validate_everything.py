"""``validate`` reports every problem in one run: schema errors no longer hide the
semantic ones (a duplicate id, a broken ``when``), and an organisation directory
given as CSV is checked as one instead of failing as "not a mapping"."""

from __future__ import annotations

from pathlib import Path

import pytest

from branchcheck.cli import run

BROKEN = """\
id: broken-list
version: 1
title: {zh: 坏, en: Broken}
sections:
  - id: s1
    title: {zh: 一, en: One}
    weight: heavy
    items:
      - {id: a, text: {zh: 甲, en: A}, type: check}
      - {id: a, text: {zh: 乙, en: B}, type: check}
      - {id: c, text: {zh: 丙, en: C}, type: check, when: {item: b, equals: pass}}
  - 7
"""


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_schema_and_semantic_problems_in_one_run(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, _ = validate(capsys, str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[:-1] == [
        f"{path}:7:13: error: weight: expected a number, got string 'heavy' [schema]",
        f"{path}:10:14: error: id 'a' is already used at line 9, column 14 [duplicate-id]",
        f"{path}:11:65: error: 'when' refers to unknown item 'b' [when-unknown-item]",
        f"{path}:12:5: error: expected a mapping, got integer 7 [schema]",
    ]
    assert lines[-1] == "FAILED: 1 file checked, 1 invalid, 4 errors, 0 warnings"


def test_a_shape_too_broken_for_the_rules_still_reports_the_schema(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "worse.yaml"
    path.write_text("id: x\nversion: 1\ntitle: X\nsections: {a: 1}\n", encoding="utf-8")
    code, out, err = validate(capsys, str(path))
    assert code == 1 and err == "" and "[schema]" in out and "Traceback" not in out


def test_an_org_csv_is_checked_as_a_directory(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "org.csv"
    good.write_text("id,name_zh,name_en,parent,kind\nHQ,总行,Head office,,head-office\n"
                    "SH-001,一,One,HQ,outlet\n", encoding="utf-8")
    code, out, _ = validate(capsys, str(good))
    assert code == 0 and "mapping" not in out and "1 file" in out
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text(encoding="utf-8") + "SH-002,二,Two,NOPE,outlet\n",
                   encoding="utf-8")
    code, out, _ = validate(capsys, str(bad))
    assert code == 1
    assert f"{bad}:4:4: error: unit 'SH-002': parent 'NOPE' is not in the directory" in out
