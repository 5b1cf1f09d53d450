"""Which Chromium to drive, and how to launch it the same way everywhere.

Order: a Playwright-managed Chromium (``playwright install chromium``), then $INSPECTOR_CHROMIUM,
then the system package (/usr/bin/chromium, chromium-browser, chromium on PATH).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Any, Literal

from inspector.settings import DEFAULT_USER_AGENT

# Headless in a container: no sandbox (no user namespaces), no GPU, no background traffic to Google.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

MISSING_MESSAGE = (
    "No Chromium found: run `apt-get install chromium fonts-noto-cjk` (Debian/Ubuntu) or "
    "`playwright install chromium`, or set INSPECTOR_CHROMIUM"
)


class BrowserMissing(RuntimeError):
    def __init__(self, message: str = MISSING_MESSAGE):
        super().__init__(message)


@dataclass(frozen=True)
class BrowserInfo:
    executable_path: str | None  # None: let Playwright use its own managed build
    source: Literal["playwright", "system", "env"]


def _playwright_managed() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # noqa: BLE001 — no driver, or called inside a running event loop
        return _playwright_managed_from_cache()
    return path if path and os.path.exists(path) else None


def _playwright_managed_from_cache() -> str | None:
    # Inside an event loop the sync API refuses to start; look where `playwright install` puts builds.
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or os.path.expanduser("~/.cache/ms-playwright")
    if not os.path.isdir(root):
        return None
    for name in sorted(os.listdir(root), reverse=True):
        if name.startswith("chromium-"):
            for rel in ("chrome-linux/chrome", "chrome-linux64/chrome"):
                path = os.path.join(root, name, rel)
                if os.path.exists(path):
                    return path
    return None


def find_chromium() -> BrowserInfo:
    managed = _playwright_managed()
    if managed:
        return BrowserInfo(managed, "playwright")
    env = os.environ.get("INSPECTOR_CHROMIUM")
    if env:
        if os.path.exists(env):
            return BrowserInfo(env, "env")
        raise BrowserMissing(f"INSPECTOR_CHROMIUM points to {env}, which does not exist")
    for candidate in ("/usr/bin/chromium", shutil.which("chromium-browser"), shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return BrowserInfo(candidate, "system")
    raise BrowserMissing()


async def launch(playwright: Any, info: BrowserInfo | None = None) -> Any:
    """A headless Chromium Browser from an ``async_playwright()`` instance."""
    info = info or find_chromium()
    kwargs: dict[str, Any] = {"headless": True, "args": LAUNCH_ARGS}
    if info.executable_path:
        kwargs["executable_path"] = info.executable_path
    return await playwright.chromium.launch(**kwargs)


async def new_context(browser: Any, user_agent: str = DEFAULT_USER_AGENT, **kwargs: Any) -> Any:
    """A context with the honest UA (HeadlessChrome is often blocked) and Chinese locale."""
    return await browser.new_context(user_agent=user_agent, locale="zh-CN", **kwargs)
