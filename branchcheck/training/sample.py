"""``exercise sample``: a course exercise already answered, to grade on a fresh machine.

The class of five scored a role-play of counter service with ``window-service``:
an elderly customer, a teller who greets well but does not apologise when a request
cannot be met and hands the card back with one hand without standing. The trainer's
key answers the items the scene shows and leaves the other customer types blank
(not graded). Each trainee differs from the key in a way a trainer meets:

- wang scores it as the key does;
- li passes everything (lenient): the three failures and both scale items differ;
- zhang gives courtesy words 4 where the key has 3 (one scale point);
- chen passes the one-handed farewell and gives the smile 3 where the key has 4;
- liu passes the one-handed farewell and leaves seeing off blank (not answered).

The files are the templates ``exercise new`` writes, with the answers filled in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

CHECKLIST = "window-service"

KEY: Mapping[str, str] = {
    "step-1-stand-to-greet": "y", "step-2-polite-greeting": "y",
    "step-3-listen-carefully": "y", "step-4-fast-accurate": "y",
    "ask-with-please": "y", "sorry-when-unmet": "n", "serve-until-close": "y",
    "step-5-both-hands-farewell": "n", "stand-to-see-off": "n",
    "standing-service": "y", "smile-service": "4", "courtesy-words": "3",
    "elderly-proactive": "y",
}
"""The key: the 13 items the scene shows; the other customer types stay blank."""

DIFFERENCES: Mapping[str, Mapping[str, str]] = {
    "wang": {},
    "li": {"sorry-when-unmet": "y", "step-5-both-hands-farewell": "y",
           "stand-to-see-off": "y", "smile-service": "5", "courtesy-words": "4"},
    "zhang": {"courtesy-words": "4"},
    "chen": {"step-5-both-hands-farewell": "y", "smile-service": "3"},
    "liu": {"step-5-both-hands-farewell": "y", "stand-to-see-off": ""},
}
"""Each trainee's answers where they differ from the key ("" = left blank)."""


def answers(name: str) -> dict[str, str]:
    """The answers of ``name`` (a trainee of :data:`DIFFERENCES`, or ``key``)."""
    return dict(KEY) if name == "key" else {**KEY, **DIFFERENCES[name]}


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` (an ``exercise new`` file) with ``values`` after the item ids."""
    lines = []
    for line in template.splitlines():
        item = line.strip()[:-1] if line.startswith("  ") and line.endswith(":") else ""
        value = values.get(item, "") if item and not item.startswith("#") else ""
        lines.append(f"{line} {value}" if value else line)
    return "\n".join(lines) + "\n"


def scene(lang: str) -> str:
    """What the sample class watched, for the top of its README."""
    from branchcheck.core.i18n import t

    return t(lang, "示例：全班观看同一段柜面服务情景演练并打分。老年客户办理业务；柜员起身迎候、"
                   "礼貌问候、认真倾听、快速准确办理，但客户的要求办不到时没有致歉说明，"
                   "单手递还卡片，也没有起身送别。key.yaml 是培训师的参考答案（只答情景中"
                   "看得到的 13 项，其余客户类型留空不评）；answers/ 中五位学员的答案已填好。",
             "Sample: the class watched one role-play of counter service and scored it. "
             "An elderly customer; the teller stands to greet, greets politely, listens and "
             "serves quickly and accurately, but does not say sorry when a request cannot "
             "be met, hands the card back with one hand and does not stand to see the "
             "customer off. key.yaml is the trainer's reference (the 13 items the scene "
             "shows; the other customer types are left blank and not graded); the five "
             "trainees' answers are filled in under answers/.")


def files(plan: Sequence[tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    """The ``exercise new`` plan of the sample class, its answers filled in."""
    out = []
    for rel, content in plan:
        if rel == "README.md":
            title, rest = content.split("\n", 1)
            out.append((rel, f"{title}\n\n{scene(lang)}\n{rest}"))
        else:
            out.append((rel, fill(content, answers(Path(rel).stem))))
    return out


def names() -> list[str]:
    """The trainees of the sample class, in the order of :data:`DIFFERENCES`."""
    return list(DIFFERENCES)


def write_sample(folder: Path, lang: str) -> list[Path]:
    """Write the sample class to ``folder`` (never over a file)."""
    from branchcheck.checklists.loading import load_checklist
    from branchcheck.training import exercise

    checklist = load_checklist(CHECKLIST, lang=lang)
    plan = exercise.plan(checklist, CHECKLIST, names(), lang)
    return exercise.write(folder, files(plan, lang))
