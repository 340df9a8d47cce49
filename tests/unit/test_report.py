"""Reports of one result: golden Markdown, escaped self-contained HTML, safe CSV, JSON."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from branchcheck.core.model import Result
from branchcheck.core.textsafe import md
from branchcheck.core.validation import validator
from branchcheck.render import svg
from branchcheck.render.report import CSV_COLUMNS, signed
from branchcheck.render.report_formats import render
from branchcheck.results import storage

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "results" / "report-sample.yaml"


@pytest.fixture(scope="module")
def sample() -> Result:
    return storage.read_result(SAMPLE)


class Collect(HTMLParser):
    """Tags, attributes, text and style of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def parse(html: str) -> Collect:
    p = Collect()
    p.feed(html)
    p.close()
    return p


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_matches_golden(lang: str) -> None:
    golden = DATA / "expected" / f"report-sample-{lang}.md"
    sample = storage.read_result(SAMPLE, lang=lang)  # read in the report's language
    assert render(sample, "md", lang) == golden.read_text(encoding="utf-8")


def test_markdown_escapes_markup() -> None:
    assert md("<script>|a*b_c\nd") == r"&lt;script&gt;\|a\*b\_c d"


def test_html_is_escaped_self_contained_and_printable(sample: Result) -> None:
    html = render(sample, "html", "en", trend=[("2024-04-01", 50.0), ("2024-05-02", None),
                                                ("2024-05-02", 0.0)])
    assert isinstance(html, str)
    doc = parse(html)
    assert "script" not in doc.tags                      # the hostile note did not become code
    assert any("<script>alert('x')</script>" in t for t in doc.text)  # ... but is shown
    assert "王五 <b>" in "".join(doc.text) and doc.tags.count("b") == 0
    assert doc.tags.count("svg") == 2 and "rect" in doc.tags and "polyline" in doc.tags
    assert "@page { size: A4" in doc.style
    assert not [a for a, v in doc.attrs if a in ("src", "href") or a.startswith("on")]
    assert "link" not in doc.tags and "img" not in doc.tags
    assert ("http-equiv", "Content-Security-Policy") in doc.attrs


def test_html_in_chinese(sample: Result) -> None:
    doc = parse(str(render(sample, "html", "zh")))
    text = "".join(doc.text)
    assert "不通过项 (4)" in text and "检查指引" in text and "改进指引" not in text
    assert doc.tags.count("svg") == 1 and "polyline" not in doc.tags  # no trend unless asked
    assert ("lang", "zh-CN") in doc.attrs


def test_csv_one_row_per_item_bom_and_guarded(sample: Result) -> None:
    data = render(sample, "csv", "zh")
    assert isinstance(data, bytes) and data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["item"] for r in rows] == [i.id for i in sample.score.items]
    notes = {r["item"]: r["note"] for r in rows}
    assert notes["atm-working"] == "'=1+1"
    assert notes["no-misleading-sales"].startswith("'+cmd")
    assert notes["answer-15s"] == "'-2+3"
    by_id = {r["item"]: r for r in rows}
    assert by_id["remarks"]["value"] == "'@SUM(A1:A9) 整体良好"
    assert by_id["answer-15s"]["value"] == "80" and by_id["hall-tidy"]["text"] == "厅堂整洁有序"
    assert by_id["hall-tidy"]["section_title"] == "设施"


def test_csv_negative_numbers_stay_numbers(sample: Result) -> None:
    import dataclasses

    items = tuple(dataclasses.replace(i, value=-5) if i.id == "answer-15s" else i
                  for i in sample.score.items)
    odd = dataclasses.replace(sample, score=dataclasses.replace(sample.score, items=items))
    rows = list(csv.DictReader(io.StringIO(
        bytes(render(odd, "csv", "en")).decode("utf-8-sig"), newline="")))
    assert {r["item"]: r["value"] for r in rows}["answer-15s"] == "-5"


def test_json_is_a_valid_result(sample: Result) -> None:
    data = json.loads(render(sample, "json", "en"))
    assert data.pop("integrity")["state"] == "legacy"  # added to the stored layout
    assert validator("result").is_valid(data)
    assert storage.result_from_dict(data).score == sample.score


def test_svg_helpers() -> None:
    assert svg.clip("厅堂整洁有序", 7) == "厅堂整…"
    assert svg.clip("short", 10) == "short"
    one = svg.trend_line([("2024-01-01", 80.0)], title="t")
    assert "polyline" not in one and one.count("<circle") == 1
    chart = svg.bar_chart([svg.Bar("<b>", 50.0, 0.0, True)], title="<t>")
    assert "<b>" not in chart and "&lt;b&gt;" in chart and "#b00020" in chart
    assert parse(chart).tags[0] == "svg"


def test_signed() -> None:
    assert [signed(2.54), signed(-1.0), signed(0.0), signed(-0.01), signed(None)] == [
        "+2.5", "-1.0", "±0.0", "±0.0", "—"]


CJK_FONTS = ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC")


def test_svg_text_falls_back_to_cjk_fonts() -> None:
    charts = [svg.bar_chart([svg.Bar("厅堂", 80.0, 80.0)], title="各部分"),
              svg.trend_line([("2024-05-01", 80.0), ("2024-05-02", 90.0)], title="趋势")]
    for chart in charts:
        doc = parse(chart)
        assert doc.tags[0] == "svg" and "text" in doc.tags
        # set once on <svg> and inherited: no <text> overrides it with a list lacking CJK fonts
        (family,) = [v or "" for a, v in doc.attrs if a == "font-family"]
        assert chart.index("font-family") < chart.index("<text")
        assert all(f"'{font}'" in family for font in CJK_FONTS), family
        assert family.endswith("sans-serif")


def test_html_report_fonts_cover_chinese(sample: Result) -> None:
    doc = parse(str(render(sample, "html", "zh")))
    body = doc.style[doc.style.index("body {"):]
    body = body[: body.index("}")]
    assert all(font in body for font in CJK_FONTS)
    svg_fonts = [v for a, v in doc.attrs if a == "font-family"]
    assert svg_fonts and all(all(font in (v or "") for font in CJK_FONTS) for v in svg_fonts)
