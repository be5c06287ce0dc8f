"""The plan's pages and sorts (api.graphql.plan.paging) as Cypher: Relay cursor windows over a
collected list, sort keys, and the default page a notice reports."""

from __future__ import annotations

from api.graphql.emit.text import _prop
from api.graphql.plan.paging import CursorPage, OffsetPage, Sort


class Paging:
    def cursor_window(self, page: CursorPage, size_expr: str) -> tuple[str, str]:
        """Start and end (Cypher expressions) of the page a Relay connection asks for."""
        lo, before, first, last = page.lo, page.before, page.first, page.last
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

    def _default_page(self, page: OffsetPage, size: str) -> None:
        """A nested list without `limit`: its size, offset and page for the node's map (node())."""
        if page.default:
            self.nested_pages = True
            self._pages += 1
            self._page = f"{{total: {size}, offset: {self.param(page.lo)}, limit: {self.param(page.hi - page.lo)}}}"

    @staticmethod
    def order_by(v: str, sort: Sort) -> str:
        return ", ".join(f"{_prop(v, name)} {d}" for name, d in sort.keys)
