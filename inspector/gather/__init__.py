"""The gather stage: a site → ``SiteArtifacts``, through a declared table of artifact → gatherer.

This is where gathering ends and judging begins: after ``gather_site`` nothing touches the network
or the browser; checks read the artifacts named here (their ``requires``) and nothing else.

The order of ``GATHERERS`` is the order they run. Each entry names the artifact it fills (an
attribute of ``SiteArtifacts``, or a key of ``SiteArtifacts.extra`` for a plug-in), the artifacts it
needs, and a coroutine ``run(ctx) -> value``. A gatherer that raises costs its own artifact only:
the error is recorded in ``stats["gather_errors"]`` and every check that requires the artifact is
"not judged" with that error, never failed. Gatherers whose needs were not gathered are skipped the
same way. The crawl itself (home, pages, link checks) and the availability sample run first, in
``inspector.gather.site``, because every other gatherer needs the home page.

Third parties add gatherers through the ``gov_inspector.gatherers`` entry-point group (see
``inspector.hookspecs`` and docs/extending.md).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspector.gather.site import GatherContext


@dataclass(frozen=True)
class Gatherer:
    """One artifact and the coroutine that gathers it."""

    artifact: str  # the SiteArtifacts attribute (or extra key) it fills; "" = it augments others
    run: Callable[[GatherContext], Awaitable[Any]]
    needs: tuple[str, ...] = ()  # artifacts that must have been gathered before it runs
    description: str = ""
    when: Callable[[GatherContext], bool] | None = None  # None = always; else run only when true
    name: str = ""  # the step's name in progress events and gather_errors (default: artifact)

    @property
    def step(self) -> str:
        return self.name or self.artifact


def _builtin() -> list[Gatherer]:
    from inspector.gather import steps

    return [
        Gatherer("identity", steps.identity, needs=("home",), description="footer identity marks of the home page"),
        Gatherer("columns", steps.columns, needs=("home",), description="the column map (栏目) with item dates"),
        Gatherer("boards", steps.boards, needs=("home", "pages"), description="message boards and their messages"),
        Gatherer(
            "search",
            steps.search,
            needs=("home", "columns"),
            description="the site search, queried with a recent title",
        ),
        Gatherer("network", steps.network, needs=("home",), description="IPv6 and HTTPS facts"),
        Gatherer(
            "attachments",
            steps.attachments,
            needs=("link_checks",),
            description="linked xlsx/docx/pdf read for personal data",
        ),
        Gatherer(
            "cloaking",
            steps.cloaking,
            needs=("home", "pages"),
            when=lambda ctx: ctx.options.cloaking,
            description="the same pages as a spider and from a search referer",
        ),
        Gatherer(
            "",
            steps.rendered_home,
            needs=("home",),
            name="rendered",
            when=lambda ctx: ctx.options.render != "never",
            description="the home page in Chromium: screenshot and the hidden links a browser sees",
        ),
        Gatherer(
            "",
            steps.key_pages,
            needs=("pages",),
            name="key_pages",
            description="newest policy documents and service guides, whatever the crawl budget reached",
        ),
        Gatherer("history", steps.history, description="item dates of the previous audit of the site"),
        Gatherer("probes", steps.probes, description="the site's probe timelines from the ledger"),
    ]


def gatherers(reload: bool = False) -> list[Gatherer]:
    """The built-in table followed by plug-in gatherers (entry-point group ``gov_inspector.gatherers``)."""
    from inspector.hookspecs import plugin_gatherers

    return _builtin() + plugin_gatherers(reload=reload)


__all__ = ["Gatherer", "gatherers"]
