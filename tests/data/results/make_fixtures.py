"""Regenerate the hand-built result fixtures in this folder.

    python tests/data/results/make_fixtures.py

The answers below are chosen by hand so that every diff class and flag occurs
(see tests/unit/test_diff.py); scores come from branchcheck.core.scoring, so the
files pass the tamper check. Timestamps and hashes are fixed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from branchcheck.checklists.loading import load_checklist
from branchcheck.core.model import (
    Answer,
    Band,
    Checklist,
    Condition,
    Grade,
    Item,
    Scale,
    Section,
)
from branchcheck.core.scoring import make_result
from branchcheck.results import storage

HERE = Path(__file__).resolve().parent
FIVE = Scale("five", 1, 5)
GRADES = (Grade(90, {"zh": "卓越", "en": "Excellent"}), Grade(75, {"zh": "良好", "en": "Good"}),
          Grade(60, {"zh": "达标", "en": "Pass"}), Grade(0, {"zh": "待改进", "en": "Needs work"}))


def _check(id_: str, zh: str, en: str, **kw: object) -> Item:
    return Item(id=id_, text={"zh": zh, "en": en}, type="check", **kw)  # type: ignore[arg-type]


def demo(version: int) -> Checklist:
    """The diff-demo checklist; v2 rewords s-wording, drops f-gone and adds f-new."""
    front = [
        _check("f-regress", "门口整洁", "Entrance tidy"),
        _check("f-improve", "叫号机正常", "Queue machine working"),
        _check("f-same", "营业时间公示", "Opening hours posted"),
        _check("f-newna", "无障碍通道畅通", "Step-free access clear"),
        _check("f-back", "自助设备正常", "Self-service machines working"),
    ]
    if version == 1:
        front.append(_check("f-gone", "旧海报已撤下", "Old posters removed"))
    else:
        front.insert(3, _check("f-new", "消防通道畅通", "Fire exit clear"))
    service = [
        _check("s-ko", "无误导销售", "No misleading sales", critical="section"),
        Item(id="s-metric", text={"zh": "15秒接通率", "en": "Calls answered within 15 s"},
             type="metric", unit="%", pass_if=Condition(">=", 85),
             bands=(Band(Condition(">=", 75), 0.5),)),
        _check("s-persist", "柜面物品摆放规范", "Counter items in place",
               guidance={"zh": "按定置图摆放", "en": "Follow the layout chart"}),
        _check("s-wording", "员工着装规范" if version == 1 else "员工统一着装并佩戴工牌",
               "Staff dress code" if version == 1 else "Staff in uniform with name badge"),
        Item(id="s-scale", text={"zh": "问候礼貌程度", "en": "Greeting courtesy"}, type="scale",
             scale=FIVE),
    ]
    back = [
        _check("b-ko", "现金区门禁", "Cash area access control", critical="section"),
        _check("b-skip", "监控录像保存", "CCTV footage kept"),
        Item(id="b-remark", text={"zh": "其他意见", "en": "Other remarks"}, type="text"),
    ]
    return Checklist(
        id="diff-demo", version=version, title={"zh": "对比示例", "en": "Diff demo"},
        sections=(
            Section("front", {"zh": "厅堂", "en": "Front of house"}, tuple(front), 1.0),
            Section("service", {"zh": "服务", "en": "Service"}, tuple(service), 2.0),
            Section("back", {"zh": "后台", "en": "Back office"}, tuple(back), 1.0),
        ),
        grades=GRADES, sha256=str(version) * 64,
    )


OLD = {"f-regress": "pass", "f-improve": "fail", "f-same": "pass", "f-newna": "pass",
       "f-back": "na", "f-gone": "pass", "s-ko": "pass", "s-metric": 90, "s-persist": "fail",
       "s-wording": "pass", "s-scale": 3, "b-ko": "fail", "b-skip": "pass", "b-remark": "ok"}
NEW = {"f-regress": "fail", "f-improve": "pass", "f-same": "pass", "f-newna": "na",
       "f-back": "pass", "f-new": "pass", "s-ko": "fail", "s-metric": 80, "s-persist": "fail",
       "s-wording": "pass", "s-scale": 5, "b-ko": "pass", "b-remark": "better now"}
NOTES = {"f-regress": "地面有纸屑", "s-ko": "理财产品风险未提示", "s-persist": "Pens missing"}


def _answers(values: dict[str, object]) -> dict[str, Answer]:
    return {k: Answer(k, v, NOTES.get(k)) for k, v in values.items()}  # type: ignore[arg-type]


def write(name: str, result: object) -> None:
    path = HERE / name
    path.unlink(missing_ok=True)
    storage.write_result(result, path=path)  # type: ignore[arg-type]
    print("wrote", path)


def main() -> None:
    old = make_result(demo(1), _answers(OLD), branch="SH-001", reviewer="张三", lang="zh",
                      started="2024-05-01T09:00:00+08:00", finished="2024-05-01T09:30:00+08:00")
    new = make_result(demo(2), _answers(NEW), branch="SH-001", reviewer="李四", lang="zh",
                      started="2024-06-01T09:00:00+08:00", finished="2024-06-01T09:30:00+08:00")
    write("diff-old.yaml", dataclasses.replace(old, tool_version="0.1.0"))
    write("diff-new.yaml", dataclasses.replace(new, tool_version="0.1.0"))

    example = load_checklist(str(HERE.parent / "valid" / "issue-example.yaml"))
    answers = {
        "hall-tidy": Answer("hall-tidy", "fail", "<script>alert('x')</script> 地面有杂物"),
        "has-atm": Answer("has-atm", "pass"),
        "atm-working": Answer("atm-working", "fail", "=1+1"),
        "greeting-quality": Answer("greeting-quality", 4, "语气可以更热情 | warmer tone"),
        "product-choice": Answer("product-choice", "b"),
        "no-misleading-sales": Answer("no-misleading-sales", "fail", "+cmd|' /C calc'!A0"),
        "answer-15s": Answer("answer-15s", 80, "-2+3"),
        "remarks": Answer("remarks", "@SUM(A1:A9) 整体良好"),
    }
    sample = make_result(example, answers, branch="SH-001", reviewer="王五 <b>", lang="zh",
                         started="2024-05-02T10:00:00+08:00",
                         finished="2024-05-02T10:40:00+08:00")
    write("report-sample.yaml", dataclasses.replace(
        sample, tool_version="0.1.0", checklist_sha256="e" * 64))


if __name__ == "__main__":
    main()
