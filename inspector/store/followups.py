"""Store APIs of the follow-up work on audits: the alert log and rechecks (tables in ``tables.py``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from inspector.store.db import Store
from inspector.store.tables import AlertLogRow, RecheckRow
from inspector.timeutil import cst_now

AVAILABILITY_KINDS = ("site_down", "site_up")


class AlertLog:
    def __init__(self, store: Store):
        self.store = store

    def record(self, kind: str, site: str, at: datetime, *, sent: bool, detail: str, key: str | None = None) -> None:
        with self.store.session() as s:
            s.add(AlertLogRow(kind=kind, site=site, key=key, at=at, sent=sent, detail=detail[:2000]))

    def seen_key(self, key: str) -> bool:
        with self.store.session() as s:
            return (s.scalar(select(func.count(AlertLogRow.id)).where(AlertLogRow.key == key)) or 0) > 0

    def last_sent(self, site: str, kinds: tuple[str, ...]) -> datetime | None:
        with self.store.session() as s:
            return s.scalar(
                select(func.max(AlertLogRow.at)).where(
                    AlertLogRow.site == site, AlertLogRow.kind.in_(kinds), AlertLogRow.sent.is_(True)
                )
            )

    def held_back_since(self, site: str, kinds: tuple[str, ...], since: datetime | None) -> int:
        with self.store.session() as s:
            q = select(func.count(AlertLogRow.id)).where(
                AlertLogRow.site == site, AlertLogRow.kind.in_(kinds), AlertLogRow.sent.is_(False)
            )
            if since is not None:
                q = q.where(AlertLogRow.at > since)
            return s.scalar(q) or 0

    def availability_state(self, site: str) -> str | None:
        """The last availability transition raised for the site (sent or held back): site_down | site_up."""
        with self.store.session() as s:
            return s.scalar(
                select(AlertLogRow.kind)
                .where(AlertLogRow.site == site, AlertLogRow.kind.in_(AVAILABILITY_KINDS))
                .order_by(AlertLogRow.at.desc(), AlertLogRow.id.desc())
                .limit(1)
            )

    def all(self) -> list[dict[str, Any]]:
        with self.store.session() as s:
            rows = s.scalars(select(AlertLogRow).order_by(AlertLogRow.id))
            return [
                {"kind": r.kind, "site": r.site, "key": r.key, "at": r.at, "sent": r.sent, "detail": r.detail}
                for r in rows
            ]


def save_recheck(store: Store, audit_id: int, as_of: str, items: list[dict[str, Any]], summary: dict[str, Any]) -> int:
    with store.session() as s:
        row = RecheckRow(audit_id=audit_id, at=cst_now(), as_of=as_of, items=items, summary=summary)
        s.add(row)
        s.flush()
        return row.id


def rechecks_of(store: Store, audit_id: int) -> list[dict[str, Any]]:
    with store.session() as s:
        rows = s.scalars(select(RecheckRow).where(RecheckRow.audit_id == audit_id).order_by(RecheckRow.id))
        return [{"id": r.id, "at": r.at, "as_of": r.as_of, "items": r.items, "summary": r.summary} for r in rows]
