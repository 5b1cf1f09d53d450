"""Profiles: which checks run, their parameters, and how findings become vetoes and deductions.

A profile is a TOML file (see inspector/profiles/cn-gov-2019.toml). A user's profile may
``extends = "cn-gov-2019"`` and override single items or check parameters.

A profile is validated whole before it is used (``validate``): every key known (top level, ``[[item]]``,
``[checks.<id>]`` and that check's parameters), every value of its declared type (a parameter's type is
that of the check's default), every check id known to the registry. An error names the file, the line
and the expected type: ``mine.toml:line 12: item 'D-links-home' points: expected a number, got the
string 'lots'``.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from inspector.strict import describe, field_types, mismatch, toml_lines


class ProfileError(ValueError):
    """A profile that cannot be used; the message says which file and what is wrong."""


@dataclass
class ProfileItem:
    id: str  # e.g. "V3", "D-links-home"
    check: str
    title_zh: str
    title_en: str
    clause: str
    severity: str  # veto | deduction | bonus | info
    rule: str | None = None  # only findings of this sub-rule
    points: float = 0.0  # per finding (deduction/bonus)
    cap: float | None = None  # per-indicator cap on the sum
    min_count: int = 1  # findings needed before the item applies (e.g. ≥ 5 stale columns)
    official: bool = True  # False: threshold/points not confirmed from an official source
    source: str = ""
    group: str = ""  # 发布解读 / 办事服务 / 互动交流 / 功能设计 …

    def matches(self, check: str, rule: str | None) -> bool:
        return self.check == check and (self.rule is None or self.rule == rule)


@dataclass
class Profile:
    id: str
    title_zh: str
    title_en: str
    source: str = ""
    base_score: float = 100.0
    pass_line: float = 60.0
    bonus_above: float = 80.0
    bonus_max: float = 30.0
    items: list[ProfileItem] = field(default_factory=list)
    check_params: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra_checks: list[str] = field(default_factory=list)  # run and reported as information only
    path: str = ""

    @property
    def checks(self) -> list[str]:
        """Check ids the profile runs, in item order."""
        seen: dict[str, None] = {}
        for it in self.items:
            seen.setdefault(it.check)
        for c in self.extra_checks:
            seen.setdefault(c)
        return list(seen)

    def item_for(self, check: str, rule: str | None) -> ProfileItem | None:
        for it in self.items:
            if it.matches(check, rule):
                return it
        return None

    def params_for(self, check: str) -> dict[str, Any]:
        return dict(self.check_params.get(check, {}))


_ITEM_KEYS = {f for f in ProfileItem.__dataclass_fields__}
_SEVERITIES = {"veto", "deduction", "bonus", "info"}


def builtin_profiles() -> dict[str, Path]:
    """Every profile known by id: the built-ins, then plug-in and INSPECTOR_PROFILE_PATH directories
    (``inspector.hookspecs``); a built-in id cannot be shadowed."""
    from inspector.hookspecs import profile_dirs

    root = resources.files("inspector") / "profiles"
    found = {Path(p.name).stem: Path(str(p)) for p in root.iterdir() if p.name.endswith(".toml")}
    for folder in profile_dirs():
        for path in sorted(folder.glob("*.toml")):
            found.setdefault(path.stem, path)
    return found


def load_profile(name_or_path: str) -> Profile:
    """Load a built-in profile by id or a TOML file by path."""
    builtins = builtin_profiles()
    if name_or_path in builtins:
        path = builtins[name_or_path]
    else:
        path = Path(name_or_path)
        if not path.is_file():
            known = ", ".join(sorted(builtins))
            raise ProfileError(f"unknown profile {name_or_path!r}: not a built-in ({known}) nor a file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"cannot read profile {path}: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML ({exc})") from None
    validate(data, text, path)
    return _from_data(data, path)


# ---------------------------------------------------------------- validation (before anything is used)
_TOP: dict[str, Any] = {
    "id": str,
    "extends": str,
    "title_zh": str,
    "title_en": str,
    "source": str,
    "base_score": float,
    "pass_line": float,
    "bonus_above": float,
    "bonus_max": float,
    "extra_checks": list[str],
    "checks": dict[str, dict[str, Any]],
    "item": list[dict[str, Any]],
}


def _param_type(default: Any) -> Any:
    """The type a profile's value for a check parameter must have: the type of the check's default."""
    if isinstance(default, bool):
        return bool
    if isinstance(default, int | float):
        return float
    if isinstance(default, str):
        return str
    if isinstance(default, list):
        kinds = {type(v) for v in default}
        if kinds == {str}:
            return list[str]
        return list[float] if kinds and kinds <= {int, float} else list[Any]
    if isinstance(default, dict):
        return dict[str, Any]
    return Any


def _known(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"


def validate(data: dict[str, Any], text: str, path: Path | str) -> None:
    """Refuse the profile at the first wrong key, type or check id, naming file, line and expected type."""
    from inspector.check import registry

    lines = toml_lines(text)

    def line(*key: Any) -> str:
        if key in lines:
            return f"line {lines[key]}"
        near = [n for k, n in lines.items() if k[: len(key)] == key]
        return f"line {min(near)}" if near else "top"

    def fail(key: tuple[Any, ...], msg: str) -> ProfileError:
        return ProfileError(f"{path}:{line(*key)}: {msg}")

    def typed(key: tuple[Any, ...], name: str, value: Any, hint: Any) -> None:
        want = mismatch(value, hint)
        if want:
            raise fail(key, f"{name}: expected {want}, got {describe(value)}")

    for k, v in data.items():
        if k not in _TOP:
            raise fail((k,), f"unknown key or table {k!r}{_known(k, sorted(_TOP))}")
        if k not in ("checks", "item"):
            typed((k,), k, v, _TOP[k])
    checks = registry()
    known = sorted(checks)
    items = data.get("item", [])
    typed(("item",), "item", items, list[dict[str, Any]])
    hints = field_types(ProfileItem)
    for i, raw in enumerate(items):
        label = f"item {raw.get('id', i + 1)!r}" if isinstance(raw.get("id"), str) else f"item {i + 1}"
        for key, value in raw.items():
            if key not in hints:
                raise fail(("item", i, key), f"{label}: unknown key {key!r}{_known(key, sorted(hints))}")
            typed(("item", i, key), f"{label} {key}", value, hints[key])
        for key in ("id", "check", "severity"):
            if key not in raw:
                raise fail(("item", i), f"{label}: missing {key!r}")
        if raw["severity"] not in _SEVERITIES:
            raise fail(("item", i, "severity"), f"{label}: severity must be one of {sorted(_SEVERITIES)}")
    table = data.get("checks", {})
    typed(("checks",), "checks", table, dict[str, dict[str, Any]])
    for cid, params in table.items():
        if cid not in checks:
            raise fail(("checks", cid), f"[checks.{cid}]: unknown check {cid!r}{_known(cid, known)}")
        defaults = checks[cid].defaults
        for name, value in params.items():
            if not defaults:
                break  # a check that declares no parameters cannot have its values checked
            if name not in defaults:
                raise fail(
                    ("checks", cid, name),
                    f"[checks.{cid}]: unknown parameter {name!r}{_known(name, sorted(defaults))}",
                )
            typed(("checks", cid, name), f"[checks.{cid}] {name}", value, _param_type(defaults[name]))
    for i, raw in enumerate(items):
        if raw["check"] not in checks:
            raise fail(
                ("item", i, "check"), f"item {raw['id']!r}: unknown check {raw['check']!r}{_known(raw['check'], known)}"
            )
    for cid in data.get("extra_checks", []):
        if cid not in checks:
            raise fail(("extra_checks",), f"extra_checks: unknown check {cid!r}{_known(cid, known)}")


def _from_data(data: dict[str, Any], path: Path) -> Profile:
    base: Profile | None = None
    if "extends" in data:
        try:
            base = load_profile(str(data["extends"]))
        except ProfileError as exc:
            raise ProfileError(f"{path}: extends: {exc}") from None
    try:
        items = [_item(raw, path) for raw in data.get("item", [])]
    except TypeError as exc:
        raise ProfileError(f"{path}: {exc}") from None
    if base is not None:
        by_id = {it.id: it for it in base.items}
        for it in items:
            by_id[it.id] = it
        items = list(by_id.values())
        params = {k: dict(v) for k, v in base.check_params.items()}
        for k, v in data.get("checks", {}).items():
            params.setdefault(k, {}).update(v)
    else:
        params = {k: dict(v) for k, v in data.get("checks", {}).items()}
    get = lambda key, default: data.get(key, getattr(base, key) if base else default)  # noqa: E731
    if "id" not in data and base is None:
        raise ProfileError(f"{path}: a profile needs an id")
    return Profile(
        id=data.get("id", base.id if base else ""),
        title_zh=get("title_zh", ""),
        title_en=get("title_en", ""),
        source=get("source", ""),
        base_score=float(get("base_score", 100)),
        pass_line=float(get("pass_line", 60)),
        bonus_above=float(get("bonus_above", 80)),
        bonus_max=float(get("bonus_max", 30)),
        items=items,
        check_params=params,
        extra_checks=list(get("extra_checks", [])),
        path=str(path),
    )


def _item(raw: dict[str, Any], path: Path) -> ProfileItem:
    unknown = set(raw) - _ITEM_KEYS
    if unknown:
        raise ProfileError(f"{path}: item {raw.get('id', '?')}: unknown keys {sorted(unknown)}")
    for key in ("id", "check", "severity"):
        if key not in raw:
            raise ProfileError(f"{path}: item {raw.get('id', '?')}: missing {key!r}")
    if raw["severity"] not in _SEVERITIES:
        raise ProfileError(f"{path}: item {raw['id']}: severity must be one of {sorted(_SEVERITIES)}")
    raw = {"title_zh": raw["id"], "title_en": raw["id"], "clause": "", **raw}
    return ProfileItem(**raw)
