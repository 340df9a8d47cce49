"""A department's working-day calendar file (``--calendar``, ``$BRANCHCHECK_CALENDAR``)
with mistakes: every problem located, in the UI language (it was English in a zh
session, and the commands that did not pass a language were English whatever the
session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_complaints import _env, run  # noqa: F401  (fixture)

CALENDAR = "holidays: [2025-10-10, 2025-10-10, 2025-02-30]\nworkdays: [2025-10-10]\nextra: 1\n"
WORDS = {
    "zh": ["错误：{cal}：不是有效的工作日历文件",
           "{cal}:3:1: 错误: 未知的键 'extra'；工作日历文件只有 holidays 和 workdays "
           "[unknown-key]",
           "{cal}:1:24: 错误: 2025-10-10 在 holidays 中列了两次 [calendar]",
           "{cal}:1:36: 错误: '2025-02-30' 不是日期（YYYY-MM-DD） [calendar]",
           "{cal}:2:12: 错误: 2025-10-10 既是节假日又是工作日（调休） [calendar]"],
    "en": ["Error: {cal}: not a valid working-day calendar file",
           "{cal}:3:1: error: unknown key 'extra'; a calendar file has holidays and workdays "
           "[unknown-key]",
           "{cal}:1:24: error: 2025-10-10 is listed twice in holidays [calendar]",
           "{cal}:1:36: error: '2025-02-30' is not a calendar date (YYYY-MM-DD) [calendar]",
           "{cal}:2:12: error: 2025-10-10 is both a holiday and a working day [calendar]"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("given", ["option", "environment"])
def test_a_bad_calendar_file_is_told_in_the_ui_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        lang: str, given: str) -> None:
    cal = tmp_path / "cal.yaml"
    cal.write_text(CALENDAR, encoding="utf-8")
    extra = ["--calendar", str(cal)]
    if given == "environment":
        monkeypatch.setenv("BRANCHCHECK_CALENDAR", str(cal))
        extra = []
    root = tmp_path / "results"
    code, out, err = run(capsys, root, "new", "--branch", "SH-001", "--channel", "counter",
                         "--received", "2025-10-09T09:00:00+08:00", "--promise-days", "2",
                         "--lang", lang, *extra)
    assert (code, out) == (2, "")
    assert err.splitlines() == [line.format(cal=cal) for line in WORDS[lang]]
    assert not root.exists()  # nothing recorded
