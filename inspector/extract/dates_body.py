"""Unlabelled datelines next to the title: the date a reader sees under the headline with no 发布时间 label.

``2024-05-13 06:15 发布于:北京市`` · ``2024-05-09 22:30·新华社`` · ``原创:39健康网2024-04-23`` · ``2019年09月07日 04:04`` ·
``12.01.2022`` · ``Updated Mar 12, 2020``. The title is the page's ``<h1>`` (else the ``<title>``'s main part);
the dateline is the first date on one of the few short lines after it (or just before it, when the line
says "published"). A line is a dateline only when the date stands alone or is followed by a time, a source or
an author (``来源``, ``作者``, ``·``, ``|``); a date followed by a comma begins a sentence or a caption, and a date
after a long text is a related-article line. A date inside the title itself is never the dateline.
"""

from __future__ import annotations

import re
from datetime import date

from inspector.extract.dates import FULL_DATE, _valid, normalize_text
from inspector.extract.dates_meta import DAY_FIRST
from inspector.extract.html import ParsedHTML, clean_text
from inspector.model import DateEvidence

LINES_AFTER_TITLE = 8
LINES_BEFORE_TITLE = 2
MAX_DATELINE_CHARS = 120
MAX_LEAD_CHARS = 24  # text before the date on a dateline ("原创 南方都市报 ", "金融市场棱镜")
MAX_TAIL_CHARS = 24  # text after it (a source, an author)
MAX_BYLINE_TAIL_CHARS = 60  # after a date that opens the line, without sentence punctuation

_CUE_AFTER = re.compile(
    r"^\s*(?:$|[·•|｜丨/\\\-–—:：\[\]【】()（）]|来源|来自|作者|发布|编辑|责任编辑|记者|浏览|阅读|点击|字号|分享|打印|"
    r"Uhr\b|by\b|von\b|par\b|di\b|por\b|um\b|at\b|à\b|\d)",
    re.I,
)
_CUE_BEFORE = re.compile(
    r"(发布|发表|更新|时间|日期|原创|来源|published|posted|updated|veröffentlicht|aktualisiert|publié|mis à jour|"
    r"publicado|pubblicato|gepubliceerd|opublikowano|date|datum|fecha|am\b|on\b|le\b|el\b|dne\b|vom\b)",
    re.I,
)
# A line that opens a block of other articles: nothing after it is this page's dateline.
_OTHER_ITEMS = re.compile(
    r"关联|相关|推荐|热点|热门|延伸阅读|猜你喜欢|上一篇|下一篇|\brelated\b|\bmore\b|\bweitere\b|lesen sie auch|"
    r"siehe auch|à lire aussi|voir aussi|\bleggi anche\b|\bread next\b",
    re.I,
)
MAX_STOP_LINE_CHARS = 24
_SENTENCE = re.compile(r"[，。；,;!?！？]")
_TODAY = re.compile(r"今天是|今日|当前日期|现在是|星期[一二三四五六日天]|\btoday\b|\bheute\b", re.I)
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜—–]|\s-\s)\s*")
_TIME_AFTER = re.compile(
    r"\s*(?:[T\s,\-–]|um|at|à)*\s*([0-2]?\d)[:时h]([0-5]\d)(?::([0-5]\d))?(?:\s*(?:Uhr|[AaPp]\.?[Mm]\.?))?"
)
_YY = re.compile(r"(?<![\d.\-/])(?P<y>\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d.\-/])")  # 18-03-08 (baijiahao)


def title_text(doc: ParsedHTML) -> str:
    """The headline: the ``<h1>`` that best matches ``<title>``, else the longest part of ``<title>``."""
    heads = [clean_text(h.text()) for h in doc.css("h1")]
    heads = [h for h in heads if len(h) >= 4]
    title = doc.title or ""
    if heads:
        return max(heads, key=lambda h: (_overlap(h, title), len(h)))
    parts = [p for p in _TITLE_SPLIT.split(title) if p]
    return max(parts, key=len) if parts else ""


def _overlap(a: str, b: str) -> int:
    if not a or not b:
        return 0
    probe = a[:12]
    return len(probe) if probe in b else sum(1 for ch in set(a) if ch in b) // 4


def title_index(lines: list[str], title: str) -> int | None:
    """Index of the visible line holding the title (its first 12 characters), or None."""
    if not title:
        return None
    probe = normalize_text(clean_text(title))[:12]
    if len(probe) < 4:
        return None
    for i, line in enumerate(lines):
        if probe in line:
            return i
    return None


def _line_dates(line: str) -> list[tuple[date, int, int, str]]:
    """(day, start, end, raw) of the full dates written on one line: Chinese/ISO forms, day-first, 2-digit year."""
    out: list[tuple[date, int, int, str]] = []
    for m in FULL_DATE.finditer(line):
        if m.group("sep") == "年" and "月" not in m.group(0):
            continue
        value = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        if value is not None:
            end = m.start("d") + len(m["d"])
            end += 1 if line[end : end + 1] == "日" else 0
            out.append((value, m.start(), end, line[m.start() : end]))
    for m in DAY_FIRST.finditer(line):
        value = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        if value is not None:
            end = m.end("y")
            out.append((value, m.start(), end, line[m.start() : end]))
    for m in _YY.finditer(line):
        value = _valid(2000 + int(m["y"]), int(m["m"]), int(m["d"]))
        if value is not None and not any(s <= m.start() < e for _, s, e, _ in out):
            out.append((value, m.start(), m.end(), m.group(0)))
    if not out:
        worded = _worded_date(line)
        if worded is not None:
            out.append(worded)
    return sorted(out, key=lambda t: t[1])


def _worded_date(line: str) -> tuple[date, int, int, str] | None:
    """ "Mar 12, 2020", "24. Januar 2022", "9 juillet 2021": htmldate's multilingual month-name pattern."""
    if not re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", line):
        return None
    try:
        from htmldate.extractors import LONG_TEXT_PATTERN, regex_parse
    except ImportError:
        return None
    try:
        found = regex_parse(line)
        m = LONG_TEXT_PATTERN.search(line)
    except Exception:  # noqa: BLE001 — a third-party regex helper; a failure is "no date"
        return None
    if found is None:
        return None
    start, end = (m.start(), m.end()) if m else (0, len(line))
    return found.date(), start, end, line[start:end]


def _time_after(line: str, end: int) -> tuple[str | None, int]:
    m = _TIME_AFTER.match(line, end)
    if not m:
        return None, end
    hour, minute = int(m.group(1)), m.group(2)
    if hour > 23:
        return None, end
    return f"{hour:02d}:{minute}" + (f":{m.group(3)}" if m.group(3) else ""), m.end()


_TRUNCATED = re.compile(r"…|\.\.\.|。。。")
_OPEN = "[(（【"
_CLOSE = "])）】"


def _is_dateline(line: str, start: int, end: int, before_title: bool) -> bool:
    lead = line[:start].strip()
    rest = line[end:]
    if _TRUNCATED.search(lead):
        return False  # "…越来越美好…[2018-03-22]": a list item with a cut title
    if lead and lead[-1] in _OPEN and rest.strip()[:1] in _CLOSE and not _CUE_BEFORE.search(lead):
        return False  # "标题[2018-03-22]": a list line, the date bracketed after a title
    if before_title and not _CUE_BEFORE.search(lead):
        return False
    if len(lead) > MAX_LEAD_CHARS and not _CUE_BEFORE.search(lead[-12:]):
        return False  # "他对政治没兴趣，却老跟政治扯上关系2015-09-22": a related-article line
    if _SENTENCE.search(lead):
        return False
    if lead and _CUE_BEFORE.search(lead[-16:]) and len(lead) <= MAX_LEAD_CHARS:
        return True  # "Last updated 04 Jun 2020, originally …", "发布时间 2024-05-06 …"
    if _CUE_AFTER.match(rest):
        return True
    tail = rest.strip()
    if _SENTENCE.search(tail[:1]):
        return False  # "2019年10月15日，沈阳，…": a sentence or a caption begins with the date
    if len(tail) <= MAX_TAIL_CHARS:
        return True
    # "26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar": a byline led by the date
    return not lead and len(tail) <= MAX_BYLINE_TAIL_CHARS and not _SENTENCE.search(tail)


MAX_SHOWN_LINES = 3000


def shown_days(lines: list[str]) -> set[date]:
    """Every full date written in the visible text (to tell a date the page shows from one in its links)."""
    days: set[date] = set()
    for line in lines[:MAX_SHOWN_LINES]:
        days.update(value for value, _, _, _ in _line_dates(line))
    return days


def datelines(doc: ParsedHTML, lines: list[str], url: str | None = None) -> list[DateEvidence]:
    """The dateline next to the title (at most one), as ``dateline`` evidence."""
    title = title_text(doc)
    idx = title_index(lines, title)
    if idx is None:
        return []
    probe = normalize_text(title)[:12]
    order = list(range(idx + 1, min(len(lines), idx + 1 + LINES_AFTER_TITLE)))
    order += list(range(idx - 1, max(-1, idx - 1 - LINES_BEFORE_TITLE), -1))
    stopped = False
    for i in order:
        line = lines[i]
        if i > idx and (stopped or (len(line) <= MAX_STOP_LINE_CHARS and _OTHER_ITEMS.search(line))):
            stopped = True  # the rest after the title lists other articles
            continue
        if len(line) > MAX_DATELINE_CHARS or _TODAY.search(line) or probe in line:
            continue
        for value, start, end, _raw in _line_dates(line):
            time, stop = _time_after(line, end)
            if _is_dateline(line, start, stop, before_title=i < idx):
                return [DateEvidence(value=value, source="dateline", raw=line[:80], time=time, url=url)]  # type: ignore[arg-type]
            break  # only the first date of a line is its dateline
    return []
