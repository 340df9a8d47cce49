"""The funnel plot of missed-failure rates, its geometry by hand."""

from __future__ import annotations

import re

from branchcheck.oversight.funnel_plot import funnel_svg


def rows() -> list[dict[str, object]]:
    return [
        {"unit": "A", "name": "<b>A&Co</b>", "independent_fails": 20, "missed": 11,
         "missed_rate": 0.55, "funnel": "95"},
        {"unit": "B", "name": "乙网点", "independent_fails": 10, "missed": 1,
         "missed_rate": 0.1, "funnel": ""},
        {"unit": "C", "name": "丙网点", "independent_fails": 10, "missed": 0,
         "missed_rate": 0.0, "funnel": ""},
        {"unit": "D", "name": "丁网点", "independent_fails": 0, "missed": 0,
         "missed_rate": None, "funnel": ""},
    ]


def test_the_funnel_by_hand() -> None:
    # p0 = (11 + 1 + 0) / (20 + 10 + 10) = 0.3. The plot area runs from x 56 to 616
    # (n 0 .. 20) and from y 16 (100 %) to 316 (0 %; the svg is 384 high, 68 below the
    # plot): y(rate) = 16 + 300 (1 - rate).
    # Network rate: y = 16 + 300 x 0.7 = 226. The 95 % upper limit at n = 20:
    # 0.3 + 1.959964 x sqrt(0.3 x 0.7 / 20) = 0.3 + 1.959964 x 0.102470 = 0.500838,
    # y = 16 + 300 x 0.499162 = 165.7; the 99.8 % one: 0.3 + 3.090232 x 0.102470 =
    # 0.616659, y = 16 + 300 x 0.383341 = 131.0. A (11/20 = 0.55) lies between them:
    # y = 16 + 300 x 0.45 = 151, drawn in the 95 % colour and labelled.
    svg = funnel_svg(rows(), "en")
    assert svg is not None
    assert '<line x1="56" y1="226" x2="616" y2="226" stroke="#222"' in svg
    ends = [p.split()[-1] for p in re.findall(r'<polyline points="([^"]+)"', svg)]
    assert "616,165.7" in ends and "616,131" in ends
    assert '<circle cx="616" cy="151" r="4" fill="#e08a00">' in svg
    assert '<circle cx="336" cy="286" r="4" fill="#2f6db5">' in svg  # B: n 10, 10 %
    assert svg.count("<circle") == 3  # D has no independent fail: no dot
    assert ">A</text>" in svg and ">B</text>" not in svg  # only the flagged are labelled
    # every text escaped, nothing fetched, no script
    assert "&lt;b&gt;A&amp;Co&lt;/b&gt;: 11/20" in svg and "<b>" not in svg
    assert "<script" not in svg and "href" not in svg and "url(" not in svg
    assert "network rate 30%" in svg


def test_in_chinese_and_without_fails() -> None:
    svg = funnel_svg(rows(), "zh")
    assert svg is not None and "漏报率漏斗图（全网漏报率 30%" in svg and "独立检查不合格项数" in svg
    assert funnel_svg([rows()[3]], "zh") is None
