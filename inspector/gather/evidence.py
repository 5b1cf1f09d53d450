"""Evidence screenshots, after judging: the page each veto or deduction stands on, its element outlined.

The stale column's list page with its newest item outlined, the message's detail page, the page with
the broken link outlined, the hidden link's box (or, when it has none, the box that holds it), the
home-page footer for a missing identity mark. One Chromium visit per (page, element), through the
crawler's Fetcher (``Fetcher.screenshot`` with a ``prepare`` step that outlines before the shot);
``GatherSettings.evidence_screenshots`` bounds the visits. The full page is kept one click away
(``Evidence.screenshot_full``); ``Evidence.screenshot`` is the region around the outlined element, so
the report's thumbnail is legible. Information findings get no picture.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector.model import Finding, SiteArtifacts, Verdict

if TYPE_CHECKING:
    from inspector.audit import AuditOptions

log = logging.getLogger(__name__)

COUNTED = ("veto", "deduction", "review")
FOCUS_SIZE = (1280, 640)  # the region kept around the outlined element (page pixels; full width)
HOME_CHECKS = ("identity-marks", "find-errors-entry", "annual-report", "gov-domain", "interaction-channel")

# Runs in the page before the screenshot: find the evidence element, outline it, report its box.
_OUTLINE_JS = """
(spec) => {
  const abs = (h) => { try { return new URL(h, location.href).href; } catch (e) { return ''; } };
  const norm = (u) => (u || '').replace(/#.*$/, '').replace(/\\/$/, '');
  let el = null;
  if (spec.href) {
    const want = norm(spec.href);
    el = [...document.querySelectorAll('a[href], img[src], iframe[src]')].find(
      (a) => norm(abs(a.getAttribute('href') || a.getAttribute('src'))) === want) || null;
  }
  if (!el && spec.text) {
    const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n.nodeValue || '').includes(spec.text)) { el = n.parentElement; break; }
    }
  }
  if (!el && spec.selector) el = document.querySelector(spec.selector);
  if (!el) return null;
  const docW = Math.max(document.documentElement.scrollWidth, window.innerWidth);
  const docH = Math.max(document.documentElement.scrollHeight, window.innerHeight);
  const visible = (b) => b.width > 0 && b.height > 0 && b.right > 0 && b.bottom > 0 && b.left < docW && b.top < docH;
  let target = el, box = el.getBoundingClientRect();
  while (!visible(box) && target.parentElement) { target = target.parentElement; box = target.getBoundingClientRect(); }
  target.style.outline = '4px solid #e53935';
  target.style.outlineOffset = '3px';
  return {x: box.left + window.scrollX, y: box.top + window.scrollY, w: box.width, h: box.height,
          container: target !== el};
}
"""


@dataclass(frozen=True)
class Target:
    """Which page to show for a finding, and which element on it to outline."""

    url: str
    href: str | None = None  # outline the link (or image) pointing here
    text: str | None = None  # else the element holding this text
    selector: str | None = None  # else this CSS selector

    @property
    def key(self) -> str:
        return "|".join([self.url, self.href or "", self.text or "", self.selector or ""])


def _home(a: SiteArtifacts) -> str:
    return (a.home.final_url or a.home.url) if a.home else a.site


def target_for(f: Finding, a: SiteArtifacts) -> Target | None:
    """The evidence page of a finding: where a person would look to see the problem."""
    ev = f.evidence[0] if f.evidence else None
    data = ev.data if ev else {}
    if f.check in ("column-freshness", "blank-columns") and f.url:
        newest = ev.url if ev and ev.url and ev.url != f.url else None
        return Target(f.url, href=newest, text=None if newest else (f.column or None))
    if f.check == "homepage-freshness":
        return Target(_home(a), href=ev.url if ev and ev.url != _home(a) else None)
    if f.check == "broken-links" and f.url:
        found_on = [u for u in (data.get("found_on") or []) if isinstance(u, str)]
        return Target(found_on[0], href=f.url) if found_on else None
    if f.check == "hidden-links" and f.url:
        return Target(f.url, href=str(data.get("url")) if data.get("url") else None)
    if f.check in HOME_CHECKS:
        return Target(_home(a), selector="footer, #footer, .footer, [class*=foot], [id*=foot]")
    if f.check in ("unanswered-messages", "reply-latency", "brush-off-replies", "result-disclosure") and f.url:
        return Target(f.url, text=(str(data.get("title")) if data.get("title") else None))
    url = f.url or (ev.url if ev else None)
    if not url or not url.startswith(("http://", "https://")):
        return None
    snippet = (ev.snippet or "").strip()[:30] if ev else ""
    return Target(url, text=snippet or None)


def _crop(full: Path, box: dict[str, Any] | None, out: Path) -> bool:
    """The region around the outlined box (or the top of the page) as its own PNG."""
    from PIL import Image

    try:
        with Image.open(full) as img:
            w, h = img.size
            cw, ch = min(FOCUS_SIZE[0], w), min(FOCUS_SIZE[1], h)
            if box:
                cx = float(box.get("x", 0)) + float(box.get("w", 0)) / 2
                cy = float(box.get("y", 0)) + float(box.get("h", 0)) / 2
            else:
                cx, cy = w / 2, ch / 2
            left = int(min(max(cx - cw / 2, 0), w - cw))
            top = int(min(max(cy - ch / 2, 0), h - ch))
            img.crop((left, top, left + cw, top + ch)).convert("RGB").save(out, format="PNG", optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        return False
    return True


async def capture_evidence(verdict: Verdict, a: SiteArtifacts, options: AuditOptions, fetcher: Any) -> int:
    """Screenshot the evidence page of each counted finding (most severe first); returns pictures taken."""
    if not options.screenshots or options.screenshot_dir is None or options.render == "never":
        return 0
    if a.not_inspected or fetcher is None or not hasattr(fetcher, "screenshot"):
        return 0
    folder = Path(options.screenshot_dir)
    folder.mkdir(parents=True, exist_ok=True)
    limit = options.gather_settings.evidence_screenshots
    order = {"veto": 0, "review": 1, "deduction": 2}
    findings = sorted((f for f in verdict.findings if f.severity in COUNTED), key=lambda f: order[f.severity])
    taken: dict[str, tuple[str, str] | None] = {}
    for f in findings:
        target = target_for(f, a)
        if target is None or not f.evidence:
            continue
        if target.key not in taken:
            if len(taken) >= limit:
                continue
            taken[target.key] = await _shoot(target, fetcher, folder)
        shot = taken[target.key]
        if shot is not None:
            f.evidence[0].screenshot, f.evidence[0].screenshot_full = shot
    return sum(1 for s in taken.values() if s)


async def _shoot(target: Target, fetcher: Any, folder: Path) -> tuple[str, str] | None:
    name = hashlib.sha1(target.key.encode("utf-8")).hexdigest()[:12]
    full, focus = folder / f"evidence-{name}.png", folder / f"evidence-{name}.focus.png"
    spec = {"href": target.href, "text": target.text, "selector": target.selector}

    async def outline(page: Any) -> Any:
        try:
            return await page.evaluate(_OUTLINE_JS, spec)
        except Exception as exc:  # noqa: BLE001 — a page that breaks the script still gets its picture
            log.debug("outline failed on %s: %s", target.url, exc)
            return None

    page = await fetcher.screenshot(target.url, str(full), prepare=outline)
    if page.error or not full.is_file():
        log.info("evidence screenshot of %s failed: %s %s", target.url, page.error, page.error_detail)
        return None
    box = page.signals.get("prepared")
    if not _crop(full, box if isinstance(box, dict) else None, focus):
        return str(full), str(full)
    return str(focus), str(full)
