"""The core of ``branchcheck new``: a valid, commented checklist a trainer can edit."""

from __future__ import annotations

import json
import re

from branchcheck.core.errors import UsageError
from branchcheck.core.ids import CHECKLIST_ID

MAX_ID = 64

# Comments of the template, by key: (zh, en).
COMMENTS: dict[str, tuple[str, str]] = {
    "head": (
        "由 'branchcheck new' 生成的清单模板。修改文字后用下面的命令检查：",
        "Checklist scaffolded by 'branchcheck new'. Edit the texts, then check it with:",
    ),
    "ref": (
        "格式说明见 docs/checklist-format.md；"
        "JSON Schema 可用 'branchcheck schema checklist' 查看。",
        "Format reference: docs/checklist-format.md; JSON Schema: 'branchcheck schema checklist'.",
    ),
    "texts": (
        "每段文字写成 {zh: 中文, en: English}；缺少一种语言会产生警告（--strict 下为错误）。",
        "Write every text as {zh: ..., en: ...}; a missing language is a warning "
        "(an error under --strict).",
    ),
    "id": (
        "清单编号：小写字母、数字和连字符（kebab-case），发布后不要再改。",
        "Checklist id: lower-case letters, digits and hyphens (kebab-case); never change it "
        "once results exist.",
    ),
    "version": (
        "版本：整数；增删或修改检查项时加 1。",
        "Version: a whole number; add 1 whenever items change.",
    ),
    "title": ("标题：在清单列表和报告中显示。", "Title: shown in lists and reports."),
    "description": (
        "说明：什么时候用、由谁用、大约多长时间。",
        "Description: when to use it, who uses it, how long it takes.",
    ),
    "minutes": (
        "预计完成一次检查所需的分钟数。",
        "Estimated minutes for one walk through the checklist.",
    ),
    "languages": ("清单提供的语言。", "Languages every text is given in."),
    "tags": ("标签：可选，便于分类。", "Tags: optional keywords."),
    "scales": (
        "可复用的评分量表：min 到 max 的整数，labels 给部分或全部分值命名。",
        "Reusable response scales: whole numbers from min to max; labels name some or all points.",
    ),
    "grades": (
        "等级：按总分（0-100）从高到低排列，最后一档 min 必须为 0；"
        "整表否决项不通过时等级为“不合格（一票否决）”。",
        "Grades: bands on the overall score (0-100), highest first; the last must start "
        "at 0. A failed checklist knockout grades Fail (red line) whatever the bands say.",
    ),
    "rectify": (
        "整改（可选）：不通过项自动开立整改项，within_days 为整改时限（工作日），owner_role 为"
        "责任岗位；此处为默认值，检查项可各自覆盖。",
        "Rectification (optional): a failed item opens a corrective action due within_days "
        "business days, owned by owner_role; this is the default, items may set their own.",
    ),
    "evidence": (
        "整改时必须附证据（照片、PDF 或录音），默认 false。",
        "Fixing a failure of this item needs evidence (photo, PDF or audio); default false.",
    ),
    "sections": (
        "检查类别（section）：每个类别有编号、标题、权重（在总分中的比重，默认 1）和检查项。",
        "Sections: each has an id, a title, a weight in the overall score (default 1) and items.",
    ),
    "section_desc": ("类别说明：可选。", "Section description: optional."),
    "check": (
        "是否题（check）：回答 通过/不通过（y/n、是/否）。",
        "check item: answered pass or fail (y/n, 是/否).",
    ),
    "item_id": (
        "检查项编号：在整张清单中唯一，发布后保持不变（结果比对依赖它）。",
        "Item id: unique in the checklist and stable (comparing results relies on it).",
    ),
    "guidance": (
        "指引：检查人具体看什么、怎样算通过（可观察的标准）。",
        "Guidance: what the reviewer looks for, in observable terms.",
    ),
    "weight": (
        "权重：在本类别得分中的比重，默认 1；0 表示只记录、不计分。",
        "Weight in the section score (default 1); 0 = asked but not scored.",
    ),
    "allow_na": (
        "是否允许回答“不适用”(na)，默认 true。",
        "Whether 'na' (not applicable) is accepted; default true.",
    ),
    "note": (
        "不通过时必须填写备注，默认 false。",
        "A failed answer needs a note; default false.",
    ),
    "source": (
        "出处：依据的制度或文件及简短引文。",
        "Source: the standard this comes from, with a short quote.",
    ),
    "when": (
        "条件：仅当前面某项回答为指定值时才检查此项，否则视为不适用。",
        "Condition: asked only when an earlier item got this answer; otherwise not applicable.",
    ),
    "scale": (
        "量表题（scale）：回答 scales 中所定义量表的一个整数。",
        "scale item: answered with a whole number of a scale defined under 'scales'.",
    ),
    "ipa": (
        "重要性-表现分析的参考数值（可选）。",
        "Reference figures for importance-performance analysis (optional).",
    ),
    "choice": (
        "选择题（choice）：回答一个选项的 key；得分 = 所选 points / 最高 points。",
        "choice item: answered with an option key; fraction = its points / the highest points.",
    ),
    "critical": (
        "否决项：不通过时 section = 本类别为 0 分，checklist = 总分为 0。",
        "Knockout: a fail sets the section (section) or the overall score (checklist) to 0.",
    ),
    "metric": (
        "指标题（metric）：回答一个数值；满足 pass_if 得满分，否则按 bands 给部分分。",
        "metric item: answered with a number; full credit when pass_if holds, else the first "
        "matching band's fraction.",
    ),
    "unit": ("单位：显示在数值后。", "Unit shown after the number."),
    "min": ("最小有效答案（可选）。", "Lowest valid answer (optional)."),
    "max": ("最大有效答案（可选）。", "Highest valid answer (optional)."),
    "scale_key": (
        "使用的量表名称（须在 scales 中定义）。",
        "Name of a scale defined under 'scales'.",
    ),
    "options": (
        "选项：每项有 key（简短编号）、label（文字）和 points（分值，≥ 0）。",
        "Options: each has a key (short code), a label and points (0 or more).",
    ),
    "pass_if": (
        "达标条件：op 可为 >=、>、<=、<、==。",
        "Pass condition: op is one of >=, >, <=, <, ==.",
    ),
    "bands": (
        "部分得分：未达标时依次尝试，fraction 在 0 与 1 之间。",
        "Partial credit when pass_if fails, tried in order; fraction between 0 and 1.",
    ),
    "text": (
        "文字题（text）：自由填写，不计分。",
        "text item: free text, not scored.",
    ),
}

TEMPLATE = """\
# «head»
#   branchcheck validate --strict «file»
# «ref»
# «texts»

# «id»
id: «id_value»
# «version»
version: 1
# «title»
title: {zh: «title_zh», en: «title_en»}
# «description»
description:
  zh: 用于网点日常自查。由网点负责人在营业前完成，约 10 分钟。
  en: For a branch's routine self-check, done by the branch head before opening; about 10 minutes.
# «minutes»
estimated_minutes: 10
# «languages»
languages: [zh, en]
# «tags»
tags: [template]

# «scales»
scales:
  five-point:
    min: 1
    max: 5
    labels:
      1: {zh: 很差, en: Poor}
      3: {zh: 一般, en: Fair}
      5: {zh: 很好, en: Excellent}

# «grades»
grades:
  - {min: 90, label: {zh: 优秀, en: Excellent}}
  - {min: 75, label: {zh: 良好, en: Good}}
  - {min: 60, label: {zh: 合格, en: Pass}}
  - {min: 0, label: {zh: 不合格, en: Fail}}

# «rectify»
rectify: {within_days: 5, owner_role: {zh: 网点负责人, en: Branch head}}

# «sections»
sections:
  - id: environment
    title: {zh: 营业环境, en: Branch environment}
    # «section_desc»
    description: {zh: 营业前巡视大厅和自助区, en: A walk through the hall and self-service area}
    weight: 1
    items:
      # «check»
      # «item_id»
      - id: hall-tidy
        text: {zh: 大厅整洁、无杂物, en: Hall clean and free of clutter}
        # «guidance»
        guidance:
          zh: 地面、台面和等候区无垃圾、无杂物
          en: Floor, counters and waiting area free of litter and clutter
        type: check
        # «weight»
        weight: 2
        # «allow_na»
        allow_na: false
        # «note»
        note_required_on_fail: true
        # «source»
        source: "branch-standards.pdf: 厅堂整洁有序"
      - id: has-self-service
        text: {zh: 网点设有自助设备区, en: Branch has a self-service area}
        type: check
        weight: 0
      - id: self-service-working
        text: {zh: 自助设备均已开机并正常运行, en: Self-service machines switched on and working}
        type: check
        # «when»
        when: {item: has-self-service, equals: pass}
  - id: service
    title: {zh: 柜面服务, en: Counter service}
    weight: 2
    items:
      # «scale»
      - id: greeting
        text: {zh: 柜员主动问候客户, en: Teller greets the customer first}
        type: scale
        # «scale_key»
        scale: five-point
        # «ipa»
        ipa: {importance: 4.5}
      # «choice»
      - id: product-fit
        text: {zh: 推荐的产品适合客户需求, en: Product suggested fits the customer's needs}
        type: choice
        # «options»
        options:
          - {key: a, label: {zh: 完全适合, en: Fits fully}, points: 2}
          - {key: b, label: {zh: 部分适合, en: Fits partly}, points: 1}
          - {key: c, label: {zh: 不适合, en: Does not fit}, points: 0}
      - id: no-misleading-sales
        text:
          zh: 无误导销售、无泄露客户信息
          en: No misleading sales and no breach of customer privacy
        type: check
        # «critical»
        critical: checklist
        # «evidence»
        evidence_required_on_fail: true
        # «rectify»
        rectify: {within_days: 1, owner_role: {zh: 网点负责人, en: Branch head}}
      # «metric»
      - id: waiting-time
        text: {zh: 客户平均等候时间, en: Average customer waiting time}
        type: metric
        # «unit»
        unit: min
        # «min»
        min: 0
        # «max»
        max: 240
        # «pass_if»
        pass_if: {op: "<=", value: 15}
        # «bands»
        bands:
          - {op: "<=", value: 20, fraction: 0.5}
      # «text»
      - id: remarks
        text: {zh: 其他意见, en: Other remarks}
        type: text
"""

_PLACEHOLDER = re.compile(r"«([a-z_]+)»")


def check_id(checklist_id: str) -> str:
    """``checklist_id`` if it is kebab-case (at most 64 characters), else a usage error."""
    if len(checklist_id) > MAX_ID or not CHECKLIST_ID.match(checklist_id):
        from branchcheck.core.i18n import t, ui

        raise UsageError(t(
            ui(), f"检查表编号 {checklist_id!r} 无效：请用小写字母、数字和单个连字符组成的编号，"
                  f"如 daily-opening（最多 {MAX_ID} 个字符）",
            f"invalid checklist id {checklist_id!r}: use kebab-case, e.g. daily-opening "
            f"(lower-case letters, digits and single hyphens, at most {MAX_ID} characters)"))
    return checklist_id


def template(checklist_id: str, lang: str = "en", file: str | None = None) -> str:
    """The commented checklist template for ``checklist_id``, comments in ``lang``."""
    check_id(checklist_id)
    words = checklist_id.replace("-", " ")
    values = {
        "id_value": _quote(checklist_id),
        "title_zh": _quote(f"{checklist_id} 自查清单"),
        "title_en": _quote(f"{words[:1].upper()}{words[1:]} checklist"),
        "file": _safe_name(file) or f"{checklist_id}.yaml",
    }

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in values:
            return values[key]
        zh, en = COMMENTS[key]
        return zh if lang == "zh" else en

    return _PLACEHOLDER.sub(fill, TEMPLATE)


def _safe_name(file: str | None) -> str:
    """``file`` for the header comment, or "" when it would not fit on one comment line."""
    if not file or file == "-" or any(ord(c) < 32 or ord(c) == 127 for c in file):
        return ""
    return file


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)
