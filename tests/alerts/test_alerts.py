"""Alerts to real local receivers: SMTP (aiosmtpd) and a webhook receiver, in all four formats, rate-limited."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
from datetime import datetime, timedelta

import pytest

from alerts.receivers import SmtpReceiver, WebhookReceiver, alerts_section
from inspector.alerts import Alerter
from inspector.alerts.config import AlertConfigError, parse_alerts
from inspector.model import AvailabilitySample, Finding, Verdict
from inspector.plan import PlanError, parse_plan
from inspector.store.db import open_store
from inspector.store.followups import AlertLog

SITE = "http://www.qinghe.gov.cn/"
T0 = datetime(2026, 11, 16, 10, 0, 0)


@pytest.fixture
def receivers(monkeypatch):
    monkeypatch.setenv("TEST_DING_SECRET", "SECding")
    monkeypatch.setenv("TEST_FEISHU_SECRET", "feishu-secret")
    with SmtpReceiver() as smtp, WebhookReceiver() as hooks:
        yield smtp, hooks


def _alerter(tmp_path, smtp, hooks, **extra) -> tuple[Alerter, object]:
    store = open_store(f"sqlite:///{tmp_path / 'alerts.db'}")
    plan = parse_plan(
        {"sites": [{"url": SITE, "name": "清河县人民政府"}], "alerts": alerts_section(smtp, hooks, **extra)}
    )
    return Alerter.from_plan(plan, store), store


def _sample(store, at: datetime, ok: bool) -> AvailabilitySample:
    s = AvailabilitySample(
        at=at, url=SITE, ok=ok, elapsed_ms=120.0, status=200 if ok else 503, error=None if ok else "http_5xx: HTTP 503"
    )
    store.add_availability(SITE, s)
    return s


def test_site_down_and_back_up_reach_every_receiver(tmp_path, receivers):
    smtp, hooks = receivers
    alerter, store = _alerter(tmp_path, smtp, hooks)

    async def scenario() -> list[list[str]]:
        out = []
        for i, ok in enumerate([True, False, False, False, True]):  # one bad visit is not "down"; two are
            out.append(await alerter.on_sample(SITE, _sample(store, T0 + timedelta(hours=i), ok)))
        return out

    events = asyncio.run(scenario())
    assert events == [[], [], ["site_down"], [], ["site_up"]]
    assert [m["Subject"] for m in smtp.messages] == ["【网站无法访问】清河县人民政府", "【网站恢复访问】清河县人民政府"]
    body = smtp.messages[0].get_content()
    assert "连续2次访问首页失败" in body and "2026-11-16 11:00:00" in body and SITE in body

    [down, up] = hooks.at("/json")
    assert down["body"]["event"] == "site_down" and up["body"]["event"] == "site_up"
    assert down["body"]["name"] == "清河县人民政府" and down["body"]["at"] == "2026-11-16T12:00:00"

    wecom = hooks.at("/wecom")[0]
    assert wecom["query"]["key"] == ["k1"]
    assert wecom["body"]["msgtype"] == "text" and "网站无法访问" in wecom["body"]["text"]["content"]

    ding = hooks.at("/dingtalk")[0]
    assert ding["body"] == {"msgtype": "text", "text": {"content": wecom["body"]["text"]["content"]}}
    ts = ding["query"]["timestamp"][0]
    expected = base64.b64encode(hmac.new(b"SECding", f"{ts}\nSECding".encode(), hashlib.sha256).digest()).decode()
    assert ding["query"]["sign"] == [expected]

    feishu = hooks.at("/feishu")[0]["body"]
    assert feishu["msg_type"] == "text" and "清河县人民政府" in feishu["content"]["text"]
    key = f"{feishu['timestamp']}\nfeishu-secret".encode()
    assert feishu["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def test_a_flapping_site_does_not_flood(tmp_path, receivers):
    smtp, hooks = receivers
    alerter, store = _alerter(tmp_path, smtp, hooks, min_interval_minutes=60, down_after=1)

    async def flap() -> None:
        for i in range(12):  # down / up every five minutes for an hour
            await alerter.on_sample(SITE, _sample(store, T0 + timedelta(minutes=5 * i), ok=i % 2 == 1))
        await alerter.on_sample(SITE, _sample(store, T0 + timedelta(minutes=65), ok=False))

    asyncio.run(flap())
    subjects = [m["Subject"] for m in smtp.messages]
    assert subjects == ["【网站无法访问】清河县人民政府", "【网站无法访问】清河县人民政府"]  # one an hour
    last = smtp.messages[-1].get_content()
    assert "另有11条同类提醒因频率限制未单独发送" in last
    log = AlertLog(store).all()
    assert len(log) == 13 and sum(r["sent"] for r in log) == 2


def _verdict(keys_new: list[str] | None, baseline: str | None) -> Verdict:
    f = Finding(
        check="homepage-freshness",
        message_zh="首页最近一条信息发布于2026-10-01，已超过2周未更新",
        message_en="home page not updated for 46 days",
        url=SITE,
        item="V3",
        severity="veto",
    )
    v = Verdict(site=SITE, verdict="fail", score=100.0, profile="cn-gov-2019", as_of="2026-11-16", findings=[f])
    v.run = {"changes": {"baseline": baseline, "new": keys_new if keys_new is not None else [f.key]}}
    return v


def test_new_veto_alerted_once_and_probe_overdue_once(tmp_path, receivers):
    smtp, hooks = receivers
    alerter, _ = _alerter(tmp_path, smtp, hooks, min_interval_minutes=0)

    async def run() -> list[list[str]]:
        return [
            await alerter.on_verdict(_verdict(None, None), T0),  # first audit: its vetoes are new
            await alerter.on_verdict(_verdict([], "2026-11-16"), T0 + timedelta(days=1)),  # still open: not new
            await alerter.on_probes(
                [{"token": "GI-PROBE-0A1B2C3D", "site": SITE, "state": "overdue", "waiting": {"working_days": 12}}], T0
            ),
            await alerter.on_probes(
                [{"token": "GI-PROBE-0A1B2C3D", "site": SITE, "state": "overdue", "waiting": {"working_days": 13}}],
                T0 + timedelta(days=1),
            ),
        ]

    assert asyncio.run(run()) == [["new_veto"], [], ["probe_overdue"], []]
    veto = hooks.at("/json")[0]["body"]
    assert veto["event"] == "new_veto" and any("V3 首页最近一条信息发布于2026-10-01" in line for line in veto["lines"])
    assert "GI-PROBE-0A1B2C3D" in hooks.at("/json")[1]["body"]["text"]


def test_an_unreachable_receiver_is_recorded_not_raised(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    from alerts.receivers import free_port

    port = free_port()  # nothing listens there
    cfg = parse_alerts({"webhooks": [{"url": f"http://127.0.0.1:{port}/hook", "timeout_s": 2}], "down_after": 1})
    alerter = Alerter(cfg, store)
    sample = AvailabilitySample(at=T0, url=SITE, ok=False, status=None, error="connect: refused")
    store.add_availability(SITE, sample)
    assert asyncio.run(alerter.on_sample(SITE, sample)) == []
    [row] = AlertLog(store).all()
    assert row["sent"] is False and "127.0.0.1" in row["detail"] and "ConnectError" in row["detail"]


@pytest.mark.parametrize(
    "alerts, message",
    [
        ({"webhooks": [{"url": "ftp://x/", "format": "json"}]}, "not an http"),
        ({"webhooks": [{"url": "http://x/", "format": "slack"}]}, "format 'slack' unknown"),
        ({"email": {"host": "h", "to": ["a@b"]}}, "`from:` is required"),
        ({"events": ["site_down", "sunrise"]}, "events:"),
    ],
)
def test_alert_config_errors_are_one_line(alerts, message):
    with pytest.raises(AlertConfigError, match=message):
        parse_alerts(alerts)
    with pytest.raises(PlanError, match="alerts: "):
        parse_plan({"sites": [SITE], "alerts": alerts})
