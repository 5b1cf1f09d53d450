"""Shared fixtures for the sample-site tests (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # allow `pytest tests/samplesites` without an installed package
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def _http_session() -> httpx.Client:
    # One client for the session: building an SSL context per test costs ~0.5 s.
    with httpx.Client(timeout=10, follow_redirects=False) as c:
        yield c


@pytest.fixture
def http(_http_session: httpx.Client) -> httpx.Client:
    _http_session.cookies.clear()  # every world starts with a fresh browser session
    return _http_session
