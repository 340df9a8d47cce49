"""UI language: --lang, else $BRANCHCHECK_LANG, else the locale (zh if Chinese), else en."""

from __future__ import annotations

import pytest

from branchcheck.core.errors import EXIT_USAGE, UsageError
from branchcheck.core.i18n import LANGUAGES, resolve_lang, t

LOCALE_VARS = ("BRANCHCHECK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)


def test_default_is_english_without_any_setting() -> None:
    assert resolve_lang() == "en"
    assert resolve_lang(None) == "en"


@pytest.mark.parametrize(
    ("var", "value", "expected"),
    [
        ("LANG", "zh_CN.UTF-8", "zh"),
        ("LANG", "zh_TW.UTF-8", "zh"),
        ("LANG", "ZH_cn", "zh"),
        ("LANG", "en_US.UTF-8", "en"),
        ("LANG", "C.UTF-8", "en"),
        ("LANG", "POSIX", "en"),
        ("LANG", "de_DE.UTF-8", "en"),
        ("LC_ALL", "zh_CN.UTF-8", "zh"),
        ("LC_MESSAGES", "zh_CN.GB2312", "zh"),
        ("LANGUAGE", "zh_CN:en", "zh"),
    ],
)
def test_locale_decides_when_nothing_else_is_set(
    monkeypatch: pytest.MonkeyPatch, var: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(var, value)
    assert resolve_lang() == expected


def test_lc_all_overrides_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert resolve_lang() == "en"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert resolve_lang() == "zh"


def test_empty_locale_variables_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert resolve_lang() == "zh"


def test_environment_variable_beats_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    assert resolve_lang() == "zh"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("BRANCHCHECK_LANG", "en")
    assert resolve_lang() == "en"
    monkeypatch.setenv("BRANCHCHECK_LANG", "  ")  # blank counts as unset
    assert resolve_lang() == "zh"


def test_option_beats_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    assert resolve_lang("en") == "en"
    monkeypatch.setenv("BRANCHCHECK_LANG", "en")
    assert resolve_lang("zh") == "zh"


@pytest.mark.parametrize("bad", ["fr", "ZH", "zh-CN", "english"])
def test_unknown_option_is_a_usage_error(bad: str) -> None:
    with pytest.raises(UsageError) as info:
        resolve_lang(bad)
    assert info.value.exit_code == EXIT_USAGE
    assert repr(bad) in info.value.message
    assert "zh, en" in info.value.message


def test_unknown_environment_value_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANCHCHECK_LANG", "jp")
    with pytest.raises(UsageError, match="BRANCHCHECK_LANG='jp'"):
        resolve_lang()
    assert resolve_lang("en") == "en"  # an explicit option does not look at it


def test_t_picks_the_wording() -> None:
    assert t("zh", "通过", "pass") == "通过"
    assert t("en", "通过", "pass") == "pass"
    assert LANGUAGES == ("zh", "en")


def test_empty_option_is_an_error_not_a_silent_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    with pytest.raises(UsageError, match="unknown language ''"):
        resolve_lang("")
