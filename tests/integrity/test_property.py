"""Property: any single change to the scored content of a stored result is caught
when its checklist is present (the read is refused, or the result is not "ok").

One change is out of reach by construction and skipped: an answer replaced by
another answer that earns exactly the same credit (a failed metric's 60 by 0).
It is the reviewer's own input; only the chain or a signature can tell
(docs/integrity.md).
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from branchcheck.core.errors import BranchcheckError
from branchcheck.results import storage
from tests.integrity.helpers import daily, hotline

_POOL = [storage.result_to_dict(r) for r in (
    daily(), daily(fails=("brochures-current", "badge-worn")), daily(fails=()),
    hotline({"answer-15s": 60, "attrition": 12.5}), hotline())]
for _doc in _POOL:
    _doc["previous"] = None

ITEM_FIELDS = ("id", "section", "type", "status", "value", "fraction", "weight", "critical",
               "applicable")
SECTION_FIELDS = ("id", "weight", "raw", "final", "knocked_out")
TOP_FIELDS = (("overall", "raw"), ("overall", "final"), ("coverage",), ("complete",),
              ("knocked_out",), ("grade",), ("grade", "min"), ("grade", "label"),
              ("checklist", "id"), ("checklist", "version"), ("checklist", "sha256"))
VALUES = st.sampled_from([None, True, False, 0, 0.5, 1, 2, 50, 99.5, 100, -1, "pass", "fail",
                          "na", "partial", "skipped", "info", "check", "metric", "text",
                          "section", "checklist", "hall", "staff", "x", "Good", "0" * 64])


def _same_credit(doc: dict[str, Any], item: dict[str, Any], new: Any) -> bool:
    """Whether answer ``new`` is valid for the item and scores exactly like the old one."""
    from branchcheck.checklists.answers import AnswerError, normalise
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.core.scoring import fraction

    spec = load_checklist(doc["checklist"]["id"]).item_index()[item["id"]]
    try:
        if normalise(spec, new) != new or isinstance(new, bool):
            return False
    except AnswerError:
        return False
    return (new == "na") == (item["value"] == "na") and fraction(spec, new) == item["fraction"]


def changed(old: Any, new: Any) -> bool:
    """Whether ``new`` differs from ``old`` as stored data (1 and 1.0 do not; 1 and True do)."""
    number = (int, float)
    same_number = (isinstance(new, number) and isinstance(old, number)
                   and not isinstance(new, bool) and not isinstance(old, bool) and new == old)
    return not (new == old and type(new) is type(old)) and not same_number


def _where(doc: dict[str, Any], kind: int, index: int, field: int) -> tuple[Any, Any]:
    """The container and key of the chosen field."""
    if kind == 0:
        item = doc["items"][index % len(doc["items"])]
        return item, ITEM_FIELDS[field % len(ITEM_FIELDS)]
    if kind == 1:
        sec = doc["sections"][index % len(doc["sections"])]
        return sec, SECTION_FIELDS[field % len(SECTION_FIELDS)]
    if kind == 2:
        bands = doc["checklist"]["grades"]
        return bands[index % len(bands)], ("min", "label")[field % 2]
    path = TOP_FIELDS[field % len(TOP_FIELDS)]
    box = doc
    for key in path[:-1]:
        box = box[key]
        if box is None:
            return None, None
    return box, path[-1]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(_POOL))), st.integers(0, 3), st.integers(0, 99),
       st.integers(0, 99), st.one_of(VALUES, st.sampled_from([-10, -1, -0.5, 0.5, 1, 10])),
       st.booleans())
def test_any_single_mutation_is_caught(pick: int, kind: int, index: int, field: int,
                                       new: Any, relative: bool) -> None:
    doc = copy.deepcopy(_POOL[pick])
    box, key = _where(doc, kind, index, field)
    assume(box is not None)
    old = box[key]
    if relative:
        assume(isinstance(old, (int, float)) and not isinstance(old, bool)
               and isinstance(new, (int, float)) and not isinstance(new, bool))
        new = old + new
    assume(changed(old, new))
    assume(not (kind == 0 and key == "value" and _same_credit(doc, box, new)))
    box[key] = new
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.yaml"
        path.write_bytes(storage.dump_yaml(doc).encode("utf-8"))
        try:
            result = storage.read_result(path)
        except BranchcheckError:
            return  # refused: schema or integrity
    assert result.integrity is not None and not result.integrity.ok, (kind, key, old, new)


def test_the_unmutated_pool_verifies() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n, doc in enumerate(_POOL):
            path = Path(tmp) / f"{n}.yaml"
            path.write_bytes(storage.dump_yaml(doc).encode("utf-8"))
            result = storage.read_result(path)
            assert result.integrity is not None and result.integrity.ok
