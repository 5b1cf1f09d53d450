"""Where the reference material of ../shared lives (real pages and data used by tests, benchmarks
and the tipdm sample board). Present beside a development checkout and in CI; absent in a user's own
clone, where callers skip or fall back visibly. Never shipped with the package."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$INSPECTOR_SHARED_DIR``, else ``../shared`` beside the repository."""
    env = os.environ.get("INSPECTOR_SHARED_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def realworld(sub: str = "") -> Path:
    return shared_dir() / "realworld" / sub
