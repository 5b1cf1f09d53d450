"""link check tag and text

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 04:18:23.479111
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    with op.batch_alter_table("link_checks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tag", sa.String(length=20), server_default="a", nullable=False))
        batch_op.add_column(sa.Column("text", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:

    with op.batch_alter_table("link_checks", schema=None) as batch_op:
        batch_op.drop_column("text")
        batch_op.drop_column("tag")
