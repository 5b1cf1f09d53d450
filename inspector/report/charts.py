"""Inline SVG charts for the batch report: no JavaScript, no external assets, print as vectors.

Every label passes through ``markupsafe.escape`` (site and item names come from audited sites and
profiles), and the result is ``Markup`` so Jinja inserts it as-is.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup, escape

from inspector.model import Verdict
from inspector.report.i18n import pick, text

VERDICT_COLOURS = {"pass": "#2e7d32", "fail": "#c62828", "not_inspected": "#757575"}
FONT = "'Noto Sans CJK SC','Microsoft YaHei',sans-serif"


def _svg(width: int, height: int, body: list[str], title: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="13"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _bars(rows: list[tuple[str, int, str]], title: str, *, label_width: int = 230, unit: str = "") -> Markup:
    """Horizontal bars: (label, value, colour) per row."""
    width, bar_h, gap, top = 500, 20, 8, 6
    if not rows:
        return _svg(width, 30, [f'<text x="4" y="20">{escape(title)}: —</text>'], title)
    biggest = max(v for _, v, _ in rows) or 1
    room = width - label_width - 60
    body: list[str] = []
    for i, (label, value, colour) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(round(room * value / biggest), 1 if value else 0)
        shown = label if len(label) <= 18 else label[:17] + "…"
        body.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(shown)}</text>"
            f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}" rx="2"/>'
            f'<text x="{label_width + w + 6}" y="{y + 15}">{value}{escape(unit)}</text>'
        )
    return _svg(width, top * 2 + len(rows) * (bar_h + gap), body, title)


def verdict_distribution_svg(verdicts: list[Verdict], lang: str = "zh") -> Markup:
    counts = Counter(v.verdict for v in verdicts)
    rows = [(text(f"verdict.{k}", lang), counts.get(k, 0), colour) for k, colour in VERDICT_COLOURS.items()]
    return _bars(rows, text("chart.verdicts", lang), label_width=110)


def failing_items(verdicts: list[Verdict], lang: str = "zh", top: int = 10) -> list[tuple[str, int, bool]]:
    """(indicator title, number of sites where it counted, is a veto), most frequent first."""
    sites: Counter[str] = Counter()
    titles: dict[str, str] = {}
    vetoes: set[str] = set()
    for v in verdicts:
        for it in v.items:
            if it.severity in ("veto", "deduction") and it.findings:
                sites[it.item] += 1
                if it.severity == "veto":
                    vetoes.add(it.item)
                titles[it.item] = f"{it.item} {pick(it.title_zh, it.title_en, lang)}"
    # Ties: veto items first, they decide the verdict.
    ranked = sorted(sites.items(), key=lambda kv: (-kv[1], kv[0] not in vetoes, kv[0]))[:top]
    return [(titles[k], n, k in vetoes) for k, n in ranked]


def failing_items_svg(verdicts: list[Verdict], lang: str = "zh", top: int = 10) -> Markup:
    rows = [
        (label, n, "#c62828" if veto else "#ef6c00") for label, n, veto in failing_items(verdicts, lang, top)
    ]
    unit = (" " if lang == "en" else "") + text("chart.items.unit", lang)
    return _bars(rows, text("chart.items", lang), unit=unit)


def sparkline_svg(
    values: list[float | None],
    *,
    width: int = 120,
    height: int = 28,
    colour: str = "#1565c0",
    title: str = "",
) -> Markup:
    """A score trend line for history views; gaps (None: not inspected) break the line."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if not points:
        return _svg(width, height, [], title)
    lo = min(v for _, v in points)
    hi = max(v for _, v in points)
    span = (hi - lo) or 1.0
    step = (width - 4) / max(len(values) - 1, 1)
    segments: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            segments.append([])
            continue
        x = 2 + i * step
        y = height - 2 - (v - lo) / span * (height - 4)
        segments[-1].append(f"{x:.1f},{y:.1f}")
    body = [
        f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{" ".join(s)}"/>'
        for s in segments
        if s
    ]
    last_i, last_v = points[-1]
    lx, ly = 2 + last_i * step, height - 2 - (last_v - lo) / span * (height - 4)
    body.append(f'<circle cx="{lx:.1f}" cy="{ly:.1f}" r="2" fill="{colour}"/>')
    return _svg(width, height, body, title)
