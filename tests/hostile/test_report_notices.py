"""Issue 16: what went wrong in the run reaches the report as information — a page whose handling failed
(with its URL) and the requests the network policy refused — escaped, in both languages; and a probe
whose outcome is unknown shows as ``uncertain`` in the report and in ``probe status``."""

from __future__ import annotations

from crawl.servers import Reply, page, serve
from hostile_servers import internal_server, site_with

from inspector.audit import AuditOptions, run_audit
from inspector.probe.ledger import ProbeLedger
from inspector.probe.service import probe_status
from inspector.profile import load_profile
from inspector.report import render_site_html

PAYLOAD = "<img src=x onerror=alert(1)>"


def options() -> AuditOptions:
    return AuditOptions(
        profile=load_profile("cn-gov-2019"),
        as_of="2026-11-16",
        render="never",
        screenshots=False,
        cloaking=False,
        fetch_settings={"per_host_delay_s": 0.0, "timeout_s": 3.0, "sitemap": False, "retry_times": 0},
    )


def test_worker_errors_and_refused_requests_are_run_notices_in_the_report(tmp_path, monkeypatch) -> None:
    from inspector.crawl import site as crawl_site_module

    real = crawl_site_module.normalize_url

    def exploding(url, settings=None):
        if "boom" in url:
            raise RuntimeError(f"a bug no one has found yet {PAYLOAD}")
        return real(url, settings)

    monkeypatch.setattr(crawl_site_module, "normalize_url", exploding)
    with internal_server() as intranet:
        routes = site_with(
            [intranet.url("/admin"), "/go"],
            {
                "/a": Reply(body=page("政务公开", links=["/boom"])),
                "/go": Reply(302, "", {"Location": intranet.url("/x")}),
            },
        )
        with serve(routes) as site:
            db = f"sqlite:///{tmp_path}/s.db"
            [v] = run_audit([site.url("/")], options(), db_url=db)
            ledger = ProbeLedger(db)  # a probe of this site whose send ended uncertain
            ledger.add(
                token="GI-PROBE-00C0FFEE", site=site.url("/"), channel_url="c", kind="mailbox", title="t", content="c"
            )
            ledger.move("GI-PROBE-00C0FFEE", "sending")
            ledger.move("GI-PROBE-00C0FFEE", "uncertain", detail="HTTP 500 after posting")
            [v2] = run_audit([site.url("/")], options(), db_url=db)
    assert intranet.total_hits == 0
    crawl = v.run["crawl"]
    assert crawl["worker_error_count"] == 1 and crawl["worker_errors"][0]["url"].endswith("/a → " + site.url("/boom"))
    refused = {b["url"] for b in crawl["blocked"]}
    assert {intranet.url("/admin"), intranet.url("/x")} <= refused and crawl["blocked_count"] == len(refused)
    zh, en = render_site_html(v, lang="zh"), render_site_html(v, lang="en")
    for html, words in (
        (zh, ("运行提示", "页面处理出错", "内网地址未访问")),
        (en, ("Run notices", "page handling failed")),
    ):
        section = html.split('<section id="notices">', 1)[1].split("</section>", 1)[0]
        assert all(w in section for w in words), words
        assert intranet.url("/admin") in section and site.url("/a") in section
        assert PAYLOAD not in html and "&lt;img src=x onerror=alert(1)&gt;" in section
    assert v.score is not None  # information only: the run is still judged
    # the uncertain probe in the next report and in `probe status`, in both languages
    assert "提交结果不明" in render_site_html(v2, lang="zh") and "uncertain (to be reconciled" in render_site_html(
        v2, lang="en"
    )
    [status] = probe_status(db)
    assert (
        status["state"] == "uncertain"
        and "提交结果不明" in status["state_words"]
        and "uncertain" in status["state_words"]
    )


def test_a_clean_run_has_no_notices_section(tmp_path) -> None:
    with serve(site_with([])) as site:
        [v] = run_audit([site.url("/")], options(), db_url=f"sqlite:///{tmp_path}/s.db")
    assert v.run["crawl"]["blocked_count"] == 0 and '<section id="notices">' not in render_site_html(v)
