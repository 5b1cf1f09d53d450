"""Probe-ledger tables.  The lead merges ``metadata`` into the main store's Alembic migration."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

probes = Table(
    "probes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(32), nullable=False, unique=True),  # GI-PROBE-xxxxxxxx: the reconciliation key
    Column("site", String(500), nullable=False, index=True),
    Column("channel_url", String(1000), nullable=False),
    Column("kind", String(32), nullable=False, default="mailbox"),
    Column("state", String(24), nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("content", Text, nullable=False),
    Column("planned_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),  # our clock when the site confirmed
    Column("site_submitted_at", DateTime),  # the time the site states (local)
    Column("tracking_code", String(100)),
    Column("confirmation", Text),  # visible text of the confirmation page
    Column("screenshot", String(1000)),
    Column("captcha_image", String(1000)),
    Column("reply_text", Text),
    Column("reply_unit", String(200)),
    Column("site_replied_at", DateTime),  # the reply time the site states (local)
    Column("first_seen_at", DateTime(timezone=True)),  # when a follow-up first saw the reply
    Column("reply_url", String(1000)),
    Column("disclosed", Boolean),
    Column("judgement", JSON),  # latency, class, brush-off rule, disclosure
    Column("detail", Text),  # why needs_person / failed
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

probe_events = Table(
    "probe_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("probe_id", Integer, ForeignKey("probes.id"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("state", String(24), nullable=False),
    Column("detail", JSON),
)
