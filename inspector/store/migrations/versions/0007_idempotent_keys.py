"""idempotent keys — issue 16: pages, link checks and findings keyed per audit so a resume or a
concurrent audit can never double a row; one running audit per site; audit and run leases (owner,
heartbeat) so a killed run does not stay ``running``

Existing duplicates (from resumed audits before this revision) are removed, keeping the last row, and
all but the newest running audit of a site are marked ``interrupted``.

Revision ID: 0007
Revises: 0006
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _backfill_url_keys(conn: sa.Connection, table: str) -> None:
    t = sa.table(table, sa.column("id", sa.Integer), sa.column("audit_id", sa.Integer), sa.column("url", sa.String))
    t_key = sa.table(table, sa.column("id", sa.Integer), sa.column("key", sa.String))
    last: dict[tuple[int, str], int] = {}
    doubles: list[int] = []
    for row_id, audit_id, url in conn.execute(sa.select(t.c.id, t.c.audit_id, t.c.url).order_by(t.c.id)):
        key = _sha1(url or "")
        if (audit_id, key) in last:
            doubles.append(last[(audit_id, key)])  # the last fetch wins, as load_artifacts always read it
        last[(audit_id, key)] = row_id
        conn.execute(sa.update(t_key).where(t_key.c.id == row_id).values(key=key))
    for i in range(0, len(doubles), 500):
        conn.execute(sa.delete(t_key).where(t_key.c.id.in_(doubles[i : i + 500])))


def _backfill_finding_keys(conn: sa.Connection) -> None:
    t = sa.table(
        "findings", sa.column("id", sa.Integer), sa.column("audit_id", sa.Integer), sa.column("key", sa.String)
    )
    t_hash = sa.table("findings", sa.column("id", sa.Integer), sa.column("key_hash", sa.String))
    seen: dict[tuple[int, str], int] = {}
    for row_id, audit_id, key in conn.execute(sa.select(t.c.id, t.c.audit_id, t.c.key).order_by(t.c.id)):
        n = seen.get((audit_id, key), 0)
        seen[(audit_id, key)] = n + 1
        conn.execute(sa.update(t_hash).where(t_hash.c.id == row_id).values(key_hash=_sha1(f"{key}#{n}")))


def _one_running_audit_per_site(conn: sa.Connection) -> None:
    a = sa.table(
        "audits", sa.column("id", sa.Integer), sa.column("site_id", sa.Integer), sa.column("status", sa.String)
    )
    newest: dict[int, int] = {}
    stale: list[int] = []
    for audit_id, site_id in conn.execute(
        sa.select(a.c.id, a.c.site_id).where(a.c.status == "running").order_by(a.c.id)
    ):
        if site_id in newest:
            stale.append(newest[site_id])
        newest[site_id] = audit_id
    if stale:
        conn.execute(sa.update(a).where(a.c.id.in_(stale)).values(status="interrupted"))


def upgrade() -> None:
    conn = op.get_bind()
    for table in ("runs", "audits"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("owner", sa.String(length=200), nullable=True))
            batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(), nullable=True))
    for table in ("pages", "link_checks"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("key", sa.String(length=40), nullable=True))
        _backfill_url_keys(conn, table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("key", existing_type=sa.String(length=40), nullable=False)
            batch_op.create_index(f"ux_{table}_audit_key", ["audit_id", "key"], unique=True)
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_hash", sa.String(length=40), nullable=True))
    _backfill_finding_keys(conn)
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.alter_column("key_hash", existing_type=sa.String(length=40), nullable=False)
        batch_op.create_index("ux_findings_audit_key", ["audit_id", "key_hash"], unique=True)
    _one_running_audit_per_site(conn)
    op.create_index(
        "ux_audits_running_site",
        "audits",
        ["site_id"],
        unique=True,
        sqlite_where=sa.text("status = 'running'"),
        postgresql_where=sa.text("status = 'running'"),
    )


def downgrade() -> None:
    op.drop_index("ux_audits_running_site", table_name="audits")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ux_findings_audit_key")
        batch_op.drop_column("key_hash")
    for table in ("pages", "link_checks"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ux_{table}_audit_key")
            batch_op.drop_column("key")
    for table in ("runs", "audits"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("heartbeat_at")
            batch_op.drop_column("owner")
