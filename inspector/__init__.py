"""gov-inspector: compliance inspector for government websites.

Public surface (everything else is internal and may change):

    from inspector import SiteArtifacts, Finding, Verdict, Check, CheckContext, NotApplicable
    from inspector import load_profile, judge
"""

from __future__ import annotations

__version__ = "0.1.0"

PRODUCT = "gov-inspector"
CONTACT_URL = "https://github.com/gov-inspector/gov-inspector"
USER_AGENT = f"Mozilla/5.0 (compatible; {PRODUCT}/{__version__}; +{CONTACT_URL})"

from inspector.check import Check, CheckContext, NotApplicable  # noqa: E402
from inspector.judge import judge  # noqa: E402
from inspector.model import Evidence, Finding, SiteArtifacts, Verdict  # noqa: E402
from inspector.profile import load_profile  # noqa: E402

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
