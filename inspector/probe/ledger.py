"""The probe ledger: one row per probe, moved through a small state machine with a timeline.

    planned → sending → submitted → replied → disclosed | not_disclosed
                 │          └────→ overdue → replied …
                 ├→ uncertain → submitted (found on the site by its token) | failed (a person says: not stored)
                 ├→ needs_person (captcha, SMS)
                 └→ failed → submitted (found on the site after all)

The row reaches ``sending`` (committed) *before* the form is submitted and is completed after, so a
crash leaves a ``sending`` row behind. A send whose outcome is unknown (no answer, 5xx or a lost
connection after posting, no confirmation wording) is ``uncertain``. Before anything is sent to a site
again, its ``sending`` and ``uncertain`` probes are reconciled by searching the site for their token;
one still not found keeps the site from being probed again until it is found or a person resolves it.
Follow-ups look for ``uncertain`` and recently ``failed`` probes too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine

from inspector.probe.tables import probe_events, probes

TRANSITIONS: dict[str, set[str]] = {
    "planned": {"sending", "needs_person", "failed"},
    "sending": {"submitted", "needs_person", "failed", "uncertain"},
    "uncertain": {"submitted", "failed"},
    "needs_person": {"sending", "submitted", "failed"},
    "failed": {"sending", "submitted"},
    "submitted": {"replied", "overdue"},
    "overdue": {"replied"},
    "replied": {"disclosed", "not_disclosed"},
    "not_disclosed": {"disclosed"},
    "disclosed": set(),
}
OPEN_STATES = ("submitted", "overdue", "replied", "not_disclosed")  # sent: follow-ups look for the reply
UNSURE_STATES = ("sending", "uncertain")  # reconciled by token before another probe goes to the site
FOLLOW_STATES = (*OPEN_STATES, "uncertain", "failed")  # follow-ups look at these (failed: recent ones)


class LedgerError(RuntimeError):
    pass


def _utc(dt: datetime | None) -> datetime:
    return (dt or datetime.now(UTC)).astimezone(UTC)


class ProbeLedger:
    def __init__(self, db_url: str, engine: Engine | None = None) -> None:
        if engine is None:
            from inspector.store.db import open_store  # migrates the schema, probe tables included

            engine = open_store(db_url).engine
        self.engine = engine

    def add(
        self,
        *,
        token: str,
        site: str,
        channel_url: str,
        kind: str,
        title: str,
        content: str,
        now: datetime | None = None,
    ) -> dict[str, Any]:
        at = _utc(now)
        with self.engine.begin() as c:
            key = c.execute(
                insert(probes).values(
                    token=token,
                    site=site,
                    channel_url=channel_url,
                    kind=kind,
                    state="planned",
                    title=title,
                    content=content,
                    planned_at=at,
                    updated_at=at,
                )
            ).inserted_primary_key
            pid = key[0] if key is not None else None
            c.execute(
                insert(probe_events).values(probe_id=pid, at=at, state="planned", detail={"channel": channel_url})
            )
        return self.get(token)

    def move(
        self, token: str, state: str, *, now: datetime | None = None, event: dict[str, Any] | None = None, **fields: Any
    ) -> dict[str, Any]:
        """Change state (checked against TRANSITIONS) and set fields, in one transaction with its event."""
        at = _utc(now)
        with self.engine.begin() as c:
            row = c.execute(select(probes).where(probes.c.token == token)).mappings().first()
            if row is None:
                raise LedgerError(f"no probe {token}")
            if state != row["state"] and state not in TRANSITIONS[row["state"]]:
                raise LedgerError(f"probe {token}: {row['state']} → {state} is not allowed")
            c.execute(update(probes).where(probes.c.id == row["id"]).values(state=state, updated_at=at, **fields))
            if state != row["state"] or event:
                c.execute(insert(probe_events).values(probe_id=row["id"], at=at, state=state, detail=event or {}))
        return self.get(token)

    def update(self, token: str, **fields: Any) -> dict[str, Any]:
        with self.engine.begin() as c:
            c.execute(update(probes).where(probes.c.token == token).values(updated_at=_utc(None), **fields))
        return self.get(token)

    def get(self, token: str) -> dict[str, Any]:
        with self.engine.connect() as c:
            row = c.execute(select(probes).where(probes.c.token == token)).mappings().first()
        if row is None:
            raise LedgerError(f"no probe {token}")
        return dict(row)

    def all(self, *, site: str | None = None, states: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
        q = select(probes).order_by(probes.c.id)
        if site:
            q = q.where(probes.c.site == site)
        if states:
            q = q.where(probes.c.state.in_(states))
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings()]

    def events(self, probe_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            q = select(probe_events).where(probe_events.c.probe_id == probe_id).order_by(probe_events.c.id)
            return [dict(r) for r in c.execute(q).mappings()]

    def sends_since(self, site: str, since: datetime) -> int:
        """Probes that left (or tried to leave) for this site since ``since``: the rate limit's count."""
        with self.engine.connect() as c:
            q = (
                select(func.count())
                .select_from(probe_events)
                .join(probes, probes.c.id == probe_events.c.probe_id)
                .where(probes.c.site == site, probe_events.c.state == "sending", probe_events.c.at >= _utc(since))
            )
            return int(c.execute(q).scalar_one())
