"""The review workflow's store API (issue 14): what needs a person, and what the person decided.

A veto-strength finding that is not certain is 待人工复核 (severity ``review``): not scored until a
person confirms it (it then vetoes) or dismisses it (with the reason; it is then information). The
decision is stored with who, when and why, the audit's verdict is scored again, and a dismissal is
remembered for the site and the finding key: the site's next audit shows the same finding as
"dismissed earlier" instead of raising it again (see ``inspector.scoring`` for the exact rule).

This is a store-level API, so the command line (``inspector review``) and a later web front end use
the same calls::

    reviews = Reviews(open_store(url))
    reviews.pending(audit_id)                       # findings that need review
    reviews.decide(audit_id, key, "dismissed", by="王检查员", why="菜单中的外链", profile=prof)
    reviews.remembered(site_url, before_audit=n)    # decisions an audit of the site applies
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from inspector.model import Finding, Verdict, from_jsonable
from inspector.profile import Profile, load_profile
from inspector.scoring import Decision, DecisionState, fingerprint, rescore
from inspector.store.db import Store, StoreError
from inspector.store.tables import Audit, ReviewRow, Site

DECISIONS: tuple[DecisionState, ...] = ("confirmed", "dismissed")


class ReviewError(ValueError):
    """A decision that cannot be recorded as asked (unknown audit or key, no reason for a dismissal …)."""


def _now() -> datetime:
    from inspector.timeutil import cst_now

    return cst_now()


def _decision(r: ReviewRow, *, earlier: bool) -> Decision:
    return Decision(
        key=r.key,
        state=r.decision,  # type: ignore[arg-type]
        by=r.by,
        at=r.at.replace(microsecond=0).isoformat(),
        why=r.why,
        audit_id=r.audit_id,
        fingerprint=r.fingerprint,
        earlier=earlier,
    )


class Reviews:
    def __init__(self, store: Store):
        self.store = store

    # ------------------------------------------------------------------ reading
    def verdict(self, audit_id: int) -> Verdict:
        """The stored verdict of a finished audit."""
        with self.store.session() as s:
            audit = s.get(Audit, audit_id)
            if audit is None or audit.verdict_json is None:
                raise ReviewError(f"audit {audit_id} has no stored verdict (unknown id, or not finished)")
            data = dict(audit.verdict_json)
        v: Verdict = from_jsonable(Verdict, data)
        return v

    def pending(self, audit_id: int) -> list[Finding]:
        """Findings of the audit that need a person's decision."""
        return self.verdict(audit_id).reviews

    def decided(self, audit_id: int) -> list[Finding]:
        """Findings of the audit carrying a decision (this audit's, or a dismissal remembered from before)."""
        return [f for f in self.verdict(audit_id).findings if f.review]

    def decisions(self, audit_id: int) -> dict[str, Decision]:
        """What scoring applies to this audit: the site's earlier dismissals, then this audit's decisions."""
        site_url, site_id = self._site_of(audit_id)
        out = self.remembered(site_url, before_audit=audit_id)
        with self.store.session() as s:
            rows = s.scalars(select(ReviewRow).where(ReviewRow.audit_id == audit_id).order_by(ReviewRow.id))
            for r in rows:  # the latest decision on a key wins
                out[r.key] = _decision(r, earlier=False)
        return out

    def remembered(self, site_url: str, before_audit: int | None = None) -> dict[str, Decision]:
        """The site's decisions from audits before ``before_audit``: the latest per key, dismissals only."""
        with self.store.session() as s:
            q = select(ReviewRow).join(Site, Site.id == ReviewRow.site_id).where(Site.url == site_url)
            if before_audit is not None:
                q = q.where(ReviewRow.audit_id < before_audit)
            latest: dict[str, ReviewRow] = {}
            for r in s.scalars(q.order_by(ReviewRow.id)):
                latest[r.key] = r
        return {k: _decision(r, earlier=True) for k, r in latest.items() if r.decision == "dismissed"}

    def history(self, audit_id: int) -> list[dict[str, Any]]:
        """Every decision recorded on the audit, oldest first (who, when, what, why)."""
        with self.store.session() as s:
            rows = s.scalars(select(ReviewRow).where(ReviewRow.audit_id == audit_id).order_by(ReviewRow.id))
            return [
                {"key": r.key, "check": r.check, "decision": r.decision, "by": r.by, "at": r.at, "why": r.why}
                for r in rows
            ]

    # ------------------------------------------------------------------ deciding
    def decide(
        self,
        audit_id: int,
        key: str,
        decision: DecisionState,
        *,
        by: str,
        why: str = "",
        profile: Profile | None = None,
    ) -> Verdict:
        """Record a decision on every finding of the audit with ``key``, score the verdict again and store it."""
        if decision not in DECISIONS:
            raise ReviewError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
        why = (why or "").strip()
        if decision == "dismissed" and not why:
            raise ReviewError("a dismissal needs its reason (--why TEXT): the next audit shows it")
        if not (by or "").strip():
            raise ReviewError("who decides must be named (--by NAME)")
        verdict = self.verdict(audit_id)
        matching = [f for f in verdict.findings if f.key == key and f.level == "fail"]
        if not matching:
            keys = sorted({f.key for f in verdict.reviews})
            hint = f"; needing review: {', '.join(keys[:5])}" if keys else "; nothing needs review"
            raise ReviewError(f"audit {audit_id} has no counted finding with key {key!r}{hint}")
        try:
            prof = profile or load_profile(verdict.profile)
        except ValueError as exc:
            raise ReviewError(f"cannot score audit {audit_id} again: {exc} (pass --profile)") from None
        _, site_id = self._site_of(audit_id)
        with self.store.session() as s:
            s.add(
                ReviewRow(
                    audit_id=audit_id,
                    site_id=site_id,
                    key=key,
                    check=matching[0].check,
                    decision=decision,
                    by=by.strip()[:200],
                    at=_now(),
                    why=why,
                    fingerprint=fingerprint(matching[0]),
                )
            )
        new = rescore(verdict, prof, self.decisions(audit_id))
        self._store_verdict(audit_id, new)
        return new

    def rescore(self, audit_id: int, profile: Profile | None = None) -> Verdict:
        """The stored verdict scored again with every decision that applies to it (and stored)."""
        verdict = self.verdict(audit_id)
        new = rescore(verdict, profile or load_profile(verdict.profile), self.decisions(audit_id))
        self._store_verdict(audit_id, new)
        return new

    # ------------------------------------------------------------------ internals
    def _site_of(self, audit_id: int) -> tuple[str, int]:
        with self.store.session() as s:
            row = s.execute(
                select(Site.url, Site.id).join(Audit, Audit.site_id == Site.id).where(Audit.id == audit_id)
            ).first()
        if row is None:
            raise ReviewError(f"no audit {audit_id} in this store")
        return str(row[0]), int(row[1])

    def _store_verdict(self, audit_id: int, verdict: Verdict) -> None:
        with self.store.session() as s:
            audit = s.get(Audit, audit_id)
            if audit is None:
                raise StoreError(f"audit {audit_id} disappeared")
            summary, finished = audit.artifacts_json, audit.finished_at
        self.store.finish_audit(audit_id, verdict, summary)
        with self.store.session() as s:  # re-scoring is not finishing again: keep the audit's own time
            audit = s.get(Audit, audit_id)
            if audit is not None:
                audit.finished_at = finished


def remembered_decisions(store: Store, site_url: str, before_audit: int | None = None) -> dict[str, Decision]:
    """The decisions an audit of ``site_url`` applies (for ``inspector.audit``)."""
    return Reviews(store).remembered(site_url, before_audit=before_audit)
