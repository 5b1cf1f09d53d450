"""Dark links (暗链): links and URLs a visitor cannot see, found in raw HTML and in the rendered DOM.

Static pass (``scan_hidden``): inline styles plus the page's own ``<style>`` rules (``_css``) are
resolved per element; an element hidden by any technique hides its whole subtree, so every link or
bare URL inside it is reported with the technique and the hiding element's HTML and style. Scripts
are read for HTML written by script (document.write / innerHTML strings), eval, and redirects; the
meta refresh tag is read too. Techniques and thresholds: rules §11.2.

Rendered pass (``rendered_hidden_links``): computed styles and bounding boxes from a live
Playwright page the crawler hands over, plus the links present in the DOM but not in the raw HTML
(inserted by script). Browser code lives only there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from inspector.extract.html import ParsedHTML, absolute, clean_text
from inspector.extract.security._css import parse_declarations, parse_stylesheet, resolve
from inspector.extract.security._urls import BARE_URL

HTML_LIMIT = 300  # characters of element HTML kept as evidence
_NUM = re.compile(r"^(-?\d*\.?\d+)(px|pt|em|rem|%)?$")
_COLOR_NAMES = {"white": "#ffffff", "black": "#000000", "#fff": "#ffffff", "#000": "#000000"}
_STRING_LIT = re.compile(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`""")
_REDIRECT = re.compile(
    r"""(?:(?:window|top|self|parent|document)\.)?location(?:\.href)?\s*=\s*(['"])(?P<u1>[^'"]+)\1"""
    r"""|location\.(?:replace|assign)\(\s*(['"])(?P<u2>[^'"]+)\3""",
    re.IGNORECASE,
)
_SEARCH_REFERER = re.compile(
    r"document\.referrer[^;]{0,200}(baidu|sogou|so\.com|google|bing|sm\.cn|360)", re.IGNORECASE | re.DOTALL
)
_SCRIPT_HIDES = re.compile(
    r"""\.style\.(?:display\s*=\s*['"]none|visibility\s*=\s*['"]hidden|opacity\s*=\s*['"]?0(?![.\d]))""",
    re.IGNORECASE,
)
# Anchored at the start of a blank run (look-behind) so a long run costs linear time, not quadratic.
_WHITESPACE_PAD = re.compile(
    r"(?<![ \t\u3000\u00a0])[ \t\u3000\u00a0]{40,}(?P<u>(?:https?://|www\.)\S+)", re.IGNORECASE
)


@dataclass
class HiddenScan:
    """What the static pass found on one page."""

    links: list[dict[str, Any]] = field(default_factory=list)  # hidden <a>/<iframe>/bare URLs
    texts: list[dict[str, Any]] = field(default_factory=list)  # text of hidden elements (for spam words)
    scripts: list[dict[str, Any]] = field(default_factory=list)  # eval, redirects, script-written HTML


def _px(value: str | None, parent: float | None = None) -> float | None:
    """A length in px; em/% relative to ``parent`` (the inherited font size), rem to 16 px."""
    if not value:
        return None
    m = _NUM.match(value.strip().split()[0])
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2) or "px"
    if unit == "%":
        return None if parent is None else n / 100 * parent
    if unit == "em":
        return n * (parent if parent is not None else 16)
    return n * (16 if unit == "rem" else 1.333 if unit == "pt" else 1)


def _colour(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip().split()[0]
    v = _COLOR_NAMES.get(v, v)
    if re.fullmatch(r"#[0-9a-f]{3}", v):
        v = "#" + "".join(ch * 2 for ch in v[1:])
    m = re.fullmatch(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*[\d.]+)?\)", v.replace(" ", ""))
    if m:
        v = "#" + "".join(f"{int(x):02x}" for x in m.groups())
    return v if re.fullmatch(r"#[0-9a-f]{6}|[a-z]+", v) and v not in ("transparent", "inherit", "initial") else None


def hiding_technique(tag: str, attrs: dict[str, str | None], d: dict[str, str]) -> str | None:
    """The technique by which this element hides its WHOLE subtree (no descendant can undo it), or None.

    Inherited properties a descendant can reset (font-size, visibility, colour, text-indent) are
    resolved per element by the walk instead (see ``_Inherited``).
    """
    if "hidden" in attrs:
        return "hidden-attribute"
    if d.get("display") == "none":
        return "display-none"
    op = d.get("opacity")
    if op is not None and _px(op) == 0:
        return "opacity-0"
    if d.get("position") in ("absolute", "fixed"):
        for side in ("left", "top", "right"):
            v = _px(d.get(side))
            if v is not None and (v <= -100 or abs(v) >= 999):
                return "off-screen"
    overflow_hidden = d.get("overflow", "").startswith(("hidden", "clip"))
    if _px(d.get("line-height")) == 0 and overflow_hidden:
        return "zero-line-height"  # without overflow:hidden the text still paints over its 0-high line
    clip = d.get("clip", "").replace(" ", "")
    if clip.startswith(("rect(0", "rect(1px,1px,1px,1px")) or clip == "rect(1px1px1px1px)":
        return "clip"
    cp = d.get("clip-path", "").replace(" ", "")
    if cp.startswith(("inset(100%", "inset(50%", "polygon(0000")):
        return "clip"
    w = _px(d.get("width") or attrs.get("width"))
    h = _px(d.get("height") or attrs.get("height"))
    max_h = _px(d.get("max-height"))
    if tag in ("iframe", "frame"):
        if (w is not None and w <= 1) or (h is not None and h <= 1):
            return "tiny-iframe"
    elif overflow_hidden and ((w is not None and w <= 1) or (h is not None and h <= 1) or max_h == 0):
        return "zero-size-box"
    if tag == "marquee":
        amount = _px(attrs.get("scrollamount") or "")
        if (amount is not None and amount >= 100) or (h is not None and h <= 1) or (w is not None and w <= 1):
            return "marquee"
    z = _px(d.get("z-index"))
    if z is not None and z < 0:
        # Behind the page background only when positioned and covered: static analysis cannot tell,
        # so this technique alone is weak evidence (rules §11.2, AndyNull #7).
        return "negative-z-index"
    return None


# Techniques that only a browser can confirm (the element may well be visible): weak evidence.
WEAK_TECHNIQUES = ("negative-z-index", "script-hidden")


def _style_text(d: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in d.items())


def _trunc(html: str | None) -> str:
    html = html or ""
    return html if len(html) <= HTML_LIMIT else html[:HTML_LIMIT] + "…"


Sheet = dict[int, tuple[dict[str, str], list[str]]]
Hider = tuple[str, str, str]  # (technique, style shown as evidence, the hiding element's HTML)


@dataclass(frozen=True)
class _Inherited:
    """What an element inherits (CSS inheritance) and what its ancestors impose on it."""

    subtree: Hider | None = None  # display:none, opacity 0, off-screen box …: nothing inside can undo it
    font: float | None = None  # effective font size in px (None: the browser default)
    font_by: Hider | None = None  # the element that made the font tiny
    visibility: Hider | None = None  # visibility:hidden in force (a descendant may set visible)
    colour: str | None = None  # effective text colour
    background: str | None = None  # nearest known background colour (None: unknown, e.g. an image)
    background_by: str = ""
    indent: Hider | None = None  # a negative text-indent pushing the text off the box


def _inherit(
    node: LexborNode, tag: str, attrs: dict[str, str | None], d: dict[str, str], up: _Inherited, shown: str
) -> _Inherited:
    def hider(tech: str) -> Hider:
        return (tech, _style_text(d) + (f"  ({shown})" if shown else ""), _outer_html(node))

    subtree = up.subtree
    if subtree is None:
        tech = hiding_technique(tag, attrs, d)
        if tech:
            subtree = hider(tech)
    font, font_by = up.font, up.font_by
    if "font-size" in d:
        fs = _px(d["font-size"], up.font if up.font is not None else 16)
        if fs is not None:
            font = fs
            font_by = hider("tiny-font") if fs < 2 else None
    visibility = up.visibility
    if d.get("visibility") in ("hidden", "collapse"):
        visibility = hider("visibility-hidden")
    elif d.get("visibility") == "visible":
        visibility = None
    colour = _colour(d.get("color")) or up.colour
    background, background_by = up.background, up.background_by
    bg_raw = d.get("background-color") or d.get("background")
    if bg_raw:
        if "url(" in bg_raw or "gradient" in bg_raw:
            background, background_by = None, ""  # an image: the visible background is not a colour
        elif _colour(bg_raw):
            background, background_by = _colour(bg_raw), _style_text(d)
    if d.get("background-image", "none") not in ("none", ""):
        background, background_by = None, ""
    indent = up.indent
    if "text-indent" in d:
        ti = _px(d["text-indent"], font if font is not None else 16)
        indent = hider("negative-text-indent") if ti is not None and ti <= -100 else None
    return _Inherited(subtree, font, font_by, visibility, colour, background, background_by, indent)


def _hidden_by(st: _Inherited, *, has_image: bool = False) -> Hider | None:
    """Whether text (or a link) under this state is invisible, and by what: the effect decides."""
    if st.subtree is not None:
        return st.subtree
    if st.visibility is not None:
        return st.visibility
    if has_image:
        return None  # an image link is visible whatever the font size, colour or text indent
    if st.font is not None and st.font < 2 and st.font_by is not None:
        return st.font_by
    if st.colour and st.background and st.colour == st.background:
        return ("same-colour", f"color: {st.colour}; background: {st.background} ({st.background_by})", "")
    if st.indent is not None:
        return st.indent
    return None


def _has_image(node: LexborNode) -> bool:
    for img in node.css("img"):
        w, h = _px(img.attributes.get("width")), _px(img.attributes.get("height"))
        if (w is None or w > 1) and (h is None or h > 1):
            return True
    return False


def _boxed(decls: dict[str, str]) -> bool:
    w, h = _px(decls.get("width")), _px(decls.get("height"))
    return w is not None and h is not None and w > 1 and h > 1


def _text_visible_inside(link: LexborNode, st: _Inherited, sheet: Sheet, budget: int = 200) -> bool:
    """Whether some text, image or sized box inside ``link`` is visible, each descendant with its own
    inherited state (the link itself counts as a box when it is sized)."""
    stack: list[tuple[LexborNode, _Inherited]] = []
    child = link.child
    while child is not None:
        stack.append((child, st))
        child = child.next
    while stack and budget > 0:
        budget -= 1
        node, up = stack.pop()
        tag = node.tag or ""
        if tag == "-text":
            if (node.text_content or "").strip() and _hidden_by(up) is None:
                return True
            continue
        if tag.startswith("-") or tag in ("script", "style", "template"):
            continue
        attrs = {k.lower(): v for k, v in node.attributes.items()}
        decls = dict(sheet.get(node.mem_id, ({}, []))[0]) if sheet else {}
        if attrs.get("style"):
            decls.update(parse_declarations(attrs["style"] or ""))
        here = _inherit(node, tag, attrs, decls, up, "") if decls or "hidden" in attrs else up
        if tag == "img" and _hidden_by(here, has_image=True) is None and _has_image(node.parent or node):
            return True
        if _boxed(decls) and _hidden_by(here, has_image=True) is None:
            return True  # an icon: a sized box (its picture is a CSS background), visible whatever its font
        child = node.child
        while child is not None:
            stack.append((child, here))
            child = child.next
    return False


def _walk(root: LexborNode | None, base: str, sheet: Sheet, scan: HiddenScan, via: str | None) -> None:
    """Depth-first walk carrying what each element inherits; iterative (real pages nest deeply).

    A link is hidden by its effect: its own box or an ancestor's non-undoable hiding (display:none,
    opacity 0, off-screen, clipped box), or the font size, visibility, colour or text indent in force
    at the link itself — a parent's ``font-size:0`` whose child sets a size again hides nothing.
    """
    if root is None:
        return
    stack: list[tuple[LexborNode, _Inherited]] = [(root, _Inherited())]
    texts: dict[str, dict[str, Any]] = {}  # hidden text per hiding element (for spam words)
    while stack:
        node, up = stack.pop()
        tag = node.tag or ""
        if tag == "-text":
            text = node.text_content or ""
            hid = _hidden_by(up)
            if hid is None:
                if "   " in text:
                    for m in _WHITESPACE_PAD.finditer(text):
                        scan.links.append(_entry(m.group("u"), "", "text", "whitespace-padding", "", _trunc(text), via))
                continue
            clean = clean_text(text)
            if clean:
                key = hid[0] + hid[2]
                group = texts.setdefault(key, {"technique": hid[0], "text": "", "html": hid[2], "style": hid[1]})
                if len(group["text"]) < 500:
                    group["text"] = (group["text"] + " " + clean).strip()[:500]
                for m in BARE_URL.finditer(clean):
                    scan.links.append(_entry(m.group(0), clean[:200], "text", hid[0], hid[1], hid[2], via))
            continue
        if tag == "-comment":
            body = node.html or ""
            for m in BARE_URL.finditer(body):
                scan.links.append(_entry(m.group(0), "", "comment", "html-comment", "", _trunc(body), via))
            continue
        if tag.startswith("-") or tag in ("script", "style", "template"):
            continue
        attrs = {k.lower(): v for k, v in node.attributes.items()}
        decls, selectors = sheet.get(node.mem_id, ({}, [])) if sheet else ({}, [])
        inline = attrs.get("style")
        if inline:
            decls = {**decls, **parse_declarations(inline)}
        shown = ", ".join([f"{s} {{…}}" for s in selectors] + ([f'style="{inline}"'] if inline else []))
        st = (
            _inherit(node, tag, attrs, decls, up, shown)
            if (decls or "hidden" in attrs or tag in ("iframe", "frame", "marquee"))
            else up
        )
        href = None
        if tag in ("a", "area"):
            href = attrs.get("href")
        elif tag in ("iframe", "frame"):
            href = attrs.get("src")
        # Only a link hidden by what it inherits needs its URL (``has_image`` can only un-hide): on a page of
        # 100k visible links, resolving every URL was most of the page's cost.
        url = absolute(base, href) if href and _hidden_by(st) is not None else None
        if url and ("${" in url or " " in url.strip()):
            url = None  # a template placeholder in a script string, not a link
        if url:
            hid = _hidden_by(st, has_image=tag == "a" and _has_image(node))
            if hid is not None and st.subtree is None and (_boxed(decls) or _text_visible_inside(node, st, sheet)):
                hid = None  # a child resets what the link inherits (font-size:0 parent, 12px child)
            if hid is not None:
                entry = _entry(url, clean_text(node.text())[:200], tag, hid[0], hid[1], _trunc(node.html), via)
                entry["container"] = hid[2] or _trunc(node.html)  # the element that hides it
                scan.links.append(entry)
        kids: list[tuple[LexborNode, _Inherited]] = []
        child = node.child
        while child is not None:
            kids.append((child, st))
            child = child.next
        stack.extend(reversed(kids))
    scan.texts.extend(
        {"technique": g["technique"], "text": g["text"], "html": g["html"], "via": via} for g in texts.values()
    )


def _outer_html(node: LexborNode) -> str:
    """The element's start tag and the beginning of its content, without serialising a huge subtree."""
    attrs = " ".join(f'{k}="{v}"' if v is not None else k for k, v in node.attributes.items())
    inner = (node.text(deep=True) or "")[:HTML_LIMIT]
    first_link = node.css_first("a[href], iframe[src]")
    link_html = first_link.html if first_link is not None else ""
    return _trunc(f"<{node.tag}{' ' + attrs if attrs else ''}>{link_html or clean_text(inner)}…</{node.tag}>")


def _entry(url: str, text: str, tag: str, technique: str, style: str, html: str, via: str | None) -> dict[str, Any]:
    return {
        "url": url,
        "text": text,
        "tag": tag,
        "technique": technique if via is None else f"{via}+{technique}",
        "style": style,
        "html": html,
        "source": "static",
    }


def _scripts(tree: LexborHTMLParser, base: str, rules: list, scan: HiddenScan) -> None:
    for node in tree.css("script"):
        if node.attributes.get("src"):
            continue
        code = node.text() or ""
        if not code.strip():
            continue
        for m in _STRING_LIT.finditer(code):
            lit = next(g for g in m.groups() if g is not None)
            if "<" not in lit or not re.search(r"<(a|iframe|div|span|p|marquee)\b", lit, re.IGNORECASE):
                continue
            frag = LexborHTMLParser(lit.replace('\\"', '"').replace("\\'", "'"))
            before = len(scan.links)
            _walk(frag.body, base, resolve(frag, rules) if rules else {}, scan, via="script-written")
            # A link the script writes visibly (a document.write menu) is not hidden. Only when the same
            # script hides what it inserts (el.style.display = 'none') is it reported, as weak evidence
            # a browser must confirm (the rendered pass does, on the home page).
            if _SCRIPT_HIDES.search(code):
                for a in frag.css("a[href]"):
                    url = absolute(base, a.attributes.get("href"))
                    if url and not any(e["url"] == url for e in scan.links[before:]):
                        scan.links.append(
                            _entry(
                                url, clean_text(a.text())[:200], "a", "script-hidden", "", _trunc(lit), "script-written"
                            )
                        )
        snippet = _trunc(code.strip())
        if re.search(r"\beval\s*\(", code):
            scan.scripts.append({"technique": "eval", "url": None, "snippet": _eval_snippet(code)})
        for m in _REDIRECT.finditer(code):
            url = absolute(base, m.group("u1") or m.group("u2"))
            if url:
                delayed = bool(re.search(r"setTimeout|setInterval", code[max(0, m.start() - 80) : m.start()]))
                scan.scripts.append(
                    {
                        "technique": "script-redirect",
                        "url": url,
                        "delayed": delayed,
                        "snippet": _trunc(code[max(0, m.start() - 60) : m.end() + 20]),
                    }
                )
        if _SEARCH_REFERER.search(code) and ("location" in code or "window.open" in code):
            # Visitors arriving from a search engine are sent elsewhere: the classic hijack (rules §11.2).
            scan.scripts.append({"technique": "referer-hijack", "url": None, "snippet": snippet})
    for meta in tree.css("meta[http-equiv]"):
        if (meta.attributes.get("http-equiv") or "").lower() != "refresh":
            continue
        content = meta.attributes.get("content") or ""
        refresh = re.search(r"url\s*=\s*['\"]?([^'\";]+)", content, re.IGNORECASE)
        if refresh:
            scan.scripts.append(
                {
                    "technique": "meta-refresh",
                    "url": absolute(base, refresh.group(1).strip()),
                    "delayed": not content.strip().startswith("0"),
                    "snippet": _trunc(meta.html),
                }
            )


def _eval_snippet(code: str) -> str:
    i = re.search(r"\beval\s*\(", code)
    start = i.start() if i else 0
    return _trunc(code[max(0, start - 40) : start + 160])


def scan_hidden(doc: ParsedHTML) -> HiddenScan:
    """Static dark-link scan of a parsed page."""
    css = "\n".join(n.text() or "" for n in doc.tree.css("style"))
    rules = parse_stylesheet(css) if css.strip() else []
    scan = HiddenScan()
    _walk(doc.tree.root, doc.base_url or doc.url, resolve(doc.tree, rules), scan, via=None)
    _scripts(doc.tree, doc.base_url or doc.url, rules, scan)
    return scan


def find_hidden_links(doc: ParsedHTML) -> list[dict[str, Any]]:
    """Each hidden link / URL: ``{url, text, tag, technique, style, html, source}``."""
    return scan_hidden(doc).links


# ----------------------------------------------------------------------------- rendered DOM

# Runs in the page: every link-bearing element with whether a visitor can see it, by its effect — the
# computed style at the link itself (font size, visibility, colour against the background actually
# behind it), the opacity it inherits, and its box after every clipping ancestor, on the page.
_RENDERED_JS = r"""
() => {
  const out = [];
  const W = Math.max(document.documentElement.scrollWidth, window.innerWidth);
  const H = Math.max(document.documentElement.scrollHeight, window.innerHeight);
  const sx = window.scrollX, sy = window.scrollY;
  const summary = (el, cs, r) => `display:${cs.display}; visibility:${cs.visibility}; opacity:${cs.opacity}; ` +
      `font-size:${cs.fontSize}; text-indent:${cs.textIndent}; position:${cs.position}; ` +
      `box:${Math.round(r.left + sx)},${Math.round(r.top + sy)},${Math.round(r.width)}x${Math.round(r.height)}; ` +
      `color:${cs.color}; background:${cs.backgroundColor}`;
  const bgBehind = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const cs = getComputedStyle(n);
      if (cs.backgroundImage && cs.backgroundImage !== 'none') return null;
      if (cs.backgroundColor && cs.backgroundColor !== 'rgba(0, 0, 0, 0)' && cs.backgroundColor !== 'transparent') return cs.backgroundColor;
    }
    return 'rgb(255, 255, 255)';
  };
  const visibleArea = (el) => {
    // union of the element's boxes (and its visible images), clipped by every overflow-hiding ancestor
    const range = document.createRange(); range.selectNodeContents(el);
    let boxes = Array.from(el.getClientRects()).concat(Array.from(range.getClientRects()))
        .map(r => [r.left, r.top, r.right, r.bottom]).filter(b => b[2] - b[0] > 0 && b[3] - b[1] > 0);
    for (const img of el.querySelectorAll('img')) {
      const r = img.getBoundingClientRect(); boxes.push([r.left, r.top, r.right, r.bottom]);
    }
    for (let n = el.parentElement; n && n.nodeType === 1 && boxes.length; n = n.parentElement) {
      const cs = getComputedStyle(n);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || cs.clipPath !== 'none' || cs.clip !== 'auto') {
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible' && cs.clipPath === 'none' && cs.clip === 'auto') continue;
        if (cs.overflowX === 'auto' || cs.overflowX === 'scroll' || cs.overflowY === 'auto' || cs.overflowY === 'scroll') continue;
        const c = n.getBoundingClientRect();
        boxes = boxes.map(b => [Math.max(b[0], c.left), Math.max(b[1], c.top), Math.min(b[2], c.right), Math.min(b[3], c.bottom)])
                     .filter(b => b[2] - b[0] > 1 && b[3] - b[1] > 1);
      }
    }
    // on the page at all (documents can be scrolled, not dragged left of 0)
    boxes = boxes.filter(b => b[2] + sx > 0 && b[3] + sy > 0 && b[0] + sx < W && b[1] + sy < H);
    return boxes.reduce((s, b) => s + (b[2] - b[0]) * (b[3] - b[1]), 0);
  };
  // At most 5,000 links, in document order (a hostile page has 100k; the static pass reads every link).
  for (const el of Array.prototype.slice.call(document.querySelectorAll('a[href], iframe[src], area[href]'), 0, 5000)) {
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    let why = null;
    let opacity = 1;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
    const hasImg = Array.from(el.querySelectorAll('img')).some(i => { const b = i.getBoundingClientRect(); return b.width > 1 && b.height > 1; });
    const text = (el.textContent || '').trim();
    if (el.tagName === 'AREA') { if (!el.closest('map')) why = 'no-box'; }
    else if (!el.getClientRects().length) why = 'display-none';
    else if (cs.visibility === 'hidden' || cs.visibility === 'collapse') why = 'visibility-hidden';
    else if (opacity === 0) why = 'opacity-0';
    else if (visibleArea(el) <= 1) why = el.tagName === 'IFRAME' ? 'tiny-iframe'
        : (!hasImg && parseFloat(cs.fontSize) < 2) ? 'tiny-font' : 'off-screen-or-clipped';
    else if (!hasImg && text) {
      // the text itself: its size, its colour against what is behind it, where its glyphs are
      let shown = false;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t && !shown; t = walker.nextNode()) {
        if (!t.textContent.trim()) continue;
        const p = t.parentElement, pcs = getComputedStyle(p);
        if (parseFloat(pcs.fontSize) < 2 || pcs.visibility !== 'visible') continue;
        const bg = bgBehind(p);
        if (bg && pcs.color === bg) continue;
        const range = document.createRange(); range.selectNodeContents(t);
        const rects = Array.from(range.getClientRects()).filter(q => q.width > 0 && q.height > 0 &&
            q.right + sx > 0 && q.bottom + sy > 0 && q.left + sx < W && q.top + sy < H);
        if (rects.length) shown = true;
      }
      if (!shown) {
        const bg = bgBehind(el);
        why = parseFloat(cs.fontSize) < 2 ? 'tiny-font' : (bg && cs.color === bg) ? 'same-colour'
            : parseFloat(cs.textIndent) <= -100 ? 'negative-text-indent' : 'text-off-screen';
      }
    }
    // the element that hides it, for the evidence: the ancestor with display:none / opacity 0 / visibility
    let by = el;
    const tests = {'display-none': c => c.display === 'none', 'opacity-0': c => parseFloat(c.opacity) === 0,
                   'visibility-hidden': c => c.visibility === 'hidden' || c.visibility === 'collapse'};
    if (tests[why]) for (let n = el; n && n.nodeType === 1; n = n.parentElement) if (tests[why](getComputedStyle(n))) by = n;
    const bcs = why ? getComputedStyle(by) : null;
    const style = why ? summary(by, bcs, by.getBoundingClientRect()) + (by !== el ? ` (on <${by.tagName.toLowerCase()}>)` : '') : '';
    // a visible link needs only its URL (merge_rendered): no markup copied for each of thousands of them
    out.push(why ? {url: el.href || el.src || '', text: text.slice(0, 200), tag: el.tagName.toLowerCase(),
              technique: why, style: style, html: el.outerHTML.slice(0, 300),
              container: by !== el ? by.outerHTML.slice(0, 300) : '', visible: false}
        : {url: el.href || el.src || '', text: text.slice(0, 200), tag: el.tagName.toLowerCase(), technique: null,
           visible: true});
  }
  return out;
}
"""


def _rendered_result(items: list[dict[str, Any]], raw_html: str | None, base: str) -> list[dict[str, Any]]:
    """Every link of the rendered DOM with ``visible``; hidden ones carry their technique."""
    from inspector.extract.html import parse_html  # late: html imports nothing from here, keep it that way

    raw_links = {link.url for link in parse_html(raw_html, base).links} if raw_html is not None else set()
    out = []
    for it in items:
        url = it.get("url") or ""
        if not url or url.startswith(("javascript:", "mailto:", "tel:")):
            continue
        # A link absent from the raw HTML was written by script (document.write / DOM insertion).
        inserted = raw_html is not None and (absolute(base, url) or url) not in raw_links
        technique = it.get("technique")
        if technique and inserted:
            technique = f"script-inserted+{technique}"
        out.append({**it, "technique": technique, "source": "rendered", "script_inserted": inserted})
    return out


def merge_rendered(security: dict[str, Any], rendered: list[dict[str, Any]], page_url: str) -> dict[str, Any]:
    """Fold the rendered pass into a page's static signals: what the browser shows decides.

    A link the static pass took for hidden but the browser shows is dropped (recorded in
    ``rendered_visible``); a link only the browser sees hidden (inserted by script, hidden by an
    external stylesheet) is added, classified like the static ones.
    """
    from inspector.extract.security import classify_link  # late: the package imports this module

    shown = {it["url"] for it in rendered if it.get("visible")}
    hidden_static = security.get("hidden_links") or []
    kept = [h for h in hidden_static if h.get("source") == "rendered" or h.get("url") not in shown]
    security["rendered_visible"] = sorted({h.get("url", "") for h in hidden_static if h not in kept})[:50]
    known = {h.get("url") for h in kept}
    for it in rendered:
        if it.get("visible") or it.get("url") in known:
            continue
        c = classify_link(it, page_url)
        if c["outbound"] or c["spam_words"] or c["suspicious_tld"]:
            kept.append(c)
            known.add(it.get("url"))
    security["hidden_links"] = kept
    security["hidden_links_total"] = len(kept)
    security["rendered"] = True
    return security


def rendered_hidden_links(page: Any, raw_html: str | None = None) -> list[dict[str, Any]]:
    """Every link of a live (sync) Playwright ``Page`` handed over by the crawler, with ``visible`` and,
    for hidden ones, the technique (see ``_RENDERED_JS``).

    ``raw_html``: the HTML as served, to tell script-inserted links apart.
    """
    return _rendered_result(page.evaluate(_RENDERED_JS), raw_html, page.url)


async def rendered_hidden_links_async(page: Any, raw_html: str | None = None) -> list[dict[str, Any]]:
    """The same for an async Playwright ``Page``."""
    return _rendered_result(await page.evaluate(_RENDERED_JS), raw_html, page.url)
