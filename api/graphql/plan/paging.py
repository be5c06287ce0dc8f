"""Pages and sorts as a plan: the window a list or connection asks for, checked against the limits,
and the sort keys, checked against the model. Nothing here writes Cypher (api.graphql.emit.paging
does).

* :class:`OffsetPage` — `limit`/`offset` (a list): items `lo` to `hi`; `default` when no `limit`
  was given (the default page: a root list then asks for one item more to tell a cut, a nested
  list carries its size for the notice);
* :class:`CursorPage` — a Relay connection's `first`/`last`/`after`/`before` as positions;
* :class:`Sort` — (property, ASC|DESC) keys, the name when none is given, the id always last (every
  store orders the same)."""

from __future__ import annotations

from dataclasses import dataclass

from api.graphql.plan.base import CompileError, Limits, decode_cursor
from api.graphql.plan.filters import props_of
from schema.model import STR_LIST


@dataclass(frozen=True)
class OffsetPage:
    lo: int
    hi: int
    default: bool  # no `limit` given: the default page

    @property
    def one_more(self) -> int:
        """1 for a root list on the default page: fetched one item longer to tell a cut."""
        return 1 if self.default else 0


@dataclass(frozen=True)
class CursorPage:
    lo: int  # the first position (after the `after` cursor)
    before: int | None
    first: int | None  # defaulted to the page size when neither first nor last is given
    last: int | None
    default: bool  # neither `first` nor `last` given


@dataclass(frozen=True)
class Sort:
    keys: tuple[tuple[str, str], ...]  # (property, "ASC" | "DESC")


def check_size(name: str, n: int | None, limits: Limits) -> None:
    if n is None:
        return
    if n < 0:
        raise CompileError(f"`{name}` must not be negative", "BAD_REQUEST")
    if n > limits.max_page_size:
        raise CompileError(f"`{name}` is {n}; the page size limit is {limits.max_page_size}", "PAGE_SIZE_LIMIT")


def offset_page(args: dict, limits: Limits) -> OffsetPage:
    limit, offset = args.get("limit"), args.get("offset") or 0
    check_size("limit", limit, limits)
    if offset < 0:
        raise CompileError("`offset` must not be negative", "BAD_REQUEST")
    default = limit is None
    if limit is None:
        limit = limits.default_page_size
    return OffsetPage(offset, offset + limit, default)


def cursor_page(args: dict, limits: Limits) -> CursorPage:
    """first/last (checked, defaulted) and the after/before cursors as positions."""
    first, last = args.get("first"), args.get("last")
    check_size("first", first, limits)
    check_size("last", last, limits)
    lo = decode_cursor(args["after"]) + 1 if args.get("after") else 0
    before = decode_cursor(args["before"]) if args.get("before") else None
    default = first is None and last is None
    if default:
        first = limits.default_page_size
    return CursorPage(lo, before, first, last, default)


def sort_of(type_name: str, sort: list[dict] | None) -> Sort:
    props = props_of(type_name)
    keys = []
    for item in sort or []:
        for name, direction in item.items():
            if direction is None:
                continue
            if name not in props or props[name] == STR_LIST:
                raise CompileError(f"cannot sort on {name!r}")
            keys.append((name, "DESC" if direction == "DESC" else "ASC"))
    if not sort:
        keys.append(("name", "ASC"))
    keys.append(("id", "ASC"))
    return Sort(tuple(keys))
