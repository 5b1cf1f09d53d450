"""Fill and submit a real message form in Chromium, keeping the evidence.

The browser does what a citizen's browser does: CSRF tokens, client-side validation and scripts run as
written.  A captcha or an SMS step is never solved by the machine: the probe becomes ``needs_person``
with the captcha image saved, unless a person answers it while the page is open (``solve_captcha``,
``inspector probe send --interactive``).

Every browser step has a bound (``CrawlSettings.browser_timeout_s`` unless given). What happened after
the click is read from the requests that left the browser (``_Posting``), not guessed from the page:
nothing posted ⇒ ``failed``; posted and refused (4xx, refusal wording) ⇒ ``failed``; posted and
confirmed ⇒ ``submitted``; posted and then a timeout, a 5xx, a lost connection or no confirmation ⇒
``uncertain`` (reconciled by the probe's token before anything is sent again, inspector.probe.service).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from inspector.crawl.browser import LAUNCH_ARGS, find_chromium
from inspector.settings import PROBE_USER_AGENT as USER_AGENT
from inspector.settings import CrawlSettings

log = logging.getLogger(__name__)
T = TypeVar("T")
_LAUNCH_S = 30.0  # starting Chromium on a busy machine takes longer than a short step bound
_PENDING_LOOK_S = 2.0  # reading the page while the site has not answered the post
_NOTHING_POSTED_S = 5.0  # after clicking submit, this long without a request means nothing was sent

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
_REFUSED = re.compile(
    r"提交失败|验证码(?:错误|不正确|已过期)|请填写|不能为空|不得为空|格式不正确|安全校验失败|操作失败|failed|invalid",
    re.IGNORECASE,
)


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
    outcome: str  # submitted | needs_person | failed | uncertain (posted; whether it was stored is unknown)
    tracking_code: str | None = None
    confirmation: str = ""  # visible text of the page after submitting
    screenshot: str | None = None
    captcha_image: str | None = None
    final_url: str = ""
    detail: str = ""
    filled: dict[str, str] = field(default_factory=dict)
    posted: bool = False  # the form's submission left the browser

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def role_of(hints: str) -> str | None:
    h = hints.lower()
    for role, words in ROLES:
        if any(w in h for w in words):
            return role
    return None


async def _hints(el: Any, step: _Steps) -> str:
    """The field's own attributes and label; the surrounding row's text only when those say nothing,
    because a wrapper's text mentions every field of the form."""
    own = await step(
        el.evaluate(
            """e => [e.name, e.id, e.placeholder, e.title, e.getAttribute('aria-label'),
                 (e.labels && e.labels[0] ? e.labels[0].innerText : '')].join(' ')"""
        ),
        "read field",
    )
    if role_of(own) or re.search(r"同意|agree|协议|承诺|已阅读|须知", own, re.IGNORECASE):
        return own
    row = await step(
        el.evaluate("e => { const r = e.closest('tr,li,p,label'); return r ? r.innerText.slice(0, 30) : ''; }"),
        "read field",
    )
    return own + " " + row


async def submit_form(
    url: str,
    fields: ProbeFields,
    *,
    evidence_dir: str | Path,
    captcha_answer: str | None = None,
    solve_captcha: CaptchaSolver | None = None,
    timeout_s: float | None = None,
) -> SubmitResult:
    """Open ``url``, fill the message form, submit it, and read the confirmation page.

    Every browser step is bounded by ``timeout_s`` (default: ``CrawlSettings.browser_timeout_s``); only a
    person answering a captcha (``solve_captcha``, ``inspector probe send --interactive``) is not.
    Once the form has been posted nothing can make the probe ``failed`` except the site's own refusal
    (HTTP 4xx, refusal wording): a timeout, a 5xx, a lost connection or an unreadable answer after
    posting is ``uncertain`` (the message may be stored), to be reconciled by its token."""
    from playwright.async_api import async_playwright

    limit = timeout_s if timeout_s and timeout_s > 0 else CrawlSettings().browser_timeout_s
    step = _Steps(limit)
    out = Path(evidence_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9-]", "_", fields.title)[-24:] or "probe"
    async with async_playwright() as p:
        chromium = await asyncio.to_thread(find_chromium)
        browser = await step(
            p.chromium.launch(executable_path=chromium.executable_path, headless=True, args=list(LAUNCH_ARGS)),
            "launch",
            max(limit, _LAUNCH_S),
        )
        posting: _Posting | None = None
        try:
            context = await step(
                browser.new_context(user_agent=USER_AGENT, locale="zh-CN"), "new context", max(limit, _LAUNCH_S)
            )
            page = await step(context.new_page(), "new page", max(limit, _LAUNCH_S))
            page.set_default_timeout(limit * 1000)
            posting = _Posting(page)
            return await _fill_and_submit(
                page, posting, url, fields, step, out, stem, captcha_answer=captcha_answer, solve_captcha=solve_captcha
            )
        except Exception as exc:  # noqa: BLE001 — a browser failure is an outcome, never a lost ledger row
            detail = f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
            if posting is not None and posting.armed:
                return SubmitResult("uncertain", detail=f"browser failure after posting: {detail}")
            return SubmitResult("failed", detail=f"browser failure before posting: {detail}")
        finally:
            try:
                await step(browser.close(), "close")
            except Exception:  # noqa: BLE001 — a browser that will not close is killed with its driver
                log.warning("probe browser did not close within %g s", limit)


async def _fill_and_submit(
    page: Any,
    posting: _Posting,
    url: str,
    fields: ProbeFields,
    step: _Steps,
    out: Path,
    stem: str,
    *,
    captcha_answer: str | None,
    solve_captcha: CaptchaSolver | None,
) -> SubmitResult:
    from playwright.async_api import Error as PlaywrightError

    try:
        await step(page.goto(url, wait_until="load", timeout=step.timeout_s * 1000), "visit", step.timeout_s + 5)
    except (PlaywrightError, StepTimeout) as exc:
        return SubmitResult("failed", detail=f"channel page did not open: {exc}")
    form = None
    for f in await step(page.query_selector_all("form"), "find forms"):
        if await step(f.query_selector("textarea"), "find textarea"):
            form = f
            break
    if form is None:
        return SubmitResult("failed", final_url=page.url, detail="no message form (no textarea) on the channel page")
    filled: dict[str, str] = {}
    values = {
        "title": fields.title,
        "content": fields.content,
        "name": fields.name,
        "phone": fields.phone,
        "email": fields.email,
    }
    captcha_el = None
    for el in await step(form.query_selector_all("input, textarea, select"), "list fields"):
        tag = await step(el.evaluate("e => e.tagName.toLowerCase()"), "read field")
        etype = (await step(el.get_attribute("type"), "read field") or "text").lower()
        name = await step(el.get_attribute("name"), "read field") or await step(el.get_attribute("id"), "read field")
        name = name or ""
        if etype in ("hidden", "submit", "button", "image", "reset", "file"):
            continue
        if name in fields.extra:
            if tag == "select":
                await step(el.select_option(label=fields.extra[name]), "choose option")
            else:
                await step(el.fill(fields.extra[name]), "fill field")
            filled[name] = fields.extra[name]
            continue
        if etype in ("checkbox", "radio"):
            hint = await _hints(el, step)
            if etype == "checkbox" and re.search(r"同意|agree|协议|承诺|已阅读|须知", hint, re.IGNORECASE):
                await step(el.check(), "tick box")
                filled[name] = "checked"
            continue
        if tag == "select":
            options = await step(el.evaluate("e => [...e.options].map(o => [o.value, o.text])"), "read options")
            choice = next((v for v, _ in options if v), None)
            if choice is not None:
                await step(el.select_option(value=choice), "choose option")
                filled[name] = choice
            continue
        role = "content" if tag == "textarea" else role_of(await _hints(el, step))
        if role == "sms":
            return await _needs_person(page, el, out, stem, "SMS verification step (短信验证码)", step)
        if role == "captcha":
            captcha_el = el
            continue
        if role and values.get(role):
            await step(el.fill(values[role]), "fill field")
            filled[name] = role
    if captcha_el is not None:
        if not captcha_answer and solve_captcha is not None:
            image = await _captcha_image(form, out, stem, step)
            if image is not None:
                answer = solve_captcha(image)  # a person reading the picture: not a browser step, not bounded
                captcha_answer = (await answer if inspect.isawaitable(answer) else answer) or None
        if not captcha_answer:
            return await _needs_person(page, captcha_el, out, stem, "image captcha (图片验证码)", step, form)
        await step(captcha_el.fill(captcha_answer), "fill captcha")
    button = await step(
        form.query_selector("button[type=submit], input[type=submit], button:not([type]), input[type=image]"),
        "find submit button",
    )
    # The submission is sent by us, exactly once: Chromium itself resends a POST whose connection was reset
    # before an answer (a site that stores the letter and drops the line would get it twice).
    await step(page.route("**/*", posting.send_once), "route")
    posting.armed = True  # from here on, what leaves the browser may be the message
    try:
        if button is not None:
            await step(button.click(no_wait_after=True), "submit")
        else:
            await step(form.evaluate("f => f.requestSubmit ? f.requestSubmit() : f.submit()"), "submit")
    except (PlaywrightError, StepTimeout) as exc:
        if not posting.requests:
            return SubmitResult("failed", final_url=page.url, detail=f"the form could not be submitted: {exc}")
    await posting.wait(step.timeout_s, grace_s=min(_NOTHING_POSTED_S, step.timeout_s))
    sent, status, failure = posting.outcome()
    # While the answer is still pending the page's navigation blocks scripts and screenshots: a short
    # look is all the evidence there is (the outcome is already known: uncertain).
    look = min(step.timeout_s, _PENDING_LOOK_S) if sent and status is None and not failure else None
    text = ""
    try:
        text = await step(page.evaluate("() => document.body ? document.body.innerText : ''"), "read answer", look)
    except (PlaywrightError, StepTimeout):
        pass  # e.g. the answer page is still loading: the outcome comes from what was posted
    text = "\n".join([*posting.dialogs, text]).strip()
    shot: str | None = str(out / f"{stem}-confirmation.png")
    try:
        await step(page.screenshot(path=shot, full_page=True), "screenshot", look)
    except (PlaywrightError, StepTimeout):
        shot = None
    outcome, why = judge_outcome(posting.outcome(), text, step.timeout_s)
    code = _CODE.search(text) if outcome != "failed" else None
    return SubmitResult(
        outcome,
        tracking_code=code.group(1) if code else None,
        confirmation=text[:4000],
        screenshot=shot,
        final_url=page.url,
        detail=why,
        filled=filled,
        posted=bool(posting.requests),
    )


def judge_outcome(posted: tuple[bool, int | None, str | None], text: str, timeout_s: float) -> tuple[str, str]:
    """(outcome, detail) from what was posted and how the site answered.

    ``posted`` = (a submission left the browser, its final HTTP status, its network failure)."""
    sent, status, failure = posted
    if not sent:
        return "failed", "nothing was sent: the form did not submit (client-side validation or a script)"
    if failure:
        return "uncertain", f"connection lost after posting ({failure}): the message may have been stored"
    if status is None:
        return "uncertain", f"no answer within {timeout_s:g} s after posting: the message may have been stored"
    if status >= 500:
        return "uncertain", f"HTTP {status} after posting: the message may have been stored"
    if status >= 400:
        return "failed", f"the site refused the message: HTTP {status}"
    if _SUCCESS.search(text):
        return "submitted", ""
    refused = _REFUSED.search(text)
    if refused:
        return "failed", f"the site refused the message: {refused.group(0)}"
    return "uncertain", f"HTTP {status} after posting, with no confirmation wording: the message may have been stored"


class StepTimeout(TimeoutError):
    pass


class _Steps:
    """Every browser call of a probe through one bound: ``await step(call, "what")``."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s

    async def __call__(self, call: Awaitable[T], what: str, timeout_s: float | None = None) -> T:
        limit = timeout_s or self.timeout_s
        try:
            return await asyncio.wait_for(call, limit)
        except TimeoutError:
            raise StepTimeout(f"browser {what}: no answer within {limit:g} s") from None


class _Posting:
    """What left the browser once the form was submitted (non-GET requests and main-frame navigations)
    and how the last of them ended: its final status (redirects followed), a network failure, or nothing."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.armed = False
        self.requests: list[Any] = []
        self.status: int | None = None
        self.failure: str | None = None
        self._navigation = False
        self.dialogs: list[str] = []  # alert()/confirm() texts (an AJAX form often confirms that way)
        self.fetch_timeout_ms = 600_000.0  # the caller's wait decides "no answer"; this only ends the fetch
        self._settled = asyncio.Event()
        page.on("dialog", self._dialog)
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("requestfailed", self._failed)
        page.on("domcontentloaded", self._loaded)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(str(dialog.message)[:500])
        asyncio.ensure_future(dialog.accept())  # an unanswered dialog would hold the page

    def _submission(self, req: Any) -> bool:
        navigation = req.is_navigation_request() and req.frame == self.page.main_frame
        return bool(req.method.upper() not in ("GET", "HEAD", "OPTIONS") or navigation)

    async def send_once(self, route: Any, request: Any) -> None:
        """Route handler: a submission is fetched once by Playwright (no retries, redirects followed) and
        its answer handed to the page; a network failure aborts it instead of letting Chromium retry."""
        try:
            if not (self.armed and self._submission(request)):
                await route.fallback()
                return
            try:
                answer = await route.fetch(max_retries=0, timeout=self.fetch_timeout_ms)
            except Exception as exc:  # noqa: BLE001 — reset, refused, timeout: the page sees a failed request
                self.failure = str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__
                await route.abort("connectionfailed")
                return
            await route.fulfill(response=answer)
        except Exception as exc:  # noqa: BLE001 — the page or browser closed under us
            log.debug("probe submission route: %s", exc)

    def _request(self, req: Any) -> None:
        if not self.armed:
            return
        navigation = req.is_navigation_request() and req.frame == self.page.main_frame
        if self._submission(req):
            self.requests.append(req)
            self.status, self.failure, self._navigation = None, None, navigation
            self._settled.clear()

    def _response(self, resp: Any) -> None:
        if not self.requests or resp.request is not self.requests[-1]:
            return
        if 300 <= resp.status < 400 and resp.headers.get("location"):
            return  # the redirect's own request follows
        self.status = resp.status
        if not self._navigation:
            self._settled.set()

    def _loaded(self, _page: Any) -> None:
        if self.requests and self._navigation and self.status is not None:
            self._settled.set()

    def _failed(self, req: Any) -> None:
        if self.requests and req is self.requests[-1]:
            self.failure = self.failure or str(req.failure or "request failed")
            self._settled.set()

    def outcome(self) -> tuple[bool, int | None, str | None]:
        return bool(self.requests), self.status, self.failure

    async def wait(self, timeout_s: float, grace_s: float) -> None:
        """Until the submission has its answer, or ``timeout_s``; ``grace_s`` when nothing is posted."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        while not self._settled.is_set():
            now = loop.time()
            if now - start >= timeout_s or (not self.requests and now - start >= grace_s):
                return
            try:
                await asyncio.wait_for(self._settled.wait(), min(0.1, timeout_s - (now - start)))
            except TimeoutError:
                pass


async def _captcha_image(form: Any, out: Path, stem: str, step: _Steps) -> str | None:
    """Save the form's captcha picture as a PNG; its path, or None when there is none."""
    if form is None:
        return None
    for cand in await step(form.query_selector_all("img"), "find captcha"):
        src = (await step(cand.get_attribute("src"), "read captcha") or "").lower()
        if role_of(src) == "captcha" or "code" in src or "verify" in src:
            image = str(out / f"{stem}-captcha.png")
            await step(cand.screenshot(path=image), "captcha picture")
            return image
    return None


async def _needs_person(
    page: Any, el: Any, out: Path, stem: str, why: str, step: _Steps, form: Any = None
) -> SubmitResult:
    image = await _captcha_image(form, out, stem, step)
    shot = str(out / f"{stem}-form.png")
    await step(page.screenshot(path=shot, full_page=True), "screenshot")
    return SubmitResult("needs_person", captcha_image=image, screenshot=shot, final_url=page.url, detail=why)
