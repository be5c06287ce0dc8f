"""Cypher text: names, property reads, map literals, and the operators a filter becomes."""

from __future__ import annotations

import re
from functools import lru_cache

# Filter operators and the Cypher they become (the text ones compare folded strings).
_COMPARE = {"eq": "=", "ne": "<>", "in": "IN", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
_TEXT_MATCH = {"contains": "CONTAINS", "startsWith": "STARTS WITH", "endsWith": "ENDS WITH"}

_KEYWORDS = {
    "all", "and", "any", "as", "asc", "ascending", "by", "call", "case", "contains", "count", "create",
    "delete", "desc", "descending", "detach", "distinct", "do", "else", "end", "ends", "exists", "false",
    "for", "from", "in", "is", "limit", "match", "merge", "none", "not", "null", "of", "on", "optional",
    "or", "order", "remove", "return", "set", "single", "skip", "starts", "then", "to", "true", "union",
    "unwind", "use", "when", "where", "with", "xor", "yield"}
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@lru_cache(maxsize=4096)
def _name(name: str) -> str:
    """A property or map key: plain when safe, else quoted (GraphQL names need no escaping)."""
    return name if _PLAIN.match(name) and name.lower() not in _KEYWORDS else f"`{name}`"


def _prop(var: str, name: str) -> str:
    return f"{var}.{_name(name)}"


def _key(name: str) -> str:
    return _name(name)


def _map(entries: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{_key(k)}: {e}" for k, e in entries) + "}"

