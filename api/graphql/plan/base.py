"""What the plan and its emitters share: the compile error, the limits, cursors, folding, the keys
a compiled answer carries, the names looked up, and small tests of a request's arguments."""

from __future__ import annotations

import base64
import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from graphql import FieldNode

from api.graphql import search_syntax
from api.graphql.protection import ProtectionLimits
from schema.text import STORE_FOLD_TABLE

# The dates `responsibility(at:)` takes: a year, a month or a day.
_AT = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class CompileError(Exception):
    """The request cannot be compiled (a limit, a bad cursor, an unsupported shape)."""

    def __init__(self, message: str, code: str = "BAD_REQUEST", extensions: dict | None = None):
        super().__init__(message)
        self.code = code
        self.extensions = extensions or {}


# `search(document:, author:)`: the pattern from hit {m} to the node {x} looked up. `ministry:` is
# responsibility (schema/responsibility.py), emitted by Roots._search_ministry.
SEARCH_FILTERS = {
    "document": "({m})-[:EXTRACTED_FROM|MENTIONED_IN*0..1]->({x}:Document)",
    "author": "({m})-[:EXTRACTED_FROM|MENTIONED_IN*0..1]->(:Document)-[:AUTHORED_BY]->({x})",
}
SEARCH_FILTER_ARGS = (*SEARCH_FILTERS, "ministry")


def parse_search(text: str):
    """The tree of a search text (api.graphql.search_syntax); a BAD_USER_INPUT error saying what
    and where when it is malformed."""
    try:
        return search_syntax.parse(text)
    except search_syntax.SearchSyntaxError as e:
        raise CompileError(f"search text {text[:80]!r}: {e}", "BAD_USER_INPUT",
                           {"argument": "text", "position": e.position}) from None


@dataclass(frozen=True)
class Limits:
    default_page_size: int = ProtectionLimits.default_page_size
    max_page_size: int = ProtectionLimits.max_page_size
    max_path_length: int = 6
    max_search_hits: int = 100


# -- folding: a needle folded as the store folds a value (schema.text.store_fold) -----------------
def fold_pairs(needle: str) -> list[list[str]]:
    """The part of the table a comparison with the folded `needle` needs: the pairs whose
    replacement shares a character with it. Leaving the others out changes no answer of `=`,
    CONTAINS, STARTS WITH or ENDS WITH: a character they would replace (æ, é, …) is never in a
    folded needle, nor is any character of its replacement, so no match can include either; the
    parts of the string between such characters are the same both ways."""
    chars = set(needle)
    return [list(pair) for pair in STORE_FOLD_TABLE if chars & set(pair[1])]


KIND_KEY = "__kind"  # in an abstract (Entity) value: its concrete type


# -- cursors -------------------------------------------------------------------------------------
def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"cursor:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
        kind, _, n = text.partition(":")
        if kind != "cursor" or not n.isdigit():
            raise ValueError
        return int(n)
    except Exception:
        raise CompileError(f"invalid cursor {cursor[:40]!r}", "BAD_CURSOR") from None


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    return False



RESPONSIBLE_FILTER = "responsibleMinistries"  # the filter on measures (ResponsibilityFilter)


@dataclass
class Collected:
    name: str
    nodes: list[FieldNode] = field(default_factory=list)
    types: set[str] = field(default_factory=set)



@dataclass(frozen=True)
class Lookup:
    """A name the request looks a node up by (api.graphql.notices explains a miss): under root
    field `root`, argument or filter `arg`, among `labels` (None: any kind); `error`: a root
    lookup that answers null or nothing when the name is unknown (else a filter's, a notice)."""

    root: int
    arg: str
    name: str
    labels: tuple[str, ...] | None
    error: bool


PAGE_KEY = "__page_"  # + response key, in a node's map: {total, offset, limit} of a list on the default page
LIMIT_KEY = "__limit"  # in a connection's value {total, offset, items}: the default page it is on


def checked_at(at: str | None) -> str | None:
    """`at` as given when it is a real year, month or date (YYYY, YYYY-MM, YYYY-MM-DD)."""
    if at is None:
        return None
    try:
        if not _AT.fullmatch(at):
            raise ValueError
        _dt.date.fromisoformat(at + "-01-01"[len(at) - 4:])
    except ValueError:
        raise CompileError(f"`at` must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {at[:40]!r}",
                           "BAD_USER_INPUT") from None
    return at
