"""Probe wording: every probe carries a unique token and says plainly that it is an inspection probe."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

TOKEN_RE = re.compile(r"GI-PROBE-[0-9A-F]{8}")
DISCLAIMER_ZH = (
    "本留言为政府网站检查测试（网站检查探针），无需实际办理，仅用于检查留言渠道的受理、答复和公开情况。"
    "如有疑问请联系检查组。"
)
DISCLAIMER_EN = "This message is a government-website inspection probe; no action is needed."

DEFAULT_TOPICS = (
    ("咨询网站留言答复时限", "请问贵单位网站留言一般在多少个工作日内答复？答复结果是否在网站公开？"),
    ("咨询政府信息公开申请渠道", "请问向贵单位申请政府信息公开，可以通过哪些渠道提交？需要提供哪些材料？"),
)


@dataclass(frozen=True)
class ProbeText:
    token: str
    title: str
    content: str


def new_token() -> str:
    return f"GI-PROBE-{secrets.token_hex(4).upper()}"


def compose(topic_title: str, topic_body: str, *, team_name: str, contact: str, token: str | None = None) -> ProbeText:
    """Title and content of one probe.  The token goes in both, so a search for it finds the message
    whether the site publishes titles only or full texts."""
    token = token or new_token()
    if not TOKEN_RE.fullmatch(token):
        raise ValueError(f"not a probe token: {token!r}")
    content = f"{topic_body}\n\n【{DISCLAIMER_ZH}】\n检查组：{team_name}；联系方式：{contact}。\n探针编号：{token}"
    return ProbeText(token=token, title=f"{topic_title}（{token}）", content=content)
