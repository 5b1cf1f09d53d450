"""Shared fixtures: the real Chromium for pytest-playwright, and the ../shared real-world material."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """../shared beside the checkout (present in CI, absent in a user's own clone)."""
    from inspector.shared import shared_dir as locate

    path = locate()
    return path if (path / "realworld").is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared (real-world pages and data) is not present beside this checkout")
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # noqa: ANN001 — pytest-playwright fixture
    """Make pytest-playwright's `page` fixture use the Chromium that gov-inspector itself resolves."""
    from inspector.crawl.browser import LAUNCH_ARGS, find_chromium

    info = find_chromium()
    args = {**browser_type_launch_args, "args": list(LAUNCH_ARGS)}
    if info.executable_path:
        args["executable_path"] = info.executable_path
    return args


def pytest_collection_modifyitems(config, items):  # noqa: ANN001 — pytest hook
    """Run tests that use pytest-playwright's sync fixtures last.

    Its session-scoped sync Playwright keeps an event loop running in the main thread until the
    session ends; tests placed after it could not call asyncio.run() (library code copes, see
    inspector.asyncutil, but tests drive coroutines directly too).
    """
    sync_fixtures = {"page", "context", "browser"}
    items.sort(key=lambda item: bool(sync_fixtures & set(getattr(item, "fixturenames", ()))))
