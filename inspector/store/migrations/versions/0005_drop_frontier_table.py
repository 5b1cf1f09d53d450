"""drop the unused frontier table (the crawl frontier is a per-audit SQLite file)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 04:40:25.193502
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:

    with op.batch_alter_table("frontier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frontier_audit_id"))

    op.drop_table("frontier")


def downgrade() -> None:

    op.create_table(
        "frontier",
        sa.Column("id", sa.INTEGER(), nullable=False),
        sa.Column("audit_id", sa.INTEGER(), nullable=False),
        sa.Column("url", sa.VARCHAR(length=2000), nullable=False),
        sa.Column("depth", sa.INTEGER(), nullable=False),
        sa.Column("state", sa.VARCHAR(length=20), nullable=False),
        sa.ForeignKeyConstraint(["audit_id"], ["audits.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("frontier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_frontier_audit_id"), ["audit_id"], unique=False)
