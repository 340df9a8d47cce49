"""The quick paths of the complaint listing give what the plain ones give: a step's
data read in one expression (``step_values``) against each key checked in turn
(``step_checked``), and the JSON list encoded in one call against one row at a time."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from branchcheck.complaints import render
from branchcheck.complaints.model import MAX_NAME, MAX_TEXT, OUTCOMES, STEPS, Case
from branchcheck.complaints.state import _Bad, step_checked, step_values

TRICKY = '}, {"id": "\\"\n\u2028\x00字'
texts = st.one_of(st.text(max_size=12), st.text(alphabet=st.sampled_from(TRICKY + "ab"),
                                                max_size=40))
values = st.one_of(
    st.none(), st.integers(-2, 2), st.booleans(), texts, st.lists(texts, max_size=2),
    st.sampled_from([*STEPS, *OUTCOMES, "2025-10-01T09:00:00+08:00", "2025-10-01",
                     "2025-10-01T09:00Z", "x" * (MAX_NAME + 1), "y" * (MAX_TEXT + 1)]))
step_data = st.dictionaries(st.sampled_from(["step", "at", "note", "outcome", "handler",
                                             "reply_due", "other"]), values, max_size=7)


@settings(max_examples=400, deadline=None)
@given(step_data)
def test_a_step_read_quickly_is_read_as_checked(d: dict[str, Any]) -> None:
    quick = step_values(d)
    try:
        checked = step_checked(d)
    except _Bad:
        assert quick is None  # fails if the quick path takes what the checks refuse
        return
    assert quick is None or quick == checked


def test_the_usual_step_takes_the_quick_path() -> None:
    d = {"step": "follow-up", "at": "2025-10-09T10:00:00+08:00", "note": "已回访",
         "outcome": "unsatisfied"}
    assert step_values(d) == ("follow-up", "2025-10-09T10:00:00+08:00", "已回访",
                              "unsatisfied", "")
    assert step_values({**d, "outcome": None}) is None  # null: the checks decide ("")
    assert step_checked({**d, "outcome": None})[3] == ""
    with pytest.raises(_Bad, match="unknown step"):
        step_checked({**d, "step": "dance"})


def _case(n: int, handler: str, repeat: str) -> Case:
    return Case(f"C-{n:08X}", "SH-001", "counter", "2025-10-01T09:00:00+08:00", "fees",
                "", "", "", {}, "", 3, "2025-10-09", {"days": 15, "count": "calendar",
                                                       "roll": True},
                "2025-10-16", "clerk", "2025-10-09", repeat, handler=handler,
                actions=["A-0000000F"] if n % 2 else [])


times = st.sampled_from(["", "2025-10-01T09:00:00+08:00", "2025-10-20T09:00:00+08:00"])
days = st.sampled_from(["2025-10-09", "2025-10-13", "2025-10-20"])
states = st.fixed_dictionaries({
    "status": st.sampled_from(["received", "accepted", "handling", "closed", "reopened"]),
    "replied_at": times, "told_at": times, "closed_at": times, "reply_due": days,
    "decision_due": days, "reopened": st.integers(0, 3), "category": texts,
    "extensions": st.lists(st.just({"days": 15}), max_size=2),
    "escalations": st.lists(st.just({"level": "branch"}), max_size=2),
    "actions": st.lists(st.sampled_from(["A-0000000F", "A-00000A00"]), max_size=2)})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(texts, texts, states), min_size=1, max_size=6))
def test_the_json_list_has_one_row_per_line_each_as_json_dumps_writes_it(
        found: list[tuple[str, str, dict[str, Any]]]) -> None:
    cases = []
    for n, (handler, repeat, state) in enumerate(found):
        case = _case(n, handler, repeat)
        for key, value in state.items():
            setattr(case, key, value)
        cases.append(case)
    day = date(2025, 10, 13)
    out = render.list_json(cases, day)
    lines = out[:-1].split("\n")  # (a text may hold U+2028: lines end with \n only)
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(cases) + 2
    rows = [render.as_row(c, day) for c in cases]
    assert [line.removesuffix(",") for line in lines[1:-1]] == [
        json.dumps(r, ensure_ascii=False) for r in rows]  # byte for byte
    assert json.loads(out) == rows
