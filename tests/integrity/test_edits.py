"""Every edit listed in issue 14 is caught, each by its own test.

Each forged file is first shown to fool the self-consistency check alone (the
only check before results were verified against their checklist), so these
tests fail on the old code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from branchcheck.core.errors import TamperedError
from branchcheck.integrity.consistency import tamper_problems
from branchcheck.results import history, storage
from tests.integrity.helpers import RED_LINE, daily, forge, hotline, load, save, stored


def _fools_old_check(data: dict[str, Any]) -> None:
    assert tamper_problems(storage.result_from_dict(data)) == []


def _item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in data["items"] if i["id"] == item_id)
    return found


def _caught(path: Path, needle: str = "") -> str:
    with pytest.raises(TamperedError) as info:
        storage.read_result(path)
    text = str(info.value)
    assert "hand-edited" in info.value.message and needle in text
    return text


def test_an_untouched_result_verifies(tmp_path: Path) -> None:
    path = stored(tmp_path, daily())
    result = storage.read_result(path)
    assert result.integrity is not None and result.integrity.state == "verified"
    assert result.integrity.ok and result.score.overall_final == 0.0


def test_dropped_red_line_flag(tmp_path: Path) -> None:
    path = stored(tmp_path, daily())
    data = load(path)
    assert data["overall"]["final"] == 0.0
    _item(data, RED_LINE)["critical"] = None
    forge(data)
    assert data["overall"]["final"] > 75 and data["grade"]["label"]["en"] == "Good"
    _fools_old_check(data)
    save(path, data)
    _caught(path, f"item {RED_LINE}: critical differs from the checklist")


def test_relabelled_grade_bands(tmp_path: Path) -> None:
    path = stored(tmp_path, daily(fails=("brochures-current", "forms-tidy", "badge-worn")))
    data = load(path)
    for band in data["checklist"]["grades"]:
        band["min"] = 0  # every score is now the top band
    forge(data)
    _fools_old_check(data)
    save(path, data)
    _caught(path, "grade bands differ")


def test_value_changed_alone(tmp_path: Path) -> None:
    path = stored(tmp_path, hotline({"answer-15s": 60}))  # fails its >= 85
    data = load(path)
    assert _item(data, "answer-15s")["status"] == "fail"
    _item(data, "answer-15s")["value"] = 90  # status and fraction left alone
    _fools_old_check(data)
    save(path, data)
    _caught(path, "item answer-15s: status, fraction differs from the checklist")


def test_failed_knockout_set_to_na(tmp_path: Path) -> None:
    path = stored(tmp_path, daily())
    data = load(path)
    item = _item(data, RED_LINE)
    item.update(value="na", status="na", fraction=None)
    forge(data)
    _fools_old_check(data)
    save(path, data)
    _caught(path, f"'{RED_LINE}' may not be answered na")


def test_zeroed_weight(tmp_path: Path) -> None:
    path = stored(tmp_path, daily(fails=("brochures-current",)))
    data = load(path)
    _item(data, "brochures-current")["weight"] = 0
    forge(data)
    assert data["overall"]["final"] == 100.0
    _fools_old_check(data)
    save(path, data)
    _caught(path, "item brochures-current: weight differs")


def test_ghost_section(tmp_path: Path) -> None:
    path = stored(tmp_path, daily(fails=("brochures-current",)))
    data = load(path)
    data["sections"].append({"id": "ghost", "title": "Ghost", "weight": 50.0, "raw": None,
                             "final": None, "knocked_out": False})
    data["items"].append({**_item(data, "entrance-clean"), "id": "ghost-item",
                          "section": "ghost"})
    forge(data)
    _fools_old_check(data)
    save(path, data)
    _caught(path, "extra ['ghost-item']")


def test_duplicate_item(tmp_path: Path) -> None:
    path = stored(tmp_path, daily(fails=("brochures-current",)))
    data = load(path)
    data["items"] += [dict(_item(data, "brochures-tidy")) for _ in range(3)]
    forge(data)
    save(path, data)
    text = _caught(path, "item brochures-tidy appears more than once")
    assert "or a duplicate" in text


def test_changed_checklist_sha256_is_unverified_not_ok(tmp_path: Path) -> None:
    path = stored(tmp_path, daily())
    data = load(path)
    data["checklist"]["sha256"] = "0" * 64
    _item(data, RED_LINE)["critical"] = None
    forge(data)
    save(path, data)
    result = storage.read_result(path)
    assert result.integrity is not None and result.integrity.state == "unverified"
    assert not result.integrity.ok and "not found" in result.integrity.reason


def test_future_finish_date(tmp_path: Path) -> None:
    path = stored(tmp_path, daily())
    data = load(path)
    data["finished"] = "2999-01-01T09:00:00+08:00"
    save(path, data)
    _caught(path, "finished 2999-01-01T09:00:00+08:00 is in the future")


def test_finish_before_start(tmp_path: Path) -> None:
    path = stored(tmp_path, daily())
    data = load(path)
    data["started"] = "2024-05-02T09:00:00+08:00"
    save(path, data)
    _caught(path, "is before started")


def test_moved_file(tmp_path: Path) -> None:
    from branchcheck.commands.results import collect

    path = stored(tmp_path, daily())
    folder = tmp_path / "BJ-002" / "daily-opening"
    folder.mkdir(parents=True)
    shutil.move(path, folder / path.name)
    rows = collect(tmp_path)
    assert len(rows) == 1 and rows[0].tampered and "stored under BJ-002" in str(rows[0].error)
    loaded = history.load(tmp_path, "BJ-002")
    assert not loaded.results and "stored under BJ-002" in loaded.skipped[0][1]


@pytest.mark.usefixtures("integrity_env")
def test_forged_history_cache_entry(tmp_path: Path) -> None:
    stored(tmp_path, daily())
    first = history.load(tmp_path, "SH-001", use_cache=True)
    assert [r.overall_final for r in first.results] == [0.0]
    (cache,) = (tmp_path / "cache" / "branchcheck" / "history").glob("*.json")
    magic, mac, body = cache.read_bytes().split(b"\n", 2)
    doc = json.loads(body)
    (entry,) = doc["entries"].values()
    entry[3][9] = 100.0  # the red line's 0 made full marks, the MAC left as it was
    cache.write_bytes(b"\n".join((magic, mac, json.dumps(doc).encode())))
    again = history.load(tmp_path, "SH-001", use_cache=True)
    assert [r.overall_final for r in again.results] == [0.0]
    assert again.cached == 0 and again.parsed == 1  # the entry was not believed


def test_current_result_without_bands_gets_no_grade_leniency(tmp_path: Path) -> None:
    path = stored(tmp_path, daily(fails=("brochures-current",)))
    data = load(path)
    data["checklist"]["sha256"] = "1" * 64  # checklist not found: only self-consistency
    del data["checklist"]["grades"]
    data["grade"] = {"min": 0, "label": "Top"}
    save(path, data)
    _caught(path, "grade Top does not fit score")
    data["format"] = "branchcheck-result/1"  # downgraded to the old, lenient format
    save(path, data)
    _caught(path, "a result in the old format cannot have previous, previous_file")
    del data["previous"], data["previous_file"]
    data["format"] = "branchcheck-result/2"
    save(path, data)
    _caught(path, "the chain field 'previous' is missing")


def test_legacy_result_reads_as_legacy(tmp_path: Path) -> None:
    path = stored(tmp_path, daily(fails=("brochures-current",)))
    data = load(path)
    del data["previous"], data["previous_file"]
    data["format"] = "branchcheck-result/1"
    save(path, data)
    result = storage.read_result(path)
    assert result.integrity is not None and result.integrity.state == "legacy"
    assert not result.integrity.ok and "older version" in result.integrity.reason


def test_store_refuses_what_would_not_read_back(tmp_path: Path) -> None:
    from branchcheck.core.errors import StorageError
    from branchcheck.results.chain import store_result

    future = daily(finished="2999-01-01T00:00:00+00:00")
    with pytest.raises(StorageError, match="in the future"):
        store_result(future, root=tmp_path)
    assert not any(tmp_path.rglob("*.yaml"))
