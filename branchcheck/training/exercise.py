"""``exercise new``: blank answers templates for a class, a key template and a README.

Layout written under the output folder::

    README.md             instructions for the class and the trainer
    key.yaml              the trainer's reference answers (to fill in)
    answers/<name>.yaml   one blank template per trainee
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from branchcheck.checklists.answers import accepted
from branchcheck.core.errors import StorageError, UsageError
from branchcheck.core.i18n import t, ui
from branchcheck.core.identity import identity
from branchcheck.core.model import Checklist, Item, localise
from branchcheck.core.textsafe import md, term
from branchcheck.render.checklist_words import guidance_label
from branchcheck.training.grading_input import safe_name

MAX_TRAINEES = 500


def trainee_names(count: int | None, names: str | None) -> list[str]:
    """``--names a,b,c`` (validated, no duplicates) or ``--trainees N`` (trainee-01 ...)."""
    if (count is None) == (names is None):
        raise UsageError(t(ui(), "请给出 --trainees N 或 --names a,b,c 之一",
                             "give either --trainees N or --names a,b,c"))
    if count is not None:
        if not 1 <= count <= MAX_TRAINEES:
            raise UsageError(t(ui(), f"--trainees 应在 1 到 {MAX_TRAINEES} 之间",
                               f"--trainees must be between 1 and {MAX_TRAINEES}"))
        digits = max(2, len(str(count)))
        return [f"trainee-{k:0{digits}d}" for k in range(1, count + 1)]
    assert names is not None  # noqa: S101
    listed = [n.strip() for n in names.split(",") if n.strip()]
    if not listed:
        raise UsageError(t(ui(), "--names 没有列出姓名", "--names lists no names"))
    seen: dict[str, str] = {}
    for name in listed:
        if not safe_name(name):
            raise UsageError(t(ui(), f"学员名 {name!r} 无效：只能用字母、数字、'_'、'-' 或 '.'，"
                                     "以字母或数字开头（最多 64 个字符）",
                               f"invalid trainee name {name!r}: use letters, digits, '_', '-' "
                               "or '.', starting with a letter or digit (at most 64)"))
        same = seen.get(identity(name))
        if same == name:
            raise UsageError(t(ui(), f"学员名 {name!r} 列了两次",
                               f"trainee name {name!r} is listed twice"))
        if same is not None:
            raise UsageError(t(ui(), f"学员名 {same!r} 和 {name!r} 看起来一样（大小写、全角或"
                                     "形近字母）；请给每位学员不同的名字",
                               f"trainee names {same!r} and {name!r} look the same (letter "
                               "case, full-width or look-alike letters); give each trainee a "
                               "distinct name"))
        seen[identity(name)] = name
    if len(listed) > MAX_TRAINEES:
        raise UsageError(t(ui(), f"最多 {MAX_TRAINEES} 名学员", f"at most {MAX_TRAINEES} trainees"))
    return listed


def checklist_ref(ref: str, checklist: Checklist) -> str:
    """What the templates' ``checklist`` field says: the id of a bundled checklist,
    else the absolute path of its file (so grading finds it from any folder)."""
    from branchcheck.core import resources

    bundled = resources.bundled_checklist(checklist.id)
    if bundled is not None and (not os.path.exists(ref) or os.path.samefile(ref, bundled)):
        return checklist.id
    return str(Path(checklist.path).resolve())


def _one_line(text: str) -> str:
    """``text`` on one line with control characters neutralised: a raw one in a
    template comment would make the template unreadable YAML."""
    return term(" ".join(text.split()))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _accepts(item: Item, lang: str) -> str:
    text = accepted(item, lang)
    if item.type == "scale" and item.scale is not None and item.scale.labels:
        labels = ", ".join(f"{k} = {localise(v, lang)}"
                           for k, v in sorted(item.scale.labels.items()))
        text += f" ({labels})"
    if item.type == "metric" and item.pass_if is not None:
        unit = item.unit or ""
        text += t(lang, f"；达标：{item.pass_if}{unit}", f"; passes if {item.pass_if}{unit}")
    if item.type == "text":
        text += t(lang, "（选填）", " (optional)")
    return _one_line(text)


def template(checklist: Checklist, ref: str, reviewer: str, lang: str, *, key: bool = False
             ) -> str:
    """A blank answers file: every item id, its accepted answers as a comment."""
    title = _one_line(localise(checklist.title, lang) or checklist.id)
    who = (t(lang, "答案（培训师的参考答案）", "the key (the trainer's reference answers)") if key
           else t(lang, f"学员 {reviewer}", f"trainee {reviewer}"))
    lines = [
        f"# {title} ({checklist.id} v{checklist.version}): {who}",
        t(lang, "# 在每个题目编号的冒号后填写答案；可接受的答案写在上方注释中。",
          "# Write your answer after each item id's colon; the accepted answers are in the"),
        t(lang, "# 不确定可留空（算作未作答）。加备注：item-id: {value: n, note: \"原因\"}",
          "# comment above it. Leave it blank if unsure (it counts as not answered)."),
        t(lang, "#", "# With a note: item-id: {value: n, note: \"why\"}"),
        f"checklist: {_q(ref)}",
        f"version: {checklist.version}",
        f"reviewer: {_q(reviewer)}",
        f"lang: {lang}",
        t(lang, "rectify: false  # 练习答案：保存结果时不开立整改项",
          "rectify: false  # training answers: storing them opens no corrective action"),
        "answers:",
    ]
    index = checklist.item_index()
    for n, section in enumerate(checklist.sections, 1):
        lines.append(f"  # == {n}. {_one_line(localise(section.title, lang))} ==")
        for item in section.items:
            lines.append(f"  # {_one_line(localise(item.text, lang))}")
            if item.when is not None:
                ref_item = index[item.when.item]
                cond = t(lang, f"仅当 {ref_item.id} 的答案为 {item.when.equals} 时作答",
                         f"only if {ref_item.id} is {item.when.equals}")
                lines.append(f"  # {cond}")
            if item.guidance:  # the same scoring rules (and scale anchors) as the key
                lines.append(f"  # {guidance_label(lang)}: "
                             f"{_one_line(localise(item.guidance, lang))}")
            lines.append(f"  # {t(lang, '可填', 'accepts')}: {_accepts(item, lang)}")
            lines.append(f"  {item.id}:")
    return "\n".join(lines) + "\n"


def readme(checklist: Checklist, ref: str, names: Sequence[str], lang: str) -> str:
    """The class README: what to do, how to grade, the items and their accepted answers."""
    title = localise(checklist.title, lang) or checklist.id
    out = [f"# {t(lang, '课程练习', 'Course exercise')}: {md(title)}", "",
           t(lang, f"检查表：`{checklist.id}` v{checklist.version}，共 {checklist.item_count} 题。",
             f"Checklist: `{checklist.id}` v{checklist.version}, {checklist.item_count} items."),
           t(lang, f"学员（{len(names)}）：", f"Trainees ({len(names)}): ")
           + ", ".join(f"`{n}`" for n in names), "",
           f"## {t(lang, '学员须知', 'For trainees')}", "",
           t(lang, "1. 打开 `answers/<你的名字>.yaml`。", "1. Open `answers/<your name>.yaml`."),
           t(lang, "2. 在每个题目编号的冒号后写下你的答案，可接受的答案写在上方注释中；"
                   "不确定可留空（算作未作答）。",
             "2. Write your answer after each item id's colon; the accepted answers are in "
             "the comment above it. Leave it blank if unsure (it counts as not answered)."),
           t(lang, "3. 不要修改 `checklist`、`version` 和 `reviewer` 这几行；把文件交回培训师。",
             "3. Leave the `checklist`, `version` and `reviewer` lines as they are; hand the "
             "file back to the trainer."), "",
           f"## {t(lang, '培训师', 'For the trainer')}", "",
           t(lang, "在 `key.yaml` 中填写参考答案（也可以用一份已保存的结果作为答案），"
                   "收齐学员文件放入 `answers/`，然后在本文件夹中运行：",
             "Fill in the reference answers in `key.yaml` (a stored result also works as the "
             "key), collect the trainees' files in `answers/`, then run in this folder:"), "",
           "```sh",
           "branchcheck grade key.yaml answers/",
           "branchcheck grade key.yaml answers/ --format md > grading.md",
           "branchcheck grade key.yaml answers/ --min-agreement 80%  "
           + t(lang, "# 有学员低于 80% 时退出码为 1", "# exit 1 if anyone is below 80%"),
           "```", "",
           *([] if ref == checklist.id else [t(
               lang, f"答题文件中的 `checklist` 指向 `{ref}`；若该文件已移动，请在上述命令后加 "
                     "`--checklist 文件路径`。",
               f"The answers files name the checklist file `{ref}`; if it has moved, add "
               "`--checklist FILE` to these commands."), ""]),
           f"## {t(lang, '题目', 'Items')}", "",
           f"| id | {t(lang, '题目', 'item')} | {guidance_label(lang)} | "
           f"{t(lang, '可填', 'accepts')} |", "|---|---|---|---|"]
    for _, item in checklist.items():
        guide = localise(item.guidance, lang) if item.guidance else ""
        cells = (item.id, localise(item.text, lang), guide, _accepts(item, lang))
        out.append("| " + " | ".join(md(c) for c in cells) + " |")
    return "\n".join(out) + "\n"


def plan(checklist: Checklist, ref: str, names: Sequence[str], lang: str
         ) -> list[tuple[str, str]]:
    """Files to write, as (path relative to the output folder, content)."""
    files = [("README.md", readme(checklist, ref, names, lang)),
             ("key.yaml", template(checklist, ref, "key", lang, key=True))]
    files += [(f"answers/{n}.yaml", template(checklist, ref, n, lang)) for n in names]
    return files


def write(out_dir: Path, files: Sequence[tuple[str, str]]) -> list[Path]:
    """Write ``files`` under ``out_dir``; refuses (writing nothing) if any exists."""
    from branchcheck.core.fsafe import atomic_write

    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(t(ui(), f"{out_dir} 已存在且不是文件夹",
                           f"{out_dir} exists and is not a folder"))
    targets = [out_dir / rel for rel, _ in files]
    existing = [str(p) for p in targets if os.path.lexists(p)]
    if existing:
        shown = ", ".join(existing[:5]) + (" ..." if len(existing) > 5 else "")
        raise StorageError(t(ui(), f"不覆盖已有的文件：{shown}",
                             f"not overwriting existing files: {shown}"))
    written = []
    for path, (_, content) in zip(targets, files, strict=True):
        atomic_write(path, content.encode("utf-8"), overwrite=False)
        written.append(path)
    return written
