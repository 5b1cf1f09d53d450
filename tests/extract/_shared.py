"""Locate ../shared (the project's shared reference data) for tests that read real pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def shared_dir() -> Path:
    env = os.environ.get("INSPECTOR_SHARED_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


def realworld(sub: str) -> Path:
    path = shared_dir() / "realworld" / sub
    if not path.is_dir():
        pytest.skip(f"shared real-world data not available: {path} (set INSPECTOR_SHARED_DIR)")
    return path


def read_page(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")
