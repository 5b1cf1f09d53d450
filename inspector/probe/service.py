"""What the CLI calls: ``inspector probe plan|send|follow|status``.

Safety: ``send_probes`` is a dry run unless ``really_send=True`` *and* the plan's site entry has
``opt_in = true``; a per-site rate limit applies; a probe whose outcome is unknown — left in ``sending``
by a crash, or ``uncertain`` after a timeout, a 5xx or a lost connection after posting — is reconciled
(searched for on the site by its token) before anything else is sent to that site, and is never
submitted twice: while it is not found, the site gets no new probe (a person may resolve it:
``resolve_probe``). Follow-ups look for ``uncertain`` and recently ``failed`` probes by token too.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from inspector.asyncutil import run_sync
from inspector.gather.boards import FetchPage
from inspector.probe import follow as followup
from inspector.probe.ledger import FOLLOW_STATES, UNSURE_STATES, LedgerError, ProbeLedger
from inspector.probe.plan import ProbePlan, ProbeTarget, load_plan
from inspector.probe.submit import CaptchaSolver, ProbeFields, SubmitResult, submit_form
from inspector.probe.text import compose
from inspector.timeutil import CST

log = logging.getLogger(__name__)
FOLLOW_FAILED_DAYS = 30  # a failed probe that posted something is looked for by its token this long


def _plan(plan: ProbePlan | str | Path) -> ProbePlan:
    return plan if isinstance(plan, ProbePlan) else load_plan(plan)


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(CST)) if (now is None or now.tzinfo) else now.replace(tzinfo=CST)


def plan_probes(plan_path: str | Path) -> list[dict[str, Any]]:
    """What each site's probe would say (new tokens each time; nothing is stored or sent)."""
    plan = load_plan(plan_path)
    out = []
    for i, t in enumerate(plan.targets):
        topic = plan.topics[i % len(plan.topics)]
        text = compose(topic.title, topic.body, team_name=plan.team.name, contact=plan.team.contact)
        out.append(
            {
                "site": t.site,
                "channel_url": t.channel_url,
                "kind": t.kind,
                "opt_in": t.opt_in,
                "max_per_day": t.max_per_day,
                "title": text.title,
                "content": text.content,
                "token": text.token,
            }
        )
    return out


def _fields(plan: ProbePlan, target: ProbeTarget, title: str, content: str) -> ProbeFields:
    return ProbeFields(
        title=title,
        content=content,
        name=plan.team.contact_name or plan.team.name,
        phone=plan.team.phone,
        email=plan.team.email,
        extra=dict(target.fields),
    )


async def _reconcile(
    ledger: ProbeLedger, row: dict[str, Any], target: ProbeTarget, fetch: FetchPage | None, now: datetime
) -> dict[str, Any]:
    """A probe whose outcome is unknown (``sending`` after a crash, ``uncertain``): find it on the site by
    its token; never submit it again. Not found: it stays ``uncertain`` and the site gets no new probe."""
    async with _fetcher(fetch) as f:
        found = await followup.locate(row, target, f)
    token = row["token"]
    if found is not None:
        _found(ledger, row, found, now, by="send")
        return {"token": token, "site": row["site"], "action": "reconciled", "state": "submitted", "url": found.url}
    where = [u for u in (target.list_url, target.search_url) if u]
    why = (
        "outcome unknown and the token was not found on the site"
        if where
        else "outcome unknown and the plan gives no list_url or search_url to look for the token"
    )
    detail = (
        f"{why}: no new probe is sent to this site until it is found (follow-ups keep looking) "
        f"or a person resolves it (inspector probe resolve {token} --stored | --not-stored)"
    )
    previous = row.get("detail") or ""
    ledger.move(
        token,
        "uncertain",
        now=now,
        detail=detail if row["state"] == "sending" or not previous else previous,
        event={"reconciled": False, "searched": where},
    )
    return {"token": token, "site": row["site"], "action": "uncertain", "state": "uncertain", "detail": detail}


def _found(ledger: ProbeLedger, row: dict[str, Any], found: followup.FoundReply, now: datetime, by: str) -> None:
    """An unsure or failed probe found on the site by its token: it was submitted after all."""
    ledger.move(
        row["token"],
        "submitted",
        now=now,
        sent_at=row.get("sent_at") or row.get("planned_at") or now,  # it left when it was tried
        site_submitted_at=found.message.submitted_at,
        detail=None,
        event={"reconciled": True, "by": by, "url": found.url, "was": row["state"]},
    )


class _fetcher:
    """Use the caller's fetch, or the crawler's for the duration."""

    def __init__(self, fetch: FetchPage | None) -> None:
        self.fetch = fetch
        self._cm: Any = None

    async def __aenter__(self) -> FetchPage:
        if self.fetch is not None:
            return self.fetch
        self._cm = followup.crawler_fetch()
        return await self._cm.__aenter__()

    async def __aexit__(self, *exc: object) -> None:
        if self._cm is not None:
            await self._cm.__aexit__(*exc)


async def _send(
    plan: ProbePlan,
    db_url: str,
    really_send: bool,
    now: datetime,
    evidence_dir: Path,
    fetch: FetchPage | None,
    solve_captcha: CaptchaSolver | None = None,
    timeout_s: float | None = None,
) -> list[dict[str, Any]]:
    ledger = ProbeLedger(db_url)
    out: list[dict[str, Any]] = []
    for i, target in enumerate(plan.targets):
        topic = plan.topics[i % len(plan.topics)]
        base = {"site": target.site, "channel_url": target.channel_url}
        if not really_send:
            text = compose(topic.title, topic.body, team_name=plan.team.name, contact=plan.team.contact)
            out.append(
                {
                    **base,
                    "action": "dry_run",
                    "would_send": {"title": text.title, "content": text.content},
                    "opt_in": target.opt_in,
                }
            )
            continue
        if not target.opt_in:
            out.append({**base, "action": "skipped", "reason": "the plan has no opt_in for this site"})
            continue
        unsure = ledger.all(site=target.site, states=UNSURE_STATES)
        if unsure:  # reconciled by token first; a run that had to reconcile never also sends
            for row in unsure:
                out.append(await _reconcile(ledger, row, target, fetch, now))
            continue
        sent = ledger.sends_since(target.site, now - timedelta(days=1))
        if sent >= target.max_per_day:
            out.append({**base, "action": "skipped", "reason": f"rate limit: {sent} probe(s) in the last 24 h"})
            continue
        text = compose(topic.title, topic.body, team_name=plan.team.name, contact=plan.team.contact)
        ledger.add(
            token=text.token,
            site=target.site,
            channel_url=target.channel_url,
            kind=target.kind,
            title=text.title,
            content=text.content,
            now=now,
        )
        ledger.move(text.token, "sending", now=now)  # committed before the form is touched
        try:
            result = await submit_form(
                target.channel_url,
                _fields(plan, target, text.title, text.content),
                evidence_dir=evidence_dir,
                solve_captcha=solve_captcha,
                timeout_s=timeout_s,
            )
        except Exception as exc:  # noqa: BLE001 — submit_form answers for what it posted; this is before
            result = SubmitResult("failed", detail=f"{exc.__class__.__name__}: {exc}")
        fields: dict[str, Any] = {
            "tracking_code": result.tracking_code,
            "confirmation": result.confirmation,
            "screenshot": result.screenshot,
            "captcha_image": result.captcha_image,
            "detail": result.detail,
        }
        if result.outcome == "submitted":
            fields["sent_at"] = now
        ledger.move(
            text.token,
            result.outcome,
            now=now,
            event={
                "final_url": result.final_url,
                "tracking_code": result.tracking_code,
                "detail": result.detail,
                "posted": result.posted,
            },
            **fields,
        )
        out.append(
            {
                **base,
                "action": result.outcome,
                "token": text.token,
                "state": result.outcome,
                "tracking_code": result.tracking_code,
                "screenshot": result.screenshot,
                "captcha_image": result.captcha_image,
                "detail": result.detail,
            }
        )
    return out


def send_probes(
    plan: ProbePlan | str | Path,
    db_url: str,
    *,
    really_send: bool = False,
    now: datetime | None = None,
    evidence_dir: str | Path = "probe-evidence",
    fetch: FetchPage | None = None,
    solve_captcha: CaptchaSolver | None = None,
    timeout_s: float | None = None,
) -> list[dict[str, Any]]:
    """Send one probe per opted-in site (dry run unless ``really_send``); returns what happened per site.

    ``solve_captcha`` lets a person answer a captcha while the form is open (interactive step);
    ``timeout_s`` bounds every browser step (default ``CrawlSettings.browser_timeout_s``)."""
    return run_sync(
        _send(_plan(plan), db_url, really_send, _now(now), Path(evidence_dir), fetch, solve_captcha, timeout_s)
    )


def resolve_probe(db_url: str, token: str, *, stored: bool, note: str = "", now: datetime | None = None) -> dict:
    """A person's answer for an ``uncertain`` probe: the site did (``stored``) or did not store it."""
    ledger = ProbeLedger(db_url)
    row = ledger.get(token)
    if row["state"] != "uncertain":
        raise LedgerError(f"probe {token} is {row['state']}, not uncertain: nothing to resolve")
    at = _now(now)
    by_person = {"resolved_by": "person", "note": note[:500]}
    if stored:
        row = ledger.move(token, "submitted", now=at, sent_at=row["planned_at"], detail=None, event=by_person)
    else:
        row = ledger.move(token, "failed", now=at, detail="not stored (a person checked the site)", event=by_person)
    return {"token": token, "site": row["site"], "state": row["state"]}


async def _follow(plan: ProbePlan, db_url: str, now: datetime, fetch: FetchPage | None) -> list[dict[str, Any]]:
    ledger = ProbeLedger(db_url)
    targets = {t.site: t for t in plan.targets}
    out = []
    async with _fetcher(fetch) as f:
        for row in ledger.all(states=FOLLOW_STATES):
            target = targets.get(row["site"])
            if target is None or not _followed(ledger, row, now):
                continue
            out.append(await _follow_one(ledger, row, target, f, now))
    return out


def _followed(ledger: ProbeLedger, row: dict[str, Any], now: datetime) -> bool:
    """Open and uncertain probes always; a failed one while recent and only if something was posted."""
    if row["state"] != "failed":
        return True
    planned = row["planned_at"]
    if planned is None:
        return False
    planned = planned if planned.tzinfo else planned.replace(tzinfo=UTC)  # SQLite keeps UTC without its zone
    if _now(now) - planned > timedelta(days=FOLLOW_FAILED_DAYS):
        return False
    failures = [e for e in ledger.events(row["id"]) if e["state"] == "failed"]
    return any((e["detail"] or {}).get("posted", True) for e in failures)


async def _follow_one(
    ledger: ProbeLedger, row: dict[str, Any], target: ProbeTarget, f: FetchPage, now: datetime
) -> dict[str, Any]:
    """One followed probe: an uncertain or failed one is first looked for by its token (found: it was
    submitted after all); an open one's reply is recorded and judged (latency, quality, disclosure)."""
    token = row["token"]
    if row["state"] in ("uncertain", "failed"):
        shown = await followup.locate(row, target, f)
        if shown is None:
            return {"token": token, "site": row["site"], "state": row["state"], "action": "not_found"}
        _found(ledger, row, shown, now, by="follow-up")
        row = ledger.get(token)
    found = await followup.find_reply(row, target, f)
    if found is not None:
        verdict = followup.judge(row, found.message, target, found.public, now)
        if row["state"] in ("submitted", "overdue"):
            row = ledger.move(
                token,
                "replied",
                now=now,
                event={"url": found.url, **verdict},
                reply_text=found.message.reply,
                reply_unit=found.message.unit,
                site_replied_at=found.message.replied_at,
                reply_url=found.url,
                site_submitted_at=found.message.submitted_at or row["site_submitted_at"],
                first_seen_at=now,
                judgement=verdict,
            )
        state = "disclosed" if found.public else "not_disclosed"
        if row["state"] not in (state, "disclosed"):
            row = ledger.move(
                token,
                state,
                now=now,
                disclosed=found.public,
                judgement={**(row["judgement"] or {}), "public": found.public},
            )
        return {"token": token, "site": row["site"], "state": row["state"], **(row["judgement"] or {})}
    lat = followup.waiting(row, now)
    if row["state"] == "submitted" and lat.working_days > target.sla_working_days:
        row = ledger.move(token, "overdue", now=now, event={"waiting": lat.to_dict()})
    return {"token": token, "site": row["site"], "state": row["state"], "waiting": lat.to_dict()}


async def follow_probe(
    plan: ProbePlan, ledger: ProbeLedger, token: str, now: datetime | None = None, fetch: FetchPage | None = None
) -> dict[str, Any] | None:
    """The follow-up of one probe (a task of a distributed programme); None when it is not open."""
    row = ledger.get(token)
    target = {t.site: t for t in plan.targets}.get(row["site"])
    if row["state"] not in FOLLOW_STATES or target is None or not _followed(ledger, row, _now(now)):
        return None
    async with _fetcher(fetch) as f:
        return await _follow_one(ledger, row, target, f, _now(now))


def follow_probes(
    plan: ProbePlan | str | Path, db_url: str, now: datetime | None = None, fetch: FetchPage | None = None
) -> list[dict[str, Any]]:
    """Look for each open probe's reply; record it and judge latency, quality and disclosure."""
    return run_sync(_follow(_plan(plan), db_url, _now(now), fetch))


def probe_status(db_url: str) -> list[dict[str, Any]]:
    """Each probe with its timeline (planned → sent → answered/overdue → disclosed or not) and evidence;
    ``state_words``: the state in Chinese and English (the report's wording)."""
    from inspector.report.i18n import text as words

    ledger = ProbeLedger(db_url)
    out = []
    for row in ledger.all():
        timeline = [
            {"at": e["at"].isoformat() if e["at"] else None, "state": e["state"], "detail": e["detail"]}
            for e in ledger.events(row["id"])
        ]
        out.append(
            {
                "token": row["token"],
                "site": row["site"],
                "channel_url": row["channel_url"],
                "state": row["state"],
                "state_words": " / ".join(words(f"probe.state.{row['state']}", lang) for lang in ("zh", "en")),
                "title": row["title"],
                "tracking_code": row["tracking_code"],
                "screenshot": row["screenshot"],
                "captcha_image": row["captcha_image"],
                "reply_text": row["reply_text"],
                "reply_url": row["reply_url"],
                "site_submitted_at": row["site_submitted_at"],
                "site_replied_at": row["site_replied_at"],
                "first_seen_at": row["first_seen_at"],
                "disclosed": row["disclosed"],
                "judgement": row["judgement"],
                "detail": row["detail"],
                "timeline": timeline,
            }
        )
    return out
