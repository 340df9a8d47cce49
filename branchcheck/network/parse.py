"""The worker side of an ingest: parse a batch of result files, stage their rows.

Each batch is read, hashed and parsed with
:func:`branchcheck.results.storage.parse_result` (schema and integrity checks, as
``results`` does). What the main process needs to decide about a file (its
sha256 and the result's head row, or why it was rejected) comes back as plain
tuples; the bulk -- one row per section and per item -- is written by the
worker, as CSV, to a private staging folder, which DuckDB's own reader loads
in one statement. Building millions of Python values in the main process and
handing them to DuckDB one by one cost more than parsing the files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from branchcheck.core.model import Result

MAX_BYTES = 5 * 1024 * 1024

# The staged CSV files (no header; ``idx`` is the file's place in the ingest). CSV
# cannot tell an empty text from a missing one, so a text that may be missing is
# written with a leading "v" (see :data:`UNTAG`), and a missing one as nothing.
SECTION_COLUMNS = {"idx": "BIGINT", "section_id": "VARCHAR", "weight": "DOUBLE",
                   "raw": "DOUBLE", "final": "DOUBLE", "knocked_out": "BOOLEAN"}
ITEM_COLUMNS = {"idx": "BIGINT", "item_id": "VARCHAR", "status": "VARCHAR",
                "fraction": "DOUBLE", "value": "VARCHAR", "note": "VARCHAR",
                "critical": "VARCHAR"}

UNTAG = "CASE WHEN {0} IS NULL THEN NULL ELSE substr({0}, 2) END"
TAGGED = ("value", "note", "critical")

# (idx, sha256, head row, texts) for a good file; (idx, "", reason, ()) for a rejected one,
# (idx, "", reason, HELD) for one that cannot be believed.
Outcome = tuple[int, str, Any, tuple[Any, ...]]
HELD = ("held",)


@dataclass(frozen=True)
class Belief:
    """What a result is verified against at ingest: checklist files or folders (besides
    the bundled ones and ``$BRANCHCHECK_CHECKLISTS``) and the trusted keys' folder
    (else ``$BRANCHCHECK_TRUST``)."""

    checklists: tuple[str, ...] = ()
    trust: str | None = None


def held_reason(result: Result, lang: str) -> str:
    """Why a result is kept out of the figures ("" when it counts): its checklist was not
    found (unverified), or it was signed by a key that is not trusted (or not allowed to
    sign for its branch). Results of the old format (legacy, no chain) count as before."""
    from branchcheck.core.i18n import t

    integrity = result.integrity
    if integrity is None or integrity.ok or (integrity.state == "legacy"
                                             and integrity.signature != "untrusted"):
        return ""
    what = t(lang, "未核验，不计入任何数字", "not verified, kept out of every figure")
    how = t(lang, "（用 --checklists 给出它的检查表，或用 --trust 给出签名者的公钥）",
            " (give its checklist with --checklists, or its signer's key with --trust)")
    return f"{what}{t(lang, '：', ': ')}{integrity.reason or integrity.state}{how}"


def parse_batch(args: tuple[str, int, list[str], str, Belief]
                ) -> tuple[list[Outcome], list[str]]:
    """Parse ``paths`` (numbered from ``start``); stage their rows in ``stage``.

    Returns the outcomes and the names of the CSV files written.
    """
    stage, start, paths, lang, belief = args
    pause = os.environ.get("BRANCHCHECK_TEST_PAUSE_IN_PARSE")
    if pause:  # tests kill an ingest while its workers run; this makes that deterministic
        import time

        time.sleep(float(pause))
    from branchcheck.core.errors import BranchcheckError
    from branchcheck.core.fsafe import read_regular
    from branchcheck.results.storage import misplaced, parse_result

    outcomes: list[Outcome] = []
    texts_sent: set[tuple[str, int]] = set()  # a checklist version's texts, once a batch
    sections, items = io.StringIO(), io.StringIO()
    section_rows = csv.writer(sections, lineterminator="\n")
    item_rows = csv.writer(items, lineterminator="\n")
    for idx, path in enumerate(paths, start):
        try:
            raw = read_regular(Path(path), max_bytes=MAX_BYTES)
            sha = hashlib.sha256(raw).hexdigest()
            result = parse_result(raw, path, lang=lang, checklists=belief.checklists,
                                  trust=belief.trust)  # the checks ``results`` makes
        except BranchcheckError as exc:
            first = exc.problems[0] if exc.problems else None
            detail = exc.message if first is None else f"{exc.message}: {first.message}"
            outcomes.append((idx, "", detail, ()))
            continue
        except OSError as exc:
            outcomes.append((idx, "", exc.strerror or str(exc), ()))
            continue
        wrong = misplaced(result, path, lang)
        if wrong is not None:
            outcomes.append((idx, "", wrong, ()))
            continue
        held = held_reason(result, lang)
        if held:
            outcomes.append((idx, "", held, HELD))
            continue
        s = result.score
        section_rows.writerows((idx, x.id, x.weight, x.raw, x.final, x.knocked_out)
                               for x in s.sections)
        item_rows.writerows((idx, i.id, i.status, i.fraction, _tagged(_value(i.value, i.status)),
                             _tagged(i.note), _tagged(i.critical)) for i in s.items)
        version = (result.checklist_id, result.checklist_version)
        texts = () if version in texts_sent else _texts(result)
        texts_sent.add(version)
        outcomes.append((idx, sha, _head(result), texts))
    written = []
    for kind, buffer in (("sections", sections), ("items", items)):
        text = buffer.getvalue()
        if text:
            name = os.path.join(stage, f"{kind}-{start:09d}.csv")
            with open(name, "x", encoding="utf-8", newline="") as fh:
                fh.write(text)
            written.append(name)
    return outcomes, written


def _head(result: Result) -> tuple[Any, ...]:
    """The result's row, less what the main process adds (rid, sha256, dates, path)."""
    from branchcheck.core.model import localise

    s = result.score
    grade = s.grade
    integrity = result.integrity
    return (result.branch, result.checklist_id, result.checklist_version,
            result.checklist_sha256, result.reviewer, result.started, result.finished,
            s.overall_raw, s.overall_final,
            localise(grade.label, "zh") if grade else None,
            localise(grade.label, "en") if grade else None,
            s.coverage, s.complete, s.knocked_out, result.source, result.inspector_unit,
            _utc(result.stored), integrity.state if integrity else None,
            integrity.signature if integrity else None,
            (integrity.signer or None) if integrity else None, _appeal_of(result),
            _visit_of(result))


def _visit_of(result: Result) -> tuple[Any, ...] | None:
    """What the warehouse keeps of a mystery shopper's visit record: wave, visit id, date,
    slot, waiting minutes, scenario -- never the shopper or the teller (personal data,
    docs/shop.md). None for a result without one."""
    visit = result.visit
    if not visit:
        return None
    wait = visit.get("waiting_minutes")
    return (visit.get("wave"), visit.get("id"), visit.get("date"), visit.get("slot"),
            float(wait) if isinstance(wait, (int, float)) else None, visit.get("scenario"))


def _appeal_of(result: Result) -> str | None:
    """The SHA-256 of the result an upheld appeal replaced with this one (docs/shop.md),
    or None."""
    of = (result.appeal or {}).get("of")
    return of if isinstance(of, str) else None


def _utc(stamp: str) -> datetime | None:
    """An ISO time with an offset as a UTC instant (None when absent)."""
    from branchcheck.core.timestamps import parse_iso

    moment = parse_iso(stamp)  # a real day the tool counts with: UTC is a date too
    return moment.astimezone(timezone.utc) if moment is not None else None


def _texts(result: Result) -> tuple[Any, ...]:
    """(kind, id, zh, en, section) of the checklist, its sections and items, and a
    row of kind ``unscored`` for each item of weight 0 that is not a red line (a fact
    recorded, never a failure: ``network items`` leaves it out)."""
    from branchcheck.core.model import localise

    s = result.score
    return tuple(("section", x.id, localise(x.title, "zh"), localise(x.title, "en"), None)
                 for x in s.sections) + tuple(
        ("item", i.id, localise(i.text, "zh"), localise(i.text, "en"), i.section)
        for i in s.items) + tuple(
        ("unscored", i.id, "", "", i.section) for i in s.items
        if i.weight == 0 and i.critical is None) + (
        ("checklist", result.checklist_id, localise(result.checklist_title, "zh"),
         localise(result.checklist_title, "en"), None),)


def _tagged(text: str | None) -> str | None:
    return None if text is None else "v" + text


def _value(value: object, status: str) -> str | None:
    """The answer as text, or None where it is the status itself (check items, ``na``)."""
    if value is None:
        return None
    text = str(value)
    return None if text == status else text
