"""The compliance checklist as text for people and as JSON for other tools."""

from __future__ import annotations

import json

from generator.academic import academic_year
from generator.compliance import DONE, MISSING, PARTIAL, Checklist

_MARK = {DONE: "✓", PARTIAL: "~", MISSING: "✗"}
_CODE = {DONE: "done", PARTIAL: "partial", MISSING: "missing"}


def _percent(value: float) -> str:
    return f"{value:g}".replace(".", ",") + " %"


def as_text(checklist: Checklist) -> str:
    lines = [f"Соответствие разделов «Наставничество» перечню на {checklist.date:%d.%m.%Y} "
             f"({academic_year(checklist.date)} учебный год)", ""]
    for school in checklist.schools:
        lines.append(f"{school.name} ({school.school}) — {_percent(school.share)}")
        for r in school.results:
            lines.append(f"  {_MARK[r.status]} {r.status:<10} {r.item.title}: {r.reason}")
        lines.append("")
    lines.append(f"По району: {_percent(checklist.share)}")
    return "\n".join(lines)


def as_json(checklist: Checklist) -> str:
    data = {
        "date": checklist.date.isoformat(),
        "academic_year": academic_year(checklist.date),
        "share": checklist.share,
        "schools": [{
            "id": s.school, "name": s.name, "share": s.share,
            "items": [{"id": r.item.id, "title": r.item.title, "sources": list(r.item.sources),
                       "status": r.status, "code": _CODE[r.status], "reason": r.reason} for r in s.results],
        } for s in checklist.schools],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def below(checklist: Checklist, threshold: float) -> list[str]:
    return [f"{s.name} ({s.school}): {_percent(s.share)} < {_percent(threshold)}"
            for s in checklist.schools if s.share < threshold]
