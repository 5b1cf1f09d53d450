"""The 845 real tipdm rows served as a public board are recovered exactly (issue 6, "done when")."""

from __future__ import annotations

import asyncio
import csv
import warnings
from datetime import datetime

import httpx
import pytest
from board_server import httpx_fetcher, serve_board

from checks.reply_latency import CHECK as LATENCY
from inspector import workdays
from inspector.check import CheckContext
from inspector.gather.boards import gather_boards
from inspector.model import SiteArtifacts
from inspector.shared import realworld

CSV = realworld("tipdm-message-replies-sample") / "messages_with_replies.csv"
STATS = "本年度共收到留言845条，已答复845条，答复率100%，平均办理时长11天。统计截止：2020年1月31日"


def _csv_time(text: str) -> datetime:
    return datetime.strptime(text.strip(), "%Y/%m/%d %H:%M:%S")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    if not CSV.exists():
        pytest.skip(f"../shared tipdm sample absent ({CSV}); set INSPECTOR_SHARED_DIR")
    with CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def gathered(rows):
    async def go():
        with serve_board(rows, STATS) as base:
            async with httpx.AsyncClient(timeout=10, limits=httpx.Limits(max_connections=16)) as client:
                fetch = httpx_fetcher(client)
                home = await fetch(base)
                return await gather_boards(home, [], fetch, datetime(2020, 2, 1))

    return asyncio.run(go())


def test_board_found_and_classified(gathered):
    kinds = {b.kind: b for b in gathered}
    assert set(kinds) == {"consultation", "petition"}
    board = kinds["consultation"]
    assert board.error is None and board.submit_form is not None and board.pages_seen == 22
    assert board.stats and board.stats["received"] == 845 and board.stats["as_of"] == "2020-01-31"


def test_every_time_exact(rows, gathered):
    board = next(b for b in gathered if b.kind == "consultation")
    got = {m.id: m for m in board.messages}
    assert len(got) == len(rows) == 845
    for r in rows:
        m = got[r["留言编号"]]
        assert m.submitted_at == _csv_time(r["留言时间"]), r["留言编号"]
        assert m.replied_at == _csv_time(r["答复时间"]), r["留言编号"]
        assert m.reply.replace(" ", "") == " ".join(r["答复意见"].split()).replace(" ", "")
        assert m.title == " ".join(r["留言主题"].split())


def test_working_day_latency_matches_chinese_calendar(rows, gathered):
    import chinese_calendar as cc  # independent oracle for the holiday table (a test dependency)

    board = next(b for b in gathered if b.kind == "consultation")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every tipdm date lies inside the table
        for m in board.messages:
            expected = len(cc.get_workdays(m.submitted_at.date(), m.replied_at.date())) - cc.is_workday(
                m.submitted_at.date()
            )
            assert workdays.working_days_between(m.submitted_at, m.replied_at) == expected
    # and the check classifies all of them (latencies run from < 1 hour to > 3 years, per SOURCE.md)
    artifacts = SiteArtifacts(site="http://board/", as_of=datetime(2030, 1, 1), boards=[board])
    findings = LATENCY(artifacts, CheckContext(datetime(2030, 1, 1), {"lookback_days": 36500}))
    summary = next(f for f in findings if f.rule == "summary")
    assert sum(summary.evidence[0].data["classes"].values()) == 845
    assert any(f.rule == "long_overdue" for f in findings)


def test_samplesite_tipdm_scenario_recovered_exactly(rows):
    import inspector.samplesites as samplesites

    async def go(world):
        async with httpx.AsyncClient(timeout=10, limits=httpx.Limits(max_connections=16)) as client:
            fetch = httpx_fetcher(client)
            return await gather_boards(await fetch(world.urls["portal"]), [], fetch, world.clock.now())

    with samplesites.serve_scenario("tipdm") as world:
        boards = asyncio.run(go(world))
    board = max(boards, key=lambda b: len(b.messages))
    expected = {r["留言编号"]: r for r in rows}
    assert len(board.messages) == 845
    for m in board.messages:
        r = expected[m.id]
        assert (m.submitted_at, m.replied_at) == (_csv_time(r["留言时间"]), _csv_time(r["答复时间"])), m.id
