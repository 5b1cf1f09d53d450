"""distributed — issue 17: programmes on a queue (runs, tasks with idempotency keys, workers) and the crawl
frontier in the store (queued/done URLs, link records, trap report of each running audit)

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("report_state", sa.String(length=20), nullable=False),
        sa.Column("report_claimed_at", sa.DateTime(), nullable=True),
        sa.Column("report_detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "programme_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("site", sa.String(length=2000), nullable=False),
        sa.Column("slot", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claim", sa.String(length=40), nullable=True),
        sa.Column("worker", sa.String(length=200), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=True),
        sa.Column("enqueued_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("audit_id", sa.Integer(), nullable=True),
        sa.Column("result", sa.String(length=300), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["programme_id"], ["programme_runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("programme_tasks", schema=None) as batch_op:
        batch_op.create_index("ix_programme_tasks_programme_id", ["programme_id"], unique=False)
        batch_op.create_index("ux_programme_task", ["programme_id", "key"], unique=True)
    op.create_table(
        "workers",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("hostname", sa.String(length=200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("concurrency", sa.Integer(), nullable=False),
        sa.Column("queues", sa.String(length=300), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "frontier_urls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_seq", sa.Integer(), nullable=True),
        sa.Column("is_home", sa.Boolean(), nullable=False),
        sa.Column("page", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["audit_id"], ["audits.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("frontier_urls", schema=None) as batch_op:
        batch_op.create_index("ux_frontier_url", ["audit_id", "key"], unique=True)
    op.create_table(
        "frontier_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["audit_id"], ["audits.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("frontier_links", schema=None) as batch_op:
        batch_op.create_index("ux_frontier_link", ["audit_id", "key"], unique=True)
    op.create_table(
        "frontier_state",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("traps", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["audit_id"], ["audits.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("audit_id"),
    )


def downgrade() -> None:
    op.drop_table("frontier_state")
    with op.batch_alter_table("frontier_links", schema=None) as batch_op:
        batch_op.drop_index("ux_frontier_link")
    op.drop_table("frontier_links")
    with op.batch_alter_table("frontier_urls", schema=None) as batch_op:
        batch_op.drop_index("ux_frontier_url")
    op.drop_table("frontier_urls")
    op.drop_table("workers")
    with op.batch_alter_table("programme_tasks", schema=None) as batch_op:
        batch_op.drop_index("ux_programme_task")
        batch_op.drop_index("ix_programme_tasks_programme_id")
    op.drop_table("programme_tasks")
    op.drop_table("programme_runs")
