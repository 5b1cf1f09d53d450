"""Database tables (SQLAlchemy 2). Schema changes go through Alembic migrations in ./migrations.

SQLite is the embedded default; every type here also works on PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
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

    __table_args__ = (Index("ix_pages_audit_url", "audit_id", "url"),)


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
