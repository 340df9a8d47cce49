"""Checklist checking driven by example folders, and the JSON Schema stage.

tests/data/valid/*.yaml must pass with no problem at all. Each
tests/data/invalid/*.yaml starts with one or more ``# expect: RULE LINE [COL]
[warning]`` comment lines, and must produce exactly those problems.
"""

from __future__ import annotations

import copy
import importlib
import json
import re
import runpy
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.checklists.loading import check_bytes, check_file, load_checklist
from branchcheck.core import resources, validation
from branchcheck.core.strictyaml import parse_mapping

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
VALID = sorted((DATA / "valid").glob("*.yaml"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: ([a-z-]+) (\d+)(?: (\d+))?(?: (warning))?\s*$")

# Every rule named in docs/checklist-format.md, plus the strict-YAML and schema ones.
DOCUMENTED_RULES = {
    "duplicate-id",
    "unknown-scale",
    "when-unknown-item",
    "when-forward",
    "when-bad-value",
    "grades-order",
    "metric-threshold",
    "critical-unscored",
    "rectify-unscored",
    "type-fields",
    "missing-translation",
    "choice-no-points",
    "not-finite",
    "option-key-case",
    "no-overall-score",
    "when-never",
    "number-too-large",
}
LOADER_RULES = {
    "duplicate-key",
    "yaml-tag",
    "yaml-alias-bomb",
    "yaml-depth",
    "yaml-syntax",
    "yaml-key",
    "yaml-multi-document",
    "top-level",
    "empty",
    "schema",
    "scale-range",
}


def expectations(path: Path) -> list[tuple[str, int, int | None, str]]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = EXPECT.match(line)
        if match:
            rule, lineno, col, warning = match.groups()
            found.append((rule, int(lineno), int(col) if col else None, warning or "error"))
    return found


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_examples_have_no_problem(path: Path) -> None:
    report = check_file(str(path))
    assert report.problems == ()
    assert report.checklist is not None


def test_the_issue_example_is_among_the_valid_ones() -> None:
    assert DATA / "valid" / "issue-example.yaml" in VALID


def test_the_issue_example_builds_the_documented_defaults() -> None:
    checklist = load_checklist(str(DATA / "valid" / "issue-example.yaml"))
    items = {i.id: i for s in checklist.sections for i in s.items}
    assert items["has-atm"].weight == 0
    assert items["atm-working"].weight == 1  # default
    assert items["atm-working"].allow_na is True  # default
    assert items["hall-tidy"].allow_na is False
    assert items["no-misleading-sales"].critical == "checklist"
    assert [o.key for o in items["product-choice"].options] == ["a", "b", "c"]


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_examples_produce_exactly_the_expected_problems(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect: RULE LINE' first line"
    started = time.perf_counter()
    report = check_file(str(path))
    elapsed = time.perf_counter() - started
    shown = [str(p) for p in report.problems]
    if all(col is not None for _, _, col, _ in expected):
        got = sorted((p.rule, p.line, p.column, p.severity) for p in report.problems)
        assert got == sorted(expected), shown
    else:  # columns are optional in the expect lines
        got_lines = sorted((p.rule, p.line, p.severity) for p in report.problems)
        assert got_lines == sorted((r, ln, sev) for r, ln, _, sev in expected), shown
    for problem in report.problems:
        assert problem.file == str(path)
        assert problem.message and "Traceback" not in problem.message
    assert elapsed < 2, f"{path.name} took {elapsed:.1f} s"
    if any(sev == "error" for *_, sev in expected):
        assert report.checklist is None


_ISSUE = (DATA / "valid" / "issue-example.yaml").read_bytes()
GENERATED = {
    # name: (bytes, max_bytes, expected (rule, line, col) or None for valid)
    "bom": (b"\xef\xbb\xbf" + _ISSUE, 5 * 1024 * 1024, None),
    "crlf": (_ISSUE.replace(b"\n", b"\r\n"), 5 * 1024 * 1024, None),
    "invalid-utf8": (_ISSUE.replace("厅堂".encode(), b"\xe5\x8e"), 5 * 1024 * 1024,
                     ("encoding", 21, 20)),
    "over-max-bytes": (_ISSUE, len(_ISSUE) - 1, ("too-large", 0, 0)),
    "exactly-max-bytes": (_ISSUE, len(_ISSUE), None),
    # Whichever limit trips first (ours at 64 levels, or libyaml's own at 1,000 flow
    # levels from PyYAML 6.0.4 on), the file gets one located error: see the test.
    "deep-100k-flow": (b"a: " + b"[" * 100_000 + b"]" * 100_000, 5 * 1024 * 1024,
                       ("yaml-depth", 1, 68)),
    "deep-100k-block": (b"a:\n  " + b"- " * 100_000 + b"x\n", 5 * 1024 * 1024,
                        ("yaml-depth", 2, 131)),
    "binary": (bytes(range(256)) * 4, 5 * 1024 * 1024, ("encoding", 3, 115)),  # \n, \r
    "nul-bytes": (b"id: x\x00\n", 5 * 1024 * 1024, ("yaml-syntax", 1, 6)),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_and_edge_files(name: str, tmp_path: Path) -> None:
    raw, max_bytes, expected = GENERATED[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(raw)
    started = time.perf_counter()
    report = check_file(str(path), max_bytes=max_bytes)
    assert time.perf_counter() - started < 2
    if expected is None:
        assert report.problems == () and report.checklist is not None
    elif name == "deep-100k-flow":
        (problem,) = report.problems
        assert problem.rule in {"yaml-depth", "yaml-syntax"}
        assert problem.line == 1 and 1 <= problem.column <= len(raw)
        assert report.checklist is None
    else:
        assert [(p.rule, p.line, p.column) for p in report.problems] == [expected]


def test_the_invalid_examples_cover_every_rule() -> None:
    covered = {rule for path in INVALID for rule, *_ in expectations(path)}
    assert DOCUMENTED_RULES | LOADER_RULES <= covered, (DOCUMENTED_RULES | LOADER_RULES) - covered


def test_every_rule_of_the_format_doc_has_an_invalid_example() -> None:
    doc = (ROOT / "docs" / "checklist-format.md").read_text(encoding="utf-8")
    table = doc[doc.index("## Semantic rules") :]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", table, re.M))
    assert DOCUMENTED_RULES <= documented
    covered = {rule for path in INVALID for rule, *_ in expectations(path)}
    assert documented <= covered, documented - covered


def test_the_schema_failure_kinds_are_covered() -> None:
    names = {p.name for p in INVALID}
    for kind in ("missing-key", "unknown-key", "wrong-type", "bad-enum", "bad-id", "bad-text"):
        assert f"schema-{kind}.yaml" in names


def test_the_alias_bomb_example_is_a_real_bomb() -> None:
    text = (DATA / "invalid" / "alias-bomb.yaml").read_text(encoding="utf-8")
    assert text.count("*") >= 70  # 9 levels of 9 would be 9**9 strings


# -- the bundled checklists ------------------------------------------------------


BUNDLED = resources.bundled_checklists()


def test_there_are_bundled_checklists() -> None:
    assert BUNDLED


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_checklists_are_valid_without_warnings(path: Path) -> None:
    report = check_file(str(path))
    assert [str(p) for p in report.problems] == []
    assert report.checklist is not None
    assert report.checklist.id == path.stem


# -- messages -------------------------------------------------------------------


def problems_of(text: str) -> list[Any]:
    return list(check_bytes(text.encode(), "x.yaml").problems)


BASE = """\
id: base
version: 1
title: {zh: 标题, en: Title}
sections:
  - id: s
    title: {zh: 部分, en: Part}
    items:
      - id: a
        text: {zh: 问题, en: Question}
        type: check
"""


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (("type: check", "type: yesno"), "'yesno' is not one of: check, scale"),
        (("version: 1", "version: one"), "version: expected a whole number, got string 'one'"),
        (("id: a\n", "id: A\n"), "is not a kebab-case id"),
        (("{zh: 问题, en: Question}", "{zh: 问题, en: yes}"), "put it in quotes"),
        (("{zh: 问题, en: Question}", "{zh: 问题, en: ''}"), "en: must not be empty"),
        (("{zh: 问题, en: Question}", "{zh: 问题, EN: Q}"), "'EN' is not a language code"),
        (("{zh: 问题, en: Question}", "''"), "a text must not be empty"),
        (("{zh: 问题, en: Question}", "42"), "not integer 42"),
        (("title: {zh: 标题, en: Title}\n", ""), "missing required key 'title'"),
        (("id: a\n", 'id: "a\\n"\n'), "'a\\n' is not a kebab-case id"),
        (("id: a\n", 'id: "a\\n"\n'), "(it ends with a line break: remove it)"),
    ],
)
def test_schema_messages_are_plain_language(change: tuple[str, str], needle: str) -> None:
    problems = problems_of(BASE.replace(*change, 1))
    assert problems, "expected a problem"
    assert any(needle in p.message for p in problems), [str(p) for p in problems]
    assert all(p.rule in ("schema", "type-fields") for p in problems)


def test_all_schema_errors_of_a_file_are_reported() -> None:
    text = BASE.replace("version: 1", "version: 0").replace("type: check", "type: x")
    text += "      - {id: b, text: B, type: scale}\n      - {id: C, text: C, type: check}\n"
    rules = sorted((p.line, p.rule) for p in problems_of(text))
    assert rules == [(2, "schema"), (10, "schema"), (11, "type-fields"), (12, "schema")]


TRAILING_NEWLINE = [
    # (change to BASE, JSON-pointer-like path of the refused value)
    (("id: base", 'id: "base\\n"'), "/id"),
    (("  - id: s\n", '  - id: "s\\n"\n'), "/sections/0/id"),
    (("      - id: a\n", '      - id: "a\\n"\n'), "/sections/0/items/0/id"),
    (("title: {zh: 标题, en: Title}", 'title: {zh: 标题, en: Title}\nlanguages: [zh, "en\\n"]'),
     "/languages/1"),
    (("type: check", 'type: check\n      - {id: b, text: {zh: 乙, en: B}, type: check,'
                     ' when: {item: "a\\n", equals: pass}}'),
     "/sections/0/items/1/when/item"),
    (("type: check", 'type: choice\n        options: [{key: "x\\n", label: X, points: 1},'
                     " {key: y, label: Y, points: 0}]"),
     "/sections/0/items/0/options/0/key"),
    (("type: check", 'type: scale\n        scale: "five\\n"'), "/sections/0/items/0/scale"),
    (("sections:", 'scales:\n  "five\\n": {min: 1, max: 5}\nsections:'), "/scales/five\n"),
    (("sections:", 'scales:\n  five: {min: 1, max: 5, labels: {"1\\n": One}}\nsections:'),
     "/scales/five/labels/1\n"),
]


@pytest.mark.parametrize(
    ("change", "where"), TRAILING_NEWLINE, ids=[w for _, w in TRAILING_NEWLINE]
)
def test_ids_ending_in_a_line_break_are_errors(change: tuple[str, str], where: str) -> None:
    """Python's re ``$`` matches before a final "\\n": the schema must still refuse it."""
    text = BASE.replace(*change, 1)
    assert text != BASE
    problems = problems_of(text)
    assert [(p.rule, p.path, p.severity) for p in problems] == [("schema", where, "error")], [
        str(p) for p in problems
    ]
    (problem,) = problems
    line = text.splitlines()[problem.line - 1]
    assert line[problem.column - 1 :].startswith('"'), (line, problem.column)  # at the value
    assert "line break" in problem.message
    doc = parse_mapping(text, "x.yaml")
    assert not validation.validator("checklist").is_valid(doc.data)  # jsonschema itself
    fast = validation.fast_validator("checklist")
    assert fast is not None
    with pytest.raises(ValueError):
        fast(doc.data)
    assert validation.is_valid(doc.data, "checklist") is False


def test_load_checklist_headlines_follow_the_ui_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from branchcheck.core.errors import InputError, NotFoundError

    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("version: 1", "version: 0"), encoding="utf-8")
    monkeypatch.setenv("BRANCHCHECK_LANG", "zh")
    with pytest.raises(InputError) as caught:
        load_checklist(str(bad))
    assert caught.value.message == f"{bad}：清单无效"
    assert [p.rule for p in caught.value.problems] == ["schema"]
    with pytest.raises(NotFoundError, match="没有名为 'no-such-list' 的内置检查表或文件"):
        load_checklist("no-such-list")
    with pytest.raises(InputError, match="是一个目录"):
        load_checklist(str(tmp_path))
    with pytest.raises(InputError) as caught:
        load_checklist(str(bad), lang="en")  # an explicit --lang wins
    assert caught.value.message == f"{bad}: invalid checklist"
    monkeypatch.setenv("BRANCHCHECK_LANG", "en")
    with pytest.raises(NotFoundError, match="no bundled checklist or file named 'no-such-list'"):
        load_checklist("no-such-list")


def test_the_checklist_id_pattern_refuses_a_final_line_break() -> None:
    from branchcheck.core.model import CHECKLIST_ID

    assert CHECKLIST_ID.match("daily-opening")
    assert CHECKLIST_ID.match("daily-opening\n") is None
    assert resources.bundled_checklist("daily-opening\n") is None


def test_unknown_keys_are_located_at_the_key_and_list_the_allowed_ones() -> None:
    (problem,) = problems_of(BASE.replace("type: check", "type: check\n        colour: red"))
    assert (problem.line, problem.column, problem.path) == (11, 9, "/sections/0/items/0/colour")
    assert "unknown key 'colour'" in problem.message and "allowed:" in problem.message


# -- the fast validity pass -------------------------------------------------------


@pytest.mark.parametrize("name", resources.SCHEMA_NAMES)
def test_generated_validators_match_the_bundled_schemas(name: str) -> None:
    assert validation.fast_validator(name) is not None, (
        f"branchcheck/_fastschema/{name}.py is stale: run scripts/gen_fast_validators.py"
    )


def test_generated_validators_are_what_the_script_makes() -> None:
    pytest.importorskip("fastjsonschema")
    gen = runpy.run_path(str(ROOT / "scripts" / "gen_fast_validators.py"))
    import fastjsonschema

    for name in resources.SCHEMA_NAMES:
        committed = (ROOT / "branchcheck" / "_fastschema" / f"{name}.py").read_text("utf-8")
        made = gen["generate"](name)
        if f"fastjsonschema {fastjsonschema.VERSION}." not in committed:
            pytest.skip(f"generated with another fastjsonschema than {fastjsonschema.VERSION}")
        assert made == committed, f"run scripts/gen_fast_validators.py ({name} is stale)"


def test_the_generated_code_needs_no_fastjsonschema_and_no_exec() -> None:
    for path in (ROOT / "branchcheck" / "_fastschema").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import fastjsonschema" not in text and "from fastjsonschema" not in text
        assert "exec(" not in text and "eval(" not in text
    code = (
        "import sys; sys.modules['fastjsonschema'] = None\n"
        "from branchcheck.core import validation\n"
        "assert validation.fast_validator('checklist') is not None\n"
        "import branchcheck.checklists.loading as l\n"
        "r = l.check_file(sys.argv[1])\n"
        "assert r.problems == () and 'jsonschema' not in sys.modules, sys.modules.keys()\n"
    )
    issue_example = str(DATA / "valid" / "issue-example.yaml")
    done = subprocess.run([sys.executable, "-c", code, issue_example], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()


def test_a_stale_generated_module_falls_back_to_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("branchcheck._fastschema.checklist")
    monkeypatch.setattr(module, "SCHEMA_SHA256", "0" * 64)
    validation.fast_validator.cache_clear()
    try:
        assert validation.fast_validator("checklist") is None
        doc = parse_mapping((DATA / "valid" / "issue-example.yaml").read_text("utf-8"), "x")
        assert validation.schema_problems(doc, "checklist") == []
        assert validation.is_valid({"id": "x"}, "checklist") is False
    finally:
        monkeypatch.undo()
        validation.fast_validator.cache_clear()


def _issue_example() -> Any:
    text = (DATA / "valid" / "issue-example.yaml").read_text(encoding="utf-8")
    return parse_mapping(text, "x").data


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, sub in value.items():
            found += _paths(sub, (*prefix, key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            found += _paths(sub, (*prefix, i))
    return found


_ODD_VALUES = st.sampled_from(
    [None, True, False, 0, -1, 1.5, 1.0, 100, 101, "", "x", "Bad Id", "check", "zh", "a\n",
     [], [1], {}, {"zh": "x"}, {"en": ""}, {"Zh": "x"}, {"zh": 1}]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_pass_never_accepts_what_jsonschema_rejects(data: st.DataObject) -> None:
    """The fast pass only short-cuts: valid for it must mean valid for jsonschema."""
    doc = copy.deepcopy(_issue_example())
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        path = data.draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["set", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            key = data.draw(st.sampled_from(["extra", "weight", "min", "scale", "when"]))
            parent[key] = copy.deepcopy(data.draw(_ODD_VALUES))  # never share the samples
        else:
            parent[path[-1]] = copy.deepcopy(data.draw(_ODD_VALUES))
    fast = validation.fast_validator("checklist")
    assert fast is not None
    try:
        fast(doc)
    except Exception:
        fast_ok = False
    else:
        fast_ok = True
    slow_ok = validation.validator("checklist").is_valid(doc)
    if fast_ok:
        assert slow_ok, json.dumps(doc, ensure_ascii=False)[:2000]
    assert validation.is_valid(doc, "checklist") == slow_ok
