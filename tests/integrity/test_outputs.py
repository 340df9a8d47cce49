"""The integrity verdict in every output of a result, under the same name: the JSON
field ``integrity`` and the CSV columns ``integrity``, ``integrity_signature``,
``integrity_signer``, ``integrity_reason`` (report, results, history, diff)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from branchcheck.cli import run
from branchcheck.core import resources
from branchcheck.integrity.assess import CSV_COLUMNS
from tests.integrity.helpers import load, save

ANSWERS = ("checklist: {ck}\nbranch: SH-001\nreviewer: Wang\nfinished: {when}\n"
           "answers: {{entrance-clean: pass, forms-tidy: fail, no-customer-data-exposed: pass}}\n")
FIRST, SECOND = "2024-05-01T09:00:00+08:00", "2024-05-02T09:00:00+08:00"


@pytest.fixture(autouse=True)
def _results(integrity_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRANCHCHECK_RESULTS", str(tmp_path / "r"))


def _score(capsys: pytest.CaptureFixture[str], tmp: Path, checklist: str, when: str,
           *args: str) -> Path:
    answers = tmp / "answers.yaml"
    answers.write_text(ANSWERS.format(ck=checklist, when=when), encoding="utf-8")
    assert run(["score", checklist, "-a", str(answers), *args]) == 0, capsys.readouterr().err
    capsys.readouterr()
    return max((tmp / "r" / "SH-001").rglob("*.yaml"))


def _own_checklist(tmp: Path) -> Path:
    """The bundled daily-opening under another id: a checklist that is not bundled (its
    bytes are unique to the test, so no other test's lookup is remembered for it)."""
    path = tmp / "own" / "own-opening.yaml"
    path.parent.mkdir()
    text = Path(str(resources.bundled_checklist("daily-opening"))).read_text(encoding="utf-8")
    text = text.replace("id: daily-opening", "id: own-opening", 1) + f"# {tmp.name}\n"
    path.write_text(text, encoding="utf-8")  # bytes of its own: no checklist cached in-process
    return path


def _csv(capsys: pytest.CaptureFixture[str], args: list[str], tmp: Path) -> list[dict[str, str]]:
    out = tmp / "out.csv"
    assert run([*args, "-f", "csv", "-o", str(out), "--force"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _json(capsys: pytest.CaptureFixture[str], args: list[str]) -> object:
    code = run([*args, "-f", "json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return json.loads(out)


def _verdict(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[c] for c in CSV_COLUMNS)


def test_column_names_are_the_same_everywhere() -> None:
    from branchcheck.render import report

    assert CSV_COLUMNS == ("integrity", "integrity_signature", "integrity_signer",
                           "integrity_reason")
    assert report.CSV_COLUMNS[-4:] == CSV_COLUMNS


def test_report_csv_verified_then_unverified_with_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = _score(capsys, tmp_path, "daily-opening", FIRST)
    rows = _csv(capsys, ["report", str(path)], tmp_path)
    assert len(rows) == 21  # one per item of daily-opening (21 "- id:" in its file)
    assert {_verdict(r) for r in rows} == {("verified", "none", "", "")}

    own = _own_checklist(tmp_path)
    path = _score(capsys, tmp_path, str(own), SECOND)
    rows = _csv(capsys, ["report", str(path)], tmp_path)
    (verdict,) = {_verdict(r) for r in rows}
    assert verdict[:3] == ("unverified", "none", "")
    version = yaml.safe_load(own.read_text(encoding="utf-8"))["version"]
    assert verdict[3].startswith(f"checklist own-opening v{version} (sha256 ")
    assert "not found" in verdict[3]
    monkeypatch.setenv("BRANCHCHECK_CHECKLISTS", str(own.parent))
    rows = _csv(capsys, ["report", str(path)], tmp_path)
    assert {_verdict(r) for r in rows} == {("verified", "none", "", "")}


def test_report_csv_names_the_signer_guarded(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["keys", "new", "--out", str(tmp_path / "keys"), "--name", "SH-001"]) == 0
    fingerprint = capsys.readouterr().out.strip()
    path = _score(capsys, tmp_path, "daily-opening", FIRST,
                  "--sign-key", str(tmp_path / "keys" / "SH-001.key"))
    trust = tmp_path / "trust"
    trust.mkdir()
    # A signer name that a spreadsheet would run as a formula if it were not guarded.
    (trust / "=HYPERLINK(1).pub").write_bytes((tmp_path / "keys" / "SH-001.pub").read_bytes())
    # a key named otherwise than its branch signs for it only when listed (issue 25 N5)
    (trust / "branches.yaml").write_text("'=HYPERLINK(1)': [SH-001]\n", encoding="utf-8")
    monkeypatch.setenv("BRANCHCHECK_TRUST", str(trust))
    rows = _csv(capsys, ["report", str(path)], tmp_path)
    assert {_verdict(r) for r in rows} == {("verified", "trusted", "'=HYPERLINK(1)", "")}

    monkeypatch.setenv("BRANCHCHECK_TRUST", str(tmp_path / "keys-elsewhere"))
    (tmp_path / "keys-elsewhere").mkdir()
    rows = _csv(capsys, ["report", str(path)], tmp_path)
    assert {_verdict(r) for r in rows} == {
        ("verified", "untrusted", fingerprint, f"signed by an untrusted key {fingerprint}")}
    data = _json(capsys, ["report", str(path)])
    assert isinstance(data, dict)
    assert data["integrity"] == {"state": "verified", "ok": False,
                                 "reason": f"signed by an untrusted key {fingerprint}",
                                 "signature": "untrusted", "signer": fingerprint,
                                 "previous": None}
    run(["report", str(path)])
    md = capsys.readouterr().out
    assert f"- Integrity: verified, UNTRUSTED signer: signed by an untrusted key {fingerprint}" \
        in md


def test_results_history_and_diff_carry_the_verdict(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _score(capsys, tmp_path, "daily-opening", FIRST)
    second = _score(capsys, tmp_path, "daily-opening", SECOND)
    rows = _csv(capsys, ["history", "-b", "SH-001"], tmp_path)
    assert [_verdict(r) for r in rows] == [("verified", "none", "", "")] * 2
    history = _json(capsys, ["history", "-b", "SH-001"])
    assert isinstance(history, dict)
    states = [r["integrity"]["state"] for r in history["checklists"][0]["rows"]]
    assert states == ["verified", "verified"]

    diff = _json(capsys, ["diff", str(first), str(second)])
    assert isinstance(diff, dict)
    assert diff["old"]["integrity"]["state"] == diff["new"]["integrity"]["state"] == "verified"
    assert diff["new"]["integrity"]["previous"] is not None  # chained to the first

    data = load(first)
    next(i for i in data["items"] if i["id"] == "forms-tidy")["value"] = "pass"
    save(first, data)  # a failed item turned into a pass, its status left alone
    listing = _json(capsys, ["results", "-b", "SH-001"])
    assert isinstance(listing, list)
    by_path = {row["path"]: row for row in listing}
    bad = by_path[str(first)]["integrity"]
    assert bad["state"] == "tampered" and bad["ok"] is False
    assert "does not match" in bad["reason"] and bad["signature"] == "none"
    assert by_path[str(second)]["integrity"]["state"] == "verified"
    assert run(["results", "-b", "SH-001"]) == 0
    table = capsys.readouterr().out
    lines = {line.split()[0] + line.split()[1]: line for line in table.splitlines()
             if line.startswith("20")}
    assert len(lines) == 2 and sum("TAMPERED" in x for x in lines.values()) == 1
    assert sum(" verified " in x for x in lines.values()) == 1

    (first.parent / "20240503T010000000000Z.yaml").write_text("format: [", encoding="utf-8")
    history = _json(capsys, ["history", "-b", "SH-001"])
    assert isinstance(history, dict)
    assert [r["integrity"]["state"] for r in history["checklists"][0]["rows"]] == ["verified"]
    skipped = {Path(x["path"]).name: x for x in history["skipped"]}
    assert skipped[first.name]["integrity"]["state"] == "tampered"
    assert skipped[first.name]["integrity"]["reason"] == skipped[first.name]["error"]
    assert "does not match" in skipped[first.name]["error"]
    assert skipped["20240503T010000000000Z.yaml"]["integrity"] is None  # unreadable, not forged

    moved = tmp_path / "r" / "SH-002" / "daily-opening" / second.name
    moved.parent.mkdir(parents=True)
    moved.write_bytes(second.read_bytes())  # another branch's result, put under SH-002
    run(["history", "-b", "SH-002", "-f", "json"])
    out, err = capsys.readouterr()
    assert out == "" and "none of the stored results of branch SH-002 could be read" in err
    assert run(["results", "-b", "SH-002", "-f", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["integrity"]["state"] == "tampered" and "stored under SH-002" in row["error"]
