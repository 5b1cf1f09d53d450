"""A board's published statistics block: 收到 N 条, 已答复 M 条, 答复率 x%, 平均办理时长 N 天, 统计截止 date."""

from __future__ import annotations

import re

from inspector.extract.html import clean_text
from inspector.extract.message_fields import parse_time

_N = r"(\d[\d,]*)\s*(?:条|件|封|个)"
_STATS = {
    "received": re.compile(r"(?:共收到|累计收到|收到|受理|来信|留言总数|留言)[^\d\n]{0,8}" + _N),
    "answered": re.compile(r"(?:已答复|已回复|已办结|办结|答复|回复)[^\d\n%]{0,6}" + _N),
    "rate": re.compile(r"(?:答复率|回复率|办结率|响应率)[^\d\n]{0,4}(\d+(?:\.\d+)?)\s*%"),
    "avg_days": re.compile(
        r"(?:平均办理时长|平均用时|平均办理时间|平均答复时间|平均回复时长|平均答复时长|平均办理用时)"
        r"[^\d\n]{0,4}(\d+(?:\.\d+)?)\s*(个?工作日|天|日)"
    ),
    "as_of": re.compile(
        r"(?:统计截止|截止|更新时间|统计时间|数据更新|更新日期|统计日期)[^\d\n]{0,8}"
        r"((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
    ),
}


def parse_statistics(text: str) -> dict[str, object] | None:
    """The published statistics block (收到 N 条, 已答复 M 条, 答复率 x%, 平均办理时长 N 天, 统计截止 date)."""
    out: dict[str, object] = {}
    raw: list[str] = []
    for key, rx in _STATS.items():
        m = rx.search(text or "")
        if not m:
            continue
        if key in ("received", "answered"):
            out[key] = int(m.group(1).replace(",", ""))
        elif key == "rate":
            out[key] = float(m.group(1))
        elif key == "avg_days":
            out[key] = float(m.group(1))
            out["avg_unit"] = "working_days" if "工作日" in m.group(2) else "days"
        else:
            t = parse_time(m.group(1))
            if t:
                out["as_of"] = t.date().isoformat()
        raw.append(clean_text(m.group(0)))
    if raw:
        out["raw"] = raw
    numbers = {"received", "answered", "rate", "avg_days"} & out.keys()
    return out if numbers else None
