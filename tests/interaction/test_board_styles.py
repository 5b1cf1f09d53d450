"""The shared TipDM rows served as boards in four real-world markups (one GBK), read through the real
crawler on an as-of date with known truth; and a 2,000+ message board on a small budget (issue 13).

A fifth of the rows (plus every row pending on the as-of date) keeps these tests quick; the benchmark
(bench/boards_eval.py) reads every row of every style."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from checks.unanswered_messages import CHECK as UNANSWERED
from inspector.check import CheckContext
from inspector.model import MessageBoard, SiteArtifacts
from inspector.samplesites.board_styles import STYLES, ServedBoard, copies, load_rows, read_board_site
from inspector.settings import GatherSettings
from inspector.shared import realworld

CSV = realworld("tipdm-message-replies-sample") / "messages_with_replies.csv"
AS_OF = datetime(2019, 9, 30, 23, 59, 59)  # 781 rows listed, 23 pending, 6 of them for more than 90 days


@pytest.fixture(scope="module")
def rows():  # type: ignore[no-untyped-def]
    if not CSV.is_file():
        pytest.skip(f"../shared tipdm sample absent ({CSV}); set INSPECTOR_SHARED_DIR")
    every = load_rows(CSV)
    return [r for r in every if int(r.id) % 5 == 0 or (r.submitted <= AS_OF and not r.answered_at(AS_OF))]


def read(url: str, settings: GatherSettings) -> tuple[list[MessageBoard], dict]:  # type: ignore[type-arg]
    return read_board_site(url, AS_OF, settings)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("style", STYLES)
def test_every_row_read_exactly_and_only_pending_rows_flagged(rows, style):  # type: ignore[no-untyped-def]
    with ServedBoard(style, rows, AS_OF) as site:
        boards, report = read(site.url, GatherSettings())
        row_of = site.app.row_of
        listed = {r.id: r for r in site.app.rows}
    assert "petition" in {b.kind for b in boards}  # the 信访 channel is kept apart (and excluded by V5b)
    [board] = [b for b in boards if b.kind in ("consultation", "mailbox")]  # message titles with 咨询 are not boards
    for rejected in report["not_boards"]:  # a link titled 咨询… that leads to a message is a message
        assert row_of(rejected["url"]) is None or "message" in rejected["why"], rejected
    got = {row_of(m.url or ""): m for m in board.messages}
    assert set(got) == set(listed) and board.rows_not_read == 0 and board.details_not_read == 0
    for rid, r in listed.items():
        m = got[rid]
        assert m.submitted_at == r.submitted, rid
        if r.answered_at(AS_OF):
            assert m.state == "answered" and m.replied_at == r.replied, rid
            assert compact(m.reply) == compact(r.reply), rid
        else:
            assert m.state == "pending" and m.state_source in ("list_status", "detail_status") and not m.reply, rid
    a = SiteArtifacts(site=site.url, as_of=AS_OF, boards=[board], gathered=["boards"])
    findings = [f for f in UNANSWERED(a, CheckContext(AS_OF)) if f.rule == "unanswered"]
    late = {
        rid
        for rid, r in listed.items()
        if not r.answered_at(AS_OF)
        and (AS_OF.date() - r.submitted.date()).days > 90
        and (AS_OF - r.submitted).days <= 365
    }
    assert {row_of(f.url or "") for f in findings} == late and len(late) == 6
    assert {f.certainty for f in findings} == {"certain"}
    assert all(f.evidence[0].data["raw_dates"]["submitted_at"] for f in findings)


def test_large_board_on_a_small_budget_reports_what_it_did_not_read(rows):  # type: ignore[no-untyped-def]
    big = copies(load_rows(CSV), 3)
    with ServedBoard("table", big, AS_OF) as site:
        boards, report = read(site.url, GatherSettings(board_budget=100))
        shown = {r.id: r for r in site.app.rows}
        row_of = site.app.row_of
    assert len(shown) > 2000
    [board] = [b for b in boards if b.kind == "consultation"]
    assert report["budget_exhausted"] and board.stopped == "budget"
    assert board.rows_stated == len(shown) and board.rows_not_read == len(shown) - len(board.messages) > 0
    assert board.details_not_read == len(board.messages)  # every list page first: no detail page was reached
    a = SiteArtifacts(site=site.url, as_of=AS_OF, boards=[board], gathered=["boards"])
    findings = UNANSWERED(a, CheckContext(AS_OF))
    for f in findings:
        if f.rule == "unanswered":  # only rows the list showed as pending
            r = shown[row_of(f.url or "") or ""]
            assert not r.answered_at(AS_OF)
    [note] = [f for f in findings if f.rule == "not_judged"]
    assert note.level == "info" and f"{board.rows_not_read}条" in note.message_zh
