"""Static SVG charts made at build time: readable without JavaScript, described for screen readers."""

from __future__ import annotations

from generator.kpi import KpiView
from generator.textfilters import html_text, number

_W, _H, _TOP, _BOTTOM, _LEFT = 520, 210, 24, 36, 8
_TARGET, _VALUE, _TEXT = "#757575", "#3949ab", "#212121"


def kpi_chart(view: KpiView, chart_id: str) -> str:
    """Bars of the target (outlined) and the value (filled) for every year of one KPI."""
    years = view.years
    if not years:
        return ""
    top = max([*view.kpi.targets.values(), *view.values.values(), 1.0])
    scale = 100.0 if view.kpi.unit.strip() == "%" and top <= 100 else top * 1.1
    slot = (_W - _LEFT) / len(years)
    bar = min(slot / 3, 48)
    height = _H - _TOP - _BOTTOM
    parts = []
    for i, year in enumerate(years):
        x = _LEFT + i * slot + slot / 2
        for offset, value, style in ((-bar, view.kpi.targets.get(year), f'fill="none" stroke="{_TARGET}" stroke-width="2"'),
                                     (0, view.values.get(year), f'fill="{_VALUE}"')):
            if value is None:
                continue
            h = height * value / scale
            y = _TOP + height - h
            parts.append(f'<rect x="{x + offset:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" {style}/>')
            parts.append(f'<text x="{x + offset + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{number(value)}</text>')
        parts.append(f'<text x="{x:.1f}" y="{_H - _BOTTOM + 18}" text-anchor="middle">{year}</text>')
    summary = "; ".join(
        f"{y}: план {number(view.kpi.targets.get(y))}, факт {number(view.values.get(y))}" for y in years)
    axis = f'<line x1="{_LEFT}" y1="{_TOP + height}" x2="{_W}" y2="{_TOP + height}" stroke="{_TEXT}"/>'
    legend = (f'<rect x="{_LEFT}" y="4" width="12" height="12" fill="none" stroke="{_TARGET}" stroke-width="2"/>'
              f'<text x="{_LEFT + 18}" y="14">план</text>'
              f'<rect x="{_LEFT + 70}" y="4" width="12" height="12" fill="{_VALUE}"/>'
              f'<text x="{_LEFT + 88}" y="14">факт</text>')
    return (f'<svg class="nk-chart" width="{_W}" height="{_H}" viewBox="0 0 {_W} {_H}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
            f'font-size="12" fill="{_TEXT}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{chart_id}-t">{html_text(view.kpi.indicator)}</title>'
            f'<desc id="{chart_id}-d">{html_text(summary)}</desc>{legend}{axis}{"".join(parts)}</svg>')
