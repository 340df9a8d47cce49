"""The fast block-YAML reader agrees with the strict parser, or steps aside.

Differential: on every text -- results the scoring code makes, arbitrary data
dumped by ``dump_yaml``, and random mutations of both -- :func:`blockyaml.parse`
either declines (``None``) or returns exactly (types included) what
:func:`strictyaml.parse_mapping` returns; and it never accepts a text the
strict parser refuses.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.checklists.loading import load_checklist
from branchcheck.core import blockyaml
from branchcheck.core.errors import InputError
from branchcheck.core.model import Answer
from branchcheck.core.scoring import make_result
from branchcheck.core.strictyaml import parse_mapping
from branchcheck.results import storage

PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "valid" / "issue-example.yaml"


def typed(value: Any) -> Any:
    """``value`` with every scalar paired with its type (1, 1.0 and True differ)."""
    if isinstance(value, dict):
        return ("map", [(k, typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [typed(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def strict(text: str) -> Any:
    try:
        return parse_mapping(text, "t.yaml").data
    except InputError:
        return None


def agree(text: str) -> Any:
    """Assert the two readers agree on ``text``; the fast reader's answer."""
    fast = blockyaml.parse(text)
    if fast is not None:
        slow = strict(text)
        assert slow is not None, f"fast reader accepted a text the strict one refuses:\n{text}"
        assert typed(fast) == typed(slow)
    return fast


def result_text(notes: str | None = None) -> str:
    ck = load_checklist(str(EXAMPLE))
    answers = {i.id: Answer(i.id, i.options[0].key if i.type == "choice" else
                            3 if i.type == "scale" else 12.5 if i.type == "metric" else
                            "some words" if i.type == "text" else "fail", notes)
               for _, i in ck.items()}
    result = make_result(ck, answers, branch="SH-001", reviewer="Li Na", lang="zh",
                         started="2024-05-01T09:30:00+08:00",
                         finished="2024-05-01T10:00:00+08:00")
    return storage.result_bytes(result).decode("utf-8")


def test_stored_results_take_the_fast_path() -> None:
    text = result_text("门口灯不亮: 已报修 #3, it's 'fine'")
    data = agree(text)
    assert data is not None and data["branch"] == "SH-001"
    assert data["items"][0]["note"] == "门口灯不亮: 已报修 #3, it's 'fine'"


def test_every_bundled_checklist_result_takes_the_fast_path() -> None:
    from branchcheck.core import resources

    for path in resources.bundled_checklists():
        ident = path.stem
        ck = load_checklist(str(path))
        answers = {i.id: Answer(i.id, "pass") for _, i in ck.items() if i.type == "check"}
        result = make_result(ck, answers, branch="BJ-9", reviewer="王", lang="en",
                             started="2024-05-01T09:30:00Z", finished="2024-05-01T09:40:00Z")
        assert agree(storage.result_bytes(result).decode("utf-8")) is not None, ident


@pytest.mark.parametrize("text", [
    "a: 1\n\tb: 2\n",                # a tab
    "a: 1 # note\n",                 # a comment
    "# head\na: 1\n",
    "a: 1\n\nb: 2\n",                # a blank line
    "a: &x 1\nb: *x\n",              # anchors and aliases
    "a: !!str 1\n",                  # a tag
    "a: [1, 2]\n",                   # a flow sequence
    "a: \"x\"\n",                    # double quotes
    "a: |\n  x\n",                   # a block scalar
    "a:\n",                          # null by omission
    "a: foo\n  bar\n",               # a plain scalar continued on the next line
    "a: 'foo\n  bar'\n",             # a quoted scalar over two lines
    "---\na: 1\n",                   # document markers
    "a: 1\n...\n",
    "a: 1\na: 2\n",                  # a duplicate key
    "a: x\u0085y\n",                 # NEL, a line break to YAML
    "a: x\u2028y\n",
    "a: \ufeffx\n",                  # a BOM inside the text
    "a: 10000000000000001\n",        # beyond the range of numbers branchcheck accepts
    "a: 1",                          # no final line break
    "- 1\n",                         # not a mapping
    "a: 1 \n",                       # trailing space
    "a:  1\n",                       # two spaces
    "a: 'it's'\n",                   # a lone quote
    "a: x: y\n",
    "a: -\n",
    "? a\n: 1\n",
])
def test_declines_what_it_does_not_cover(text: str) -> None:
    assert blockyaml.parse(text) is None


def test_nesting_deeper_than_the_strict_limit_is_declined() -> None:
    deep = "".join(f"{'  ' * n}k:\n" for n in range(70)) + f"{'  ' * 70}k: 1\n"
    assert strict(deep) is None and blockyaml.parse(deep) is None
    shallow = "".join(f"{'  ' * n}k:\n" for n in range(10)) + f"{'  ' * 10}k: 1\n"
    assert agree(shallow) is not None


def test_plain_scalars_resolve_like_yaml() -> None:
    text = ("a: 9:30\nb: 1_000\nc: .inf\nd: yes\ne: ~\nf: 2024-05-01\ng: 0x1f\nh: '1'\n"
            "i: -1.5\nj: []\nk: {}\n")
    assert blockyaml.parse(text + "l:\n- - x\n") is None  # "- - x" is outside the subset
    data = agree(text)
    assert data is not None
    assert typed(data)[1][:3] == [("a", ("int", 570)), ("b", ("int", 1000)),
                                  ("c", ("float", math.inf))]
    assert data["d"] is True and data["e"] is None and data["f"] == "2024-05-01"
    assert data["h"] == "1" and data["i"] == -1.5 and data["j"] == [] and data["k"] == {}


keys = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}(-[a-z]{1,3})?", fullmatch=True)
words = st.text(st.sampled_from("ab Z09:#-'\"?&*!|>%@`{}[],.~_\\\n\t\x85\u2028é中 "),
                max_size=12)
scalars = (st.none() | st.booleans() | st.integers(-10**17, 10**17)
           | st.floats(allow_nan=True) | words | st.text(max_size=8))
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(keys, inner, max_size=4), max_leaves=25)


@PROPS
@given(st.dictionaries(keys, data, min_size=1, max_size=5))
def test_dumped_data_reads_the_same(doc: dict[str, Any]) -> None:
    agree(storage.dump_yaml(doc))


@PROPS
@given(st.data())
def test_mutated_texts_never_fool_the_fast_reader(draw: st.DataObject) -> None:
    base = draw.draw(st.sampled_from(_BASES))
    edits = draw.draw(st.lists(st.tuples(st.integers(0, len(base)), st.integers(0, 3),
                                         st.sampled_from(list(" -:'\"#\n\t&*!{}[]x1.é\ufeff"))),
                               min_size=1, max_size=3))
    text = base
    for at, cut, ch in edits:
        at = min(at, len(text))
        text = text[:at] + ch + text[at + cut:]
    agree(text)


_BASES = [result_text(), result_text("a 'quoted' note: with # marks"),
          storage.dump_yaml({"a": [{"b": 1, "c": ["x", "y"]}, {"d": {"e": None}}], "f": "g"})]


def test_the_bases_themselves_are_in_the_subset() -> None:
    assert all(blockyaml.parse(b) is not None for b in _BASES)


simple_scalars = (st.none() | st.booleans() | st.integers(-10**15, 10**15)
                  | st.floats(-1e15, 1e15, allow_nan=False)
                  | st.from_regex(r"[a-z0-9中é.,:#'-]+( [a-z中]+)*", fullmatch=True))
simple = st.recursive(simple_scalars, lambda inner: st.lists(
    simple_scalars | st.dictionaries(keys, inner, min_size=1, max_size=3), max_size=3)
    | st.dictionaries(keys, inner, max_size=3), max_leaves=20)


@PROPS
@given(st.dictionaries(keys, simple, min_size=1, max_size=5))
def test_what_dump_yaml_writes_for_plain_data_is_read_fast(doc: dict[str, Any]) -> None:
    """Not vacuous: ordinary data (one-line words, numbers in range, nesting
    without lists of lists) always takes the fast path."""
    assert agree(storage.dump_yaml(doc)) is not None


def _mutated(draw: st.DataObject) -> str:
    text = draw.draw(st.sampled_from(_BASES))
    for at, cut, ch in draw.draw(st.lists(st.tuples(
            st.integers(0, len(text)), st.integers(0, 3),
            st.sampled_from(list(" -:'\"#\n\t&*!{}[]x1.é"))), max_size=3)):
        at = min(at, len(text))
        text = text[:at] + ch + text[at + cut:]
    return text


@PROPS
@given(st.data())
def test_the_line_cache_changes_no_answer(draw: st.DataObject) -> None:
    """Lines are remembered across files (a good line, or a line outside the subset):
    reading a text with the lines of other texts remembered, or with a cache so
    small that it is emptied all the time, gives what reading it afresh gives."""
    texts = [_mutated(draw) for _ in range(3)]
    blockyaml._ROWS.clear()
    fresh = [typed(blockyaml.parse(t)) for t in texts]
    for t in reversed(texts):  # every line of the three now remembered
        blockyaml.parse(t)
    assert [typed(blockyaml.parse(t)) for t in texts] == fresh
    bound = blockyaml._ROWS_MAX
    blockyaml._ROWS_MAX = 2
    blockyaml._ROWS.clear()
    try:
        assert [typed(blockyaml.parse(t)) for t in texts] == fresh
        assert len(blockyaml._ROWS) <= 2
    finally:
        blockyaml._ROWS_MAX = bound
