"""What a statistician signs in a ``grade`` report (review 2, F16 and the wide-scale
note): no interval of zero width passed off as certainty, the words read from the
printed value, the CI method and n named in the report, plain Markdown, and exact and
within-k agreement first on a 0-100 scale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from branchcheck.checklists.loading import load_checklist
from branchcheck.cli import run


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRANCHCHECK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def course(tmp_path: Path, capsys: pytest.CaptureFixture[str], checklist: str,
           answers: dict[str, dict[str, object]]) -> Path:
    """An exercise folder of ``checklist`` with the key and trainees' answers filled."""
    out = tmp_path / "course"
    names = ",".join(n for n in answers if n != "key")
    code, _, err = cli(capsys, "exercise", "new", checklist, "-o", str(out), "--names", names)
    assert code == 0, err
    for name, given in answers.items():
        path = out / ("key.yaml" if name == "key" else f"answers/{name}.yaml")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["answers"] = given
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


@pytest.fixture
def window(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """window-service: 19 check items, 2 scale items. The key fails every third check
    item; li passes everything (one category); wang copies the key (perfect)."""
    ck = load_checklist("window-service")
    checks = [i.id for _, i in ck.items() if i.type == "check"]
    scales = [i.id for _, i in ck.items() if i.type == "scale"]
    assert (len(checks), len(scales)) == (19, 2)
    key: dict[str, object] = {c: "fail" if n % 3 == 0 else "pass" for n, c in enumerate(checks)}
    key |= {s: 4 for s in scales}
    li: dict[str, object] = {c: "pass" for c in checks} | {s: 4 for s in scales}
    return course(tmp_path, capsys, "window-service", {"key": key, "li": li, "wang": key})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_interval_of_zero_width(window: Path, capsys: pytest.CaptureFixture[str],
                                   lang: str) -> None:
    """li: kappa 0 with SE 0 is a warning, as for a one-category key; wang: kappa 1.00
    with SE 0 prints no interval and says why (it read "1.00 [1.00, 1.00]")."""
    code, out, _ = cli(capsys, "grade", str(window / "key.yaml"), str(window / "answers"),
                       "--lang", lang)
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()
            if line.startswith(("li ", "wang "))}
    if lang == "en":
        assert "— (the trainee used one category only, n=19)" in rows["li"]
        assert "1.00 [—] n=19 almost perfect" in rows["wang"]
        assert ("wang: κ 1.00: standard error 0 (every answer agreed with the key), so no "
                "interval is shown") in out
    else:
        assert "— (学员只用了一个类别, n=19)" in rows["li"]
        assert "1.00 [—] n=19 几乎完全一致" in rows["wang"]
        assert "wang: κ 1.00：标准误为 0" in out
    assert "[0.00, 0.00]" not in out and "[1.00, 1.00]" not in out
    code, out, _ = cli(capsys, "grade", str(window / "key.yaml"), str(window / "answers"),
                       "-f", "json")
    people = {p["name"]: p for p in json.loads(out)["trainees"]}
    assert people["li"]["kappa_check"]["warning"] == "the trainee used one category only"
    wang = people["wang"]["kappa_check"]
    assert wang["value"] == pytest.approx(1.0) and wang["ci95"] is None
    assert wang["no_interval"].startswith("standard error 0")


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_the_report_names_its_interval_method_and_n(
        window: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = cli(capsys, "grade", str(window / "key.yaml"), str(window / "answers"),
                       "-f", fmt, "--lang", "en")
    assert code == 0
    assert "95% CI: κ ± 1.96 SE, with the large-sample SE of Fleiss, Cohen and Everitt" in out
    assert "n: the items both the key and the trainee answered" in out
    code, out, _ = cli(capsys, "grade", str(window / "key.yaml"), str(window / "answers"),
                       "-f", fmt, "--lang", "zh")
    assert "SE 为 Fleiss、Cohen 与 Everitt（1969）的大样本标准误" in out
    assert "n：答案与该学员都作答的题数" in out


def test_markdown_has_no_html_entities_for_plain_text(
        window: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "grade", str(window / "key.yaml"), str(window / "answers"),
                       "-f", "md", "--lang", "en")
    assert code == 0
    assert "Reading κ (Landis & Koch 1977): <0 poor" in out
    assert "&amp;" not in out and "&lt;" not in out


def test_a_wide_scale_leads_with_exact_and_within_five(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """satisfaction-survey: 18 items on 0-100. ma is 3 points off on 10 items and exact
    on 8; by hand: exact 8/18, within ±5 (5 % of the range) 18/18; within ±1 would be
    8/18, and linear kappa still reads high, so the report says to read exact first."""
    ck = load_checklist("satisfaction-survey")
    key = {i.id: int(i.ipa.performance) for _, i in ck.items()
           if i.ipa is not None and i.ipa.performance is not None}
    assert len(key) == 18
    ma = {k: (v - 3 if n < 10 else v) for n, (k, v) in enumerate(key.items())}
    folder = course(tmp_path, capsys, "satisfaction-survey", {"key": key, "ma": ma, "gao": key})
    code, out, _ = cli(capsys, "grade", str(folder / "key.yaml"), str(folder / "answers"),
                       "--lang", "en")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("ma "))
    assert "8/18, ±5 18/18" in row
    assert ("Scale percent has 101 points: linear-weighted κw counts a one-point slip as "
            "near agreement and reads high; read exact and within ±5 first.") in out
    code, out, _ = cli(capsys, "grade", str(folder / "key.yaml"), str(folder / "answers"),
                       "-f", "json")
    ma_json = next(p for p in json.loads(out)["trainees"] if p["name"] == "ma")
    assert (ma_json["scale_exact"], ma_json["scale_adjacent"]) == (8, 18)
    assert ma_json["scale_tolerance"] == [5] and ma_json["wide_scales"] == ["percent"]


def test_the_word_is_read_from_the_printed_value() -> None:
    """0.8004 prints as 0.80, which Landis & Koch call substantial (0.61-0.80)."""
    from branchcheck.training.agreement import Kappa
    from branchcheck.training.grade_report import fmt_kappa, kappa_dict, reading

    k = Kappa(0.8004, 0.9, 0.5, 40, se=0.05, ci=(0.70, 0.90))
    assert fmt_kappa(k, "en") == "0.80 [0.70, 0.90] n=40 substantial"
    assert reading("zh", 0.8004) == "高度"
    assert kappa_dict(k)["interpretation"] == "substantial"
