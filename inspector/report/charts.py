"""Inline SVG charts for the reports (batch distributions, history trends).

No JavaScript, no external assets: they print as vectors.

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
    counts: Counter[str] = Counter(v.verdict for v in verdicts)
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
    rows = [(label, n, "#c62828" if veto else "#ef6c00") for label, n, veto in failing_items(verdicts, lang, top)]
    unit = (" " if lang == "en" else "") + text("chart.items.unit", lang)
    return _bars(rows, text("chart.items", lang), unit=unit)


def _figure(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def sparkline_svg(
    values: list[float | None],
    *,
    width: int = 120,
    height: int = 28,
    colour: str = "#1565c0",
    title: str = "",
    labels: list[str] | None = None,
) -> Markup:
    """A trend line for history views; gaps (None: not inspected, figure missing) break the line.

    Without ``labels`` it is a bare sparkline (batch table). With ``labels`` (one per value, the
    audits' as-of dates) it becomes a small chart: dates under the line, the lowest and highest
    figure at the left, and every point a dot whose tooltip gives its date and figure.
    """
    if labels is not None and len(labels) != len(values):
        raise ValueError("sparkline_svg: one label per value")
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if not points:
        return _svg(width, height, [], title)
    # Plot area: room at the left for the figures and below for the dates when labelled.
    left, right, top, bottom = (40, 10, 8, 20) if labels is not None else (2, 2, 2, 2)
    lo = min(v for _, v in points)
    hi = max(v for _, v in points)
    span = (hi - lo) or 1.0
    inner_h = height - top - bottom
    step = (width - left - right) / max(len(values) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        # A flat series sits in the middle rather than on the floor.
        y = top + inner_h / 2 if hi == lo else top + inner_h - (v - lo) / span * inner_h
        return left + i * step, y

    segments: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            segments.append([])
            continue
        x, y = xy(i, v)
        segments[-1].append(f"{x:.1f},{y:.1f}")
    body = [
        f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{" ".join(s)}"/>' for s in segments if s
    ]
    if labels is None:
        lx, ly = xy(*points[-1])
        body.append(f'<circle cx="{lx:.1f}" cy="{ly:.1f}" r="2" fill="{colour}"/>')
        return _svg(width, height, body, title)

    muted = 'fill="#57606a" font-size="11"'
    body.insert(
        0, f'<line x1="{left}" y1="{top + inner_h}" x2="{width - right}" y2="{top + inner_h}" stroke="#d0d7de"/>'
    )
    body.append(f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" {muted}>{_figure(hi)}</text>')
    if hi != lo:
        body.append(f'<text x="{left - 4}" y="{top + inner_h}" text-anchor="end" {muted}>{_figure(lo)}</text>')
    for i, v in points:
        x, y = xy(i, v)
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}">'
            f"<title>{escape(labels[i])}: {_figure(v)}</title></circle>"
        )
    # Date labels (about 70 px each): as many as fit, always the first and the latest.
    n = len(values)
    stride = max(1, -(-72 // max(int(step), 1)))
    shown = list(range(0, n, stride))
    if shown[-1] != n - 1:
        if len(shown) > 1 and (n - 1 - shown[-1]) * step < 72:
            shown.pop()
        shown.append(n - 1)
    for i in shown:
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 else "middle"
        body.append(
            f'<text x="{left + i * step:.1f}" y="{height - 5}" text-anchor="{anchor}" {muted}>'
            f"{escape(labels[i])}</text>"
        )
    return _svg(width, height, body, title)
