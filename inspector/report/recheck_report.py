"""The recheck's short report an agency can send back: HTML, JSON and the 整改清单 CSV with 整改情况 filled."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from inspector.model import to_jsonable
from inspector.report.html import _csp, _helpers, environment
from inspector.report.i18n import pick
from inspector.report.rectification import KINDS

HEADER = {
    "zh": ["序号", "网站名称", "问题类型", "指标", "问题描述", "问题网址", "整改情况", "复查发现", "说明"],
    "en": ["No.", "Website", "Type", "Indicator", "Finding", "URL", "Status", "Found now", "Note"],
}


def rows(result: Any, lang: str) -> list[dict[str, Any]]:
    from inspector.recheck import STATUS_EN, STATUS_ZH

    out = []
    for n, i in enumerate(result.items, start=1):
        out.append(
            {
                "no": n,
                "kind": pick(KINDS.get(i.kind, (i.kind, i.kind))[0], KINDS.get(i.kind, (i.kind, i.kind))[1], lang),
                "item": i.item or i.check,
                "message": pick(i.message_zh, i.message_en, lang),
                "url": i.url or "",
                "status": (STATUS_ZH if lang == "zh" else STATUS_EN)[i.status],
                "status_code": i.status,
                "now": pick(i.now_zh, i.now_en, lang) or pick(i.note_zh, i.note_en, lang),
                "note": pick(i.note_zh, i.note_en, lang),
            }
        )
    return out


def write_recheck(result: Any, out_dir: Path, *, lang: str = "zh", templates: Path | None = None) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"recheck-{result.audit_id}"
    table = rows(result, lang)
    html = (
        environment(templates)
        .get_template("recheck.html.j2")
        .render(**_helpers(lang), r=result, rows=table, summary=result.summary, csp=_csp(None))
    )
    written = {
        f"{stem}.html": out / f"{stem}.html",
        f"{stem}.json": out / f"{stem}.json",
        f"{stem}.csv": out / f"{stem}.csv",
    }
    written[f"{stem}.html"].write_text(html, encoding="utf-8")
    doc = {"schema": "gov-inspector/recheck", "schema_version": "1.0", **to_jsonable(result), "summary": result.summary}
    written[f"{stem}.json"].write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    with written[f"{stem}.csv"].open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER[lang])
        for r in table:
            w.writerow(
                [
                    r["no"],
                    result.name,
                    r["kind"],
                    r["item"],
                    _cell(r["message"]),
                    r["url"],
                    r["status"],
                    _cell(r["now"]),
                    _cell(r["note"]),
                ]
            )
    return written


def _cell(value: str) -> str:
    from inspector.report.tables import _cell as safe

    return str(safe(value))
