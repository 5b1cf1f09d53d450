"""What an alert says: one event about one site, in the team's language, as plain text.

Plain text on every channel (no Markdown or HTML): site names and finding messages come from audited,
possibly hacked, sites, and a robot message must not carry their links or markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

TITLES = {
    "site_down": ("网站无法访问", "Site down"),
    "site_up": ("网站恢复访问", "Site back up"),
    "new_veto": ("新增单项否决问题", "New veto finding"),
    "probe_overdue": ("留言测试超期未答复", "Probe message overdue"),
}


@dataclass
class Alert:
    kind: str  # one of config.EVENTS
    site: str  # the site URL ("*" for plan-wide)
    name: str  # the site's name (the plan's, else the URL)
    at: datetime  # China Standard Time, naive
    lines_zh: list[str] = field(default_factory=list)
    lines_en: list[str] = field(default_factory=list)
    key: str | None = None  # a one-time event (a probe token): never alerted twice
    suppressed: int = 0  # alerts of this site and kind held back by the rate limit since the last one
    data: dict[str, Any] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        zh, en = TITLES[self.kind]
        return f"【{zh}】{self.name}" if lang == "zh" else f"[{en}] {self.name}"

    def lines(self, lang: str) -> list[str]:
        lines = list(self.lines_zh if lang == "zh" else self.lines_en)
        if self.suppressed:
            lines.append(
                f"（此前另有{self.suppressed}条同类提醒因频率限制未单独发送）"
                if lang == "zh"
                else f"({self.suppressed} similar alert(s) were held back by the rate limit)"
            )
        return lines

    def text(self, lang: str) -> str:
        at = f"{'时间' if lang == 'zh' else 'At'}: {self.at:%Y-%m-%d %H:%M:%S}"
        site = f"{'网址' if lang == 'zh' else 'Site'}: {self.site}"
        return "\n".join([self.title(lang), site, at, *self.lines(lang), "— gov-inspector"])

    def as_json(self, lang: str) -> dict[str, Any]:
        return {
            "source": "gov-inspector",
            "event": self.kind,
            "site": self.site,
            "name": self.name,
            "at": self.at.isoformat(timespec="seconds"),
            "title": self.title(lang),
            "lines": self.lines(lang),
            "text": self.text(lang),
            "lang": lang,
            "suppressed": self.suppressed,
            "data": self.data,
        }
