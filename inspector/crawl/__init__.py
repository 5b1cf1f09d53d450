"""Gathering over the network: the Fetcher (HTTP + browser), the per-site crawl, link checks,
availability samples and network facts. Nothing outside inspector/crawl and inspector/gather
touches the network."""

from inspector.crawl.availability import sample_availability
from inspector.crawl.fetch import Fetcher, Response
from inspector.crawl.frontier import FrontierState, FrontierStore, MemoryFrontier, StoreFrontier
from inspector.crawl.network import network_facts
from inspector.crawl.site import CrawlResult, crawl_site
from inspector.settings import CrawlSettings

__all__ = [
    "CrawlResult",
    "CrawlSettings",
    "Fetcher",
    "FrontierState",
    "FrontierStore",
    "MemoryFrontier",
    "Response",
    "StoreFrontier",
    "crawl_site",
    "network_facts",
    "sample_availability",
]
