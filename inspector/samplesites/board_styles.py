"""Message boards in several real-world markups, served from message rows with known truth.

Used by ``bench/boards_eval.py`` and tests/interaction: each style is a small site (home page,
board list across pages, detail pages, a write form, a petition channel and an interview column to
ignore) built from rows such as the shared TipDM messages (read from ../shared at run time, never
copied). The board shows the rows *as of* an instant: a row is listed once submitted, and answered
only once its reply time has passed — so the truth (what is pending, for how long) is known exactly.

Styles (markup in ``board_markup``):

- ``table``: table list (编号 | 标题 (truncated) | 留言时间 | 状态 | 答复时间), th/td detail; UTF-8.
- ``cards``: card list with 来信人/来信时间 (date only) and a status badge, numbered pager; detail with
  ``来信人：X　来信时间：Y　办理状态：Z`` on one line and the reply in a separate block after its own
  ``回复单位：…　回复时间：…`` line, then rating and print tools.
- ``gbk``: an old ASP board in GBK (charset in <meta> only): ``[date] title`` list without status;
  dl/dt/dd detail, status in a font tag, reply block *before* its unit/time line.
- ``steps``: a 12345-style platform: header-less table with minute times and a status; detail with
  a handling record (提交/受理/转办/办结 with times) and the reply after 答复意见, no 答复时间 label.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .httpbase import Request, Response, SimServer

STYLES = ("table", "cards", "gbk", "steps")


@dataclass(frozen=True)
class Row:
    """One message with its truth."""

    id: str
    user: str
    title: str
    question: str
    reply: str  # "" = never answered
    submitted: datetime
    replied: datetime | None

    def answered_at(self, as_of: datetime) -> bool:
        return self.replied is not None and bool(self.reply) and self.replied <= as_of


# --------------------------------------------------------------------------- rows

_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d", "%Y-%m-%d")
_EXCEL_EPOCH = datetime(1899, 12, 30)


def csv_time(text: str) -> datetime | None:
    """A spreadsheet export's time: '2019/4/25 9:32:09', ISO with or without fractions, or an Excel
    serial day number (one cell of the full TipDM file is one)."""
    t = (text or "").strip()
    if not t:
        return None
    t = re.sub(r"\.\d+$", "", t) if re.search(r"\d:\d\d\.\d+$", t) else t
    for fmt in _FORMATS:
        try:
            return datetime.strptime(t, fmt)
        except ValueError:
            continue
    if re.fullmatch(r"\d{4,6}(?:\.\d+)?", t):
        return (_EXCEL_EPOCH + timedelta(days=float(t))).replace(microsecond=0)
    return None


def _lines(text: str) -> str:
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def load_rows(path: Path) -> list[Row]:
    """TipDM columns: 留言编号, 留言用户, 留言主题, 留言时间, 留言详情, 答复意见, 答复时间."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for rec in csv.DictReader(fh):
            submitted = csv_time(rec.get("留言时间", ""))
            if submitted is None or not (rec.get("留言编号") or "").strip():
                continue
            reply = _lines(rec.get("答复意见", ""))
            rows.append(
                Row(
                    id=rec["留言编号"].strip(),
                    user=(rec.get("留言用户") or "").strip(),
                    title=" ".join((rec.get("留言主题") or "").split()),
                    question=_lines(rec.get("留言详情", "")),
                    reply=reply,
                    submitted=submitted,
                    replied=csv_time(rec.get("答复时间", "")) if reply else None,
                )
            )
    return rows


def copies(rows: list[Row], n: int) -> list[Row]:
    """``n`` copies of the rows, copy k 52·k weeks earlier (same weekdays), with ids of their own."""
    out = list(rows)
    for k in range(1, n):
        shift = timedelta(weeks=52 * k)
        out += [
            replace(
                r,
                id=f"{k}{r.id.zfill(6)}",
                submitted=r.submitted - shift,
                replied=r.replied - shift if r.replied else None,
            )
            for r in rows
        ]
    return out


def visible(rows: list[Row], as_of: datetime) -> list[Row]:
    """The rows a visitor sees on ``as_of``, newest first."""
    return sorted((r for r in rows if r.submitted <= as_of), key=lambda r: (r.submitted, r.id), reverse=True)


# --------------------------------------------------------------------------- serving


class StyledBoard:
    """A SimServer app: one board site in one style."""

    name = "board"

    def __init__(self, style: str, rows: list[Row], as_of: datetime, *, page_size: int | None = None):
        from .board_markup import MARKUPS

        if style not in MARKUPS:
            raise ValueError(f"unknown board style {style!r}; known: {', '.join(MARKUPS)}")
        self.style = style
        self.as_of = as_of
        self.rows = visible(rows, as_of)
        self.markup = MARKUPS[style](self.rows, as_of, page_size)
        self.requests = 0

    def handle(self, req: Request) -> Response:
        self.requests += 1
        return self.markup.route(req)

    def detail_url(self, base: str, row_id: str) -> str:
        return base.rstrip("/") + self.markup.detail_path(row_id)

    def row_of(self, url: str) -> str | None:
        """The row id a detail URL shows (the benchmark matches what it found with this)."""
        return self.markup.row_of(url)


class ServedBoard:
    """``with ServedBoard(style, rows, as_of) as site: site.url``: a real HTTP server on 127.0.0.1."""

    def __init__(self, style: str, rows: list[Row], as_of: datetime, *, page_size: int | None = None):
        import threading

        self.app = StyledBoard(style, rows, as_of, page_size=page_size)
        self.server = SimServer("127.0.0.1", 0, self.app)  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> ServedBoard:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def read_board_site(url: str, as_of: datetime, settings: Any = None) -> tuple[list[Any], dict[str, Any]]:
    """Read a served board site as an audit would: the real crawler, the board gatherer with the
    board budget, from the home page. Returns (boards, the gatherer's report incl. ``fetches``)."""
    import asyncio
    from types import SimpleNamespace

    from inspector.crawl import Fetcher
    from inspector.gather.boards import gather_boards
    from inspector.gather.site import SiteFetch
    from inspector.settings import CrawlSettings, GatherSettings

    gather = settings or GatherSettings()
    crawl = CrawlSettings(per_host_delay_s=0.0, per_host_concurrency=8)
    if "allow_private" in CrawlSettings.__dataclass_fields__:  # the boards run on 127.0.0.1
        crawl = crawl.replace(allow_private=True)

    async def go() -> tuple[list[Any], dict[str, Any]]:
        async with Fetcher(crawl) as fetcher:
            quiet = SimpleNamespace(emit=lambda *a, **k: None)
            fetch = SiteFetch(fetcher, quiet, url, gather.replace(fetch_budget=gather.board_budget))  # type: ignore[arg-type]
            report: dict[str, Any] = {}
            boards = await gather_boards(await fetcher.fetch(url), [], fetch, as_of, settings=gather, report=report)
            report["fetches"] = fetch.count
            return boards, report

    return asyncio.run(go())
