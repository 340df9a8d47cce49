"""branchcheck.results.history: loading stored results, rows, most-failed, sparklines (the
cache: tests/integrity/test_history_cache.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from branchcheck.core.errors import UsageError
from branchcheck.core.model import Answer, Checklist, Item, Result, Section
from branchcheck.core.scoring import make_result
from branchcheck.results import history, storage

CK = Checklist(
    id="mini", version=1, title={"zh": "小表", "en": "Mini"},
    sections=(Section("s1", {"zh": "一", "en": "One"}, tuple(
        Item(id=f"i{n}", text={"zh": f"项{n}", "en": f"Item {n}"}, type="check")
        for n in range(3))),),
    sha256="a" * 64,
)


def result(answers: str, when: datetime, branch: str = "SH-001") -> Result:
    """A scored result of CK: ``answers`` like "pfp" (pass/fail per item)."""
    values = {f"i{n}": Answer(f"i{n}", "pass" if a == "p" else "fail")
              for n, a in enumerate(answers)}
    iso = when.isoformat()
    return make_result(CK, values, branch=branch, reviewer="张三", lang="zh", started=iso,
                       finished=iso)


def store(root: Path, r: Result, when: datetime) -> Path:
    stamp = when.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return storage.write_result(r, path=root / r.branch / r.checklist_id / f"{stamp}.yaml")


def day(n: int, hour: int = 12, tz: int = 8) -> datetime:
    return datetime(2024, 5, 1, hour, tzinfo=timezone(timedelta(hours=tz))) + timedelta(days=n)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # (the history cache's home)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for n, answers in enumerate(["ppp", "pfp", "ffp", "pfp"]):
        store(tmp_path, result(answers, day(n)), day(n))
    return tmp_path


def test_rows_are_chronological_and_scored(root: Path) -> None:
    loaded = history.load(root, "SH-001")
    assert loaded.skipped == ()
    (h,) = history.build(loaded.results)
    assert [r.finished[:10] for r in h.rows] == ["2024-05-01", "2024-05-02", "2024-05-03",
                                                 "2024-05-04"]
    assert [round(r.overall or 0, 1) for r in h.rows] == [100.0, 66.7, 33.3, 66.7]
    assert [(f.id, f.failed, f.answered) for f in h.most_failed] == [("i1", 3, 4), ("i0", 1, 4)]
    assert history.build(loaded.results, top=1)[0].most_failed[0].id == "i1"


def test_since_uses_the_local_day_of_the_result(tmp_path: Path) -> None:
    # Finished 07:00 in UTC+8 on 1 May is 23:00 UTC on 30 April (the file stamp).
    early = day(0, hour=7)
    store(tmp_path, result("ppp", early), early)
    store(tmp_path, result("fff", day(-2)), day(-2))
    got = history.load(tmp_path, "SH-001", since=date(2024, 5, 1))
    assert [r.finished for r in got.results] == [early.isoformat()]


def test_since_keeps_the_cache_of_older_results(root: Path) -> None:
    history.load(root, "SH-001", use_cache=True)
    recent = history.load(root, "SH-001", use_cache=True, since=date(2024, 5, 4))
    assert len(recent.results) == 1 and recent.cached >= 1
    assert history.load(root, "SH-001", use_cache=True).cached == 4


def test_without_cache_nothing_is_written(root: Path, tmp_path: Path) -> None:
    assert len(history.load(root, "SH-001", use_cache=False).results) == 4
    assert not (tmp_path / "xdg").exists() and not (root / ".cache").exists()


def test_bad_and_misplaced_files_are_skipped(root: Path) -> None:
    folder = root / "SH-001" / "mini"
    (folder / "20240601T000000000000Z.yaml").write_text("format: [oops\n", encoding="utf-8")
    other = result("ppp", day(9), branch="BJ-002")
    storage.write_result(other, path=folder / "20240610T000000000000Z.yaml")
    loaded = history.load(root, "SH-001", use_cache=True)
    reasons = dict(loaded.skipped)
    assert len(loaded.results) == 4
    assert "YAML" in reasons[str(folder / "20240601T000000000000Z.yaml")]
    assert "branch BJ-002" in reasons[str(folder / "20240610T000000000000Z.yaml")]


def test_parallel_and_serial_reads_agree(tmp_path: Path) -> None:
    for n in range(history.PARALLEL_THRESHOLD + 2):
        store(tmp_path, result("pfp"[: 1 + n % 3].ljust(3, "p"), day(n)), day(n))
    serial = history.load(tmp_path, "SH-001", use_cache=False, jobs=1)
    parallel = history.load(tmp_path, "SH-001", use_cache=False, jobs=2)
    assert [r.path for r in serial.results] == [r.path for r in parallel.results]
    assert len(serial.results) == history.PARALLEL_THRESHOLD + 2


@pytest.mark.parametrize("text", ["2024-13-01", "2024-1-1", "yesterday", "2024-02-30", "",
                                  "2024-05-01\n"])
def test_bad_since_dates(text: str) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        history.parse_since(text)


def test_since_parses() -> None:
    assert history.parse_since("2024-02-29") == date(2024, 2, 29)


def test_checklist_ids_are_checked() -> None:
    for bad in ("../etc", "daily-opening\n", "Daily"):
        with pytest.raises(UsageError):
            history.check_checklist_id(bad)


def test_sparkline() -> None:
    assert history.sparkline([0, 50, 100]) == "▁▅█"
    assert history.sparkline([3, None, 3]) == "▄ ▄"
    assert history.sparkline([None, None]) == "  "
    long = history.sparkline([float(i) for i in range(365)], width=40)
    assert len(long) == 40 and long[0] == "▁" and long[-1] == "█"
    assert list(long) == sorted(long)


def test_files_are_parsed_a_batch_at_a_time(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = history.load(root, "SH-001")
    sizes: list[int] = []
    real = history._read_all

    def counted(misses: list[tuple[str, bytes, str]], *args: object) -> object:
        sizes.append(len(misses))
        return real(misses, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(history, "BATCH", 3)
    monkeypatch.setattr(history, "_read_all", counted)
    batched = history.load(root, "SH-001")
    assert sizes == [3, 1]  # 4 files: never more than 3 held unparsed
    assert batched == whole
