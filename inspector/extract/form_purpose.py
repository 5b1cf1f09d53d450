"""What a form is for: site search, a message (留言/写信), a login, or something else.

Site search is told by the form's own words, not by one field name: its action (``/was5/web/search``,
``/jrobot/search.do``, ``search.<site>``), its id/name/class (``searchform``, ``custom_search_vsb``), its
query field (``searchword``, ``q``, ``keyword``, ``fullText`` …) or the words beside it (站内搜索, 检索,
请输入关键字). A form with a password is a login, whatever it says; a form asking for a name, an ID
number or a case number (办件查询, 经办人姓名) is a lookup, not the site search.

Also here: forms that the HTML parser leaves empty because they open inside a ``<table>`` (the
inputs then follow the form in the DOM, as browsers associate them): their fields are read from the
form's own markup.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from inspector.model import FormField

_SEARCH_FIELD = re.compile(
    r"^(?:q|qt|wd|kw|key|keys|keyword|keywords|query|querystring|searchword|searchkey|searchtext|fulltext|"
    r"andsen|sw|s|title)$|search|keyword|query",
    re.IGNORECASE,
)
_SEARCH_PATH = re.compile(r"search|sousuo|jrobot|was5|was40|trsapp|query|/so?(?:\.\w+)?/?$", re.IGNORECASE)
_SEARCH_NAME = re.compile(r"search|sousuo|soso|^so$|^ss$|^zlb$", re.IGNORECASE)
_SEARCH_WORDS = ("站内搜索", "全文检索", "搜索", "检索", "关键字", "关键词", "请输入")
_LOOKUP_WORDS = ("姓名", "申请人", "身份证", "证件", "编号", "受理号", "查询码", "手机", "密码", "单位名称", "办件")
_LOOKUP_FIELD = re.compile(r"^(?:code|cxm|sfz|idcard|idno|mobile|phone|tel|yzm|captcha|verifycode)$", re.IGNORECASE)
_STRONG_SEARCH = ("站内搜索", "全文检索", "全站搜索", "搜索", "检索")
_MESSAGE_FIELDS = ("留言", "咨询", "信件", "content", "内容", "标题", "message")
_MESSAGE_WORDS = ("留言", "写信", "提交")
_FORM_SPAN = re.compile(r"<form\b[^>]*>(.*?)</form\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT_OR_SCRIPT = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def search_score(action: str, attrs: dict[str, str | None], fields: list[FormField], text: str) -> int:
    """How strongly a form's own words say "site search" (0 = not at all)."""
    score = 0
    parts = urlsplit(action)
    if _SEARCH_PATH.search(parts.path) or parts.netloc.lower().startswith(("search.", "so.", "sousuo.")):
        score += 3
    if any(_SEARCH_NAME.search(attrs.get(a) or "") for a in ("id", "name", "class")):
        score += 2
    if any(_SEARCH_FIELD.search(f.name) for f in fields if f.type not in ("submit", "button", "image")):
        score += 2
    words = text + " " + " ".join(f"{f.label} {f.value}" for f in fields)
    if any(w in words for w in _SEARCH_WORDS):
        score += 1
    return score


def form_purpose(node: LexborNode, action: str, fields: list[FormField], text: str) -> str:
    """search | message | login | other (a message form may ask for a 查询密码: it stays a message form)."""
    names = " ".join(f"{f.name} {f.label}" for f in fields).lower()
    if any(f.type == "textarea" for f in fields) or any(h in text for h in _MESSAGE_WORDS):
        if any(h in names or h in text for h in _MESSAGE_FIELDS):
            return "message"
    if any(f.type == "password" for f in fields):
        return "login"
    visible = [f for f in fields if f.type not in ("hidden", "submit", "button", "image", "reset")]
    typed = [f for f in visible if f.type in ("text", "search", "")]
    if not typed or len(visible) > 4 or len(typed) > 2:
        return "other"
    prompts = " ".join(f"{f.label} {f.value}" for f in typed)
    if any(w in prompts for w in _LOOKUP_WORDS) or any(_LOOKUP_FIELD.match(f.name) for f in typed):
        return "other"  # a lookup (办件查询, 查询码, 经办人姓名): not the site search
    if any(w in text for w in _LOOKUP_WORDS) and not any(w in text for w in _STRONG_SEARCH):
        return "other"
    return "search" if search_score(action, dict(node.attributes), fields, text) >= 2 else "other"


def raw_form_fields(html: str) -> list[list[LexborNode]]:
    """Per ``<form>…</form>`` of the markup (comments and scripts left out), its input elements, when
    it asks for typed input (a text box or a textarea: a search or a message form); a form of navigation
    ``<select>`` menus stays as the parser left it."""
    out: list[list[LexborNode]] = []
    for m in _FORM_SPAN.finditer(_COMMENT_OR_SCRIPT.sub("", html)):
        inner = m.group(1)
        nodes = LexborHTMLParser(inner).css("input, textarea, select") if "<" in inner else []
        typed = any(
            n.tag == "textarea"
            or (n.tag == "input" and (n.attributes.get("type") or "text").lower() in ("text", "search"))
            for n in nodes
        )
        out.append(nodes if typed else [])
    return out
