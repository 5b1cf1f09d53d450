"""Fill and submit a real message form in Chromium, keeping the evidence.

The browser does what a citizen's browser does: CSRF tokens, client-side validation and scripts run as
written.  A captcha or an SMS step is never solved by the machine: the probe becomes ``needs_person``
with the captcha image saved, unless a person answers it while the page is open (``solve_captcha``,
``inspector probe send --interactive``).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.crawl.browser import LAUNCH_ARGS, find_chromium
from inspector.settings import PROBE_USER_AGENT as USER_AGENT

# A person's answer to the captcha shown in the image at the given path ("" = give up).
CaptchaSolver = Callable[[str], "str | Awaitable[str]"]

# field role → hints in name/id/placeholder/label (lower-case); the first role that matches wins.
ROLES: list[tuple[str, tuple[str, ...]]] = [
    ("captcha", ("验证码", "captcha", "yzm", "checkcode", "verifycode", "vcode", "randcode")),
    ("sms", ("短信", "sms", "手机验证")),
    ("email", ("邮箱", "email", "e-mail", "mail")),
    ("phone", ("电话", "手机", "phone", "tel", "mobile")),
    ("name", ("姓名", "联系人", "name", "xm", "realname", "写信人", "留言人")),
    ("title", ("标题", "主题", "title", "subject", "bt")),
    ("content", ("内容", "content", "正文", "详情", "问题", "nr", "body", "message")),
]
_CODE = re.compile(
    r"(?:查询码|查询编号|受理编号|信件编号|留言编号|编号|查询密码|tracking)\s*(?:为|是)?\s*[：:]?\s*([A-Za-z0-9-]{4,40})"
)
_SUCCESS = re.compile(r"提交成功|留言成功|已收到|已提交|感谢您的|受理编号|查询码|success", re.IGNORECASE)


@dataclass
class ProbeFields:
    title: str
    content: str
    name: str = ""
    phone: str = ""
    email: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # exact field name → value (category selects …)


@dataclass
class SubmitResult:
    outcome: str  # submitted | needs_person | failed
    tracking_code: str | None = None
    confirmation: str = ""  # visible text of the page after submitting
    screenshot: str | None = None
    captcha_image: str | None = None
    final_url: str = ""
    detail: str = ""
    filled: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def role_of(hints: str) -> str | None:
    h = hints.lower()
    for role, words in ROLES:
        if any(w in h for w in words):
            return role
    return None


async def _hints(el: Any) -> str:
    """The field's own attributes and label; the surrounding row's text only when those say nothing,
    because a wrapper's text mentions every field of the form."""
    own = await el.evaluate(
        """e => [e.name, e.id, e.placeholder, e.title, e.getAttribute('aria-label'),
                 (e.labels && e.labels[0] ? e.labels[0].innerText : '')].join(' ')"""
    )
    if role_of(own) or re.search(r"同意|agree|协议|承诺|已阅读|须知", own, re.IGNORECASE):
        return own
    return (
        own
        + " "
        + await el.evaluate("e => { const r = e.closest('tr,li,p,label'); return r ? r.innerText.slice(0, 30) : ''; }")
    )


async def submit_form(
    url: str,
    fields: ProbeFields,
    *,
    evidence_dir: str | Path,
    captcha_answer: str | None = None,
    solve_captcha: CaptchaSolver | None = None,
    timeout_ms: int = 20_000,
) -> SubmitResult:
    """Open ``url``, fill the message form, submit it, and read the confirmation page.

    With ``solve_captcha`` the page stays open while a person reads the saved captcha image and
    answers (``inspector probe send --interactive``); without it the probe becomes needs_person."""
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    out = Path(evidence_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9-]", "_", fields.title)[-24:] or "probe"
    async with async_playwright() as p:
        chromium = find_chromium()
        browser = await p.chromium.launch(
            executable_path=chromium.executable_path, headless=True, args=list(LAUNCH_ARGS)
        )
        try:
            context = await browser.new_context(user_agent=USER_AGENT, locale="zh-CN")
            page = await context.new_page()
            page.set_default_timeout(timeout_ms)
            try:
                await page.goto(url, wait_until="load")
            except PlaywrightError as exc:
                return SubmitResult("failed", detail=f"channel page did not open: {exc}")
            form = None
            for f in await page.query_selector_all("form"):
                if await f.query_selector("textarea"):
                    form = f
                    break
            if form is None:
                return SubmitResult(
                    "failed", final_url=page.url, detail="no message form (no textarea) on the channel page"
                )
            filled: dict[str, str] = {}
            values = {
                "title": fields.title,
                "content": fields.content,
                "name": fields.name,
                "phone": fields.phone,
                "email": fields.email,
            }
            captcha_el = None
            for el in await form.query_selector_all("input, textarea, select"):
                tag = await el.evaluate("e => e.tagName.toLowerCase()")
                etype = (await el.get_attribute("type") or "text").lower()
                name = await el.get_attribute("name") or await el.get_attribute("id") or ""
                if etype in ("hidden", "submit", "button", "image", "reset", "file"):
                    continue
                if name in fields.extra:
                    if tag == "select":
                        await el.select_option(label=fields.extra[name])
                    else:
                        await el.fill(fields.extra[name])
                    filled[name] = fields.extra[name]
                    continue
                if etype in ("checkbox", "radio"):
                    hint = await _hints(el)
                    if etype == "checkbox" and re.search(r"同意|agree|协议|承诺|已阅读|须知", hint, re.IGNORECASE):
                        await el.check()
                        filled[name] = "checked"
                    continue
                if tag == "select":
                    options = await el.evaluate("e => [...e.options].map(o => [o.value, o.text])")
                    choice = next((v for v, _ in options if v), None)
                    if choice is not None:
                        await el.select_option(value=choice)
                        filled[name] = choice
                    continue
                role = "content" if tag == "textarea" else role_of(await _hints(el))
                if role == "sms":
                    return await _needs_person(page, el, out, stem, "SMS verification step (短信验证码)")
                if role == "captcha":
                    captcha_el = el
                    continue
                if role and values.get(role):
                    await el.fill(values[role])
                    filled[name] = role
            if captcha_el is not None:
                if not captcha_answer and solve_captcha is not None:
                    image = await _captcha_image(form, out, stem)
                    if image is not None:
                        answer = solve_captcha(image)
                        captcha_answer = (await answer if inspect.isawaitable(answer) else answer) or None
                if not captcha_answer:
                    return await _needs_person(page, captcha_el, out, stem, "image captcha (图片验证码)", form)
                await captcha_el.fill(captcha_answer)
            button = await form.query_selector(
                "button[type=submit], input[type=submit], button:not([type]), input[type=image]"
            )
            try:
                async with page.expect_navigation(wait_until="load", timeout=timeout_ms):
                    if button is not None:
                        await button.click()
                    else:
                        await form.evaluate("f => f.requestSubmit ? f.requestSubmit() : f.submit()")
            except PlaywrightError as exc:
                # Client-side validation or an AJAX form: no navigation; read what the page says now.
                detail = f"no navigation after submit: {exc.__class__.__name__}"
            else:
                detail = ""
            text = await page.evaluate("() => document.body ? document.body.innerText : ''")
            shot = str(out / f"{stem}-confirmation.png")
            await page.screenshot(path=shot, full_page=True)
            code = _CODE.search(text)
            ok = bool(_SUCCESS.search(text))
            return SubmitResult(
                "submitted" if ok else "failed",
                tracking_code=code.group(1) if code else None,
                confirmation=text[:4000],
                screenshot=shot,
                final_url=page.url,
                detail=detail or ("" if ok else "no confirmation wording on the page after submitting"),
                filled=filled,
            )
        finally:
            await browser.close()


async def _captcha_image(form: Any, out: Path, stem: str) -> str | None:
    """Save the form's captcha picture as a PNG; its path, or None when there is none."""
    if form is None:
        return None
    for cand in await form.query_selector_all("img"):
        src = (await cand.get_attribute("src") or "").lower()
        if role_of(src) == "captcha" or "code" in src or "verify" in src:
            image = str(out / f"{stem}-captcha.png")
            await cand.screenshot(path=image)
            return image
    return None


async def _needs_person(page: Any, el: Any, out: Path, stem: str, why: str, form: Any = None) -> SubmitResult:
    image = await _captcha_image(form, out, stem)
    shot = str(out / f"{stem}-form.png")
    await page.screenshot(path=shot, full_page=True)
    return SubmitResult("needs_person", captcha_image=image, screenshot=shot, final_url=page.url, detail=why)
