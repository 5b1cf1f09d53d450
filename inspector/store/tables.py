"""Database tables (SQLAlchemy 2). Schema changes go through Alembic migrations in ./migrations.

SQLite is the embedded default; every type here also works on PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Run(Base):
    """One invocation of `inspector audit` (or a scheduled audit) over one or more sites."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    profile: Mapped[str] = mapped_column(String(100))
    as_of: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(40))
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running | done | interrupted
    owner: Mapped[str | None] = mapped_column(String(200), nullable=True)  # host:pid:nonce of the live process
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Site(Base):
    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    name: Mapped[str | None] = mapped_column(String(300), nullable=True)
    first_seen: Mapped[datetime] = mapped_column(DateTime)


class Audit(Base):
    """The per-site unit of work: one site inside one run. Its verdict is stored as JSON."""

    __tablename__ = "audits"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running | done | failed
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    verdict: Mapped[str | None] = mapped_column(String(20), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    not_inspected: Mapped[str | None] = mapped_column(String(200), nullable=True)
    verdict_json: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    artifacts_json: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # The process auditing it (inspector.store.leases); NULL once finished or released (resumable).
    owner: Mapped[str | None] = mapped_column(String(200), nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    # One running audit per site: a second concurrent audit of it can neither share nor double it.
    __table_args__ = (
        Index(
            "ux_audits_running_site",
            "site_id",
            unique=True,
            sqlite_where=sql_text("status = 'running'"),
            postgresql_where=sql_text("status = 'running'"),
        ),
    )


class PageRow(Base):
    __tablename__ = "pages"
    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    final_url: Mapped[str] = mapped_column(String(2000), default="")
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(String(100), nullable=True)
    content_type: Mapped[str] = mapped_column(String(200), default="")
    encoding: Mapped[str] = mapped_column(String(40), default="")
    elapsed_ms: Mapped[float] = mapped_column(Float, default=0.0)
    size: Mapped[int] = mapped_column(Integer, default=0)
    depth: Mapped[int] = mapped_column(Integer, default=0)
    via: Mapped[str] = mapped_column(String(20), default="http")
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    title: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str | None] = mapped_column(String(20), nullable=True)
    published_source: Mapped[str | None] = mapped_column(String(40), nullable=True)
    body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # zlib; pruned by retention
    extracted: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the Page artifact minus body
    key: Mapped[str] = mapped_column(String(40))  # sha1 of the URL: one row per page and audit (a resume overwrites)

    __table_args__ = (
        Index("ix_pages_audit_url", "audit_id", "url"),
        Index("ux_pages_audit_key", "audit_id", "key", unique=True),
    )


class FindingRow(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    check: Mapped[str] = mapped_column(String(100))
    rule: Mapped[str | None] = mapped_column(String(100), nullable=True)
    item: Mapped[str | None] = mapped_column(String(100), nullable=True)
    severity: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    points: Mapped[float] = mapped_column(Float, default=0.0)
    url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    column: Mapped[str | None] = mapped_column(String(300), nullable=True)
    message_zh: Mapped[str] = mapped_column(Text, default="")
    message_en: Mapped[str] = mapped_column(Text, default="")
    key: Mapped[str] = mapped_column(String(3000))
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    key_hash: Mapped[str] = mapped_column(String(40))  # sha1 of "key#n" (n-th finding with that key)

    __table_args__ = (Index("ux_findings_audit_key", "audit_id", "key_hash", unique=True),)


class LinkCheckRow(Base):
    __tablename__ = "link_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    outcome: Mapped[str] = mapped_column(String(40))
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    on_home: Mapped[bool] = mapped_column(Boolean, default=False)
    internal: Mapped[bool] = mapped_column(Boolean, default=True)
    found_on: Mapped[list[Any]] = mapped_column(JSON, default=list)
    tag: Mapped[str] = mapped_column(String(20), default="a", server_default="a")
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    key: Mapped[str] = mapped_column(String(40))  # sha1 of the URL: one row per link and audit

    __table_args__ = (Index("ux_link_checks_audit_key", "audit_id", "key", unique=True),)


class AvailabilitySampleRow(Base):
    """One visit of a site's home page (V2 needs a week of ≥ 20 a day)."""

    __tablename__ = "availability_samples"
    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    url: Mapped[str] = mapped_column(String(2000))
    ok: Mapped[bool] = mapped_column(Boolean)
    elapsed_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(String(200), nullable=True)


class TaskRun(Base):
    """One scheduled task slot (kind × site × cron slot). Unique, so a restart never runs it twice."""

    __tablename__ = "task_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # availability | audit | probes | report
    site: Mapped[str] = mapped_column(String(2000))  # site URL, or "*" for plan-wide tasks
    due_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(20), default="running")  # running | done | failed
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ux_task_slot", "kind", "site", "due_at", unique=True),)


class AlertLogRow(Base):
    """One alert the scheduler raised: sent, or held back by the rate limit (issue 15)."""

    __tablename__ = "alert_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # site_down | site_up | new_veto | probe_overdue
    site: Mapped[str] = mapped_column(String(2000))
    key: Mapped[str | None] = mapped_column(String(300), nullable=True)  # one-time events (probe token)
    at: Mapped[datetime] = mapped_column(DateTime)
    sent: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_alert_log_site_kind", "site", "kind"),)


class RecheckRow(Base):
    """A recheck of an audit's open items: each item fixed, still open or not rechecked (issue 15)."""

    __tablename__ = "rechecks"
    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    as_of: Mapped[str] = mapped_column(String(40))
    items: Mapped[list[Any]] = mapped_column(JSON, default=list)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


# --- issue 17: programmes on a queue (inspector.store.programme) and the crawl frontier in the store ----------
class ProgrammeRun(Base):
    """One programme put on the queue: the plan as data (workers need no file) and the run its audits join."""

    __tablename__ = "programme_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(500), unique=True)  # "run:<uuid>" or "schedule:<plan>:<kind>:<slot>"
    name: Mapped[str] = mapped_column(String(300), default="")
    plan: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # as_of, lang, formats, output, profile …
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"), nullable=True)
    state: Mapped[str] = mapped_column(String(20), default="running")  # running | done
    created_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    report_state: Mapped[str] = mapped_column(String(20), default="pending")  # pending | publishing | done | none
    report_claimed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    report_detail: Mapped[str] = mapped_column(Text, default="")


class ProgrammeTask(Base):
    """One unit of work of a programme; (programme, kind, site, slot) is unique: never done twice."""

    __tablename__ = "programme_tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme_runs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # audit | availability | probe
    site: Mapped[str] = mapped_column(String(2000))
    slot: Mapped[str] = mapped_column(String(200), default="")  # sample time, probe token; "" for an audit
    key: Mapped[str] = mapped_column(String(40))  # sha1 of kind|site|slot (the unique index stays small)
    state: Mapped[str] = mapped_column(String(20), default="queued")  # queued | running | done | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claim: Mapped[str | None] = mapped_column(String(40), nullable=True)  # fencing token of the current attempt
    worker: Mapped[str | None] = mapped_column(String(200), nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    enqueued_at: Mapped[datetime] = mapped_column(DateTime)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    audit_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    result: Mapped[str] = mapped_column(String(300), default="")
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ux_programme_task", "programme_id", "key", unique=True),)


class WorkerRow(Base):
    """A worker process (``inspector worker``) and its last heartbeat."""

    __tablename__ = "workers"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    hostname: Mapped[str] = mapped_column(String(200), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    concurrency: Mapped[int] = mapped_column(Integer, default=1)
    queues: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[str] = mapped_column(String(20), default="online")  # online | stopping | offline
    started_at: Mapped[datetime] = mapped_column(DateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime)


class FrontierUrlRow(Base):
    """A URL of a running audit's crawl frontier: queued, or done with its page (body dropped)."""

    __tablename__ = "frontier_urls"
    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))  # sha1 of the URL
    url: Mapped[str] = mapped_column(Text)
    depth: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)  # order in which pages finished
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)
    page: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    __table_args__ = (Index("ux_frontier_url", "audit_id", "key", unique=True),)


class FrontierLinkRow(Base):
    """A link record of a running audit's crawl (checked or not yet), so a resume checks nothing twice."""

    __tablename__ = "frontier_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ux_frontier_link", "audit_id", "key", unique=True),)


class FrontierStateRow(Base):
    """Per-audit crawl state that is not a URL: the crawler-trap report."""

    __tablename__ = "frontier_state"
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), primary_key=True)
    traps: Mapped[list[Any]] = mapped_column(JSON, default=list)


class ReviewRow(Base):
    """A person's decision on a finding that needed review (inspector.store.reviews): who, when, why.

    Kept forever; the latest decision on (site, key) wins. A dismissal is remembered for the site, so
    the same false positive is shown as "dismissed earlier" in the next audit instead of raised again.
    """

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(3000))  # Finding.key
    check: Mapped[str] = mapped_column(String(100))
    decision: Mapped[str] = mapped_column(String(20))  # confirmed | dismissed
    by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime)
    why: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(40), default="")  # inspector.scoring.fingerprint
