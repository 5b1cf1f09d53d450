"""Message-board rows: the real tipdm sample (read from ../shared at run time) or generated rows.

Generated rows are placed relative to the scenario's today; defect rows carry ``plants`` labels
that manifest.py turns into ground truth.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from inspector.shared import shared_dir
from inspector.workdays import add_working_days, is_workday

from . import texts
from .clock import CST, parse_when

TIPDM_RELATIVE = Path("realworld/tipdm-message-replies-sample/messages_with_replies.csv")


def tipdm_csv_path() -> Path:
    return shared_dir() / TIPDM_RELATIVE


@dataclass
class Message:
    id: int
    title: str
    content: str
    submitted: datetime
    unit: str
    status: str  # 已回复 | 未回复 | 办理中
    asker: str = ""
    category: str = "咨询"
    reply: str = ""
    replied: datetime | None = None
    raw_submitted: str | None = None  # verbatim CSV strings for the tipdm board
    raw_replied: str | None = None
    plants: list[str] = field(default_factory=list)
    submitted_online: bool = False  # created through /write during the run
    # The reply latency this row was generated with (working days after the submit day), recorded by
    # the generator so the manifest's truth never recomputes it with the engine it tests.
    planted_working_days: int | None = None


def fmt_time(d: datetime | None, style: str, raw: str | None = None) -> str:
    if style == "csv" and raw is not None:
        return raw
    if d is None:
        return ""
    if style in ("slash", "csv"):
        return f"{d.year}/{d.month}/{d.day} {d.hour}:{d.minute:02d}:{d.second:02d}"
    return d.strftime("%Y-%m-%d %H:%M:%S")


_TIME_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d", "%Y-%m-%d")


def parse_csv_time(text: str) -> datetime | None:
    t = (text or "").strip()
    for f in _TIME_FORMATS:
        try:
            return datetime.strptime(t, f).replace(tzinfo=CST)
        except ValueError:
            continue
    return None


_UNIT_RE = re.compile(r"[，,。]\s*([^，,。：:！!]{2,24}?)(?:高度重视|已收悉|收悉|非常重视)")


def load_tipdm(path: Path | None = None) -> list[Message]:
    path = path or tipdm_csv_path()
    rows: list[Message] = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for rec in csv.DictReader(fh):
            reply = (rec.get("答复意见") or "").strip()
            m = _UNIT_RE.search(reply[:200])
            content = "\n".join(line.strip() for line in (rec.get("留言详情") or "").splitlines() if line.strip())
            rows.append(
                Message(
                    id=int(rec["留言编号"]),
                    title=(rec.get("留言主题") or "").strip(),
                    content=content,
                    submitted=parse_csv_time(rec.get("留言时间", "")) or datetime(1970, 1, 1, tzinfo=CST),
                    unit=m.group(1) if m else "A市人民政府办公室",
                    status="已回复" if reply else "未回复",
                    asker=(rec.get("留言用户") or "").strip(),
                    reply=reply,
                    replied=parse_csv_time(rec.get("答复时间", "")),
                    raw_submitted=rec.get("留言时间", ""),
                    raw_replied=rec.get("答复时间", ""),
                )
            )
    return rows


class _Gen:
    def __init__(self, rng: random.Random, now: datetime, county: str) -> None:
        self.rng, self.now, self.county = rng, now, county
        self.used_minutes: set[tuple] = set()
        self.next_id = 20000 + rng.randint(0, 999)
        self.out: list[Message] = []

    def time_on(self, d: date, lo: int = 8, hi: int = 22, unique_minute: bool = True) -> datetime:
        for _ in range(200):
            t = datetime(
                d.year,
                d.month,
                d.day,
                self.rng.randint(lo, hi - 1),
                self.rng.randint(0, 59),
                self.rng.randint(0, 59),
                tzinfo=CST,
            )
            key = (t.date(), t.hour, t.minute)
            if not unique_minute or key not in self.used_minutes:
                self.used_minutes.add(key)
                return t
        return t

    def add(
        self,
        age_days: int,
        *,
        answer_wd: int | None = None,
        reply: str | None = None,
        status: str | None = None,
        plants: list[str] | None = None,
        long: bool = False,
        replied_at: datetime | None = None,
        submitted_on: date | None = None,
    ) -> Message:
        """One message ``age_days`` old (or submitted on ``submitted_on``), answered ``answer_wd``
        working days later (or at ``replied_at``, with ``answer_wd`` its working-day count)."""
        rng = self.rng
        subject_t, unit = rng.choice(texts.QUESTION_SUBJECTS)
        town = rng.choice(texts.TOWNS)
        subject = subject_t.format(town=town, road=rng.choice(texts.ROADS))
        submitted = self.time_on(submitted_on or self.now.date() - timedelta(days=age_days), 7, 23)
        asker = f"{rng.choice(texts.SURNAMES)}**{rng.randint(10, 99)}"
        content = texts.long_question(rng, subject, town) if long else texts.question_text(rng, subject, town)
        self.next_id += rng.randint(1, 9)
        msg = Message(
            self.next_id,
            subject,
            content,
            submitted,
            unit,
            status or "已回复",
            asker=asker,
            category=rng.choice(["咨询", "建议", "求助"]),
            plants=list(plants or []),
        )
        if msg.status == "已回复":
            wd = answer_wd if answer_wd is not None else rng.randint(1, 5)
            if replied_at is None:
                # Never later than yesterday: the board's clock is "now", a reply cannot be in the future.
                while wd > 0 and add_working_days(submitted.date(), wd) >= self.now.date():
                    wd -= 1
                replied_at = self.time_on(add_working_days(submitted.date(), wd), 9, 18)
                if replied_at <= submitted:  # answered the same day, after it came in
                    replied_at = min(
                        submitted + timedelta(minutes=30), submitted.replace(hour=23, minute=59, second=59)
                    )
            msg.replied = replied_at
            msg.planted_working_days = wd
            msg.reply = reply if reply is not None else texts.substantive_reply(rng, asker, subject, unit)
        self.out.append(msg)
        return msg


BRUSH_CONSULT = "请咨询有关部门。"
BRUSH_FORWARD = "来信收悉，已转相关部门办理，请耐心等待。"
IDENTICAL = "感谢您对我县工作的关注和支持！您反映的问题我们已经收悉，相关部门将认真研究，积极推动问题解决。"
FORWARD_ONLY = "您反映的问题已转交县交通运输局办理。"
TOO_SHORT = ["已知悉。", "收到，谢谢。", "已处理。"]


def generate_messages(scenario_name: str, params: dict[str, Any], county: str) -> list[Message]:
    rng = random.Random(f"board:{scenario_name}:{params['seed']}")
    now = parse_when(params["today"])
    g = _Gen(rng, now, county)
    # The normal traffic: questions over the past ~18 months, each answered within 1–5 working days.
    n = int(params["board_messages"])
    ages = sorted(rng.sample(range(8, 540), n)) if n <= 532 else sorted(rng.randint(8, 540) for _ in range(n))
    for age in ages:
        g.add(age)
    if params["board_defects"]:
        for age, status in [(100, "未回复"), (150, "办理中"), (300, "未回复")]:
            g.add(age, status=status, plants=["unanswered"])
        g.add(400, status="未回复", plants=["unanswered_outside_window"])
        g.add(20, status="未回复", plants=["unanswered_recent"])
        for age, wd in [(120, 30), (200, 40), (250, 50)]:
            g.add(age, answer_wd=wd, plants=["late"])
        for age in (60, 95):
            g.add(age, reply=BRUSH_CONSULT, plants=["brush_template"])
        for age in (70, 130):
            g.add(age, reply=BRUSH_FORWARD, plants=["brush_template", "no_result"])
        for age in (33, 88):
            g.add(age, reply=FORWARD_ONLY, status="已回复", plants=["no_result"])
        for age in (12, 27, 44, 58, 77, 110):
            g.add(age, reply=IDENTICAL, plants=["identical"])
        same = now.date() - timedelta(days=40)
        while not is_workday(same):
            same -= timedelta(days=1)
        for k in range(8):  # half a month of messages all answered in the same minute
            stamp = datetime(same.year, same.month, same.day, 17, 30, 5 + 6 * k, tzinfo=CST)
            wd = 1 + k  # submitted k+1 working days before the stamp
            g.add(0, submitted_on=add_working_days(same, -wd), answer_wd=wd, replied_at=stamp, plants=["same_minute"])
        for k, short in enumerate(TOO_SHORT):
            g.add(50 + 30 * k, reply=short, long=True, plants=["too_short"])
    # Real boards number messages in arrival order.
    base = 20000 + rng.randint(0, 999)
    for k, m in enumerate(sorted(g.out, key=lambda m: m.submitted)):
        m.id = base + 3 * k + rng.randint(0, 2)
    return sorted(g.out, key=lambda m: m.submitted, reverse=True)


def board_messages(scenario_name: str, params: dict[str, Any], county: str) -> tuple[list[Message], str]:
    """Rows for the board and where they came from ("tipdm" or "generated")."""
    if params["board_mode"] == "tipdm":
        path = tipdm_csv_path()
        if path.is_file():
            rows = load_tipdm(path)
            return sorted(rows, key=lambda m: m.submitted, reverse=True), "tipdm"
    return generate_messages(scenario_name, params, county), "generated"
