"""The interactive walk over a checklist, independent of how prompts are shown.

The question model lives here: which items apply (``scoring.applicability``,
recomputed after every answer), the answers so far, the position, the answer
line grammar and the ``:`` commands. Showing text and reading lines is a
:class:`Prompter`'s job (``branchcheck.terminal.prompters`` has one for terminals and
one for pipes).

Answer line grammar: ``<answer> [# note]`` (``＃`` also works); a ``text``
item takes the whole line. Lines starting with ``:`` are commands: ``:b`` back
to the previous applicable item, ``:s`` skip (leave unanswered), ``:q`` save
and quit, ``:?`` help. An empty line keeps the current answer (after going back)
or leaves a ``text`` item blank.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from branchcheck.checklists.answers import AnswerError, accepted, normalise
from branchcheck.core.i18n import t
from branchcheck.core.model import Answer, AnswerValue, Checklist, Item, Section, localise
from branchcheck.core.scoring import applicability, fraction, status_of

Outcome = Literal["done", "quit", "interrupted", "eof"]
"""How a walk ended: all applicable items asked, ``:q``, Ctrl-C, or end of input."""
MessageKind = Literal["error", "help", "info"]
CommandName = Literal["back", "skip", "quit", "help"]
COMMANDS: dict[str, CommandName] = {
    ":b": "back", ":back": "back", ":s": "skip", ":skip": "skip",
    ":q": "quit", ":quit": "quit", ":?": "help", ":h": "help", ":help": "help",
}
PROMPT = "> "


@dataclass(frozen=True)
class ItemView:
    """What a prompter shows for one item; every string is already in the UI language."""

    item: Item
    progress: str
    text: str
    guidance: str
    accepted: str
    current: str


class Prompter(Protocol):
    """Shows the walk and reads lines (raises EOFError at end of input and lets
    KeyboardInterrupt through)."""

    def section(self, title: str, progress: str, description: str) -> None:
        """Show a section header."""

    def item(self, view: ItemView) -> None:
        """Show an item: progress, text, guidance, accepted answers, current answer."""

    def read(self, prompt: str) -> str:
        """Read one line (without its line break)."""

    def message(self, text: str, kind: MessageKind = "info") -> None:
        """Show an error, help or information message."""


@dataclass(frozen=True)
class Command:
    """A ``:`` command typed instead of an answer."""

    name: CommandName


@dataclass(frozen=True)
class Entry:
    """An answer as typed (not yet normalised) and its inline note."""

    answer: str
    note: str | None = None


class LineError(ValueError):
    """A line that is neither a command nor an answer; ``reason`` is
    ``unknown-command`` or ``missing-answer``."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"{reason}: {text}")
        self.reason = reason
        self.text = text


def parse_line(item: Item, line: str) -> Command | Entry:
    """Parse one input line for ``item`` by the answer line grammar."""
    text = line.strip()
    if text.startswith(":"):
        name = COMMANDS.get(text.lower())
        if name is None:
            raise LineError("unknown-command", text)
        return Command(name)
    if item.type == "text":
        return Entry(text)
    cut = min((i for i in (text.find("#"), text.find("＃")) if i >= 0), default=-1)
    if cut < 0:
        return Entry(text)
    answer, note = text[:cut].strip(), text[cut + 1 :].strip()
    if not answer:
        raise LineError("missing-answer", text)
    return Entry(answer, note or None)


def clean(line: str) -> str:
    """``line`` with undecodable input bytes (surrogate escapes) replaced by U+FFFD."""
    if line.isascii():
        return line
    return line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def fails(item: Item, value: AnswerValue) -> bool:
    """Whether ``value`` gives ``item`` the status ``fail``."""
    return status_of(item, value, fraction(item, value)) == "fail"


def index_of(checklist: Checklist, item_id: str | None) -> int:
    """Position (in checklist order) of ``item_id``; None means past the last item."""
    if item_id is None:
        return checklist.item_count
    for i, (_, item) in enumerate(checklist.items()):
        if item.id == item_id:
            return i
    return 0


class Session:
    """One walk over ``checklist``: asks every applicable item from ``start`` on,
    keeps ``answers`` (by item id) and calls ``on_change`` after every answer, skip
    or move, so the caller can autosave."""

    def __init__(
        self,
        checklist: Checklist,
        prompter: Prompter,
        *,
        lang: str = "en",
        answers: Mapping[str, Answer] | None = None,
        start: int = 0,
        on_change: Callable[[Session], None] | None = None,
        item_notes: Mapping[str, str] | None = None,
        confirm_incomplete: bool = False,
        needs_note: Callable[[Item, AnswerValue], bool] | None = None,
        on_problem: Callable[[Item], str | None] | None = None,
    ) -> None:
        self.checklist = checklist
        self.prompter = prompter
        self.lang = lang
        self.answers: dict[str, Answer] = dict(answers or {})
        self.on_change = on_change
        self.confirm_incomplete = confirm_incomplete
        """Before ending with unanswered items, ask whether to go back (a terminal);
        else only say how many were left (a pipe reads no extra line)."""
        self.item_notes = dict(item_notes or {})
        """Shown under an item, by id (e.g. its open corrective action)."""
        self.needs_note = needs_note
        """Whether an answer needs a note besides ``note_required_on_fail`` (e.g. it
        opens a corrective action, whose problem must be concrete)."""
        self.on_problem = on_problem
        """Called after such an answer is kept (e.g. to attach a photo of the problem);
        the answer is kept whatever it does; ``"quit"`` ends the walk after it."""
        self._quit_after = False
        self._flat: list[tuple[Section, Item]] = list(checklist.items())
        self._section_no = {s.id: n for n, s in enumerate(checklist.sections, 1)}
        self.pos = max(0, min(start, len(self._flat)))
        # Only an answer to an item some ``when`` refers to can change what applies:
        # any other answer costs no recomputation (a long walk stays linear).
        self._referenced = {i.when.item for _, i in self._flat if i.when is not None}
        self._applies: dict[str, bool] = {}
        self._order: list[int] = []  # indexes of the applicable items, ascending
        self._update_applies()
        self._shown: str | None = None
        self.last_item: str | None = None
        """Id of the item just asked (its answer may have changed), for ``on_change``."""

    def _update_applies(self) -> None:
        self._applies = applicability(self.checklist, self.answers)
        self._order = [i for i, (_, item) in enumerate(self._flat) if self._applies[item.id]]

    @property
    def position(self) -> str | None:
        """Id of the next item to ask, or None when every item has been asked."""
        return self._flat[self.pos][1].id if self.pos < len(self._flat) else None

    def applicable_answers(self) -> dict[str, Answer]:
        """The answers of items that currently apply (answers to items made
        inapplicable by a changed answer are left out)."""
        return {k: a for k, a in self.answers.items() if self._applies.get(k)}

    def run(self) -> Outcome:
        """Walk until the end, ``:q``, Ctrl-C or end of input."""
        try:
            return self._loop()
        except KeyboardInterrupt:
            return "interrupted"
        except EOFError:
            return "eof"

    # ------------------------------------------------------------ the walk

    def _loop(self) -> Outcome:
        while True:
            idx = self._next(self.pos)
            self.pos = len(self._flat) if idx is None else idx
            if idx is None:
                back = self._unanswered_check()
                if back is None:
                    return "done"
                if back == "quit":
                    return "quit"
                self.pos = back
                continue
            section, item = self._flat[idx]
            if section.id != self._shown:
                self._show_section(section)
            self.prompter.item(self._view(idx))
            if item.id in self.item_notes:
                self.prompter.message(self.item_notes[item.id], "info")
            action = self._ask(item)
            self.last_item = item.id
            if action == "quit":
                return "quit"
            if action == "back":
                prev = self._prev(idx)
                if prev is None:
                    self.prompter.message(t(self.lang, "已经是第一项。",
                                            "Already at the first item."), "info")
                    continue
                self.pos = prev
            else:
                if item.id in self._referenced:
                    self._update_applies()
                nxt = self._next(idx + 1)
                self.pos = len(self._flat) if nxt is None else nxt
            if self.on_change is not None:
                self.on_change(self)
            if self._quit_after:  # ':q' after the answer: saved, then leave
                return "quit"

    def unanswered(self) -> list[int]:
        """Indexes of the applicable items left unanswered (text remarks aside)."""
        return [i for i in self._order
                if self._flat[i][1].type != "text" and self._flat[i][1].id not in self.answers]

    def _unanswered_check(self) -> int | Literal["quit"] | None:
        """At the end: say how many items were left unanswered; on a terminal offer to
        go back to the first of them. The index to go back to, ``"quit"``, or None to
        store the result (incomplete)."""
        missing = self.unanswered()
        if not missing:
            return None
        names = "、".join if self.lang == "zh" else ", ".join
        shown = names(localise(self._flat[i][1].text, self.lang) or self._flat[i][1].id
                      for i in missing[:5]) + ("…" if len(missing) > 5 else "")
        self.prompter.message(t(
            self.lang, f"警告：有 {len(missing)} 项未作答：{shown}。结果将标为不完整，"
                       "等级只按已答项评定。",
            f"Warning: {len(missing)} item(s) left unanswered: {shown}. The result will be "
            "marked incomplete and its grade counts the answered items only."), "info")
        if not self.confirm_incomplete:
            return None
        while True:
            line = clean(self.prompter.read(t(
                self.lang, "回车保存；:b 回到第一项未答项；:q 保存草稿并退出 > ",
                "Enter stores it; :b goes back to the first unanswered item; :q saves the "
                "draft and quits > "))).strip().lower()
            if not line:
                return None
            name = COMMANDS.get(line)
            if name == "back":
                return missing[0]
            if name == "quit":
                return "quit"
            self.prompter.message(t(self.lang, "请按回车、输入 :b 或 :q。",
                                    "Press Enter, or type :b or :q."), "error")

    def _next(self, start: int) -> int | None:
        for i in range(start, len(self._flat)):
            if self._applies[self._flat[i][1].id]:
                return i
        return None

    def _prev(self, idx: int) -> int | None:
        for i in range(idx - 1, -1, -1):
            if self._applies[self._flat[i][1].id]:
                return i
        return None

    def _ask(self, item: Item) -> Literal["answered", "back", "quit"]:
        """Read lines until one answers ``item`` or is a moving command."""
        current = self.answers.get(item.id)
        while True:
            line = clean(self.prompter.read(PROMPT))
            try:
                parsed = parse_line(item, line)
            except LineError as exc:
                self.prompter.message(self._line_error(exc, item), "error")
                continue
            if isinstance(parsed, Command):
                if parsed.name == "help":
                    self.prompter.message(self._help(item), "help")
                    continue
                if parsed.name == "skip":
                    self.answers.pop(item.id, None)
                    return "answered"
                return parsed.name
            if not parsed.answer:
                if current is not None or item.type == "text":
                    return "answered"  # keep the current answer / leave the remark blank
                self.prompter.message(t(
                    self.lang, f"请作答（:s 跳过，:? 帮助）。可选答案：{self._accepted(item)}",
                    f"Please answer (:s skips, :? helps). Accepted: {self._accepted(item)}",
                ), "error")
                continue
            try:
                value = normalise(item, parsed.answer)
            except AnswerError as exc:
                self.prompter.message(self._bad_answer(exc, item), "error")
                continue
            note = parsed.note
            problem = self.needs_note is not None and self.needs_note(item, value)
            if note is None and ((item.note_required_on_fail and fails(item, value)) or problem):
                note = self._ask_note()
                if note is None:
                    continue  # ':b' at the note prompt: answer the item again
            self.answers[item.id] = Answer(item.id, value, note)
            if problem and self.on_problem is not None:
                self._quit_after = self.on_problem(item) == "quit"
            return "answered"

    def _ask_note(self) -> str | None:
        """The note a failed item requires; None if the user typed ``:b`` to change
        the answer instead."""
        prompt = t(self.lang, "备注（不通过时必填；:b 修改答案）> ",
                   "Note (required when this fails; :b changes the answer) > ")
        while True:
            note = clean(self.prompter.read(prompt)).strip()
            if note.lower() in (":b", ":back"):
                return None
            if note:
                return note
            self.prompter.message(t(self.lang, "不通过时必须填写备注，请说明问题。",
                                    "A failed item needs a note: describe the problem."),
                                  "error")

    # ------------------------------------------------------------ wording

    def _show_section(self, section: Section) -> None:
        self._shown = section.id
        n, total = self._section_no[section.id], len(self.checklist.sections)
        self.prompter.section(
            localise(section.title, self.lang) or section.id,
            t(self.lang, f"检查类别 {n}/{total}", f"section {n} of {total}"),
            localise(section.description, self.lang),
        )

    def _view(self, idx: int) -> ItemView:
        section, item = self._flat[idx]
        n, total = bisect_left(self._order, idx) + 1, len(self._order)
        sn, st = self._section_no[section.id], len(self.checklist.sections)
        progress = t(self.lang, f"第 {n}/{total} 项 · 类别 {sn}/{st}",
                     f"item {n} of {total} · section {sn} of {st}")
        current = ""
        answer = self.answers.get(item.id)
        if answer is not None:
            shown = self._show_value(answer.value) + (f" # {answer.note}" if answer.note else "")
            current = t(self.lang, f"当前答案：{shown}（回车保留）",
                        f"Current answer: {shown} (Enter keeps it)")
        return ItemView(
            item=item,
            progress=progress,
            text=localise(item.text, self.lang) or item.id,
            guidance=localise(item.guidance, self.lang),
            accepted=t(self.lang, "可选答案：", "Answers: ") + self._accepted(item),
            current=current,
        )

    def _show_value(self, value: AnswerValue) -> str:
        if value == "pass":
            return t(self.lang, "通过", "pass")
        if value == "fail":
            return t(self.lang, "不通过", "fail")
        if value == "na":
            return t(self.lang, "不适用", "na")
        return str(value)

    def _accepted(self, item: Item) -> str:
        text = accepted(item, self.lang)
        if item.type == "scale" and item.scale is not None and item.scale.labels:
            labels = ", ".join(f"{k} = {localise(v, self.lang)}"
                               for k, v in sorted(item.scale.labels.items()))
            base, sep, rest = text.partition("; na")
            text = f"{base} ({labels}){sep}{rest}"
        if item.type == "metric" and item.pass_if is not None:
            unit = item.unit or ""
            target = f"{item.pass_if}{unit}"
            text += t(self.lang, f"；达标：{target}", f"; passes if {target}")
        return text

    def _help(self, item: Item) -> str:
        return t(
            self.lang,
            "输入答案，可在 # 后附备注（如：n # 2号ATM黑屏）；文字题整行即答案。\n"
            "回车保留当前答案。  :b 返回上一项  :s 跳过（不作答）  :q 保存并退出  :? 帮助\n"
            f"本项可选答案：{self._accepted(item)}",
            "Type the answer, optionally followed by '# note' (e.g. n # ATM 2 screen dark);"
            " a text item takes the whole line.\n"
            "Enter keeps the current answer.  :b back  :s skip (leave unanswered)"
            "  :q save and quit  :? help\n"
            f"This item accepts: {self._accepted(item)}",
        )

    def _line_error(self, exc: LineError, item: Item) -> str:
        if exc.reason == "unknown-command":
            return t(self.lang,
                     f"未知命令 {exc.text}；可用：:b 返回，:s 跳过，:q 保存并退出，:? 帮助",
                     f"unknown command {exc.text}; use :b back, :s skip, :q save and quit, "
                     ":? help")
        return t(self.lang, f"请在 # 前写答案（如：n # 备注）。可选答案：{self._accepted(item)}",
                 f"Put the answer before '#' (e.g. n # note). Accepted: {self._accepted(item)}")

    def _bad_answer(self, exc: AnswerError, item: Item) -> str:
        """The answer's problem naming the item by the text on screen, not its id."""
        label = localise(item.text, self.lang) or item.id
        text = exc.text(self.lang).replace(f"'{item.id}'", f"“{label}”")
        if self.lang == "zh":
            return f"{text}。可选答案：{self._accepted(item)}"
        return f"{text}. Accepted: {self._accepted(item)}"
