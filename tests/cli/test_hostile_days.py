"""Stored files written by another tool with a day or a time the calendar has not
(2025-02-30, 2025-13-01, hour 25, minute 61, offset +25:00): every reader reports
where it is, in the UI language, and goes on or refuses the file; never an internal
error."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from actions_helpers import answers, cli, score

from branchcheck.actions import writer
from branchcheck.actions.log import NewEvent, read_log

FRI = "2024-05-03T10:00:00+08:00"
WORDS = {"en": "must be a date", "zh": "应为日期"}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRANCHCHECK_RESULTS", raising=False)
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("BRANCHCHECK_TODAY", "2024-05-20")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _plant(root: Path, event: NewEvent) -> None:
    """Append ``event`` with the real writer, past the checks a command makes."""
    with writer.locked(root, "SH-001"):
        log = read_log(root, "SH-001", locked=True)
        writer.add_events(root, "SH-001", [event], seq=log.last_seq, prev=log.last_hash,
                          size=log.size)


def _english(err: str) -> list[str]:
    """English words of a zh message, beyond paths, keys, ids, codes and the rule."""
    bare = re.sub(r"/\S+|'[a-z_]+'|（[a-z]+）|\[[a-z-]+\]|A-[0-9A-F]{8}", "", err)
    return re.findall(r"\b(?!YYYY|MM|DD|ISO)[A-Za-z]{3,}\b", bare)


@pytest.mark.parametrize(("kind", "data"), [
    ("opened", {"due": "2025-02-30"}), ("opened", {"due": "0000-01-01"}),
    ("assigned", {"due": "2025-13-01"}), ("reopened", {"due": "2025-04-31"})])
def test_an_impossible_due_day_in_an_action_log(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str,
        data: dict[str, Any]) -> None:
    """``actions list`` / ``show``: the event is skipped and named (file:line), the other
    actions listed with their overdue days."""
    root = tmp_path / "r"
    score(capsys, root, answers(tmp_path, "a", FRI, {"tidy": "fail"}))
    first = json.loads((root / "SH-001" / "actions.jsonl").read_text(encoding="utf-8"))
    good = first["action"]
    if kind == "opened":
        _plant(root, NewEvent("opened", "A-0000BAD0", "x", {**first["data"], **data}))
    else:
        _plant(root, NewEvent(kind, good, "x", data))
    for lang in ("en", "zh"):
        code, out, err = cli(capsys, "actions", "list", "-f", "json", "--results-dir",
                             str(root), "--lang", lang)
        assert code == 0, err
        rows = {r["id"]: r for r in json.loads(out)}
        # due Wed 2024-05-08 (3 working days after Fri 05-03, Sat 05-11 a 调休 working
        # day): overdue Thu 05-09 .. Mon 05-20 = 9, 10, 11, 13, 14, 15, 16, 17, 20 = 9
        assert set(rows) == {good} and rows[good]["days_overdue"] == 9, out
        assert "actions.jsonl:2:" in err and WORDS[lang] in err
        assert "internal error" not in err and "内部错误" not in err
        if lang == "zh":
            assert not _english(err), err
        code, out, err = cli(capsys, "actions", "show", good, "--results-dir", str(root),
                             "--lang", lang)
        assert code == 0 and "actions.jsonl:2:" in err, err
