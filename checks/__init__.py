"""Built-in checks. Each module in this package exports ``CHECK`` (or ``CHECKS``): see inspector.check.

Modules are discovered, not listed, so adding a check is adding one file (plus its fixtures in
tests/checks/). Third-party packages add checks through the ``gov_inspector.checks`` entry point.
"""

from __future__ import annotations

import importlib
import pkgutil

from inspector.check import Check


def _discover() -> list[Check]:
    found: list[Check] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "CHECK"):
            found.append(module.CHECK)
        found.extend(getattr(module, "CHECKS", ()))
    return found


BUILTIN_CHECKS: list[Check] = _discover()
