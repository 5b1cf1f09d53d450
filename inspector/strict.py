"""Strict types for configuration files (plans, profiles): a value either has the declared type or the
file is refused up front, with the expected type named — never a string where a number belongs,
found an hour later inside a crawl worker.

``mismatch(value, hint)`` returns None when ``value`` fits the type hint, else what was expected, in
words ("a number", "true or false", "a list of strings" …). Integers are numbers where a float is
expected; booleans are never numbers; strings are never coerced.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Union

_NAMES = {int: "a whole number", float: "a number", bool: "true or false", str: "a string"}


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def expected(hint: Any) -> str:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint in _NAMES:
        return _NAMES[hint]
    if hint is Any:
        return "any value"
    if origin in (Union, types.UnionType):
        return " or ".join("nothing" if a is type(None) else expected(a) for a in args)
    if origin in (list, tuple) and args:
        if origin is tuple and Ellipsis not in args:
            return f"a list of {len(args)} values ({', '.join(expected(a) for a in args)})"
        return f"a list of {_plural(expected(args[0]))}"
    if origin is dict and args:
        return f"a table of {_plural(expected(args[1]))}"
    if origin in (list, tuple):
        return "a list"
    if origin is dict:
        return "a table"
    return getattr(hint, "__name__", str(hint))


def _plural(words: str) -> str:
    head, sep, tail = re.sub(r"^an? ", "", words).partition(" of ")
    if head.endswith(("value", "false")) or head.endswith("s"):
        return head + sep + tail
    return head + "s" + sep + tail


def mismatch(value: Any, hint: Any) -> str | None:
    """None when ``value`` fits ``hint``; else the expected type in words."""
    return None if _fits(value, hint) else expected(hint)


def _fits(value: Any, hint: Any) -> bool:
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return any(_fits(value, a) for a in args)
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if origin in (list, tuple):
        if not isinstance(value, list | tuple):
            return False
        if not args:
            return True
        if origin is tuple and Ellipsis not in args:
            return len(value) == len(args) and all(_fits(v, a) for v, a in zip(value, args))
        return all(_fits(v, args[0]) for v in value)
    if origin is dict:
        if not isinstance(value, dict):
            return False
        return not args or all(_fits(k, args[0]) and _fits(v, args[1]) for k, v in value.items())
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


def field_types(cls: type) -> dict[str, Any]:
    """The resolved type hints of a dataclass."""
    return typing.get_type_hints(cls)


# --- where a key is in a TOML file (tomllib gives no positions) -----------------------------------
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def _key_path(raw: str) -> tuple[str, ...]:
    parts = re.findall(r""""[^"]*"|'[^']*'|[^.\s]+""", raw)
    return tuple(p.strip("\"'") for p in parts)


def toml_lines(text: str) -> dict[tuple[Any, ...], int]:
    """(table path …, key) → line number, with ``[[array]]`` entries indexed: ("item", 3, "points")."""
    lines: dict[tuple[Any, ...], int] = {}
    counts: dict[tuple[str, ...], int] = {}
    table: tuple[Any, ...] = ()
    for n, line in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(line)
        if m:
            path = _key_path(m.group(2))
            if m.group(1) == "[[":
                index = counts.get(path, 0)
                counts[path] = index + 1
                table = (*path, index)
            else:
                table = path
            lines.setdefault(table, n)
            continue
        k = _KEY.match(line)
        if k:
            lines.setdefault((*table, *_key_path(k.group(1))), n)
    return lines
