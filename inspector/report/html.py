"""HTML reports (one site, and a batch) from Jinja templates in ``report_templates/``.

Audited sites may be hacked, so everything they supplied — titles, messages, snippets, URLs — is
hostile text: autoescaping is always on, only http(s) URLs become links, screenshots are re-encoded
by Pillow into data: URIs, and a Content-Security-Policy meta tag forbids any script except the
batch page's own sort script (allowed by its hash) as a second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from inspector.history import TREND_KEYS
from inspector.model import Evidence, Finding, Verdict
from inspector.report import charts, rectification
from inspector.report.i18n import check_lang, date_source_label, pick, text, translator
from inspector.report.notices import notices
from inspector.report.remediation import Advice, advice
from inspector.report.wording import clock, data_rows, probe_rows

THUMBNAIL_SIZE = (720, 400)  # the outlined region of an evidence page, legible at a glance
MAX_SCREENSHOT_BYTES = 20_000_000  # refuse to decode anything bigger: it is not a screenshot
_CONTROL = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these inside URLs ("java\tscript:")


class ReportError(ValueError):
    """A report that cannot be produced as asked (bad template folder, unknown language …)."""


def environment(templates: Path | None = None) -> jinja2.Environment:
    """Jinja environment: the user's folder first (any template may be overridden), then the built-ins."""
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise ReportError(f"--templates {folder}: not a folder")
        loaders.append(jinja2.FileSystemLoader(str(folder)))
    from inspector.hookspecs import template_dirs

    loaders += [jinja2.FileSystemLoader(str(d)) for d in template_dirs()]  # gov_inspector.templates plug-ins
    loaders.append(jinja2.PackageLoader("report_templates", "."))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,  # always, whatever the template's extension
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        http_href=http_href,
        safe_link=safe_link,
        score=format_score,
        points=format_points,
        thumbnail=thumbnail_data_uri,
        data_value=data_value,
    )
    return env


# ---------------------------------------------------------------- filters


def _split(url: Any) -> tuple[str, Any] | None:
    """(url without control characters, its parts), or None for a non-string or unparsable URL."""
    if not isinstance(url, str) or not url.strip():
        return None
    cleaned = _CONTROL.sub("", url)
    try:
        return cleaned, urlsplit(cleaned)
    except ValueError:
        return None


def http_href(url: Any) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (never javascript:, data:, vbscript: …)."""
    split = _split(url)
    if split is None:
        return None
    cleaned, parts = split
    return cleaned if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def safe_link(url: Any) -> str | None:
    """An http(s) URL or a relative path (links between our own report files)."""
    split = _split(url)
    if split is None:
        return None
    cleaned, parts = split
    if parts.scheme == "" and not parts.netloc and ":" not in cleaned.split("/", 1)[0]:
        return cleaned
    return http_href(cleaned)


def format_score(value: float | None) -> str:
    if value is None:
        return "—"
    if not isinstance(value, (int, float)):  # a figure of the wrong type is shown, not trusted
        return str(value)
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_points(value: float) -> str:
    return format_score(abs(value)) if value else "0"


def thumbnail_data_uri(path: str | None) -> str | None:
    """A screenshot file as a small PNG data: URI; None when absent or not an image."""
    if not path:
        return None
    from PIL import Image  # only needed when there are screenshots

    file = Path(path)
    try:
        if not file.is_file() or file.stat().st_size > MAX_SCREENSHOT_BYTES:
            return None
        with Image.open(file) as img:
            img.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            img.convert("RGB").save(out, format="PNG", optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):  # a bad screenshot must not stop the report
        return None
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def data_value(value: Any, limit: int = 300) -> str:
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


# ---------------------------------------------------------------- context


def _version() -> str:
    try:
        return metadata.version("gov-inspector")
    except metadata.PackageNotFoundError:
        return "dev"


def profile_title(verdict: Verdict, lang: str) -> str:
    run = verdict.run
    title = pick(run.get("profile_title_zh") or run.get("profile_title"), run.get("profile_title_en"), lang)
    if title:
        return str(title)
    from inspector.profile import load_profile

    try:  # the built-in profile knows its own title
        prof = load_profile(verdict.profile)
        return pick(prof.title_zh, prof.title_en, lang)
    except (ValueError, OSError):
        return verdict.profile


def run_rows(verdict: Verdict, lang: str) -> list[tuple[str, str]]:
    run, stats = verdict.run, verdict.stats
    rows = [
        (text("profile", lang), profile_title(verdict, lang)),
        (text("as_of", lang), clock(run.get("as_of") or verdict.as_of)),
        (text("started_at", lang), clock(run.get("started_at")) if run.get("started_at") else None),
        (text("pages", lang), run.get("pages", run.get("pages_fetched", stats.get("pages")))),
        (text("duration", lang), run.get("duration_s")),
        (text("version", lang), run.get("version") or _version()),
        (text("audit_id", lang), f"#{run['audit_id']}" if run.get("audit_id") else None),
    ]
    return [(k, str(v)) for k, v in rows if v not in (None, "")]


def stat_rows(verdict: Verdict, lang: str) -> list[tuple[str, str]]:
    keys = ("stale_columns", "blank_columns", "broken_links", "messages", "unanswered_messages", "median_reply_days")
    return [
        (
            text(k, lang),
            format_score(verdict.stats[k]) if isinstance(verdict.stats[k], float) else str(verdict.stats[k]),
        )
        for k in keys
        if verdict.stats.get(k) is not None
    ]


def probes(verdict: Verdict, lang: str = "zh") -> list[dict[str, Any]]:
    """Each probe's timeline: state names in the report's language, times to the second (CST)."""
    raw = verdict.run.get("probes") or []
    out = []
    for p in raw if isinstance(raw, list) else []:
        if isinstance(p, dict):
            states = [s for s in p.get("states") or [] if isinstance(s, dict)]
            out.append(
                {"token": p.get("token", ""), "channel": p.get("channel", ""), "states": probe_rows(states, lang)}
            )
    return out


def counts(verdict: Verdict) -> dict[str, int]:
    """The one count every part of the report uses: findings (条) by kind, and the indicators they touch."""
    kinds = [rectification.kind_of(f) for f in verdict.findings]
    return {
        "veto": kinds.count("veto"),
        "veto_items": len({f.item or f.check for f in verdict.findings if f.severity == "veto"}),
        "deduction": kinds.count("deduction"),
        "review": kinds.count("review"),
        "counted": sum(1 for k in kinds if k),
    }


TREND_SERIES = ("score", *TREND_KEYS)
TREND_COLOURS = {
    "score": "#1565c0",
    "stale_columns": "#e65100",
    "broken_links": "#c62828",
    "median_reply_days": "#6a1b9a",
}


def _keys(raw: Any) -> list[str]:
    return [k for k in raw if isinstance(k, str)] if isinstance(raw, list) else []


def _figure(value: Any) -> float | None:
    # bool is an int; a figure of the wrong type (hand-edited JSON) is a gap, not a crash
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _item_titles(verdict: Verdict, lang: str) -> dict[str, str]:
    """Indicator titles: this verdict's items, then the profile's (a fixed item no longer applies now)."""
    from inspector.profile import load_profile

    titles: dict[str, str] = {}
    try:
        titles = {it.id: pick(it.title_zh, it.title_en, lang) for it in load_profile(verdict.profile).items}
    except (ValueError, OSError):  # a profile file that is not here: the verdict's own titles only
        pass
    titles.update({it.item: pick(it.title_zh, it.title_en, lang) for it in verdict.items})
    return titles


def changes(verdict: Verdict, lang: str) -> dict[str, Any] | None:
    """New / fixed / still-open findings since the previous audit, or None without a baseline."""
    raw = verdict.run.get("changes")
    if not isinstance(raw, dict) or not raw.get("baseline"):
        return None
    titles = _item_titles(verdict, lang)
    fixed = []
    for f in raw.get("fixed_findings") or []:
        if not isinstance(f, dict):
            continue
        item = str(f["item"]) if f.get("item") else ""
        fixed.append(
            {
                "item": item,
                "title": titles.get(item, "") or str(f.get("check") or ""),
                "message": str(pick(f.get("message_zh"), f.get("message_en"), lang) or ""),
                "url": f.get("url") if isinstance(f.get("url"), str) else None,
                "column": str(f.get("column") or ""),
            }
        )
    new = _keys(raw.get("new"))
    # Count what the banner counts (veto, deduction, review findings): below-threshold findings are
    # "fail"-level in the history but not counted against the site, so they are left out here too.
    counted = {f.key for f in verdict.findings if rectification.kind_of(f)}
    previously_counted = [
        f for f in raw.get("fixed_findings") or [] if isinstance(f, dict) and f.get("severity") in COUNTED
    ]
    return {
        "baseline": clock(raw["baseline"]),
        "new": len(counted & set(new)),
        "fixed": len(previously_counted),
        "open": len(counted & set(_keys(raw.get("open")))),
        "new_keys": frozenset(new),
        "fixed_findings": [f for f, r in zip(fixed, _dicts(raw.get("fixed_findings"))) if r.get("severity") in COUNTED],
    }


COUNTED = ("veto", "deduction", "review")


def _dicts(raw: Any) -> list[dict[str, Any]]:
    return [f for f in raw or [] if isinstance(f, dict)]


def trend_points(verdict: Verdict) -> list[dict[str, Any]]:
    raw = verdict.run.get("trend")
    return [p for p in raw if isinstance(p, dict)] if isinstance(raw, list) else []


def trend_charts(verdict: Verdict, lang: str) -> list[dict[str, Any]]:
    """One labelled trend line per key figure, when there are at least two audits to draw."""
    points = trend_points(verdict)
    if len(points) < 2:
        return []
    labels = [str(p.get("as_of") or "")[:10] for p in points]
    out = []
    for key in TREND_SERIES:
        values = [_figure(p.get(key)) for p in points]
        if all(v is None for v in values):
            continue  # e.g. no message board: no latency line rather than an empty frame
        latest = next((v for v in reversed(values) if v is not None), None)
        out.append(
            {
                "key": key,
                "label": text(key, lang),
                "latest": latest,
                "svg": charts.sparkline_svg(
                    values, width=320, height=96, colour=TREND_COLOURS[key], title=text(key, lang), labels=labels
                ),
            }
        )
    return out


def score_sparkline(verdict: Verdict, lang: str) -> Markup | None:
    """The batch table's small score line: only when the site has been audited at least twice."""
    points = trend_points(verdict)
    if len(points) < 2:
        return None
    values = [_figure(p.get("score")) for p in points]
    first, last = str(points[0].get("as_of") or "")[:10], str(points[-1].get("as_of") or "")[:10]
    return charts.sparkline_svg(values, width=90, height=22, title=f"{text('trend.score', lang)} {first} – {last}")


def _helpers(lang: str, verdict: Verdict | None = None) -> dict[str, Any]:
    titles = {it.item: pick(it.title_zh, it.title_en, lang) for it in verdict.items} if verdict else {}

    def message(f: Finding) -> str:
        return pick(f.message_zh, f.message_en, lang)

    def item_title(f: Finding) -> str:
        return titles.get(f.item or "", "") or f.check

    new_keys = (changes(verdict, lang) or {}).get("new_keys", frozenset()) if verdict else frozenset()

    def is_new(f: Finding) -> bool:
        return f.key in new_keys

    def below_threshold(f: Finding) -> bool:
        return (
            f.level == "fail"
            and f.item is not None
            and f.severity == "info"
            and not f.review
            and f.certainty != "possible"
        )

    def evidence_dates(e: Evidence) -> list[dict[str, Any]]:
        return [
            {
                "value": d.value.isoformat() + (f" {d.time}" if d.time else ""),
                "source": date_source_label(d.source, lang),
                "raw": d.raw,
                "url": d.url,
                "year_implied": d.year_implied,
            }
            for d in e.dates
        ]

    def remedy(f: Finding) -> Advice | None:
        return advice(f, lang) if rectification.kind_of(f) else None

    def check_meta(f: Finding) -> dict[str, str]:
        from inspector.check import registry

        c = registry().get(f.check)
        if c is None:
            return {"failure": "", "description": ""}
        return {
            "failure": pick(c.failure_zh, c.failure_en, lang),
            "description": pick(c.description_zh, c.description_en, lang),
        }

    return {
        "lang": lang,
        "t": translator(lang),
        "pick": lambda zh, en: pick(zh, en, lang),
        "advice": remedy,
        "check_meta": check_meta,
        "date_source": lambda source: date_source_label(source, lang),
        "data_rows": lambda e: data_rows(e, lang),
        "clock": clock,
        "message": message,
        "item_title": item_title,
        "below_threshold": below_threshold,
        "is_new": is_new,
        "evidence_dates": evidence_dates,
        "verdict_label": lambda v: text(f"verdict.{v}", lang),
        "count": lambda n: f"（{n}）" if lang == "zh" else f" ({n})",
    }


class Shots:
    """Evidence screenshots of counted findings only; a picture shown once, later findings point to it."""

    def __init__(self, findings: list[Finding], links: dict[str, str] | None):
        self.links = links or {}
        self.by_evidence: dict[int, dict[str, Any]] = {}
        first: dict[str, str] = {}
        for f in findings:
            if not rectification.kind_of(f):
                continue
            for e in f.evidence:
                if not e.screenshot:
                    continue
                anchor = first.get(e.screenshot)
                if anchor is None:
                    anchor = first[e.screenshot] = f"shot-{len(first) + 1}"
                    self.by_evidence[id(e)] = {"anchor": anchor, "repeat": False, "path": e.screenshot, "e": e}
                else:
                    self.by_evidence[id(e)] = {"anchor": anchor, "repeat": True}

    def __call__(self, e: Evidence) -> dict[str, Any] | None:
        shot = self.by_evidence.get(id(e))
        if shot is None or shot["repeat"]:
            return shot
        thumb = thumbnail_data_uri(shot["path"])
        if thumb is None:
            return None
        # The full-size file is linked relative to the report folder (the writer copies it there);
        # a page rendered on its own has no folder, so it shows the picture without a link.
        full = shot["e"].screenshot_full or shot["path"]
        return {**shot, "thumb": thumb, "href": self.links.get(full)}


def site_context(verdict: Verdict, lang: str, shot_links: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        **_helpers(lang, verdict),
        "shot": Shots(verdict.findings, shot_links),
        "counts": counts(verdict),
        "rectification": rectification.rows([verdict], lang),
        "rect_header": rectification.header(lang),
        "facts": rectification.site_facts(verdict, lang),
        "v": verdict,
        "site_name": verdict.name or verdict.site,
        "vetoes": verdict.vetoes,
        "deductions": verdict.deductions,
        "bonuses": [f for f in verdict.findings if f.severity == "bonus"],
        "information": verdict.info,
        "provisional": any(not f.official for f in verdict.deductions),
        "run_rows": run_rows(verdict, lang),
        "stat_rows": stat_rows(verdict, lang),
        "probes": probes(verdict, lang),
        "notices": notices(verdict, lang),
        "profile_title": profile_title(verdict, lang),
        "changes": changes(verdict, lang),
        "trend_charts": trend_charts(verdict, lang),
    }


def batch_rows(verdicts: list[Verdict], site_links: dict[str, str] | None, lang: str = "zh") -> list[dict[str, Any]]:
    links = site_links or {}
    return [
        {
            "v": v,
            "name": v.name or v.site,
            "link": links.get(v.site),
            "vetoes": counts(v)["veto"],
            **{k: v.stats.get(k) for k in TREND_KEYS},
            "trend": score_sparkline(v, lang),
        }
        for v in verdicts
    ]


# ---------------------------------------------------------------- rendering


def _csp(script: str | None) -> str:
    if script:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        script_src = f"'sha256-{digest}'"
    else:
        script_src = "'none'"
    return (
        f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src {script_src}; "
        "base-uri 'none'; form-action 'none'"
    )


def render_site_html(
    verdict: Verdict, *, lang: str = "zh", templates: Path | None = None, shot_links: dict[str, str] | None = None
) -> str:
    """``shot_links`` maps a screenshot file to its link from the report's folder (see writer)."""
    try:
        check_lang(lang)
    except ValueError as exc:
        raise ReportError(str(exc)) from None
    env = environment(templates)
    return env.get_template("site.html.j2").render(**site_context(verdict, lang, shot_links), csp=_csp(None))


def render_batch_html(
    verdicts: list[Verdict],
    *,
    lang: str = "zh",
    templates: Path | None = None,
    site_links: dict[str, str] | None = None,
) -> str:
    try:
        check_lang(lang)
    except ValueError as exc:
        raise ReportError(str(exc)) from None
    env = environment(templates)
    script = env.get_template("sort.js.j2").render()
    verdict_counts = {k: sum(1 for v in verdicts if v.verdict == k) for k in ("pass", "fail", "not_inspected")}
    return env.get_template("batch.html.j2").render(
        **_helpers(lang),
        rows=batch_rows(verdicts, site_links, lang),
        has_trends=any(len(trend_points(v)) >= 2 for v in verdicts),
        counts=verdict_counts,
        total=len(verdicts),
        finding_counts={k: sum(counts(v)[k] for v in verdicts) for k in ("veto", "deduction", "review", "counted")},
        rectification=rectification.rows(verdicts, lang),
        rect_header=rectification.header(lang),
        verdict_chart=charts.verdict_distribution_svg(verdicts, lang),
        items_chart=charts.failing_items_svg(verdicts, lang),
        sort_script=Markup(script),
        csp=_csp(script),
    )
