"""The strict YAML loader: safe tags only, located errors, hostile input."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from branchcheck.core import strictyaml
from branchcheck.core.errors import InputError, Problem
from branchcheck.core.strictyaml import parse, parse_mapping, read_bytes, read_text


def error_of(text: str) -> Problem:
    with pytest.raises(InputError) as info:
        parse_mapping(text, "f.yaml")
    (problem,) = info.value.problems
    return problem


@pytest.fixture(params=["c", "pure"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser and again with PyYAML's pure-Python one."""
    if request.param == "c":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML built without libyaml")
        monkeypatch.setattr(strictyaml, "_Loader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(strictyaml, "_Loader", yaml.SafeLoader)
    return str(request.param)


def test_the_c_parser_is_used_when_available() -> None:
    if hasattr(yaml, "CSafeLoader"):
        assert strictyaml._Loader is yaml.CSafeLoader


# -- data ---------------------------------------------------------------------


def test_plain_data_and_yaml_core_types(loader: str) -> None:
    doc = parse_mapping(
        "s: text\nq: '1'\ni: 12\nf: 1.5\nb: true\nn: ~\nl: [1, two]\nm: {k: v}\n", "f.yaml"
    )
    assert doc.data == {
        "s": "text",
        "q": "1",
        "i": 12,
        "f": 1.5,
        "b": True,
        "n": None,
        "l": [1, "two"],
        "m": {"k": "v"},
    }


def test_keys_are_kept_as_their_source_text(loader: str) -> None:
    doc = parse_mapping("1: a\ntrue: b\n~: c\n3.0: d\n", "f.yaml")
    assert doc.data == {"1": "a", "true": "b", "~": "c", "3.0": "d"}


def test_timestamps_stay_strings(loader: str) -> None:
    assert parse_mapping("d: 2024-05-01\n", "f.yaml").data == {"d": "2024-05-01"}


def test_merge_and_value_indicators_are_plain_strings(loader: str) -> None:
    assert parse_mapping("a: <<\nb: =\n", "f.yaml").data == {"a": "<<", "b": "="}


def test_explicit_core_tags_are_allowed(loader: str) -> None:
    doc = parse_mapping("a: !!str 12\nb: !!int '7'\nc: ! 3\nd: !!map {x: 1}\n", "f.yaml")
    assert doc.data == {"a": "12", "b": 7, "c": "3", "d": {"x": 1}}


def test_anchors_and_small_aliases_work(loader: str) -> None:
    doc = parse_mapping("a: &x {k: [1, 2]}\nb: *x\n", "f.yaml")
    assert doc.data["b"] == {"k": [1, 2]}


# -- positions ----------------------------------------------------------------


def test_positions_by_path(loader: str) -> None:
    doc = parse_mapping("a:\n  - x\n  - {k: v}\nb: 1\n", "f.yaml")
    assert doc.positions[("a", 0)] == (2, 5)
    assert doc.positions[("a", 1, "k")] == (3, 9)
    assert doc.key_positions[("a", 1, "k")] == (3, 6)
    assert doc.positions[("b",)] == (4, 4)
    assert doc.locate(("a", 1, "missing")) == (3, 5)  # nearest located ancestor
    problem = doc.problem(("b",), "rule", "message")
    assert (problem.line, problem.column, problem.path) == (4, 4, "/b")


def test_positions_count_characters_not_bytes(loader: str) -> None:
    doc = parse_mapping("标题: {zh: 中文, en: x}\n", "f.yaml")
    assert doc.positions[("标题", "en")] == (1, 18)


# -- rejected input -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1),
        ("a:\n  x: 1\n  x: 1\n", 3, 3),
        ("a: {x: 1, 'x': 2}\n", 1, 11),  # quoting does not make another key
    ],
)
def test_duplicate_keys(loader: str, text: str, line: int, col: int) -> None:
    problem = error_of(text)
    assert (problem.rule, problem.line, problem.column) == ("duplicate-key", line, col)
    assert "first defined at line" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo pwned']\n",
        "a: !!python/name:os.system\n",
        "!!python/name:os.system : 1\n",
        "a: !!python/tuple [1, 2]\n",
        "a: !!set {x, y}\n",
        "a: !!omap [{x: 1}]\n",
        "a: !!binary aGVsbG8=\n",
        "a: !foo bar\n",
        "a: !foo {x: 1}\n",
        "a: !<tag:example.com,2024:thing> x\n",
    ],
)
def test_unsafe_or_unknown_tags_are_rejected(loader: str, text: str) -> None:
    problem = error_of(text)
    assert problem.rule == "yaml-tag"
    assert problem.line == 1
    assert "not allowed" in problem.message


def test_python_tags_do_not_run_anything(loader: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    error_of(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


def test_alias_bomb_fails_fast(loader: str) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    started = time.perf_counter()
    problem = error_of("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert problem.rule == "yaml-alias-bomb"


def test_alias_budget_counts_expanded_nodes(loader: str) -> None:
    big = "[" + ", ".join(["x"] * 1000) + "]"
    under = "a: &a " + big + "\n" + "".join(f"b{i}: *a\n" for i in range(90))
    assert len(parse_mapping(under, "f.yaml").data) == 91
    over = "a: &a " + big + "\n" + "".join(f"b{i}: *a\n" for i in range(101))
    assert error_of(over).rule == "yaml-alias-bomb"


def test_an_alias_cannot_refer_to_its_own_open_node(loader: str) -> None:
    problem = error_of("a: &x [1, *x]\n")
    assert problem.rule == "yaml-syntax"
    assert "unknown alias" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 200 + "]" * 200 + "\n",
        "a: " + "{b: " * 200 + "1" + "}" * 200 + "\n",
        "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "x: 1\n",
        "".join("  " * i + "-\n" for i in range(200)),
    ],
    ids=["flow-seq", "flow-map", "block-map", "block-seq"],
)
def test_deep_nesting_is_refused(loader: str, text: str) -> None:
    problem = error_of(text)
    assert problem.rule == "yaml-depth"
    assert problem.line >= 1


@pytest.mark.parametrize("parser", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize("shape", ["flow-seq", "flow-map", "block-seq"])
def test_100k_levels_do_not_crash_the_process(tmp_path: Path, parser: str, shape: str) -> None:
    """libyaml's composer segfaults on very deep input; our event builder must not.

    Run in a child process so a crash shows up as a signal, not as a dead test run.
    """
    if not hasattr(yaml, parser):
        pytest.skip(f"PyYAML has no {parser}")
    depth = 100_000
    text = {
        "flow-seq": "a: " + "[" * depth + "]" * depth + "\n",
        "flow-map": "a: " + "{a: " * depth + "1" + "}" * depth + "\n",
        "block-seq": "a:\n  " + "- " * depth + "x\n",  # compact nested block sequences
    }[shape]
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    code = (
        "import sys, yaml\n"
        "from branchcheck.core import strictyaml\n"
        f"strictyaml._Loader = yaml.{parser}\n"
        "import resource, time\n"
        "from branchcheck.checklists.loading import check_file\n"
        "t = time.perf_counter()\n"
        "r = check_file(sys.argv[1])\n"
        "t = time.perf_counter() - t\n"
        "(p,) = r.problems\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "print(p.rule, p.line, p.column, r.checklist is None, round(t, 2), rss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    rule, line, column, refused, seconds, rss_mb = done.stdout.split()
    # The guarantee, whichever layer trips first (our builder's depth limit, or
    # libyaml's own flow-depth limit in PyYAML >= 6.0.4): one located error.
    assert rule in {"yaml-depth", "yaml-syntax"}
    assert int(line) >= 1 and int(column) >= 1
    assert refused == "True"
    assert float(seconds) < 5, seconds
    assert int(rss_mb) < 400, rss_mb


def test_multiple_documents_are_refused(loader: str) -> None:
    problem = error_of("a: 1\n---\nb: 2\n")
    assert (problem.rule, problem.line, problem.column) == ("yaml-multi-document", 2, 1)


def test_an_explicit_single_document_is_fine(loader: str) -> None:
    assert parse_mapping("---\na: 1\n...\n", "f.yaml").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("---\n", "empty"),
        ("- a\n- b\n", "top-level"),
        ("just text\n", "top-level"),
        ("42\n", "top-level"),
    ],
)
def test_the_top_level_must_be_a_mapping(loader: str, text: str, rule: str) -> None:
    problem = error_of(text)
    assert (problem.rule, problem.line, problem.column) == (rule, 1, 1)


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a: [1, 2\nb: 3\n", 2, 2),
        ("a: 'open\n", 2, 1),
        ("a:\n  b: 1\n c: 2\n", 3, 2),
        ("a: b: c\n", 1, 5),
    ],
)
def test_syntax_errors_are_located(loader: str, text: str, line: int, col: int) -> None:
    problem = error_of(text)
    assert problem.rule == "yaml-syntax"
    assert (problem.line, problem.column) == (line, col)
    assert problem.message.startswith("YAML syntax: ")


def test_syntax_error_names_where_the_construct_started(loader: str) -> None:
    problem = error_of("a: 1\nb: {x: 1\nc: 2\n")
    assert "starts at line 2, column 4" in problem.message


@pytest.mark.parametrize(
    ("text", "rule"),
    [("a: !!int one\n", "yaml-syntax"), ("a: !!bool maybe\n", "yaml-syntax")],
)
def test_bad_explicitly_tagged_scalars(loader: str, text: str, rule: str) -> None:
    assert error_of(text).rule == rule


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [("t: 中文\nid: x\x00\n", 2, 6), ("a: 1\r\nb: \x07\r\n", 2, 4), ("\x1b: 1\n", 1, 1)],
)
def test_characters_yaml_forbids_are_located(loader: str, text: str, line: int, col: int) -> None:
    problem = error_of(text)
    assert (problem.rule, problem.line, problem.column) == ("yaml-syntax", line, col)
    assert "is not allowed in YAML" in problem.message


def test_mapping_keys_must_be_scalars(loader: str) -> None:
    problem = error_of("? [a, b]\n: c\n")
    assert (problem.rule, problem.line, problem.column) == ("yaml-key", 1, 3)


# -- bytes: encoding, BOM, size -----------------------------------------------


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: x\n")
    assert parse_mapping(read_text(str(path)), str(path)).data == {"id": "x"}


@pytest.mark.parametrize(
    ("raw", "line", "col"),
    [
        (b"a: 1\nb: caf\xe9\n", 2, 7),
        (b"\xff\xfea: 1\n", 1, 1),
        ("t: 中文\n".encode() + b"x: \xc3\x28\n", 2, 4),
        ("t: 中文".encode() + b"\x80\n", 1, 6),
        (b"\xef\xbb\xbfa: 1\nb: \xed\xa0\x80\n", 2, 4),  # a UTF-16 surrogate, after a BOM
        (b"a: 1\r\nb: 2\r\nc: \xe9\r\n", 3, 4),  # Windows line ends
        (b"a: 1\rb: \xe9\r", 2, 4),  # old Mac line ends
    ],
)
def test_invalid_utf8_is_located(tmp_path: Path, raw: bytes, line: int, col: int) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    with pytest.raises(InputError) as info:
        read_text(str(path))
    (problem,) = info.value.problems
    assert (problem.rule, problem.line, problem.column) == ("encoding", line, col)
    assert "UTF-8" in problem.message


def test_files_over_the_limit_are_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 1000)
    assert read_bytes(str(path), max_bytes=5000) == b"a: 1\n" * 1000
    with pytest.raises(InputError) as info:
        read_bytes(str(path), max_bytes=4999)
    (problem,) = info.value.problems
    assert problem.rule == "too-large"
    assert "5000 bytes" in problem.message and "--max-bytes" in problem.message


def test_default_limit_is_5_mb() -> None:
    assert strictyaml.DEFAULT_MAX_BYTES == 5 * 1024 * 1024


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "no such file"),
        (lambda p: (p.mkdir(), p)[1], "is a directory"),
    ],
)
def test_unreadable_paths(tmp_path: Path, make: Any, message: str) -> None:
    path = make(tmp_path / "x.yaml")
    with pytest.raises(InputError) as info:
        read_bytes(str(path))
    assert info.value.problems[0].rule == "unreadable"
    assert message in info.value.problems[0].message


def test_parse_accepts_a_scalar_document() -> None:
    assert parse("plain\n", "f.yaml").data == "plain"


# -- property: aliases count at their full depth ----------------------------------------

_DEFS = st.lists(
    st.tuples(st.integers(1, 24), st.lists(st.integers(0, 7), max_size=2)),
    min_size=1, max_size=8,
)


def _depth(data: Any) -> int:
    """The longest path (keys and indexes) to any node of plain data, walked without recursion."""
    deepest = 0
    stack: list[tuple[int, Any]] = [(0, data)]
    while stack:
        level, value = stack.pop()
        deepest = max(deepest, level)
        if isinstance(value, dict):
            stack.extend((level + 1, v) for v in value.values())
        elif isinstance(value, list):
            stack.extend((level + 1, v) for v in value)
    return deepest


@settings(max_examples=200, deadline=None)
@given(_DEFS, st.sampled_from(["c", "pure"]))
def test_aliases_in_depth_property(defs: list[tuple[int, list[int]]], parser: str) -> None:
    """Anchors wrapping earlier aliases in brackets: the file parses to exactly what
    PyYAML builds when that is at most 64 levels deep, else it is a located
    ``yaml-depth`` error -- never a crash, whatever the nesting of aliases."""
    lines = []
    for k, (levels, refs) in enumerate(defs):
        inner = ", ".join([f"*a{j}" for j in refs if j < k] + ["1"])
        lines.append(f"x{k}: &a{k} " + "[" * levels + inner + "]" * levels)
    text = "\n".join(lines) + "\n"
    expected = yaml.safe_load(text)
    old = strictyaml._Loader
    strictyaml._Loader = yaml.CSafeLoader if parser == "c" and hasattr(yaml, "CSafeLoader") \
        else yaml.SafeLoader
    try:
        if _depth(expected) <= strictyaml.MAX_DEPTH:
            assert parse_mapping(text, "f.yaml").data == expected
        else:
            problem = error_of(text)
            assert problem.rule == "yaml-depth" and problem.line >= 1 and problem.column >= 1
    finally:
        strictyaml._Loader = old
