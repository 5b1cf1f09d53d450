"""The store: runs, sites, audits, page artifacts, findings, verdicts, availability samples.

``open_store(url)`` brings the schema to the latest Alembic revision, so a new SQLite file and an
existing PostgreSQL database are handled the same way.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, event, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from inspector.model import (
    AvailabilitySample,
    LinkCheck,
    LinkOutcome,
    Page,
    SiteArtifacts,
    Verdict,
    from_jsonable,
    to_jsonable,
)
from inspector.settings import DEFAULT_DB_URL
from inspector.store.tables import (
    Audit,
    AvailabilitySampleRow,
    FindingRow,
    LinkCheckRow,
    PageRow,
    Run,
    Site,
)


class StoreError(RuntimeError):
    """The database URL is wrong or the database cannot be reached."""


def _now() -> datetime:
    from inspector.timeutil import cst_now

    return cst_now()  # the project's convention: China Standard Time, naive


def normalise_url(url: str) -> str:
    """Accept a bare path as a SQLite file."""
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().resolve()}"


def url_key(url: str) -> str:
    """The key of a page or link row within its audit (sha1: URLs are too long for a portable index)."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


def _finding_keys(keys: list[str]) -> list[str]:
    """One stable hash per finding: its key and how many findings before it had the same key."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(hashlib.sha1(f"{key}#{n}".encode()).hexdigest())
    return out


def migrate(engine: Engine) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("inspector.store") / "migrations"))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # workers starting together: one migrates, the others wait
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7271717)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._session = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._session.begin() as s:
            yield s

    def _upsert(self, s: Session, table: Any, rows: list[dict[str, Any]], keys: tuple[str, ...]) -> None:
        """Insert rows; a row whose key is already stored replaces it (a resume, a second writer)."""
        if not rows:
            return
        dialect = self.engine.dialect.name
        if dialect not in ("sqlite", "postgresql"):
            for row in rows:  # portable fallback: one row at a time, in this transaction
                s.execute(delete(table).where(*(getattr(table, k) == row[k] for k in keys)))
                s.execute(table.__table__.insert().values(**row))
            return
        make = sqlite.insert if dialect == "sqlite" else postgresql.insert
        stmt = make(table.__table__)
        changed = {c: stmt.excluded[c] for c in rows[0] if c not in keys}
        s.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=changed), rows)

    # ------------------------------------------------------------------ runs and sites
    def start_run(self, profile: str, as_of: str, version: str, options: dict[str, Any]) -> int:
        from inspector.store.leases import _owner, reap_runs

        reap_runs(self)  # runs whose process is gone (killed) do not stay "running"
        with self.session() as s:
            run = Run(
                started_at=_now(),
                profile=profile,
                as_of=as_of,
                version=version,
                options=to_jsonable(options),
                status="running",
                owner=_owner(),
                heartbeat_at=_now(),
            )
            s.add(run)
            s.flush()
            return run.id

    def finish_run(self, run_id: int, status: str = "done") -> None:
        with self.session() as s:
            s.execute(update(Run).where(Run.id == run_id).values(finished_at=_now(), status=status, owner=None))

    def site_id(self, url: str, name: str | None = None) -> int:
        with self.session() as s:
            site = s.scalar(select(Site).where(Site.url == url))
            if site is None:
                site = Site(url=url, name=name, first_seen=_now())
                s.add(site)
                s.flush()
            elif name and not site.name:
                site.name = name
            return site.id

    def start_audit(self, run_id: int, site_url: str) -> int:
        sid = self.site_id(site_url)
        with self.session() as s:
            audit = Audit(run_id=run_id, site_id=sid, status="running", started_at=_now())
            s.add(audit)
            s.flush()
            return audit.id

    def unfinished_audit(self, site_url: str) -> int | None:
        """The latest audit of this site that was interrupted, to resume from its frontier."""
        with self.session() as s:
            return s.scalar(
                select(Audit.id)
                .join(Site, Site.id == Audit.site_id)
                .where(Site.url == site_url, Audit.status == "running")
                .order_by(Audit.id.desc())
                .limit(1)
            )

    # ------------------------------------------------------------------ artifacts as they arrive
    def add_page(self, audit_id: int, page: Page, body: str | None = None) -> None:
        """Store a fetched page; the same URL stored again in this audit (a resume) replaces its row."""
        data = to_jsonable(page)
        data.pop("text", None)
        with self.session() as s:
            self._upsert(
                s,
                PageRow,
                [
                    dict(
                        audit_id=audit_id,
                        key=url_key(page.url),
                        url=page.url,
                        final_url=page.final_url,
                        status=page.status,
                        error=page.error,
                        content_type=page.content_type[:200],
                        encoding=page.encoding,
                        elapsed_ms=page.elapsed_ms,
                        size=page.size,
                        depth=page.depth,
                        via=page.via,
                        fetched_at=page.fetched_at,
                        title=page.title,
                        published=page.published.value.isoformat() if page.published else None,
                        published_source=page.published.source if page.published else None,
                        body=zlib.compress(body.encode("utf-8")) if body else None,
                        extracted=data,
                    )
                ],
                ("audit_id", "key"),
            )

    def pages(self, audit_id: int) -> list[dict[str, Any]]:
        with self.session() as s:
            return [r.extracted for r in s.scalars(select(PageRow).where(PageRow.audit_id == audit_id))]

    def page_body(self, audit_id: int, url: str) -> str | None:
        with self.session() as s:
            body = s.scalar(select(PageRow.body).where(PageRow.audit_id == audit_id, PageRow.url == url))
            return zlib.decompress(body).decode("utf-8") if body else None

    def add_link_checks(self, audit_id: int, checks: list[LinkCheck]) -> None:
        """Store link verdicts; a link stored again in this audit (a resume) replaces its row."""
        rows = [self._link_row(audit_id, k, c) for k, c in {url_key(c.url): c for c in checks}.items()]
        with self.session() as s:
            for i in range(0, len(rows), 500):
                self._upsert(s, LinkCheckRow, rows[i : i + 500], ("audit_id", "key"))

    @staticmethod
    def _link_row(audit_id: int, key: str, c: LinkCheck) -> dict[str, Any]:
        return dict(
            audit_id=audit_id,
            key=key,
            url=c.url,
            outcome=c.outcome,
            status=c.status,
            detail=c.detail,
            on_home=c.on_home,
            internal=c.internal,
            found_on=c.found_on[:20],
            tag=c.tag,
            text=c.text[:500],
        )

    def add_availability(self, site_url: str, sample: AvailabilitySample) -> None:
        sid = self.site_id(site_url)
        with self.session() as s:
            s.add(
                AvailabilitySampleRow(
                    site_id=sid,
                    at=sample.at,
                    url=sample.url,
                    ok=sample.ok,
                    elapsed_ms=sample.elapsed_ms,
                    status=sample.status,
                    error=sample.error,
                )
            )

    def availability(self, site_url: str, since: datetime, until: datetime) -> list[AvailabilitySample]:
        with self.session() as s:
            rows = s.scalars(
                select(AvailabilitySampleRow)
                .join(Site, Site.id == AvailabilitySampleRow.site_id)
                .where(Site.url == site_url, AvailabilitySampleRow.at >= since, AvailabilitySampleRow.at <= until)
                .order_by(AvailabilitySampleRow.at)
            )
            return [
                AvailabilitySample(at=r.at, url=r.url, ok=r.ok, elapsed_ms=r.elapsed_ms, status=r.status, error=r.error)
                for r in rows
            ]

    # ------------------------------------------------------------------ verdicts
    def finish_audit(self, audit_id: int, verdict: Verdict, artifacts_summary: dict[str, Any] | None = None) -> None:
        data = to_jsonable(verdict)
        with self.session() as s:
            # The row lock serialises two writers of the same audit (PostgreSQL; SQLite serialises anyway).
            audit = s.get(Audit, audit_id, with_for_update=True)
            assert audit is not None
            audit.owner = None
            audit.status = "done"
            audit.finished_at = _now()
            audit.verdict = verdict.verdict
            audit.score = verdict.score
            audit.not_inspected = verdict.not_inspected_reason
            audit.verdict_json = data
            audit.artifacts_json = artifacts_summary
            s.execute(delete(FindingRow).where(FindingRow.audit_id == audit_id))
            hashes = _finding_keys([f.key for f in verdict.findings])
            s.add_all(
                FindingRow(
                    audit_id=audit_id,
                    key_hash=key_hash,
                    site_id=audit.site_id,
                    check=f.check,
                    rule=f.rule,
                    item=f.item,
                    severity=f.severity,
                    level=f.level,
                    points=f.points,
                    url=f.url,
                    column=f.column,
                    message_zh=f.message_zh,
                    message_en=f.message_en,
                    key=f.key,
                    evidence=to_jsonable(f.evidence),
                )
                for f, key_hash in zip(verdict.findings, hashes)
            )

    def history(self, site_url: str, limit: int = 50) -> list[dict[str, Any]]:
        """Finished audits of a site, newest first: when, verdict, score, profile, counts."""
        with self.session() as s:
            rows = s.execute(
                select(Audit, Run)
                .join(Site, Site.id == Audit.site_id)
                .join(Run, Run.id == Audit.run_id)
                .where(Site.url == site_url, Audit.status == "done")
                .order_by(Audit.id.desc())
                .limit(limit)
            ).all()
            out = []
            for audit, run in rows:
                v = audit.verdict_json or {}
                out.append(
                    {
                        "audit_id": audit.id,
                        "run_id": run.id,
                        "finished_at": audit.finished_at,
                        "as_of": run.as_of,
                        "profile": run.profile,
                        "verdict": audit.verdict,
                        "score": audit.score,
                        "not_inspected": audit.not_inspected,
                        "vetoes": sum(1 for f in v.get("findings", []) if f.get("severity") == "veto"),
                        "deductions": sum(1 for f in v.get("findings", []) if f.get("severity") == "deduction"),
                        "stats": v.get("stats", {}),
                        "verdict_json": v,
                    }
                )
            return out

    def previous_verdict(self, site_url: str, before_audit: int | None = None) -> dict[str, Any] | None:
        with self.session() as s:
            q = (
                select(Audit.verdict_json)
                .join(Site, Site.id == Audit.site_id)
                .where(Site.url == site_url, Audit.status == "done")
            )
            if before_audit is not None:
                q = q.where(Audit.id < before_audit)
            return s.scalar(q.order_by(Audit.id.desc()).limit(1))

    def previous_artifacts(self, site_url: str, before_audit: int | None = None) -> dict[str, Any] | None:
        """The artifact summary of the last finished audit (columns with item dates …)."""
        with self.session() as s:
            q = (
                select(Audit.artifacts_json)
                .join(Site, Site.id == Audit.site_id)
                .where(Site.url == site_url, Audit.status == "done", Audit.artifacts_json.is_not(None))
            )
            if before_audit is not None:
                q = q.where(Audit.id < before_audit)
            return s.scalar(q.order_by(Audit.id.desc()).limit(1))

    def load_artifacts(self, audit_id: int) -> SiteArtifacts:
        """The artifacts of a finished audit, rebuilt from the store: judge them again without the site."""
        with self.session() as s:
            audit = s.get(Audit, audit_id)
            if audit is None or audit.artifacts_json is None:
                raise StoreError(f"audit {audit_id} has no stored artifacts (unknown id, or not finished)")
            summary = dict(audit.artifacts_json)
            finished = audit.finished_at
            rows = list(s.scalars(select(PageRow).where(PageRow.audit_id == audit_id).order_by(PageRow.id)))
            links = list(s.scalars(select(LinkCheckRow).where(LinkCheckRow.audit_id == audit_id)))
        a = from_jsonable(SiteArtifacts, summary)
        pages = {}
        for r in rows:  # a page fetched twice (resumed audit) counts once: the last fetch wins
            pages[r.url] = from_jsonable(Page, r.extracted)
        a.pages = list(pages.values())
        a.home = next((p for p in a.pages if p.depth == 0), a.pages[0] if a.pages else None)
        a.link_checks = [
            LinkCheck(
                url=r.url,
                outcome=cast(LinkOutcome, r.outcome),
                status=r.status,
                detail=r.detail,
                found_on=list(r.found_on or []),
                on_home=r.on_home,
                internal=r.internal,
                tag=r.tag,
                text=r.text,
            )
            for r in links
        ]
        end = max(a.as_of, finished) if finished else a.as_of  # the audit's own sample is taken in real time
        a.availability = self.availability(a.site, end - timedelta(days=7), end)
        return a

    def sites(self) -> list[tuple[str, str | None, int]]:
        with self.session() as s:
            rows = s.execute(
                select(Site.url, Site.name, func.count(Audit.id)).outerjoin(Audit).group_by(Site.id).order_by(Site.url)
            )
            return [(u, n, c) for u, n, c in rows]

    # ------------------------------------------------------------------ retention
    def prune_bodies(self, older_than_days: int) -> int:
        """Drop raw page bodies older than N days; findings and verdicts are kept forever."""
        cutoff = _now() - timedelta(days=older_than_days)
        with self.session() as s:
            res = s.execute(
                update(PageRow).where(PageRow.fetched_at < cutoff, PageRow.body.is_not(None)).values(body=None)
            )
            return getattr(res, "rowcount", 0) or 0


def open_store(url: str = DEFAULT_DB_URL) -> Store:
    url = normalise_url(url)
    try:
        engine = create_engine(url, future=True, pool_pre_ping=True)  # a restarted server: reconnect, not fail
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {url!r}: {exc}") from None
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # noqa: ANN001 — DBAPI types
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=5000")
            cur.close()

    try:
        migrate(engine)
    except OperationalError as exc:
        raise StoreError(f"cannot open database {url!r}: {exc.orig}") from None
    return Store(engine)


def fail_audit(store: Store, audit_id: int, reason: str) -> None:
    """Best effort: an audit that crashed is ``failed`` with its reason (the store itself may be the cause)."""
    from inspector.store.tables import Audit as AuditRow

    try:
        with store.session() as s:
            s.execute(
                update(AuditRow)
                .where(AuditRow.id == audit_id, AuditRow.status == "running")
                .values(status="failed", finished_at=_now(), not_inspected=reason[:200], owner=None)
            )
    except SQLAlchemyError:
        pass
