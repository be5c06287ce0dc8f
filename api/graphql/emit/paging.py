"""Pages: `limit`/`offset` windows, Relay cursor windows, and the default page a notice reports."""

from __future__ import annotations

from api.graphql.plan.base import CompileError, decode_cursor


class Paging:
    def _check_size(self, name: str, n: int | None) -> None:
        if n is None:
            return
        if n < 0:
            raise CompileError(f"`{name}` must not be negative", "BAD_REQUEST")
        if n > self.limits.max_page_size:
            raise CompileError(f"`{name}` is {n}; the page size limit is {self.limits.max_page_size}",
                               "PAGE_SIZE_LIMIT")

    def offset_window(self, args: dict) -> tuple[int, int]:
        limit, offset = args.get("limit"), args.get("offset") or 0
        self._check_size("limit", limit)
        if offset < 0:
            raise CompileError("`offset` must not be negative", "BAD_REQUEST")
        if limit is None:
            limit = self.limits.default_page_size
        return offset, offset + limit

    def cursor_window(self, args: dict, size_expr: str) -> tuple[str, str]:
        """Start and end (Cypher expressions) of the page a Relay connection asks for."""
        a = self.cursor_args(args)
        lo, before, first, last = a["lo"], a["before"], a["first"], a["last"]
        if last is None:
            hi = lo + first
            if before is not None:
                hi = min(hi, before)
            return self.param(lo), self.param(max(hi, lo))
        end = size_expr if before is None else (
            f"CASE WHEN {size_expr} < {self.param(before)} THEN {size_expr} ELSE {self.param(before)} END")
        if first is not None:
            cap = self.param(lo + first)
            end = f"CASE WHEN {end} < {cap} THEN {end} ELSE {cap} END"
        lo_p, last_p = self.param(lo), self.param(last)
        start = f"CASE WHEN {end} - {last_p} > {lo_p} THEN {end} - {last_p} ELSE {lo_p} END"
        end = f"CASE WHEN {end} < {lo_p} THEN {lo_p} ELSE {end} END"
        return start, end

    def _default_page(self, args: dict, size: str, lo: int, hi: int) -> None:
        """A nested list without `limit`: its size, offset and page for the node's map (node())."""
        if args.get("limit") is None:
            self.nested_pages = True
            self._pages += 1
            self._page = f"{{total: {size}, offset: {self.param(lo)}, limit: {self.param(hi - lo)}}}"

    def cursor_args(self, args: dict) -> dict:
        """first/last (checked, defaulted) and the after/before cursors as positions."""
        first, last = args.get("first"), args.get("last")
        self._check_size("first", first)
        self._check_size("last", last)
        lo = decode_cursor(args["after"]) + 1 if args.get("after") else 0
        before = decode_cursor(args["before"]) if args.get("before") else None
        if first is None and last is None:
            first = self.limits.default_page_size
        return {"lo": lo, "before": before, "first": first, "last": last}
