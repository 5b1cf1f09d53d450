"""Mailbox (CSRF, clerk after N working days), complaints captcha, tipdm board, working-day table."""

from __future__ import annotations

import csv
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import httpx
import pytest

from inspector.samplesites import serve_scenario
from inspector.samplesites.messages import tipdm_csv_path
from inspector.workdays import add_working_days, is_workday


def _form_token(http: httpx.Client, base: str) -> str:
    r = http.get(base + "hdjl/xzxx/write")
    assert r.status_code == 200 and "csrf_token" in r.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', r.text).group(1)
    assert http.cookies.get("XZXX_CSRF") == token
    return token


LETTER = {
    "title": "关于城关镇路灯不亮的问题",
    "content": "城关镇中华路路灯已坏两周。探针TOKEN-7f3a9c",
    "name": "王先生",
    "phone": "13812345678",
    "email": "a@b.cn",
    "category": "咨询",
    "agree": "1",
}


def test_csrf_form_rejects_missing_wrong_and_replayed_tokens(http: httpx.Client) -> None:
    with serve_scenario("clean") as world:
        base = world.urls["portal"]
        r = http.post(base + "hdjl/xzxx/write", data=LETTER)  # no token, no cookie
        assert r.status_code == 403 and "CSRF" in r.text
        token = _form_token(http, base)
        r = http.post(base + "hdjl/xzxx/write", data={**LETTER, "csrf_token": "forged"})
        assert r.status_code == 403
        r = http.post(base + "hdjl/xzxx/write", data={**LETTER, "csrf_token": token, "title": "路灯"})
        assert r.status_code == 400 and "不少于5个字" in r.text  # the server re-validates
        token = _form_token(http, base)
        r = http.post(base + "hdjl/xzxx/write", data={**LETTER, "csrf_token": token})
        assert r.status_code == 200 and re.search(r'id="letter-no">XZ\d{12}<', r.text)
        r = http.post(base + "hdjl/xzxx/write", data={**LETTER, "csrf_token": token})  # replay
        assert r.status_code == 403
        stats = world.stats()["portal"]
        assert stats["mailbox_submissions"] == 1 and len(stats["mailbox_letters"]) == 1
        assert "TOKEN-7f3a9c" in http.get(base + "hdjl/xzxx/search", params={"q": "TOKEN-7f3a9c"}).text
        page = http.get(base + "hdjl/xzxx/write").text
        assert "length < 5" in page and "agree" in page  # client-side validation script is present


def _expected_answer_day(submitted: date, n: int) -> date:
    import chinese_calendar  # independent oracle for the private holiday table

    d, k = submitted, 0
    while k < n:
        d += timedelta(days=1)
        if chinese_calendar.is_workday(d):
            k += 1
    return d


@pytest.mark.parametrize(("start", "n"), [("2026-09-18T10:00", 12), ("2026-11-16T10:00", 12), ("2026-02-12T15:00", 3)])
def test_clerk_answers_after_exactly_n_working_days(start: str, n: int, http: httpx.Client) -> None:
    with serve_scenario("clean", params={"today": start, "clerk_delay_workdays": n}) as world:
        base = world.urls["portal"]
        http.post(base + "_sim/clock", json={"set": start})
        token = _form_token(http, base)
        no = re.search(
            r'id="letter-no">(XZ\d{12})<',
            http.post(base + "hdjl/xzxx/write", data={**LETTER, "csrf_token": token}).text,
        ).group(1)
        due = _expected_answer_day(date.fromisoformat(start[:10]), n)
        listing = base + "hdjl/xzxx/"
        http.post(base + "_sim/clock", json={"set": f"{due - timedelta(days=1)}T18:00"})
        assert no not in http.get(listing).text
        http.post(base + "_sim/clock", json={"set": f"{due}T08:59"})
        assert no not in http.get(listing).text
        http.post(base + "_sim/clock", json={"set": f"{due}T09:00"})
        assert no in http.get(listing).text
        detail = http.get(base + f"hdjl/xzxx/detail/{no}.html").text
        assert f"{due}" in detail and "答复如下" in detail
        assert world.stats()["portal"]["mailbox_letters"][0]["answered"] is True


def test_unpublished_answers_stay_out_of_the_list(http: httpx.Client) -> None:
    with serve_scenario("mailbox-unpublished", params={"clerk_delay_workdays": 1}) as world:
        base = world.urls["portal"]
        token = _form_token(http, base)
        no = re.search(
            r'id="letter-no">(XZ\d{12})<',
            http.post(base + "hdjl/xzxx/write", data={**LETTER, "csrf_token": token}).text,
        ).group(1)
        world.clock.advance(days=7)
        assert no not in http.get(base + "hdjl/xzxx/").text
        assert "已回复" in http.get(base + "hdjl/xzxx/search", params={"q": no}).text
        m = world.manifest()
        assert [d["check"] for d in m["defects"]] == ["result-disclosure"]


def test_captcha_is_required_when_enabled(http: httpx.Client) -> None:
    form = {
        "title": "商户拒绝开具发票",
        "content": "某超市拒开发票。",
        "name": "李女士",
        "phone": "13912345678",
        "category": "投诉",
    }
    with serve_scenario("captcha", params={"complaint_delay_workdays": 2}) as world:
        base = world.urls["complaints"]
        assert 'src="/captcha.png"' in http.get(base + "submit").text
        r = http.post(base + "submit", data=form)
        assert r.status_code == 400 and "请输入验证码" in r.text
        png = http.get(base + "captcha.png")
        assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
        r = http.post(base + "submit", data={**form, "captcha": "0000"})
        assert r.status_code == 400 and "验证码错误" in r.text
        http.get(base + "captcha.png")
        answer = http.get(base + "_sim/captcha").json()["answer"]
        r = http.post(base + "submit", data={**form, "captcha": answer.lower()})
        code = re.search(r'id="query-code">(\w+)<', r.text).group(1)
        assert world.stats()["complaints"]["complaint_submissions"] == 1
        q = http.get(base + "query", params={"code": code}).text
        assert "提交" in q and "办结" not in q
        world.clock.advance(days=10)
        q = http.get(base + "query", params={"code": code}).text
        assert "受理" in q and "转办" in q and "id='status'>办结<" in q and "经调查核实" in q
    with serve_scenario("clean") as world:  # no captcha by default
        r = http.post(world.urls["complaints"] + "submit", data=form)
        assert r.status_code == 200 and "query-code" in r.text


def test_tipdm_board_serves_every_csv_row_with_exact_times() -> None:
    path = tipdm_csv_path()
    if not path.is_file():
        pytest.skip(f"../shared not present: {path} (set INSPECTOR_SHARED_DIR)")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = {int(r["留言编号"]): r for r in csv.DictReader(fh)}
    assert len(rows) == 845
    with serve_scenario("tipdm") as world, httpx.Client(timeout=10, limits=httpx.Limits(max_connections=40)) as c:
        board = world.urls["board"]
        first = c.get(board + "list").text
        pages = int(re.search(r"共(\d+)页", first).group(1))
        with ThreadPoolExecutor(16) as pool:
            listings = list(pool.map(lambda p: c.get(board + f"list?page={p}").text, range(1, pages + 1)))
        listed = {}
        for html in listings:
            for mid, when in re.findall(
                r"<tr><td>(\d+)</td><td class=\"t\"><a[^>]*>[^<]*</a></td><td>([^<]*)</td>", html
            ):
                listed[int(mid)] = when
        assert set(listed) == set(rows)
        assert all(listed[i] == rows[i]["留言时间"] for i in rows)

        def reply_time(mid: int) -> str:
            html = c.get(board + f"detail/{mid}").text
            return re.search(r"<th>答复时间</th><td class=\"t\">([^<]*)</td>", html).group(1)

        with ThreadPoolExecutor(16) as pool:
            replies = dict(zip(rows, pool.map(reply_time, rows)))
        assert all(replies[i] == rows[i]["答复时间"] for i in rows)
        assert world.manifest()["facts"]["board"]["source"] == "tipdm"


def test_tipdm_falls_back_to_generated_rows(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("INSPECTOR_SHARED_DIR", str(tmp_path))
    with serve_scenario("tipdm") as world:
        assert world.board_source == "generated" and len(world.board_rows) > 20


def test_workday_table_the_clerk_uses_matches_chinese_calendar() -> None:
    import chinese_calendar

    d = date(2025, 1, 1)
    while d <= date(2026, 12, 31):
        assert is_workday(d) == chinese_calendar.is_workday(d), d
        d += timedelta(days=1)
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 10)  # 调休 Saturday
