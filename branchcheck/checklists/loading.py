"""Checklist loading pipeline: strict YAML -> JSON Schema -> semantic lint -> model."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from branchcheck.core import resources
from branchcheck.core.errors import InputError, NotFoundError, Problem, UsageError
from branchcheck.core.i18n import resolve_lang, t
from branchcheck.core.strictyaml import (
    DEFAULT_MAX_BYTES,
    Document,
    decode,
    parse_mapping,
    read_bytes,
)

if TYPE_CHECKING:  # the model is imported when a checklist is built (validate needs none)
    from branchcheck.core.model import Checklist, Ipa, Item, Rectify, Scale, Text


@dataclass(frozen=True)
class Report:
    """Outcome of checking one checklist file."""

    file: str
    problems: tuple[Problem, ...]
    checklist: Checklist | None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems of severity error."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems of severity warning."""
        return tuple(p for p in self.problems if p.severity == "warning")


def _ui(lang: str | None) -> str:
    """The language of messages: ``lang``, else the user's (``$BRANCHCHECK_LANG``, locale)."""
    try:
        return resolve_lang(lang)
    except UsageError:
        return "en"


def resolve(ref: str, *, lang: str | None = None) -> str:
    """Path of a checklist given as a bundled id or a file path."""
    bundled = resources.bundled_checklist(ref)
    if bundled is not None and not os.path.exists(ref):
        return str(bundled)
    if os.path.isfile(ref):
        return ref
    ui = _ui(lang)
    if os.path.isdir(ref):
        raise InputError.at(
            Problem(
                ref,
                0,
                0,
                "unreadable",
                t(ui, "是一个目录，不是清单文件", "is a directory, not a checklist file"),
            )
        )
    raise NotFoundError(resources.unknown_checklist(ref, ui))


def check_file(
    path: str,
    *,
    display: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    model: bool = True,
) -> Report:
    """Check one checklist file through every stage; never raises for bad input.

    With ``model=False`` the report carries no :class:`Checklist` (``validate``
    only needs the problems, and a model is costly to send between processes).
    """
    name = display or path
    try:
        raw = read_bytes(path, max_bytes=max_bytes, display=name)
        if path.lower().endswith(".csv"):  # an organisation directory as CSV
            from branchcheck.org.directory import parse_csv

            return Report(name, tuple(parse_csv(raw, name)[1]), None)
        return check_bytes(raw, name, path=path, model=model)
    except InputError as exc:
        return Report(name, exc.problems, None)


BESIDE_SCHEMA = frozenset({
    "duplicate-id", "duplicate-key", "when-unknown-item", "when-forward", "when-bad-value",
    "when-never", "grades-order", "not-finite", "option-key-case"})
"""Semantic rules reported beside schema errors: their findings stand on their own
(a duplicate id, a broken ``when``), where others would only echo the schema error."""


def check_bytes(raw: bytes, name: str, *, path: str = "", model: bool = True) -> Report:
    """Check a checklist given as bytes (``name`` is used in messages)."""
    try:
        doc = parse_mapping(decode(raw, name), name)
    except InputError as exc:
        return Report(name, exc.problems, None)
    from branchcheck.org.directory import is_org_document

    if is_org_document(doc.data):  # an organisation directory (branchcheck network)
        from branchcheck.org.directory import parse_yaml

        return Report(name, tuple(parse_yaml(raw, name)[1]), None)
    from branchcheck.core.validation import schema_problems

    problems = schema_problems(doc, "checklist")
    from branchcheck.checklists.lint import lint

    if problems:  # and the semantic problems that do not follow from the broken shape
        lines = {p.line for p in problems}
        extra = [p for p in lint(doc, tolerant=True)
                 if p.rule in BESIDE_SCHEMA and p.line not in lines]
        return Report(name, tuple(sorted([*problems, *extra],
                                         key=lambda p: (p.line, p.column, p.rule))), None)

    problems = lint(doc)
    if not model or any(p.severity == "error" for p in problems):
        return Report(name, tuple(problems), None)
    checklist = build(doc, hashlib.sha256(raw).hexdigest(), path or name)
    return Report(name, tuple(problems), checklist)


def load_checklist(
    ref: str, *, max_bytes: int = DEFAULT_MAX_BYTES, lang: str | None = None
) -> Checklist:
    """Load a valid checklist by bundled id or path; raises :class:`InputError`.

    ``lang`` is the language of the error headline (default: the user's); the
    located problems below it are in English, as ``validate`` prints them.
    """
    path = resolve(ref, lang=lang)
    display = ref if os.path.isfile(ref) else os.path.basename(path)
    report = check_file(path, display=display, max_bytes=max_bytes)
    if report.checklist is None:
        ui = _ui(lang)
        raise InputError(
            t(ui, f"{display}：清单无效", f"{display}: invalid checklist"), report.errors
        )
    return report.checklist


def _text(value: Any) -> Text:
    if isinstance(value, str):
        return {"": value}
    return dict(value)


def _opt_text(value: Any) -> Text | None:
    return None if value is None else _text(value)


def _ipa(value: Any) -> Ipa | None:
    from branchcheck.core.model import Ipa

    if value is None:
        return None
    rank = value.get("rank")
    return Ipa(value.get("importance"), value.get("performance"),
               None if rank is None else int(rank))


def build(doc: Document, sha256: str, path: str) -> Checklist:
    """The model of a checked checklist document."""
    from branchcheck.core.model import Checklist, Grade, Scale, Section

    data: dict[str, Any] = doc.data
    scales = {
        name: Scale(
            name, s["min"], s["max"], {int(k): _text(v) for k, v in (s.get("labels") or {}).items()}
        )
        for name, s in (data.get("scales") or {}).items()
    }
    sections = tuple(
        Section(
            id=s["id"],
            title=_text(s["title"]),
            items=tuple(_item(i, scales) for i in s["items"]),
            weight=float(s.get("weight", 1)),
            description=_opt_text(s.get("description")),
            ipa=_ipa(s.get("ipa")),
        )
        for s in data["sections"]
    )
    return Checklist(
        id=data["id"],
        version=data["version"],
        title=_text(data["title"]),
        sections=sections,
        languages=tuple(data.get("languages") or ("zh", "en")),
        scales=scales,
        grades=tuple(Grade(float(g["min"]), _text(g["label"])) for g in data.get("grades") or []),
        description=_opt_text(data.get("description")),
        rationale=_opt_text(data.get("rationale")),
        estimated_minutes=data.get("estimated_minutes"),
        tags=tuple(data.get("tags") or ()),
        sha256=sha256,
        path=path,
        rectify=_rectify(data.get("rectify")),
    )


def _item(d: dict[str, Any], scales: dict[str, Scale]) -> Item:
    from branchcheck.core.model import Band, Condition, Item, Option, When

    when = d.get("when")
    pass_if = d.get("pass_if")
    equals = when["equals"] if when else None
    if isinstance(equals, bool):
        equals = "pass" if equals else "fail"
    return Item(
        id=d["id"],
        text=_text(d["text"]),
        type=d["type"],
        guidance=_opt_text(d.get("guidance")),
        rationale=_opt_text(d.get("rationale")),
        weight=float(d.get("weight", 1)),
        allow_na=d.get("allow_na", True),
        note_required_on_fail=d.get("note_required_on_fail", False),
        critical=d.get("critical"),
        when=When(when["item"], equals) if when and equals is not None else None,
        source=d.get("source"),
        scale=scales.get(d["scale"]) if "scale" in d else None,
        options=tuple(
            Option(o["key"], _text(o["label"]), float(o["points"])) for o in d.get("options") or []
        ),
        unit=d.get("unit"),
        pass_if=Condition(pass_if["op"], float(pass_if["value"])) if pass_if else None,
        bands=tuple(
            Band(Condition(b["op"], float(b["value"])), float(b["fraction"]))
            for b in d.get("bands") or []
        ),
        min=d.get("min"),
        max=d.get("max"),
        ipa=_ipa(d.get("ipa")),
        rectify=_rectify(d.get("rectify")),
        evidence_required_on_fail=d.get("evidence_required_on_fail", False),
    )


def _rectify(d: dict[str, Any] | bool | None) -> Rectify | None:
    from branchcheck.core.model import Rectify

    if d is None:
        return None
    if d is False or not isinstance(d, dict):
        return Rectify(off=True)
    role = d.get("owner_role")
    return Rectify(within_days=d.get("within_days"),
                   owner_role=_text(role) if role is not None else None,
                   category=d.get("category"), below=d.get("below"))
