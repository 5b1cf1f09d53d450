"""The extension surface, in one place (in the spirit of datasette's ``hookspecs.py``).

A third-party package extends gov-inspector through five entry-point groups; nothing else is
public. Each group names objects, not hooks to monkey-patch, and a broken plug-in is logged and
skipped: it never stops an inspection. docs/extending.md has a worked example package.

======================================  =====================================================
entry-point group                       what the entry point names
======================================  =====================================================
``gov_inspector.checks``                a ``inspector.check.Check`` or a list of them
``gov_inspector.gatherers``             a ``inspector.gather.Gatherer`` or a list of them;
                                        it runs after the built-in table, its artifact lands in
                                        ``SiteArtifacts.extra[artifact]`` (a check ``requires`` it
                                        by that name)
``gov_inspector.profiles``              a directory (``str``/``Path``) or an importable package
                                        name holding ``*.toml`` profiles; ``INSPECTOR_PROFILE_PATH``
                                        (``os.pathsep``-separated directories) adds more
``gov_inspector.report_formats``        a ``ReportFormat`` or a list of them: ``--format NAME``
``gov_inspector.templates``             a directory or package whose Jinja templates override the
                                        built-in ones by file name (after ``--templates DIR``)
======================================  =====================================================
"""

from __future__ import annotations

import logging
import os
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CHECKS = "gov_inspector.checks"
GATHERERS = "gov_inspector.gatherers"
PROFILES = "gov_inspector.profiles"
REPORT_FORMATS = "gov_inspector.report_formats"
TEMPLATES = "gov_inspector.templates"
PROFILE_PATH_ENV = "INSPECTOR_PROFILE_PATH"


@dataclass(frozen=True)
class ReportFormat:
    """A report format a plug-in adds: ``write(verdicts, out_dir, lang) -> {file name: path}``."""

    name: str  # the --format value
    write: Callable[[list[Any], Path, str], dict[str, Path]]
    description: str = ""


def load_group(group: str) -> list[tuple[str, Any]]:
    """(entry-point name, loaded object) for every plug-in of a group; broken ones are logged and skipped."""
    out = []
    for ep in entry_points(group=group):
        try:
            out.append((ep.name, ep.load()))
        except Exception as exc:  # a broken plugin must not stop an inspection
            log.warning("plug-in %s (%s) could not be loaded: %s", ep.name, group, exc)
    return out


def _flatten(obj: Any, kind: type) -> Iterable[Any]:
    if isinstance(obj, kind):
        yield obj
    elif isinstance(obj, Iterable) and not isinstance(obj, (str, bytes)):
        for o in obj:
            yield from _flatten(o, kind)
    else:
        raise TypeError(f"not a {kind.__name__}: {obj!r}")


def _objects(group: str, kind: type) -> list[Any]:
    found: list[Any] = []
    for name, obj in load_group(group):
        try:
            found.extend(_flatten(obj, kind))
        except TypeError as exc:
            log.warning("plug-in %s (%s) ignored: %s", name, group, exc)
    return found


_cache: dict[str, list[Any]] = {}


def plugin_gatherers(reload: bool = False) -> list[Any]:
    from inspector.gather import Gatherer

    if reload or GATHERERS not in _cache:
        _cache[GATHERERS] = _objects(GATHERERS, Gatherer)
    return _cache[GATHERERS]


def plugin_report_formats(reload: bool = False) -> dict[str, ReportFormat]:
    if reload or REPORT_FORMATS not in _cache:
        _cache[REPORT_FORMATS] = _objects(REPORT_FORMATS, ReportFormat)
    return {f.name: f for f in _cache[REPORT_FORMATS]}


def _folder(obj: Any) -> Path | None:
    """A directory from a str/Path, or the folder of an importable package (by name or module)."""
    if isinstance(obj, types.ModuleType):
        paths = list(getattr(obj, "__path__", []))
        return Path(paths[0]) if paths else None
    if isinstance(obj, Path) or (isinstance(obj, str) and (os.sep in obj or Path(obj).is_dir())):
        path = Path(obj)
        return path if path.is_dir() else None
    if isinstance(obj, str):
        try:
            return Path(str(resources.files(obj)))
        except (ModuleNotFoundError, TypeError):
            return None
    return None


def profile_dirs() -> list[Path]:
    """Directories of plug-in and user profiles, in order of precedence (after the built-ins)."""
    dirs = [Path(p) for p in os.environ.get(PROFILE_PATH_ENV, "").split(os.pathsep) if p]
    for name, obj in load_group(PROFILES):
        folder = _folder(obj)
        if folder is None:
            log.warning("profile plug-in %s: %r is not a directory or package", name, obj)
            continue
        dirs.append(folder)
    return [d for d in dirs if d.is_dir()]


def template_dirs() -> list[Path]:
    dirs = []
    for name, obj in load_group(TEMPLATES):
        folder = _folder(obj)
        if folder is None:
            log.warning("template plug-in %s: %r is not a directory or package", name, obj)
            continue
        dirs.append(folder)
    return dirs


def reset() -> None:
    """Forget loaded plug-ins (after installing one in a running process, e.g. in tests)."""
    _cache.clear()
    from inspector import check

    check.registry(reload=True)
