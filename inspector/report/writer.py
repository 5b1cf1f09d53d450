"""Write a run's reports to a folder: index.html, one page (and files) per site, verdicts.json …"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from inspector.hookspecs import plugin_report_formats
from inspector.model import Verdict
from inspector.report.html import ReportError, render_batch_html, render_site_html
from inspector.report.json_out import batch_to_json, verdict_to_json
from inspector.report.junit import render_junit
from inspector.report.pdf import write_pdf
from inspector.report.tables import write_csv, write_xlsx
from inspector.safetext import clean_verdicts

FORMATS = frozenset({"html", "json", "pdf", "junit", "csv", "xlsx"})


def site_slug(site: str) -> str:
    """A file-name-safe name for a site: host and path, lower case (``www-example-gov-cn``)."""
    raw = re.sub(r"^[a-z][a-z0-9+.-]*://", "", site.strip().lower())
    slug = re.sub(r"[^a-z0-9]+", "-", raw).strip("-")
    return slug[:80] or "site"


def slugs(verdicts: list[Verdict]) -> dict[str, str]:
    """Unique slugs per site URL, in input order."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for v in verdicts:
        if v.site in out:
            continue
        base = site_slug(v.site)
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[v.site] = slug
    return out


def _check_ids(verdicts: list[Verdict]) -> list[str]:
    from inspector.profile import load_profile

    try:
        ids: list[str] = []
        for pid in dict.fromkeys(v.profile for v in verdicts):
            ids += load_profile(pid).checks
        return list(dict.fromkeys(ids))
    except (ValueError, OSError):  # an unknown profile id: fall back to the checks the verdicts mention
        return list(dict.fromkeys(f.check for v in verdicts for f in v.findings))


def write_reports(
    verdicts: list[Verdict],
    out_dir: Path,
    formats: set[str],
    *,
    lang: str = "zh",
    templates: Path | None = None,
    check_ids: list[str] | None = None,
    fail_on: list[str] | None = None,
    baseline: dict[str, Any] | None = None,
) -> dict[str, Path]:
    """Write the requested formats; returns {name: path} (``index.html``, ``<slug>.html`` …).

    ``verdicts.json`` is always written: it is the baseline for the next ``--fail-on new``.
    ``fail_on``/``baseline`` are the run's CI gates: JUnit fails exactly the findings they fail on.
    """
    plugins = plugin_report_formats()
    unknown = set(formats) - all_formats()
    if unknown:
        raise ReportError(f"unknown report format(s) {sorted(unknown)}: use {', '.join(sorted(all_formats()))}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    verdicts = clean_verdicts(verdicts)  # site text: no control characters in any report (inspector.safetext)

    def put(name: str, content: str) -> None:
        path = out / name
        path.write_text(content, encoding="utf-8")
        written[name] = path

    names = slugs(verdicts)
    put("verdicts.json", json.dumps(batch_to_json(verdicts), ensure_ascii=False, indent=2))
    if "html" in formats or "pdf" in formats:
        links = {site: f"{slug}.html" for site, slug in names.items()} if "html" in formats else None
        shots = screenshot_links(verdicts, out)
        if "html" in formats:
            put("index.html", render_batch_html(verdicts, lang=lang, templates=templates, site_links=links))
        for v in verdicts:
            page = render_site_html(v, lang=lang, templates=templates, shot_links=shots)
            if "html" in formats:
                put(f"{names[v.site]}.html", page)
            if "pdf" in formats:
                name = f"{names[v.site]}.pdf"
                written[name] = write_pdf(page, out / name)
    if "json" in formats:
        for v in verdicts:
            put(f"{names[v.site]}.json", json.dumps(verdict_to_json(v), ensure_ascii=False, indent=2))
    if "junit" in formats:
        ids = check_ids or _check_ids(verdicts)
        put("junit.xml", render_junit(verdicts, ids, fail_on=fail_on, baseline=baseline))
    if "csv" in formats:
        written["summary.csv"] = write_csv(verdicts, out / "summary.csv", lang=lang)
        written["findings.csv"] = write_csv(verdicts, out / "findings.csv", kind="findings", lang=lang)
        written["rectification.csv"] = write_csv(verdicts, out / "rectification.csv", kind="rectification", lang=lang)
    if "xlsx" in formats:
        written["inspection.xlsx"] = write_xlsx(verdicts, out / "inspection.xlsx", lang=lang)
    for name in sorted(set(formats) & set(plugins)):
        written.update(plugins[name].write(verdicts, out, lang))
    return written


def screenshot_links(verdicts: list[Verdict], out: Path) -> dict[str, str]:
    """Full-size evidence screenshots as links relative to the report folder; a file kept elsewhere is
    copied into ``screenshots/`` so the folder can be sent as it is."""
    links: dict[str, str] = {}
    folder = out / "screenshots"
    for v in verdicts:
        for f in v.findings:
            for e in f.evidence:
                full = e.screenshot_full or e.screenshot
                if not full or full in links:
                    continue
                src = Path(full)
                if not src.is_file():
                    continue
                try:
                    src.resolve().relative_to(out.resolve())
                    target = src
                except ValueError:
                    folder.mkdir(parents=True, exist_ok=True)
                    target = folder / src.name
                    if not target.exists():
                        shutil.copyfile(src, target)
                links[full] = Path(os.path.relpath(target.resolve(), out.resolve())).as_posix()
    return links


def all_formats() -> frozenset[str]:
    """The built-in formats and those of ``gov_inspector.report_formats`` plug-ins."""
    return FORMATS | frozenset(plugin_report_formats())
