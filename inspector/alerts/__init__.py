"""Alerts from the scheduler: a site going down and coming back, a new veto, a probe becoming overdue.

    alerter = Alerter.from_plan(plan, store)      # the plan's ``alerts:`` (see inspector.alerts.config)
    await alerter.on_sample(site, sample)         # after each availability sample
    await alerter.on_verdict(verdict)             # after each scheduled audit
    await alerter.on_probes(results)              # after each probe follow-up

Every alert raised is written to the store's ``alert_log``, sent or not: the rate limit allows one
alert per site and kind of event (down/up count as one kind) every ``min_interval_minutes``, and the
next one that goes out says how many were held back. A probe is alerted overdue once, ever.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from inspector.alerts.channels import send_email, send_webhook
from inspector.alerts.config import AlertConfig, parse_alerts
from inspector.alerts.message import Alert
from inspector.model import AvailabilitySample, Verdict
from inspector.store.db import Store
from inspector.store.followups import AVAILABILITY_KINDS, AlertLog
from inspector.timeutil import cst_naive, cst_now

log = logging.getLogger(__name__)

__all__ = ["Alert", "AlertConfig", "Alerter", "parse_alerts"]


def _group(kind: str) -> tuple[str, ...]:
    return AVAILABILITY_KINDS if kind in AVAILABILITY_KINDS else (kind,)


class Alerter:
    def __init__(
        self,
        config: AlertConfig,
        store: Store,
        *,
        names: dict[str, str] | None = None,
        now: Callable[[], datetime] = cst_now,
    ):
        self.config, self.store, self.log = config, store, AlertLog(store)
        self.names = names or {}
        self.now = now

    @classmethod
    def from_plan(cls, plan: Any, store: Store, **kw: Any) -> Alerter:
        names = {s.url: s.name for s in plan.sites if s.name}
        return cls(parse_alerts(plan.alerts), store, names=names, **kw)

    def name(self, site: str) -> str:
        return self.names.get(site) or self.names.get(site.rstrip("/")) or site

    # ------------------------------------------------------------------ delivery
    async def deliver(self, alert: Alert) -> bool:
        """Send through every channel unless the event is off, already alerted, or rate-limited."""
        if alert.kind not in self.config.events:
            return False
        if alert.key and self.log.seen_key(alert.key):
            return False
        group = _group(alert.kind)
        last = self.log.last_sent(alert.site, group)
        window = timedelta(minutes=self.config.min_interval_minutes)
        if last is not None and alert.at - last < window:
            self.log.record(alert.kind, alert.site, alert.at, sent=False, detail="rate limit", key=alert.key)
            return False
        alert.suppressed = self.log.held_back_since(alert.site, group, last)
        lang = self.config.lang
        results: list[tuple[bool, str]] = []
        if self.config.email:
            results.append(await send_email(self.config.email, alert, lang))
        for hook in self.config.webhooks:
            results.append(await send_webhook(hook, alert, lang))
        for ok, why in results:
            if not ok:
                log.warning("alert %s for %s not delivered: %s", alert.kind, alert.site, why)
        sent = any(ok for ok, _ in results)
        self.log.record(
            alert.kind, alert.site, alert.at, sent=sent, detail="; ".join(why for _, why in results), key=alert.key
        )
        return sent

    # ------------------------------------------------------------------ events
    async def on_sample(self, site: str, sample: AvailabilitySample) -> list[str]:
        """Down after ``down_after`` failed samples in a row; back up at the first good one after that."""
        at = cst_naive(sample.at) or self.now()
        state = self.log.availability_state(site)
        if sample.ok:
            if state != "site_down":
                return []
            alert = Alert(
                "site_up",
                site,
                self.name(site),
                at,
                lines_zh=[f"首页恢复正常访问（HTTP {sample.status}，用时{_ms(sample.elapsed_ms)}）"],
                lines_en=[f"the home page opens again (HTTP {sample.status}, {_ms(sample.elapsed_ms, 'en')})"],
            )
            return ["site_up"] if await self._raise(alert) else []
        if state == "site_down":
            return []
        recent = self.store.availability(site, at - timedelta(days=2), at)[-self.config.down_after :]
        if len(recent) < self.config.down_after or any(s.ok for s in recent):
            return []
        since = recent[0].at
        error = sample.error or f"HTTP {sample.status}"
        alert = Alert(
            "site_down",
            site,
            self.name(site),
            at,
            lines_zh=[f"自 {since:%Y-%m-%d %H:%M:%S} 起连续{len(recent)}次访问首页失败", f"最近一次：{error}"],
            lines_en=[f"{len(recent)} visits in a row failed since {since:%Y-%m-%d %H:%M:%S}", f"last: {error}"],
            data={"since": since.isoformat(), "error": error},
        )
        return ["site_down"] if await self._raise(alert) else []

    async def _raise(self, alert: Alert) -> bool:
        """Deliver, and record an availability transition even when it was not delivered."""
        sent = await self.deliver(alert)
        if not sent and alert.kind in AVAILABILITY_KINDS and self.log.availability_state(alert.site) != alert.kind:
            self.log.record(alert.kind, alert.site, alert.at, sent=False, detail="not delivered", key=None)
        return sent

    async def on_verdict(self, v: Verdict, at: datetime | None = None) -> list[str]:
        """Veto findings not in the site's previous audit (all of them on a first audit)."""
        changes = v.run.get("changes") or {}
        new = set(changes.get("new") or [])
        first = not changes.get("baseline")
        fresh = [f for f in v.vetoes if first or f.key in new]
        if not fresh:
            return []
        zh = [f"本次检查结论：{'不合格' if v.verdict == 'fail' else v.verdict}，新增单项否决问题{len(fresh)}条："]
        en = [f"verdict: {v.verdict}; {len(fresh)} new veto finding(s):"]
        for f in fresh[:5]:
            zh.append(f"· {f.item or f.check} {f.message_zh}")
            en.append(f"· {f.item or f.check} {f.message_en}")
        if len(fresh) > 5:
            zh.append(f"……另有{len(fresh) - 5}条，详见检查报告")
            en.append(f"… and {len(fresh) - 5} more in the report")
        at = at or _when(v) or self.now()
        alert = Alert("new_veto", v.site, self.name(v.site), at, lines_zh=zh, lines_en=en, data={"new": len(fresh)})
        return ["new_veto"] if await self.deliver(alert) else []

    async def on_probes(self, results: list[dict[str, Any]], at: datetime | None = None) -> list[str]:
        sent = []
        for r in results:
            if r.get("state") != "overdue" or not r.get("token"):
                continue
            waiting = r.get("waiting") or {}
            days = waiting.get("working_days")
            alert = Alert(
                "probe_overdue",
                r.get("site") or "*",
                self.name(r.get("site") or "*"),
                at or self.now(),
                lines_zh=[f"测试留言 {r['token']} 已等待{days}个工作日仍未答复"],
                lines_en=[f"probe {r['token']} unanswered after {days} working days"],
                key=f"probe_overdue:{r['token']}",
                data={"token": r["token"], "waiting": waiting},
            )
            if await self.deliver(alert):
                sent.append("probe_overdue")
        return sent


def _ms(elapsed: float | None, lang: str = "zh") -> str:
    if elapsed is None:
        return "—"
    return f"{elapsed / 1000:.1f}秒" if lang == "zh" else f"{elapsed / 1000:.1f} s"


def _when(v: Verdict) -> datetime | None:
    raw = v.run.get("finished_at") or v.run.get("started_at")
    try:
        return cst_naive(datetime.fromisoformat(str(raw))) if raw else None
    except ValueError:
        return None
