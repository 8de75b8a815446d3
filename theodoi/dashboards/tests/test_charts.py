"""The SVG charts: well-formed, accessible, escaped, and honest about missing numbers."""

import xml.etree.ElementTree as ET

from theodoi.dashboards.charts import Chart, Series, bar_chart, line_chart, stacked_bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(svg)


def test_bar_chart_has_title_desc_and_one_bar_per_value():
    root = parse(bar_chart(title="Tỷ lệ", desc="Mô tả", labels=["A", "B", "C"], values=[50, None, 100], unit="%"))
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Tỷ lệ" and desc.text == "Mô tả"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    rects = root.findall(f".//{SVG}rect")
    assert len(rects) == 2  # the missing value draws no bar
    widths = sorted(float(rect.get("width")) for rect in rects)
    assert widths[1] == 2 * widths[0]
    titles = [group.find(f"{SVG}title").text for group in root.findall(f"{SVG}g")]
    assert titles == ["A: 50%", "B: không có số liệu", "C: 100%"]


def test_text_is_escaped():
    svg = bar_chart(title="<script>", desc="&", labels=["<b>x</b>"], values=[1])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    parse(svg)


def test_stacked_bar_chart_stacks_series():
    svg = stacked_bar_chart(
        title="T",
        desc="D",
        labels=["Kỳ 1", "Kỳ 2"],
        series=[Series("Đúng hạn", [3, 1]), Series("Muộn", [1, 0])],
    )
    root = parse(svg)
    bars = [r for r in root.findall(f".//{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 3  # zero draws nothing
    assert any("Kỳ 1 — Muộn: 1" == bar.find(f"{SVG}title").text for bar in bars)


def test_line_chart_breaks_at_missing_values():
    svg = line_chart(title="T", desc="D", labels=["1", "2", "3", "4"], series=[Series("A", [1, 2, None, 4])], target=3)
    root = parse(svg)
    assert len(root.findall(f".//{SVG}circle")) == 3
    assert len(root.findall(f".//{SVG}polyline")) == 1  # 1–2 joined; 4 stands alone
    assert "Mục tiêu: 3" in svg


def test_empty_chart_says_so():
    assert "Chưa có số liệu" in bar_chart(title="T", desc="D", labels=[], values=[])
    assert "Chưa có số liệu" in Chart("line", "T", "D", ["a"], series=[Series("A", [None])]).render()
