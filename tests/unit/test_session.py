"""The walk (branchcheck.results.session) driven through its Prompter interface, and the
plain line prompter used for pipes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from branchcheck.checklists.loading import load_checklist
from branchcheck.core.model import Answer, Checklist
from branchcheck.core.scoring import score
from branchcheck.results.session import (
    Command,
    Entry,
    ItemView,
    LineError,
    MessageKind,
    Session,
    clean,
    index_of,
    parse_line,
)
from branchcheck.terminal.prompters import PlainPrompter

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "valid" / "issue-example.yaml"
# Items of the example, in order: hall-tidy (check, no na, note on fail), has-atm (check,
# weight 0), atm-working (check, when has-atm = pass), greeting-quality (scale 1-5),
# product-choice (choice a/b/c), no-misleading-sales (check, critical checklist),
# answer-15s (metric %, pass if >= 85), remarks (text).
HAPPY = ["y", "y", "y", "4", "a", "y", "90", "all fine"]


class Script:
    """A Prompter that feeds fixed lines and records what the session showed."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.shown: list[str] = []  # item ids, in the order shown
        self.views: list[ItemView] = []
        self.sections: list[str] = []
        self.messages: list[tuple[MessageKind, str]] = []
        self.prompts: list[str] = []

    def section(self, title: str, progress: str, description: str) -> None:
        self.sections.append(title)

    def item(self, view: ItemView) -> None:
        self.shown.append(view.item.id)
        self.views.append(view)

    def read(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        line = self.lines.pop(0)
        if line == "^C":
            raise KeyboardInterrupt
        return line

    def message(self, text: str, kind: MessageKind = "info") -> None:
        self.messages.append((kind, text))

    def errors(self) -> list[str]:
        return [text for kind, text in self.messages if kind == "error"]


@pytest.fixture(scope="module")
def example() -> Checklist:
    return load_checklist(str(EXAMPLE))


def walk(ck: Checklist, lines: list[str], lang: str = "en",
         **kw: object) -> tuple[Session, Script, str]:
    script = Script(lines)
    session = Session(ck, script, lang=lang, **kw)  # type: ignore[arg-type]
    return session, script, session.run()


def values(session: Session) -> dict[str, object]:
    return {k: a.value for k, a in session.applicable_answers().items()}


# ---------------------------------------------------------------- line grammar


def test_parse_answer_and_inline_note(example: Checklist) -> None:
    item = example.item_index()["atm-working"]
    assert parse_line(item, "n # ATM 2 screen dark") == Entry("n", "ATM 2 screen dark")
    assert parse_line(item, "  y  ") == Entry("y")
    assert parse_line(item, "n ＃ 屏幕黑") == Entry("n", "屏幕黑")
    assert parse_line(item, "n #  ") == Entry("n")
    assert parse_line(item, "n # a # b") == Entry("n", "a # b")


def test_text_item_takes_the_whole_line(example: Checklist) -> None:
    item = example.item_index()["remarks"]
    assert parse_line(item, "queue # long at noon") == Entry("queue # long at noon")


def test_commands_start_with_colon(example: Checklist) -> None:
    choice = example.item_index()["product-choice"]  # has an option key 'b'
    assert parse_line(choice, "b") == Entry("b")
    assert parse_line(choice, ":b") == Command("back")
    assert parse_line(choice, ":s") == Command("skip")
    assert parse_line(choice, ":Q") == Command("quit")
    assert parse_line(choice, ":?") == Command("help")
    assert parse_line(example.item_index()["remarks"], ":q") == Command("quit")


def test_bad_lines(example: Checklist) -> None:
    item = example.item_index()["hall-tidy"]
    with pytest.raises(LineError) as exc:
        parse_line(item, ":x")
    assert exc.value.reason == "unknown-command"
    with pytest.raises(LineError) as exc:
        parse_line(item, "# only a note")
    assert exc.value.reason == "missing-answer"


def test_clean_replaces_undecodable_bytes() -> None:
    raw = b"ok \xff".decode("utf-8", "surrogateescape")
    assert clean(raw) == "ok \ufffd"
    assert clean("屏幕") == "屏幕"


def test_index_of(example: Checklist) -> None:
    assert index_of(example, "hall-tidy") == 0
    assert index_of(example, "remarks") == 7
    assert index_of(example, None) == example.item_count


# ---------------------------------------------------------------- the walk


def test_happy_walk_asks_every_applicable_item(example: Checklist) -> None:
    session, script, outcome = walk(example, HAPPY)
    assert outcome == "done"
    assert script.shown == [i.id for _, i in example.items()]
    assert script.sections == ["Facilities", "Service"]
    assert values(session) == {
        "hall-tidy": "pass", "has-atm": "pass", "atm-working": "pass",
        "greeting-quality": 4, "product-choice": "a", "no-misleading-sales": "pass",
        "answer-15s": 90, "remarks": "all fine",
    }
    assert session.position is None
    assert script.errors() == []


def test_when_item_hidden_then_shown_after_going_back(example: Checklist) -> None:
    lines = ["y", "n",  # no machines: atm-working is not asked
             ":b", "y",  # back to has-atm, change it: atm-working now appears
             "n # ATM 2 dark", "4", "a", "y", "90", ""]
    session, script, outcome = walk(example, lines)
    assert outcome == "done"
    assert script.shown[:5] == ["hall-tidy", "has-atm", "greeting-quality", "has-atm",
                                "atm-working"]
    assert session.answers["atm-working"] == Answer("atm-working", "fail", "ATM 2 dark")
    assert "remarks" not in session.answers  # empty line leaves a text item blank


def test_when_item_disappears_when_its_condition_is_changed(example: Checklist) -> None:
    lines = ["y", "y", "n # broken", ":b", ":b", "n", "4", "a", "y", "90", "x"]
    session, script, outcome = walk(example, lines)
    assert outcome == "done"
    assert script.shown[3:7] == ["greeting-quality", "atm-working", "has-atm",
                                 "greeting-quality"]
    assert "atm-working" in session.answers  # kept while hidden ...
    assert "atm-working" not in session.applicable_answers()  # ... but not scored
    result = score(example, session.applicable_answers())
    atm = next(i for i in result.items if i.id == "atm-working")
    assert (atm.applicable, atm.status, atm.note) == (False, "na", None)


def test_progress_counts_applicable_items(example: Checklist) -> None:
    _, script, _ = walk(example, ["y", "n", "3"])
    progress = [v.progress for v in script.views]
    assert progress[0] == "item 1 of 7 · section 1 of 2"
    assert progress[2] == "item 3 of 7 · section 2 of 2"
    _, script, _ = walk(example, ["y", "y", "y"])
    assert script.views[2].progress == "item 3 of 8 · section 1 of 2"


def test_view_shows_text_guidance_and_accepted_answers(example: Checklist) -> None:
    _, script, _ = walk(example, [])
    view = script.views[0]
    assert view.text == "Hall clean and orderly"
    assert view.guidance == "Floor, counters and zones free of clutter"
    assert view.accepted == "Answers: y/yes/pass or n/no/fail"  # allow_na: false
    _, zh, _ = walk(example, [], lang="zh")
    assert zh.views[0].text == "厅堂整洁有序"
    assert zh.views[0].progress == "第 1/7 项 · 类别 1/2"


def test_back_keeps_answer_on_enter_and_shows_it(example: Checklist) -> None:
    session, script, _ = walk(example, ["n # dirty floor", "y", ":b", ":b", "", ""])
    assert script.shown[:4] == ["hall-tidy", "has-atm", "atm-working", "has-atm"]
    assert script.views[4].item.id == "hall-tidy"
    assert script.views[4].current == "Current answer: fail # dirty floor (Enter keeps it)"
    assert session.answers["hall-tidy"] == Answer("hall-tidy", "fail", "dirty floor")
    assert session.position == "atm-working"


def test_back_at_first_item_says_so(example: Checklist) -> None:
    session, script, _ = walk(example, [":b", "y"])
    assert ("info", "Already at the first item.") in script.messages
    assert script.shown[:2] == ["hall-tidy", "hall-tidy"]
    assert session.answers["hall-tidy"].value == "pass"


def test_skip_leaves_item_unanswered_and_clears_an_answer(example: Checklist) -> None:
    session, _, outcome = walk(example, ["y", "y", ":s", "5", ":b", ":s", ":s"])
    assert outcome == "eof"
    assert "atm-working" not in session.answers
    assert "greeting-quality" not in session.answers
    assert session.position == "no-misleading-sales"


def test_na_allowed_and_refused(example: Checklist) -> None:
    session, script, _ = walk(example, ["na", "y", "NA"])
    assert script.shown[:2] == ["hall-tidy", "has-atm"]  # refused na: asked again, not re-shown
    errors = script.errors()
    assert len(errors) == 1
    assert "may not be answered na" in errors[0]
    assert "Accepted: y/yes/pass or n/no/fail" in errors[0]
    assert session.answers["hall-tidy"].value == "pass"
    assert session.answers["has-atm"].value == "na"


def test_invalid_input_explains_and_asks_again(example: Checklist) -> None:
    session, script, _ = walk(example, ["y", "y", "y", "7", "four", "", ":x", "# x", "4"])
    errors = script.errors()
    assert len(errors) == 5
    assert "out of range" in errors[0] and "a whole number from 1 to 5" in errors[0]
    assert "needs a number" in errors[1]
    assert errors[2].startswith("Please answer")
    assert errors[3].startswith("unknown command :x")
    assert errors[4].startswith("Put the answer before '#'")
    assert session.answers["greeting-quality"].value == 4
    assert script.shown.count("greeting-quality") == 1  # asked again, not re-shown


def test_invalid_input_explained_in_chinese(example: Checklist) -> None:
    session, script, _ = walk(example, ["na", "y", "y", "y", "7", "four", "4"], lang="zh")
    errors = script.errors()
    assert len(errors) == 3
    # each says why the answer is refused, then what is accepted
    # the item is named by the text on screen, not by its id
    assert errors[0].startswith("“厅堂整洁有序” 不能答 na（不适用）。可选答案：y/是 = 通过")
    assert errors[1].startswith("'7' 超出 “问候礼貌程度” 的范围：请填 1-5 的整数。可选答案：")
    assert errors[2].startswith("“问候礼貌程度” 须填数值，而不是 'four'。")
    for english in ("may not", "out of range", "needs a number", "Accepted"):
        assert not any(english in e for e in errors)
    assert session.answers["greeting-quality"].value == 4


def test_required_note_is_asked_and_must_not_be_empty(example: Checklist) -> None:
    session, script, _ = walk(example, ["n", "", "  ", "floor wet"])
    assert session.answers["hall-tidy"] == Answer("hall-tidy", "fail", "floor wet")
    assert len(script.errors()) == 2
    assert all("needs a note" in e for e in script.errors())
    assert script.prompts[1].startswith("Note")


def test_inline_note_satisfies_the_requirement(example: Checklist) -> None:
    _, script, _ = walk(example, ["n # floor wet", "y"])
    assert not any(p.startswith("Note") for p in script.prompts)


def test_no_note_asked_when_not_required_or_not_failed(example: Checklist) -> None:
    _, script, _ = walk(example, ["y", "n", "1"])  # has-atm fails but needs no note
    assert script.prompts == ["> "] * 4


def test_back_at_note_prompt_answers_again(example: Checklist) -> None:
    session, _, _ = walk(example, ["n", ":b", "y"])
    assert session.answers["hall-tidy"] == Answer("hall-tidy", "pass", None)


def test_help_shows_grammar_and_accepted(example: Checklist) -> None:
    _, script, _ = walk(example, [":?", "y"])
    helps = [text for kind, text in script.messages if kind == "help"]
    assert len(helps) == 1
    assert ":b back" in helps[0] and "y/yes/pass or n/no/fail" in helps[0]


@pytest.mark.parametrize(("lines", "outcome"), [
    (["y", ":q"], "quit"),
    (["y", "^C"], "interrupted"),
    (["y"], "eof"),
])
def test_stopping_early_keeps_answers_and_position(
    example: Checklist, lines: list[str], outcome: str
) -> None:
    session, _, got = walk(example, lines)
    assert got == outcome
    assert session.answers == {"hall-tidy": Answer("hall-tidy", "pass", None)}
    assert session.position == "has-atm"


def test_on_change_after_every_answer(example: Checklist) -> None:
    seen: list[tuple[int, str | None]] = []
    script = Script(HAPPY)
    session = Session(example, script, on_change=lambda s: seen.append(
        (len(s.answers), s.position)))
    assert session.run() == "done"
    assert [n for n, _ in seen] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert seen[0][1] == "has-atm"
    assert seen[-1][1] is None


def test_resume_starts_at_position_with_earlier_answers(example: Checklist) -> None:
    earlier = {"hall-tidy": Answer("hall-tidy", "pass"), "has-atm": Answer("has-atm", "fail")}
    session, script, outcome = walk(example, ["3", "b", "y", "80", "x"], answers=earlier,
                                    start=index_of(example, "greeting-quality"))
    assert outcome == "done"
    assert script.shown == ["greeting-quality", "product-choice", "no-misleading-sales",
                            "answer-15s", "remarks"]
    assert values(session)["has-atm"] == "fail"


def test_session_answers_score_like_scoring(example: Checklist) -> None:
    session, _, _ = walk(example, ["n # dirty", "y", "n", "3", "b", "n", "80", "x"])
    got = score(example, session.applicable_answers())
    assert got.overall_final == 0.0  # critical: checklist failed
    fac = got.sections[0]
    assert fac.raw == pytest.approx(0.0)  # hall-tidy w2 fail, atm-working w1 fail
    svc = got.sections[1]
    assert svc.raw == pytest.approx(100 * (0.5 + 0.5 + 0 + 0) / 4)


# ---------------------------------------------------------------- plain prompter


def test_plain_prompter_reads_lines_and_echoes() -> None:
    out = io.StringIO()
    p = PlainPrompter(io.StringIO("\ufeffy\r\nn # x\n"), out)
    assert p.read("> ") == "y"
    assert p.read("> ") == "n # x"
    with pytest.raises(EOFError):
        p.read("> ")
    p.message("bad", "error")
    assert out.getvalue() == "> y\n> n # x\nline 2: bad\n"


def test_plain_prompter_drives_a_walk(example: Checklist) -> None:
    out = io.StringIO()
    prompter = PlainPrompter(io.StringIO("y\ny\nmaybe\ny\n"), out, "en")
    session = Session(example, prompter)
    assert session.run() == "eof"
    text = out.getvalue()
    assert "== Facilities (section 1 of 2) ==" in text
    assert "[item 3 of 8 · section 1 of 2] Self-service machines working" in text
    assert "line 3: 'maybe' is not an answer" in text
    assert "\x1b[" not in text
