"""Per-page parse bounds: markup nested deeper than a limit is flattened before the HTML parser sees it.

lexbor's tree building costs grow with the square of the nesting depth (100k nested ``<div>`` take
minutes), so a page is scanned once, linearly, and the tags beyond ``max_depth`` are dropped while
their text is kept. Chromium does much the same (it stops nesting at 512). Elements that cannot nest
(links, images, frames) are kept at any depth, so the page's links survive. Elements whose end tag
HTML lets authors omit (``<p>``, ``<li>``, ``<td>`` …) and void elements do not count: a long list
without ``</li>`` is flat, not deep.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<!--|<(/?[A-Za-z][^\s/>]*)([^>]*)>")
_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr basefont bgsound frame".split()
)
_OPTIONAL_END = frozenset(
    "p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp rtc html head body".split()
)
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
_KEEP = frozenset("a area img iframe frame".split())  # cannot nest: kept at any depth, links survive


def flatten_deep(html: str, max_depth: int) -> tuple[str, int]:
    """(html with tags nested deeper than ``max_depth`` removed, number of tags removed)."""
    if max_depth <= 0 or html.count("<") <= max_depth:
        return html, 0  # cannot be that deep
    out: list[str] = []
    depth = cut = last = 0
    raw: str | None = None  # inside <script>/<style>/<textarea>…: only its end tag counts
    comment_end = -1
    for m in _TAG.finditer(html):
        if m.start() < comment_end:
            continue
        tag = m.group(1)
        if tag is None:  # <!-- … -->
            end = html.find("-->", m.end())
            comment_end = len(html) if end < 0 else end + 3
            continue
        name = tag.lower()
        if raw is not None:
            if name != raw:
                continue
            raw = None
        closing = name[0] == "/"
        if closing:
            name = name[1:]
        if name in _VOID or name in _OPTIONAL_END or m.group(2).endswith("/"):
            continue
        if closing:
            drop = depth > max_depth and name not in _KEEP
            depth = max(0, depth - 1)
        else:
            depth += 1
            drop = depth > max_depth and name not in _KEEP
            if name in _RAW_TEXT:
                raw = "/" + name
        if drop:
            out.append(html[last : m.start()])
            last = m.end()
            cut += 1
    if not cut:
        return html, 0
    out.append(html[last:])
    return "".join(out), cut
