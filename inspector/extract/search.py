"""The site-search box of a page, however the site offers it.

- ``form``: a form whose purpose is search (``inspector.extract.form_purpose``); the best-scored one
  when there are several (the 信息公开 search or a 办件查询 lookup is not the site search);
- ``js``: a text box outside any form that a script submits (``onkeydown="searchkey(event)"`` →
  ``window.location = "SEARCH/n_list4Search.html?title=" + escape(…getElementById("search").value)``;
  ``$('#qt1').val()`` → ``'http://so.kaipuyun.cn/s?siteCode=…'+'&qt='+…``): the URL the script builds
  is the action, its last empty parameter the query field;
- ``iframe``: a frame whose address says search (the box lives on another page: fetch and look there);
- ``script``: a hosted search widget a script injects (Baidu 站内搜索 ``znsv.baidu.com/customer_search``):
  present, but not queryable without a browser.

Login and message forms are never search (a password or a 留言 field decides first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as _field
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from selectolax.lexbor import LexborNode

from inspector.extract.form_purpose import search_score
from inspector.extract.html import ParsedHTML, absolute
from inspector.model import Form

_QUERY_NAMES = re.compile(r"^(?:searchword|searchkey|keyword|keywords|query|q|qt|wd|kw)$", re.IGNORECASE)
_BOX_HINT = re.compile(r"search|sousuo|keyword|query|^q$|^qt$|^kw$|^wd$|^sw$|^key$", re.IGNORECASE)
_BOX_WORDS = ("搜索", "检索", "关键字", "关键词")
_LITERAL = re.compile(r"""(['"])((?:\\.|(?!\1).)*?)\1""")
_CONCAT = re.compile(r"""(?:(['"])(?:\\.|(?!\1).)*?\1\s*\+\s*)*(['"])(?:\\.|(?!\2).)*?\2""")
_WIDGETS = re.compile(
    r"(?:https?:)?//(?:znsv\.baidu\.com/customer_search|zhannei\.baidu\.com/|cse\.baidu\.com/)"
    r"[^'\"\s]*",
    re.IGNORECASE,
)
_FRAME_HINT = re.compile(r"search|sousuo|jiansuo", re.IGNORECASE)


@dataclass
class SearchBox:
    kind: str  # form | js | iframe | script
    action: str  # where the query goes (form/js), or the frame / widget address
    field: str | None = None  # the query field
    method: str = "get"
    params: dict[str, str] = _field(default_factory=dict)  # fixed parameters sent with the query
    also: list[str] = _field(default_factory=list)  # hidden fields a script copies the query into (TRS searchword)
    note: str = ""


def find_search(doc: ParsedHTML) -> SearchBox | None:
    """The page's site search, or None when the page shows none."""
    box = _best_form(doc)
    if box is None:
        box = _script_box(doc)
    if box is None:
        box = _frame(doc)
    if box is None:
        box = _widget(doc)
    return box


def query_url(box: SearchBox, query: str) -> str:
    """The GET URL that asks ``box`` for ``query``."""
    from urllib.parse import urlencode

    params = dict(box.params)
    for name in box.also:
        params[name] = query
    if box.field:
        params[box.field] = query
    parts = urlsplit(box.action)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept + list(params.items())), ""))


def _best_form(doc: ParsedHTML) -> SearchBox | None:
    nodes = doc.css("form")
    best: tuple[int, int, Form] | None = None
    for index, form in enumerate(doc.forms):
        if form.purpose != "search":
            continue
        node = nodes[index] if index < len(nodes) and len(nodes) == len(doc.forms) else None
        attrs = dict(node.attributes) if node is not None else {}
        text = (node.text() or "") if node is not None else ""
        score = search_score(form.action, attrs, form.fields, text)
        if best is None or score > best[0]:
            best = (score, index, form)
    if best is None:
        return None
    form = best[2]
    typed = [f for f in form.fields if f.type in ("text", "search", "")]
    query = next((f for f in typed if _QUERY_NAMES.match(f.name)), typed[0])
    hidden = {f.name: f.value for f in form.fields if f.type == "hidden"}
    also = [name for name, value in hidden.items() if not value and _QUERY_NAMES.match(name) and name != query.name]
    for name in also:
        hidden.pop(name)
    return SearchBox(kind="form", action=form.action, field=query.name, method=form.method, params=hidden, also=also)


def _outside_forms(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "form":
            return False
        parent = parent.parent
    return True


def _script_box(doc: ParsedHTML) -> SearchBox | None:
    """A text box outside any form, submitted by a script that builds the search URL."""
    scripts = [n.text() or "" for n in doc.css("script:not([src])")]
    scripts += [  # handlers written on the box or its button: onclick="window.open('…?q='+…)"
        v or ""
        for n in doc.css("[onclick], [onkeydown], [onkeypress], [onsubmit]")
        for k, v in n.attributes.items()
        if k in ("onclick", "onkeydown", "onkeypress", "onsubmit")
    ]
    for node in doc.css("input"):
        attrs = node.attributes
        if (attrs.get("type") or "text").lower() not in ("text", "search") or not _outside_forms(node):
            continue
        ident = attrs.get("id") or ""
        words = " ".join(attrs.get(a) or "" for a in ("id", "name", "class"))
        prompt = (attrs.get("placeholder") or "") + (attrs.get("value") or "") + (attrs.get("title") or "")
        if not (
            _BOX_HINT.search(ident) or _BOX_HINT.search(attrs.get("name") or "") or any(w in prompt for w in _BOX_WORDS)
        ):
            if not re.search(r"search|sousuo", words, re.IGNORECASE):
                continue
        if not ident and not attrs.get("name"):
            continue
        built = _built_url(scripts, ident, attrs.get("name") or "", doc.base_url or doc.url)
        if built is not None:
            action, name, params = built
            return SearchBox(
                kind="js",
                action=action,
                field=name,
                params=params,
                note=f"script-submitted box {ident or attrs.get('name')}",
            )
    return None


def _built_url(scripts: list[str], ident: str, name: str, base: str) -> tuple[str, str, dict[str, str]] | None:
    """(action, query field, fixed params) of the URL a script builds from the box ``ident`` (or ``name``)."""
    forms = []
    if ident:
        forms += [
            rf"""getElementById\(\s*['"]{re.escape(ident)}['"]\s*\)""",
            rf"""\$\(\s*['"]#{re.escape(ident)}['"]\s*\)""",
        ]
    if name:
        forms += [
            rf"""getElementsByName\(\s*['"]{re.escape(name)}['"]\s*\)""",
            rf"""\[name=['"]?{re.escape(name)}['"]?\]""",
        ]
    refs = re.compile("|".join(forms))
    for code in scripts:
        for ref in refs.finditer(code):
            window = code[max(0, ref.start() - 400) : ref.end() + 600]
            for m in _CONCAT.finditer(window):
                url = "".join(lit.group(2) for lit in _LITERAL.finditer(m.group(0)))
                if "?" not in url or not url.endswith("="):
                    continue
                parsed = _split_query(url, base)
                if parsed is not None:
                    return parsed
    return None


def _split_query(url: str, base: str) -> tuple[str, str, dict[str, str]] | None:
    head, _, query = url.partition("?")
    pairs = [p.partition("=") for p in query.split("&") if p]
    if not pairs or pairs[-1][2] != "" or not pairs[-1][0]:
        return None
    action = absolute(base, head)
    if action is None:
        return None
    params = {k: v for k, _, v in pairs[:-1]}
    return action, pairs[-1][0], params


def _frame(doc: ParsedHTML) -> SearchBox | None:
    for node in doc.css("iframe[src]"):
        src = node.attributes.get("src") or ""
        container = node.parent
        near = " ".join(
            (p.attributes.get("class") or "") + " " + (p.attributes.get("id") or "")
            for p in (container, container.parent if container is not None else None)
            if p is not None
        )
        if _FRAME_HINT.search(urlsplit(src).path) or _FRAME_HINT.search(near):
            url = absolute(doc.base_url or doc.url, src)
            if url:
                return SearchBox(kind="iframe", action=url, note="search box inside a frame")
    return None


def _widget(doc: ParsedHTML) -> SearchBox | None:
    for node in doc.css("script"):
        text = (node.attributes.get("src") or "") + " " + (node.text() or "")[:5000]
        m = _WIDGETS.search(text)
        if m:
            return SearchBox(kind="script", action=m.group(0), note="hosted search widget injected by script")
    return None
