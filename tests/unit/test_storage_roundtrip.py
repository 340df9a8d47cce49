"""Property: whatever ``score``/``run`` would store reads back (issue 10, data loss).

Any answers to the example checklist -- texts and notes with control characters,
line breaks, surrogates, huge or tiny numbers, any reviewer and times -- either
give bytes that :func:`storage.parse_result` accepts as the same result, or are
refused with a :class:`StorageError` before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from branchcheck.checklists.loading import load_checklist
from branchcheck.core.errors import StorageError
from branchcheck.core.model import Answer
from branchcheck.core.scoring import make_result
from branchcheck.core.timestamps import parse_iso
from branchcheck.results import storage

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "valid" / "issue-example.yaml"
CK = load_checklist(str(EXAMPLE))
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=40) | st.text(
    st.sampled_from("\x00\x1b\x7f\x85\u2028\u202e\ufeff\t\r\n é中"), max_size=20)
notes = st.none() | texts
numbers = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10**6, 10**6)
answers = st.fixed_dictionaries({}, optional={
    "hall-tidy": st.sampled_from(["pass", "fail"]),
    "has-atm": st.sampled_from(["pass", "fail"]),
    "atm-working": st.sampled_from(["pass", "fail", "na"]),
    "greeting-quality": st.integers(1, 5),
    "product-choice": st.sampled_from(["a", "b", "c"]),
    "no-misleading-sales": st.sampled_from(["pass", "fail"]),
    "answer-15s": numbers,
    "remarks": texts,
})
times = st.sampled_from(["2024-05-01T09:30:00+08:00", "2024-05-01T09:30Z", "2024-13-45T99:99Z",
                         "yesterday", ""])


@FAST
@given(answers, st.dictionaries(st.sampled_from(list(CK.item_index())), notes), texts, times)
def test_stored_bytes_always_read_back(values: dict[str, object], note: dict[str, str | None],
                                       reviewer: str, started: str) -> None:
    given_answers = {k: Answer(k, v, note.get(k))  # type: ignore[arg-type]
                     for k, v in values.items()}
    result = make_result(CK, given_answers, branch="SH-001", reviewer=reviewer, lang="en",
                         started=started, finished="2024-05-01T10:00:00+08:00")
    try:
        data = storage.result_bytes(result)
    except StorageError:
        return  # refused before writing: nothing stored that could not be read
    back = storage.parse_result(data, "r.yaml")
    assert back.reviewer == result.reviewer and back.started == result.started
    assert parse_iso(back.started) is not None  # a real time: history --since keeps it
    assert [(i.id, i.value, i.note) for i in back.score.items] == [
        (i.id, i.value, i.note) for i in result.score.items]
    assert back.score.overall_final == result.score.overall_final
