"""Issue 15 "done when": `inspector schedule once plan.yaml` on six sample sites writes the batch report,
the 整改清单 and the XLSX and sends the alerts to local receivers (aiosmtpd and an HTTP receiver); the
reports opened in Chromium show remediation under a veto finding and the evidence page's screenshot.

Everything real: six simulated county sites on 127.0.0.1, the CLI in subprocesses, SQLite, Chromium.
The rectification-list screenshot lands in $REPORT_SCREENSHOT_DIR when set (docs/rectification-list.png).
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest
import yaml
from alerts.receivers import SmtpReceiver, WebhookReceiver, alerts_section, free_block
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from inspector.samplesites import serve_scenario

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.timeout(900)]
SCENARIOS = {  # scenario → (name, agency)
    "clean": ("清河县人民政府", "清河县人民政府办公室"),
    "stale-columns": ("东平县人民政府", "东平县人民政府办公室"),
    "unanswered": ("永和县人民政府", "永和县人民政府办公室"),
    "broken-links": ("平山县人民政府", "平山县人民政府办公室"),
    "hacked": ("宁远县人民政府", "宁远县人民政府办公室"),
    "bad-identity": ("石县人民政府", "石县人民政府办公室"),
}


def _once(plan: Path, now: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "inspector.cli", "schedule", "once", str(plan), "--now", now]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=plan.parent)


def test_a_scheduled_programme_reports_rectifies_and_alerts(tmp_path, page: Page, monkeypatch):
    monkeypatch.setenv("TEST_DING_SECRET", "SECding")
    monkeypatch.setenv("TEST_FEISHU_SECRET", "feishu-secret")
    out = tmp_path / "reports"
    with ExitStack() as stack:
        smtp = stack.enter_context(SmtpReceiver())
        hooks = stack.enter_context(WebhookReceiver())
        # the clean county on a block of ports of its own: it is restarted on them after going down
        worlds = {
            s: stack.enter_context(serve_scenario(s, port=free_block() if s == "clean" else 0)) for s in SCENARIOS
        }
        plan = tmp_path / "plan.yaml"
        plan.write_text(
            yaml.safe_dump(
                {
                    "db": f"sqlite:///{tmp_path / 'programme.db'}",
                    "output": str(out),
                    "politeness": {"per_host_delay_s": 0.0},
                    "schedules": {
                        "audit": "0 2 * * *",
                        "report": "30 2 * * *",
                        "availability": "0 4,5 * * *",
                        "probes": "0 9 * * *",
                    },
                    "alerts": alerts_section(smtp, hooks, down_after=1),
                    "sites": [
                        {
                            "url": w.urls["portal"],
                            "name": SCENARIOS[s][0],
                            "agency": SCENARIOS[s][1],
                            "level": "county",
                            "max_pages": 80,
                        }
                        for s, w in worlds.items()
                    ],
                },
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        audits = _once(plan, "2026-11-16T02:00:30")  # the six audits of the night
        assert audits.returncode == 0, audits.stdout + audits.stderr
        assert audits.stdout.count(" audit ") == 6 and "Traceback" not in audits.stderr
        report = _once(plan, "2026-11-16T02:30:30")  # the morning report
        assert "report       * done wrote" in report.stdout, report.stdout + report.stderr

        clean = worlds.pop("clean")
        port, url = int(clean.urls["portal"].rsplit(":", 1)[1].strip("/")), clean.urls["portal"]
        clean.close()  # the clean county's server goes down …
        down = _once(plan, "2026-11-16T04:10:30")
        assert f"availability {url} done failed" in down.stdout and "alerts: site_down" in down.stdout, down.stdout
        with serve_scenario("clean", port=port):  # … and comes back
            up = _once(plan, "2026-11-16T05:10:30")
        assert f"availability {url} done ok; alerts: site_up" in up.stdout, up.stdout

    # ------------------------------------------------------------------ the files
    for name in ("index.html", "rectification.csv", "inspection.xlsx", "verdicts.json"):
        assert (out / name).is_file(), name
    with (out / "rectification.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    sites = {r["网站名称"] for r in rows}
    assert "清河县人民政府" not in sites and {"东平县人民政府", "宁远县人民政府", "石县人民政府"} <= sites
    assert all(r["主办单位"] == SCENARIOS_BY_NAME[r["网站名称"]] and r["地区/层级"] == "县级" for r in rows)
    assert {r["问题类型（否决/扣分/待复核）"] for r in rows} <= {"否决", "扣分", "待复核"}
    assert all(r["整改建议"] and not r["整改期限"] and not r["责任人"] and not r["整改情况"] for r in rows)
    sheet = load_workbook(out / "inspection.xlsx")["整改清单"]
    assert sheet.max_row == len(rows) + 1
    batch = (out / "index.html").read_text(encoding="utf-8")
    assert " · " not in "".join(n for n, _ in SCENARIOS.values() if f"{n} · " in batch)  # names not doubled
    raw = {
        k
        for html in out.glob("127-0-0-1-*.html")
        for k in re.findall(r'<dt class="raw-key">([^<]+)', html.read_text(encoding="utf-8"))
    }
    assert raw == set()  # one language: every evidence field has its Chinese label

    # ------------------------------------------------------------------ the alerts
    subjects = [m["Subject"] for m in smtp.messages]
    assert "【网站无法访问】清河县人民政府" in subjects and "【网站恢复访问】清河县人民政府" in subjects
    batch_doc = json.loads((out / "verdicts.json").read_text(encoding="utf-8"))
    vetoed = {v["name"] for v in batch_doc["verdicts"] if any(f["severity"] == "veto" for f in v["findings"])}
    assert len(vetoed) >= 2 and "东平县人民政府" in vetoed
    assert sorted(s.removeprefix("【新增单项否决问题】") for s in subjects if s.startswith("【新增")) == sorted(vetoed)
    events = [p["body"]["event"] for p in hooks.at("/json")]
    assert {"new_veto", "site_down", "site_up"} <= set(events)
    for path in ("/wecom", "/dingtalk", "/feishu"):
        assert len(hooks.at(path)) == len(events), path

    # ------------------------------------------------------------------ in Chromium
    page.set_viewport_size({"width": 1280, "height": 900})
    stale = next(p for p in out.glob("127-0-0-1-*.html") if "东平县人民政府" in p.read_text(encoding="utf-8"))
    page.goto(stale.as_uri())
    veto = page.locator("#vetoes article.finding.veto").first
    expect(veto.locator(".remedy")).to_be_visible()
    expect(veto.locator(".remedy")).to_contain_text("在该栏目发布最新信息")
    shot = veto.locator("figure.shot img")
    expect(shot).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", shot.element_handle()) > 300
    href = veto.locator("a.full-size").get_attribute("href")
    assert href and href.startswith("screenshots/evidence-") and (out / href).is_file()  # the list page, full size
    page.goto((out / "index.html").as_uri())
    section = page.locator("#rectification")
    expect(section).to_be_visible()
    expect(section.locator("tbody tr")).to_have_count(len(rows))
    folder = Path(os.environ.get("REPORT_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1600, "height": 900})
    box = section.bounding_box()
    assert box is not None
    clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": min(box["height"], 1000)}
    page.screenshot(path=str(folder / "rectification-list.png"), clip=clip, full_page=True)  # its first rows
    assert (folder / "rectification-list.png").stat().st_size > 20_000


SCENARIOS_BY_NAME = {name: agency for name, agency in SCENARIOS.values()}
