"""Every scenario starts, serves real HTTP on loopback, and stops; manifests list the defects."""

from __future__ import annotations

import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from inspector.samplesites import list_scenarios, manifest_for, serve_scenario
from inspector.samplesites.content import id_checksum

CHECK_IDS = {
    "availability",
    "homepage-freshness",
    "column-freshness",
    "blank-columns",
    "interaction-channel",
    "unanswered-messages",
    "service-offering",
    "broken-links",
    "identity-marks",
    "gov-domain",
    "site-search",
    "find-errors-entry",
    "annual-report",
    "policy-interpretation",
    "reply-latency",
    "brush-off-replies",
    "result-disclosure",
    "message-statistics",
    "hidden-links",
    "spam-content",
    "cloaking",
    "defacement",
    "forged-dates",
    "personal-data",
    "misstatements",
    "crawler-trap",
}
FAST = {"slow-home": {"home_delay": 0.2}}
# What each defect scenario must plant (check ids), and its expected vetoes.
EXPECTED = {
    "stale-home": ({"homepage-freshness"}, ["V3"]),
    "stale-columns": ({"column-freshness"}, ["V4a"]),
    "stale-columns-4": ({"column-freshness"}, []),
    "long-stale": ({"column-freshness"}, ["V4b"]),
    "blank-columns": ({"blank-columns"}, ["V4c"]),
    "broken-links": ({"broken-links"}, []),
    "bad-identity": ({"identity-marks", "gov-domain", "find-errors-entry", "annual-report"}, []),
    "unanswered": (
        {"unanswered-messages", "reply-latency", "brush-off-replies", "result-disclosure", "message-statistics"},
        ["V5b"],
    ),
    "hacked": (
        {"hidden-links", "spam-content", "cloaking", "defacement", "personal-data", "misstatements"},
        ["V1-cloaking", "V1-dark-links", "V1-defacement", "V1-misstatement", "V1-spam"],
    ),
    "forged-dates": ({"forged-dates"}, ["V1-forged-dates"]),
    "slow-home": ({"availability"}, ["V2"]),
    "flaky-home": ({"availability"}, ["V2"]),
    "traps": ({"crawler-trap"}, []),
    "broken-features": ({"site-search", "policy-interpretation", "service-offering"}, []),
    "no-interaction": ({"interaction-channel", "service-offering"}, ["V5a", "V6"]),
    "hdjl-articles": ({"message-statistics"}, []),
}
NO_DEFECTS = {"clean", "captcha", "tipdm", "mailbox-unpublished", "large-board"}


def test_scenario_list_covers_the_brief() -> None:
    names = {n for n, _ in list_scenarios()}
    assert names == set(EXPECTED) | NO_DEFECTS


@pytest.mark.parametrize("name", [n for n, _ in list_scenarios()])
def test_scenario_serves_and_stops(name: str, http: httpx.Client) -> None:
    with serve_scenario(name, params=FAST.get(name)) as world:
        urls = world.urls
        assert set(urls) == {"portal", "board", "complaints"}
        assert len({httpx.URL(u).port for u in urls.values()}) == 3
        home = http.get(urls["portal"])
        assert home.status_code == 200 and "人民政府" in home.text
        assert "2026年11月16日 星期一" in home.text  # header shows the clock's today
        assert http.get(urls["board"] + "list").status_code == 200
        assert http.get(urls["complaints"]).status_code == 200
        clock = http.get(urls["board"] + "_sim/clock").json()
        assert clock["today"] == "2026-11-16"
        manifest = world.manifest()
    for url in urls.values():  # every port is closed after the world stops
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", httpx.URL(url).port), timeout=1).close()
    assert manifest["scenario"] == name and manifest["today"] == "2026-11-16"


@pytest.mark.parametrize("name", [n for n, _ in list_scenarios()])
def test_manifest_lists_planted_defects(name: str) -> None:
    m = manifest_for(name)
    assert m["sites"]["portal"].startswith("http://127.0.0.1:")
    for d in m["defects"]:
        assert d["check"] in CHECK_IDS, d
        assert set(d) >= {"check", "rule", "clause", "severity", "url", "column", "dates", "note"}
        assert d["severity"] in ("veto", "deduction", "info")
        assert d["url"] is None or d["url"].startswith(("http://", "https://"))
    if name in NO_DEFECTS:
        assert m["defects"] == [] and m["expected"] == {"verdict": "pass", "vetoes": []}
        return
    checks, vetoes = EXPECTED[name]
    assert {d["check"] for d in m["defects"]} >= checks
    assert m["expected"]["vetoes"] == vetoes
    assert m["expected"]["verdict"] == ("fail" if vetoes else "pass")


def test_manifest_counts_match_thresholds() -> None:
    def count(name: str, check: str, rule: str | None = None) -> int:
        return sum(
            1 for d in manifest_for(name)["defects"] if d["check"] == check and (rule is None or d["rule"] == rule)
        )

    assert count("stale-columns", "column-freshness", "news_policy") == 5
    assert count("stale-columns-4", "column-freshness", "news_policy") == 4
    assert count("long-stale", "column-freshness", "long_stale") == 10
    assert count("blank-columns", "blank-columns") == 5
    assert count("broken-links", "broken-links", "home") == 6 and count("broken-links", "broken-links", "other") == 3
    assert count("unanswered", "unanswered-messages") == 3
    m = manifest_for("blank-columns")
    assert any(n["check"] == "blank-columns" and n.get("column") == "国有资产管理" for n in m["non_defects"])


def test_manifest_urls_follow_the_served_ports() -> None:
    m = manifest_for(
        "broken-links",
        base_urls={
            "portal": "http://127.0.0.1:9100",
            "board": "http://127.0.0.1:9101/",
            "complaints": "http://127.0.0.1:9102/",
            "dead": "http://127.0.0.1:9103/",
        },
    )
    urls = {d["url"] for d in m["defects"]}
    assert "http://127.0.0.1:9103/" in urls
    assert all(u.startswith("http://127.0.0.1:910") for u in urls)


def _status(http: httpx.Client, url: str) -> int | str:
    try:
        r = http.get(url)
    except httpx.ConnectError:
        return "refused"
    if r.status_code == 200 and "页面不存在" in r.text:
        return "soft-404"
    return r.status_code


def test_broken_links_are_really_broken_and_on_their_pages(http: httpx.Client) -> None:
    with serve_scenario("broken-links") as world:
        m = world.manifest()
        for d in m["defects"]:
            assert _status(http, d["url"]) in (404, 403, "refused", "soft-404"), d
            page = http.get(d["found_on"]).text
            assert httpx.URL(d["url"]).path in page or d["url"] in page, d
    with serve_scenario("clean") as world:  # the same home page links are fine in clean
        assert _status(http, world.urls["portal"] + "zt/xczx/index.html") == 200


def test_stale_column_dates_match_manifest(http: httpx.Client) -> None:
    with serve_scenario("stale-columns") as world:
        for d in world.manifest()["defects"]:
            r = http.get(d["url"])
            text = r.content.decode("gbk" if "gbk" in r.headers["content-type"] else "utf-8")
            y, mo, dd = (int(x) for x in d["dates"]["newest"].split("-"))
            variants = [f"{y}-{mo:02d}-{dd:02d}", f"{y}年{mo}月{dd}日", f"{y}.{mo:02d}.{dd:02d}", f"{y}/{mo}/{dd}"]
            if "list.json" not in text:
                assert any(v in text for v in variants), d
            else:  # the JavaScript column: the dates are in the JSON endpoint
                js = http.get(d["url"].replace("index.html", "list.json")).json()
                assert js["items"][0]["date"] in variants


def test_gbk_pages_are_really_gbk(http: httpx.Client) -> None:
    with serve_scenario("clean") as world:
        cols = {c["code"]: c for c in world.manifest()["facts"]["columns"]}
        r = http.get(cols["tzgg"]["url"])  # declared by the Content-Type header only
        assert r.headers["content-type"] == "text/html; charset=gbk"
        assert b"<meta charset" not in r.content
        with pytest.raises(UnicodeDecodeError):
            r.content.decode("utf-8")
        assert "通知公告" in r.content.decode("gbk")
        art = re.search(
            r'href="(/col/zcjd/\d{6}/t\d{8}_\d+\.html)"', http.get(cols["zcjd"]["url"]).content.decode("gb2312")
        )
        r2 = http.get(world.urls["portal"] + art.group(1).lstrip("/"))  # declared only by <meta charset="gb2312">
        assert r2.headers["content-type"] == "text/html"
        assert b'<meta charset="gb2312">' in r2.content
        with pytest.raises(UnicodeDecodeError):
            r2.content.decode("utf-8")
        assert "政策解读" in r2.content.decode("gb2312")


def test_fifty_concurrent_requests_complete_quickly() -> None:
    with serve_scenario("clean") as world:
        cols = [c["url"] for c in world.manifest()["facts"]["columns"]]
        urls = [world.urls["portal"], world.urls["board"] + "list", *cols] * 5
        urls = urls[:50]
        start = time.monotonic()
        with httpx.Client(timeout=10, limits=httpx.Limits(max_connections=60)) as c, ThreadPoolExecutor(50) as pool:
            codes = list(pool.map(lambda u: c.get(u).status_code, urls))
        assert codes == [200] * 50
        assert time.monotonic() - start < 5


@pytest.mark.parametrize(("share", "failures"), [(0.05, 5), (0.04, 4)])
def test_flaky_home_fails_an_exact_share(share: float, failures: int, http: httpx.Client) -> None:
    with serve_scenario("flaky-home", params={"failure_share": share}) as world:
        codes = [http.get(world.urls["portal"]).status_code for _ in range(100)]
        assert codes.count(503) == failures and codes.count(200) == 100 - failures
        assert world.stats()["portal"]["home_failures"] == failures
        vetoes = world.manifest()["expected"]["vetoes"]
        assert vetoes == (["V2"] if share >= 0.05 else [])


def test_slow_home_waits(http: httpx.Client) -> None:
    with serve_scenario("slow-home", params={"home_delay": 0.6}) as world:
        t = time.monotonic()
        assert http.get(world.urls["portal"]).status_code == 200
        assert time.monotonic() - t >= 0.6
        assert world.manifest()["expected"]["vetoes"] == []  # below the 15 s timeout


def test_hacked_cloaking_hidden_links_and_pii(http: httpx.Client) -> None:
    with serve_scenario("hacked") as world:
        home = world.urls["portal"]
        normal = http.get(home).text
        spider = http.get(home, headers={"User-Agent": "Mozilla/5.0 (compatible; Baiduspider/2.0)"}).text
        referred = http.get(home, headers={"Referer": "https://www.baidu.com/s?wd=%E6%B8%85%E6%B2%B3"}).text
        assert "www.bjl-zr.com" not in normal and "www.bjl-zr.com" in spider and "www.bjl-zr.com" in referred
        m = world.manifest()
        for d in m["defects"]:
            if d["check"] == "hidden-links":
                assert d["url"] in normal
            if d["check"] == "personal-data":
                page = http.get(d["url"]).content.decode("gbk")
                assert d["value"] in page
        ids = [d["value"] for d in m["defects"] if d.get("kind") == "id_number"]
        assert len(ids) == 1 and len(ids[0]) == 18 and id_checksum(ids[0][:17]) == ids[0][17]
        mis = next(d for d in m["defects"] if d["check"] == "misstatements")
        assert "中国入民" in http.get(mis["url"]).text


def test_forged_dates_track_the_clock(http: httpx.Client) -> None:
    with serve_scenario("forged-dates") as world:
        url = world.urls["portal"] + "col/ywdt/index.html"
        assert http.get(url).text.count("2026-11-16") >= 15
        http.post(world.urls["portal"] + "_sim/clock", json={"advance_days": 1})
        assert http.get(url).text.count("2026-11-17") >= 15


def test_traps_behave_as_traps(http: httpx.Client) -> None:
    with serve_scenario("traps") as world:
        p = world.urls["portal"]
        r = http.get(p + "zt/hdzt/index.html")
        assert (
            r.status_code == 302
            and http.get(p + r.headers["location"].lstrip("/")).headers["location"] == "/zt/hdzt/index.html"
        )
        assert "month=2027-01" in http.get(p + "calendar?month=2026-12").text
        assert 'href="a/"' in http.get(p + "zt/a/a/a/").text
        a = http.get(p + "jsp/activity.jsp;jsessionid=X").text
        b = http.get(p + "jsp/activity.jsp;jsessionid=X").text
        assert re.findall(r"jsessionid=(\w+)", a) != re.findall(r"jsessionid=(\w+)", b)


def test_unanswered_board_shows_the_planted_rows(http: httpx.Client) -> None:
    with serve_scenario("unanswered") as world:
        m = world.manifest()
        lst = http.get(world.urls["board"] + "list").text
        assert "收到留言" not in lst  # no statistics in this scenario
        assert re.search(r"2026/\d{1,2}/\d{1,2} \d{1,2}:\d{2}:\d{2}", lst)  # CSV-style times
        for d in m["defects"]:
            if d["check"] == "unanswered-messages":
                page = http.get(d["url"]).text
                assert "未回复" in page or "办理中" in page
    with serve_scenario("clean") as world:
        lst = http.get(world.urls["board"] + "list").text
        assert "收到留言" in lst and "答复率" in lst and "平均办理时长" in lst
        assert re.search(r"2026-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", lst)


def test_search_finds_titles(http: httpx.Client) -> None:
    with serve_scenario("clean") as world:
        home = http.get(world.urls["portal"]).text
        title = re.search(r'<div class="headline"><a href="[^"]+">([^<]+)</a>', home).group(1)
        r = http.get(world.urls["portal"] + "search", params={"q": title})
        assert "共找到1条结果" in r.text or "共找到" in r.text and title in r.text
    with serve_scenario("broken-features") as world:
        r = http.get(world.urls["portal"] + "search", params={"q": "人民政府"})
        assert "共找到0条结果" in r.text


def test_policy_documents_link_interpretations(http: httpx.Client) -> None:
    with serve_scenario("clean") as world:
        col = http.get(world.urls["portal"] + "col/zcwj/index.html").text
        first = re.search(r'href="(/col/zcwj/\d{6}/t\d{8}_\d+\.html)"', col).group(1)
        assert "相关解读" in http.get(world.urls["portal"] + first.lstrip("/")).text
