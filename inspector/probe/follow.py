"""Follow-ups: find a probe's reply, then judge latency (working days), quality and disclosure.

Where the reply is looked for, in order: the tracking-code lookup page (private: the citizen's own
view), then the public list (title carrying the probe token).  A reply found only through the lookup
is *not disclosed*; one in the public list is *disclosed*.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from inspector import workdays
from inspector.extract.html import parse_html
from inspector.extract.messages import next_page, parse_detail, parse_list
from inspector.extract.replies import LatencyRule, forwarded_only, wording
from inspector.gather.boards import FetchPage
from inspector.model import Message
from inspector.probe.plan import ProbeTarget
from inspector.timeutil import CST

MAX_LIST_PAGES = 10
_ANSWERED = re.compile(r"已回复|已答复|已办结")


@dataclass
class FoundReply:
    message: Message
    url: str | None
    public: bool  # seen in the public list (disclosed)


@asynccontextmanager
async def crawler_fetch() -> AsyncIterator[FetchPage]:
    """The crawler's fetch (politeness, robots.txt, GBK decoding, honest UA) when none is passed in:
    follow-ups touch the network only through inspector.crawl."""
    from inspector.crawl import Fetcher
    from inspector.timeutil import cst_now

    async with Fetcher(clock=cst_now) as fetcher:
        yield fetcher.fetch


async def _doc(fetch: FetchPage, url: str):  # type: ignore[no-untyped-def]
    page = await fetch(url)
    return parse_html(page.text, page.final_url or url) if page.ok and page.text else None


def is_answered(m: Message) -> bool:
    return bool(m.reply.strip() or m.replied_at or (m.status and _ANSWERED.search(m.status)))


async def search_pages(url: str, token: str, fetch: FetchPage) -> FoundReply | None:
    """The row carrying ``token`` in a list or search-result page (following 下一页), with its detail.

    ``public`` is whether the reply text can be read by anyone (a detail page shows it)."""
    seen: set[str] = set()
    next_url: str | None = url
    while next_url and next_url not in seen and len(seen) < MAX_LIST_PAGES:
        seen.add(next_url)
        doc = await _doc(fetch, next_url)
        if doc is None:
            return None
        for row in parse_list(doc):
            if token not in row.title:
                continue
            msg = row.to_message()
            if row.url:
                detail = await _doc(fetch, row.url)
                if detail is not None:
                    d = parse_detail(detail)
                    for name in ("submitted_at", "replied_at", "reply", "unit", "status", "id"):
                        if getattr(d, name):
                            setattr(msg, name, getattr(d, name))
            return FoundReply(msg, row.url or next_url, public=bool(row.url and msg.reply.strip()))
        next_url = next_page(doc)
    return None


async def lookup_by_code(lookup_url: str, code: str, fetch: FetchPage) -> FoundReply | None:
    doc = await _doc(fetch, lookup_url.format(code=code))
    if doc is None:
        return None
    msg = parse_detail(doc)
    return FoundReply(msg, doc.url, public=False) if (msg.reply or msg.submitted_at) else None


async def locate(probe: dict[str, Any], target: ProbeTarget, fetch: FetchPage) -> FoundReply | None:
    """Where the probe shows on the site at all (public list, then token search): for reconciliation."""
    for url in (target.list_url, target.search_url.format(q=quote(probe["token"])) if target.search_url else None):
        if url:
            found = await search_pages(url, probe["token"], fetch)
            if found is not None:
                return found
    return None


async def find_reply(probe: dict[str, Any], target: ProbeTarget, fetch: FetchPage) -> FoundReply | None:
    """The probe's reply, if it has one: public list, token search, then tracking-code lookup."""
    found = await locate(probe, target, fetch)
    if (found is None or not is_answered(found.message)) and target.lookup_url and probe.get("tracking_code"):
        private = await lookup_by_code(target.lookup_url, probe["tracking_code"], fetch)
        if private is not None:
            found = private
    return found if found is not None and is_answered(found.message) else None


def _local(dt: datetime) -> datetime:
    return dt.astimezone(CST).replace(tzinfo=None) if dt.tzinfo else dt


def latency_rule(target: ProbeTarget, profile: str | None = None) -> LatencyRule:
    """The profile's reply-latency classes (``[checks.reply-latency]``) with the target's own SLA."""
    from inspector.profile import load_profile
    from inspector.settings import DEFAULT_PROFILE

    params = {**LatencyRule().params(), **load_profile(profile or DEFAULT_PROFILE).params_for("reply-latency")}
    return LatencyRule.from_params({**params, "sla_working_days": target.sla_working_days})


def judge(
    probe: dict[str, Any],
    reply: Message,
    target: ProbeTarget,
    public: bool,
    now: datetime,
    rule: LatencyRule | None = None,
) -> dict[str, Any]:
    """Latency (calendar and working days), class, brush-off rule and disclosure of one probe's reply.

    The site-stated reply time is used when the site shows one; otherwise the first time a follow-up
    saw the answer (``reply_time_source = first_seen``), which can only overstate the latency.
    ``rule``: the latency classes (default: the default profile's, with the target's SLA)."""
    from inspector.probe.latency import reply_window, step_times

    start, end, source = reply_window(probe, reply, now)
    out: dict[str, Any] = {
        "public": public,
        "brush_off": wording(reply.reply) if reply.reply else None,
        "forwarded_only": forwarded_only(reply.reply) if reply.reply else None,
        "reply_time_source": source,  # platform_steps | site | first_seen (inspector.probe.latency)
        "steps": step_times(reply),
    }
    if end is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", workdays.CalendarBeyondRange)
            lat = workdays.latency(start, end)
        out["latency"] = lat.to_dict()
        out["class"] = (rule or latency_rule(target)).classify(lat.working_days, lat.calendar_days)
    return out


def waiting(probe: dict[str, Any], now: datetime) -> workdays.Latency:
    start = probe.get("site_submitted_at") or _local(probe["sent_at"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", workdays.CalendarBeyondRange)
        return workdays.latency(start, _local(now))
