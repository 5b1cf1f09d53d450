"""Locate ../shared (the project's shared reference data) for tests that read real pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.shared import shared_dir


def realworld(sub: str) -> Path:
    path = shared_dir() / "realworld" / sub
    if not path.is_dir():
        pytest.skip(f"shared real-world data not available: {path} (set INSPECTOR_SHARED_DIR)")
    return path


def read_page(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")
