"""The second domain review's findings on the library's content (review 2: E1, E6,
E19, F19): each test pins what the material says, read from the YAML directly."""

from __future__ import annotations

import os
import re

import pytest

from tests.unit.test_library import ALL, SEEDS, item_index, items, load

# --- E6: one meaning per grade word ------------------------------------------------


def test_a_grade_word_means_one_threshold_in_every_checklist() -> None:
    """Grades are compared across checklists (results, history, the network league):
    the same word may not mean >= 75 in one and >= 90 in another."""
    meaning: dict[str, set[float]] = {}
    for checklist_id in ALL:
        for grade in load(checklist_id).get("grades") or ():
            for word in grade["label"].values():
                meaning.setdefault(word, set()).add(grade["min"])
    assert {w: m for w, m in meaning.items() if len(m) > 1} == {}
    assert "卓越" not in meaning  # the seed's top title is not handed out by overall score


# --- E1: courtesy words on one count-based ladder ----------------------------------

COURTESY = (("window-service", "courtesy-words"), ("mystery-shopper", "ten-courtesy-characters"))


def _anchors(guidance: str, lang: str) -> dict[int, str]:
    """The text of each point 1-5 in a guidance ("5 分：...；" / "5 = ...;")."""
    mark = r"(\d) 分：" if lang == "zh" else r"(\d) = "
    parts = re.split(mark, guidance)
    return {int(parts[k]): parts[k + 1].strip(" ;；。.") for k in range(1, len(parts) - 1, 2)}


@pytest.mark.parametrize(("checklist_id", "item_id"), COURTESY)
def test_courtesy_words_have_one_count_based_ladder(checklist_id: str, item_id: str) -> None:
    """Every point is a count of the due occasions that got their phrase, taken from the
    top, so no two anchors describe the same case and every case has one; the ladder is
    the same in both checklists. (Before: "3 = two missed" and "2 = only a greeting or only
    a goodbye" were the same case when three occasions arose.)"""
    guidance = item_index(load(checklist_id))[item_id]["guidance"]
    zh, en = _anchors(guidance["zh"], "zh"), _anchors(guidance["en"], "en")
    assert zh == {5: "每个该用的场合都用到", 4: "只漏了一处", 3: "用到的场合不少于一半",
                  2: "至少用到一处，但不到一半", 1: "一处也没用"}
    assert en == {5: "every due occasion", 4: "all but one", 3: "at least half",
                  2: "at least one, but fewer than half", 1: "none"}
    assert "从上往下取第一条符合的" in guidance["zh"] and "first line that fits" in guidance["en"]
    for text in (*zh.values(), *en.values()):  # counts, never a particular phrase
        assert not re.search(r"问候|道别|greeting|goodbye|生硬|stiff", text), text


# --- F19: the mystery shopper's red line and both hands ----------------------------


def test_mystery_shopper_has_the_one_red_line_its_rationale_names() -> None:
    data = load("mystery-shopper")
    red = [i["id"] for i in items(data) if i.get("critical") == "checklist"]
    assert red == ["honest-product-answer"]
    assert "两条红线" not in data["rationale"]["zh"] and "一条红线" in data["rationale"]["zh"]


@pytest.mark.parametrize("checklist_id", ALL)
def test_handing_over_with_both_hands_is_scored_once(checklist_id: str) -> None:
    """Seed 000 names it once ("双手进行接收现金"): one item per checklist judges it."""
    judged = [i["id"] for i in items(load(checklist_id))
              if "双手" in i["text"]["zh"] and i.get("weight", 1) > 0]
    assert len(judged) <= 1, judged


# --- E19: the stitched quotes are rejected by the seed's own boundaries ------------

STITCHED = ("询问客户想法。3.3.回形针策略", "管理客户期望。7.7.感谢", "客户的心改进服务",
            "客户经理软件维护.功能维护", "功能维护.心理维护", "心理维护.特色维护",
            "系统营运细分因素系统稳定度", "解决问题的速度服务态度")


def test_the_eight_stitched_quotes_straddle_a_boundary_of_seed_004() -> None:
    """Each of the review's eight quotes occurs in the seed (so main accepted them) but
    joins two labels; the bundled checklists now quote one label each."""
    from branchcheck.checklists.sources import Seeds, quote_problem

    if not SEEDS.is_dir():
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI: the seed files are missing at {SEEDS}")
        pytest.skip(f"seed files not present at {SEEDS}")
    seed = Seeds(SEEDS).text("004_a46a505501b37f36.txt")
    for quote in STITCHED:
        assert quote in seed.text, quote
        found = quote_problem(seed, quote)
        assert found is not None and found[0] == "source-straddles", (quote, found)
    quoted = {i.get("source", "").split(": ", 1)[-1] for c in ALL for i in items(load(c))}
    assert not quoted & set(STITCHED)
    assert {"回形针策略", "感谢", "改进服务", "功能维护", "心理维护", "特色维护", "系统稳定度",
            "服务态度"} <= quoted
