"""gov-inspector: compliance inspector for government websites.

Public surface (everything else is internal and may change):

    from inspector import SiteArtifacts, Finding, Verdict, Check, CheckContext, NotApplicable
    from inspector import load_profile, judge
"""

from __future__ import annotations

__version__ = "0.1.0"

from inspector.check import Check, CheckContext, NotApplicable  # noqa: E402
from inspector.judge import judge  # noqa: E402
from inspector.model import Evidence, Finding, SiteArtifacts, Verdict  # noqa: E402
from inspector.profile import load_profile  # noqa: E402
from inspector.settings import DEFAULT_USER_AGENT  # noqa: E402

USER_AGENT = DEFAULT_USER_AGENT  # the one User-Agent the crawler sends (inspector.settings)

__all__ = [
    "Check",
    "CheckContext",
    "Evidence",
    "Finding",
    "NotApplicable",
    "SiteArtifacts",
    "Verdict",
    "judge",
    "load_profile",
    "__version__",
    "USER_AGENT",
]
