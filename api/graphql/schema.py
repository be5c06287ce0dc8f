"""The GraphQL schema, generated from the model: strawberry types built programmatically.

:func:`strawberry_source` writes the strawberry type definitions (Python source) from
:mod:`api.graphql.spec` — so the GraphQL schema cannot drift from ``schema.model`` — and
:func:`strawberry_schema` executes it into a module and builds the ``strawberry.Schema``.
Execution does not use strawberry's resolvers: every operation is compiled into Cypher
(:mod:`api.graphql.compiler`) and the result is completed against :func:`graphql_schema`, the
same schema without resolvers (:mod:`api.graphql.complete`; graphql-core as the fallback).
"""

from __future__ import annotations

import sys
import types
from functools import lru_cache

from graphql import GraphQLSchema, build_schema

from api.graphql.spec import (BASES, ENTITY, FILTER_FOR, MEASURE_LABELS, RESPONSIBLE_LABEL, all_labels,
                              common_props, evidence_props, kinds)
from api.graphql.emit.paths import STRENGTHS
from schema.model import BOOL, FLOAT, INT, REL_TYPE_NAMES, STR, STR_LIST, Prop
from schema.responsibility import BASIS_BY_NAME

GENERATED_MODULE = "api.graphql._generated"
NAMED_DOC = ("the node with this id, name, alias or abbreviation (case- and diacritic-insensitive), as the "
             "lookups by name find it")

_PY = {STR: "str", INT: "int", FLOAT: "float", BOOL: "bool", STR_LIST: "List[str]"}
_KEYWORDS = {"in", "from", "not", "and", "or", "is", "None", "True", "False"}


def _q(text: str) -> str:
    return repr(" ".join((text or "").split()))


class _Src:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str = "") -> None:
        self.lines.append(line)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _field(out: _Src, name: str, annotation: str, *, description: str = "", default: bool = True) -> None:
    py = name + "_" if name in _KEYWORDS else name
    opts = []
    if py != name:
        opts.append(f"name={name!r}")
    if description:
        opts.append(f"description={_q(description)}")
    if default:
        opts.append("default=None")
    if opts:
        out(f"    {py}: {annotation} = strawberry.field({', '.join(opts)})")
    else:
        out(f"    {py}: {annotation}")


def _method(out: _Src, name: str, returns: str, args: list[tuple[str, str, str]], description: str = "") -> None:
    """A field with arguments: a stub method whose signature strawberry reads."""
    params = ["self"]
    for arg, annotation, default in args:
        py = arg + "_" if arg in _KEYWORDS else arg
        if py != arg:
            annotation = f"Annotated[{annotation}, strawberry.argument(name={arg!r})]"
        params.append(f"{py}: {annotation}" + (f" = {default}" if default is not None else ""))
    desc = f"description={_q(description)}" if description else ""
    out(f"    @strawberry.field({desc})")
    out(f"    def {name}({', '.join(params)}) -> {returns}:")
    out("        raise NotImplementedError  # compiled to Cypher, never called")


def _prop_annotation(p: Prop, *, required_id: bool = True) -> str:
    if p.name == "id" and required_id:
        return "strawberry.ID"
    return f"Optional[{_PY[p.type]}]"


def strawberry_source() -> str:
    ks = kinds()
    labels = all_labels()
    common = common_props()
    out = _Src()
    out("from __future__ import annotations")
    out("import enum")
    out("from typing import Annotated, List, Optional")
    out("import strawberry")
    out()
    # -- enums ----------------------------------------------------------------------------
    out("@strawberry.enum(description='Sort direction')")
    out("class SortDirection(enum.Enum):")
    out("    ASC = 'ASC'")
    out("    DESC = 'DESC'")
    out()
    out("@strawberry.enum(description='A node kind (label) of the graph')")
    out("class Kind(enum.Enum):")
    for label in labels:
        out(f"    {label} = {label!r}")
    out()
    out("@strawberry.enum(description='A relationship type of the graph')")
    out("class RelationshipType(enum.Enum):")
    for t in REL_TYPE_NAMES:
        out(f"    {t} = {t!r}")
    out()
    out("@strawberry.enum(description='What a link of a path rests on: SUBSTANTIVE (owns, administers, proposes, "
        "addressed to, authored by, part of …), CONTENT (a proposal names it, a document states or cites it, a "
        "theme, a similar proposal), CO_MENTION (both mentioned in the same document)')")
    out("class PathStrength(enum.Enum):")
    for name in STRENGTHS:
        out(f"    {name} = {name!r}")
    out()
    out("@strawberry.enum(description='Why a ministry is responsible for a measure, in basis order; each "
        "value is described as `label: what it means` (schema/responsibility.py)')")
    out("class ResponsibilityBasis(enum.Enum):")
    for b in BASES:
        basis = BASIS_BY_NAME[b]
        out(f"    {b} = strawberry.enum_value({b!r}, description={_q(basis.label + ': ' + basis.description)})")
    out()
    for k in ks.values():
        out(f"@strawberry.enum(description={_q('Relationship fields of ' + k.label + ', for grouping')})")
        out(f"class {k.label}Relation(enum.Enum):")
        for f in k.rel_fields:
            out(f"    {f.name} = {f.name!r}")
        out()
    # -- filter inputs --------------------------------------------------------------------
    scalar_filters = {
        "StringFilter": ("str", True, "String comparisons; contains/startsWith/endsWith ignore case and diacritics"),
        "IntFilter": ("int", False, "Integer comparisons"),
        "FloatFilter": ("float", False, "Number comparisons"),
    }
    for name, (py, textual, doc) in scalar_filters.items():
        out(f"@strawberry.input(description={_q(doc)})")
        out(f"class {name}:")
        _field(out, "eq", f"Optional[{py}]")
        _field(out, "ne", f"Optional[{py}]")
        _field(out, "in", f"Optional[List[{py}]]")
        for op in ("gt", "gte", "lt", "lte"):
            _field(out, op, f"Optional[{py}]")
        if textual:
            for op in ("contains", "startsWith", "endsWith"):
                _field(out, op, "Optional[str]", description="case- and diacritic-insensitive")
        _field(out, "isNull", "Optional[bool]")
        out()
    out("@strawberry.input(description='Boolean comparisons')")
    out("class BooleanFilter:")
    _field(out, "eq", "Optional[bool]")
    _field(out, "isNull", "Optional[bool]")
    out()
    out("@strawberry.input(description='Conditions on a list of strings (case- and diacritic-insensitive)')")
    out("class StringListFilter:")
    _field(out, "includes", "Optional[str]", description="some element equals this")
    _field(out, "contains", "Optional[str]", description="some element contains this")
    _field(out, "isEmpty", "Optional[bool]")
    out()
    out("@strawberry.input(description='Conditions on the node kind')")
    out("class KindFilter:")
    _field(out, "eq", "Optional[Kind]")
    _field(out, "in", "Optional[List[Kind]]")
    out()
    out("@strawberry.input(description='Conditions on a relationship and its evidence')")
    out("class EvidenceWhere:")
    _field(out, "type", "Optional[StringFilter]", description="relationship type")
    for p in evidence_props():
        _field(out, p.name, f"Optional[{FILTER_FOR[p.type]}]", description=p.doc)
    _field(out, "AND", "Optional[List[EvidenceWhere]]")
    _field(out, "OR", "Optional[List[EvidenceWhere]]")
    _field(out, "NOT", "Optional[EvidenceWhere]")
    out()
    out("@strawberry.input(description='Measures a ministry is responsible for (as the field responsibleMinistries "
        "traces it), on a basis')")
    out("class ResponsibilityFilter:")
    _field(out, "name", "str", description="the ministry: its name, an alias or its abbreviation (NFD), case- and "
           "diacritic-insensitive", default=False)
    _field(out, "basis", "Optional[List[ResponsibilityBasis]]", description="only these bases (default: any)")
    _field(out, "at", "Optional[str]", description="the date ownership is checked at (YYYY, YYYY-MM or YYYY-MM-DD); "
           "default: the proposal's document date, else today")
    out()
    targets = list(labels) + [ENTITY]
    for t in targets:
        out(f"@strawberry.input(description={_q('Conditions on the related ' + t + ' nodes')})")
        out(f"class {t}RelationFilter:")
        _field(out, "some", f"Optional[{t}Where]", description="at least one related node matches")
        _field(out, "none", f"Optional[{t}Where]", description="no related node matches")
        _field(out, "all", f"Optional[{t}Where]", description="every related node matches")
        _field(out, "edge", "Optional[EvidenceWhere]", description="only relationships whose evidence matches count")
        _field(out, "count", "Optional[IntFilter]", description="number of related nodes")
        out()
    for t in targets:
        props = common if t == ENTITY else ks[t].props
        out(f"@strawberry.input(description={_q('Conditions on ' + t + ' nodes (AND/OR/NOT combine them)')})")
        out(f"class {t}Where:")
        _field(out, "named", "Optional[str]", description=NAMED_DOC)
        for p in props:
            _field(out, p.name, f"Optional[{FILTER_FOR[p.type]}]", description=p.doc)
        if t in MEASURE_LABELS:
            _field(out, "responsibleMinistries", "Optional[ResponsibilityFilter]",
                   description="a ministry responsible for it (named, addressee, owner, administering agency)")
        if t == ENTITY:
            _field(out, "kind", "Optional[KindFilter]")
        else:
            for f in ks[t].rel_fields:
                _field(out, f.name, f"Optional[{f.target}RelationFilter]",
                       description=f"{f.rel.type} ({f.direction})")
        _field(out, "AND", f"Optional[List[{t}Where]]")
        _field(out, "OR", f"Optional[List[{t}Where]]")
        _field(out, "NOT", f"Optional[{t}Where]")
        out()
        out(f"@strawberry.input(description={_q('Sort ' + t + ' nodes by a property')})")
        out(f"class {t}Sort:")
        for p in props:
            if p.type != STR_LIST:
                _field(out, p.name, "Optional[SortDirection]")
        out()
    # -- output types -----------------------------------------------------------------------
    out("@strawberry.type(description='Relay page information')")
    out("class PageInfo:")
    for n, a in (("hasNextPage", "bool"), ("hasPreviousPage", "bool"), ("startCursor", "Optional[str]"),
                 ("endCursor", "Optional[str]")):
        _field(out, n, a, default=False)
    out()
    out("@strawberry.interface(description='Any node of the graph: the properties every kind has')")
    out(f"class {ENTITY}:")
    for p in common:
        _field(out, p.name, _prop_annotation(p), description=p.doc, default=False)
    _field(out, "kind", "Kind", description="the node kind (label)", default=False)
    out()
    out("@strawberry.type(description='Provenance of a relationship: where the fact comes from')")
    out("class Evidence:")
    _field(out, "type", "str", description="relationship type", default=False)
    _field(out, "document", "Optional[Document]", description="the source document (none for registry facts)",
           default=False)
    for p in evidence_props():
        _field(out, p.name, f"Optional[{_PY[p.type]}]", description=p.doc, default=False)
    out()
    page_args = lambda t: [("where", f"Optional[{t}Where]", "None"), ("edge", "Optional[EvidenceWhere]", "None"),  # noqa: E731
                           ("sort", f"Optional[List[{t}Sort]]", "None"), ("limit", "Optional[int]", "None"),
                           ("offset", "Optional[int]", "None")]
    conn_args = lambda t: [("where", f"Optional[{t}Where]", "None"), ("edge", "Optional[EvidenceWhere]", "None"),  # noqa: E731
                           ("sort", f"Optional[List[{t}Sort]]", "None"), ("first", "Optional[int]", "None"),
                           ("after", "Optional[str]", "None"), ("last", "Optional[int]", "None"),
                           ("before", "Optional[str]", "None")]
    resp_args = [("at", "Optional[str]", "None"), ("basis", "Optional[List[ResponsibilityBasis]]", "None")]
    for k in ks.values():
        out(f"@strawberry.type(description={_q(k.node.doc)})")
        out(f"class {k.label}({ENTITY}):")
        for p in k.props:
            if p.name not in {c.name for c in common}:
                _field(out, p.name, _prop_annotation(p), description=p.doc, default=False)
        for f in k.rel_fields:
            arrow = f"-[:{f.rel.type}]->" if f.direction == "out" else f"<-[:{f.rel.type}]-"
            doc = f"({k.label}){arrow}({'|'.join(f.other_labels)}): {f.rel.doc}"
            _method(out, f.name, f"List[{f.target}]", [a for a in page_args(f.target)], doc)
            _method(out, f.name + "Connection", f"{f.target}RelConnection", conn_args(f.target),
                    doc + " — as edges with evidence")
            _method(out, f.name + "Count", "int", [("where", f"Optional[{f.target}Where]", "None"),
                                                   ("edge", "Optional[EvidenceWhere]", "None")],
                    "number of related nodes")
        if k.label in MEASURE_LABELS:
            _method(out, "responsibleMinistries", "List[Responsibility]",
                    resp_args + [("ministry", "Optional[str]", "None")],
                    "ministries responsible for this measure, each with its basis and evidence path "
                    "(at a date `at`: YYYY, YYYY-MM or YYYY-MM-DD; `ministry`: only the one with this id, name, "
                    "alias or abbreviation)")
        if k.label == RESPONSIBLE_LABEL:
            _method(out, "responsibleFor", "List[Responsibility]",
                    resp_args + [("limit", "Optional[int]", "None"), ("offset", "Optional[int]", "None")],
                    "measures (instruments, proposals) this ministry is responsible for")
            _method(out, "responsibleForByBasis", "List[BasisCount]",
                    resp_args + [("kinds", "Optional[List[Kind]]", "None")],
                    "how many measures (distinct instruments, agencies, proposals; `kinds` narrows them) this "
                    "ministry is responsible for on each basis, every basis asked for in basis order, 0 included")
        out()
    for t in targets:
        out(f"@strawberry.type(description={_q('A related ' + t + ' with the evidence of the relationship')})")
        out(f"class {t}RelEdge:")
        _field(out, "cursor", "str", default=False)
        _field(out, "node", t, default=False)
        _field(out, "evidence", "Evidence", default=False)
        out()
        out("@strawberry.type")
        out(f"class {t}RelConnection:")
        _field(out, "totalCount", "int", default=False)
        _field(out, "pageInfo", "PageInfo", default=False)
        _field(out, "edges", f"List[{t}RelEdge]", default=False)
        out()
    for t in labels:
        out("@strawberry.type")
        out(f"class {t}Edge:")
        _field(out, "cursor", "str", default=False)
        _field(out, "node", t, default=False)
        out()
        out("@strawberry.type")
        out(f"class {t}Connection:")
        _field(out, "totalCount", "int", default=False)
        _field(out, "pageInfo", "PageInfo", default=False)
        _field(out, "edges", f"List[{t}Edge]", default=False)
        out()
    out("@strawberry.type(description='A related node and how many nodes relate to it')")
    out("class GroupCount:")
    _field(out, "node", ENTITY, default=False)
    _field(out, "count", "int", default=False)
    out()
    out("@strawberry.type(description='A search hit: the node, its score and a highlighted snippet')")
    out("class SearchHit:")
    _field(out, "node", ENTITY, default=False)
    _field(out, "kind", "Kind", default=False)
    _field(out, "score", "float", default=False)
    _field(out, "field", "str", description="the property that matched best", default=False)
    _field(out, "snippet", "str", description="matched text with <mark>…</mark> around the matches", default=False)
    _field(out, "start", "Optional[int]", description="where the first match starts in the field's value (for a "
           "document's text: the character offset in the document)", default=False)
    _field(out, "end", "Optional[int]", description="where the first match ends (exclusive)", default=False)
    out()
    out("@strawberry.type(description='A ministry responsible for a measure, why, and the evidence path')")
    out("class Responsibility:")
    _field(out, "ministry", "Ministry", default=False)
    _field(out, "measure", ENTITY, default=False)
    _field(out, "basis", "ResponsibilityBasis", default=False)
    _field(out, "explanation", "str", description="why, in words: the rule's explanation of the path the "
           "ministry was found on (e.g. the ministry owns the body the agency is part of)", default=False)
    _field(out, "via", f"Optional[{ENTITY}]", description="the instrument or agency the responsibility goes through",
           default=False)
    _field(out, "at", "Optional[str]", description="the date ownership was checked at (document date)", default=False)
    _field(out, "path", f"List[{ENTITY}]", description="nodes from the measure to the ministry", default=False)
    _field(out, "evidence", "List[Evidence]", description="the relationships along the path", default=False)
    out()
    out("@strawberry.type(description='How many measures a ministry is responsible for on one basis')")
    out("class BasisCount:")
    _field(out, "basis", "ResponsibilityBasis", default=False)
    _field(out, "count", "int", description="distinct measures", default=False)
    out()
    out("@strawberry.type(description='A relationship on a path')")
    out("class PathRelationship:")
    _field(out, "type", "str", default=False)
    _field(out, "startId", "strawberry.ID", default=False)
    _field(out, "endId", "strawberry.ID", default=False)
    _field(out, "evidence", "Evidence", default=False)
    out()
    out("@strawberry.type(description='One step of a path: every relationship between its two nodes')")
    out("class PathStep:")
    _field(out, "types", "List[str]", description="the types of the relationships, strongest first", default=False)
    _field(out, "strength", "PathStrength", description="what the strongest of them rests on", default=False)
    _field(out, "relationships", "List[PathRelationship]", default=False)
    out()
    out("@strawberry.type(description='A shortest path between two nodes (parallel relationships merged)')")
    out("class Path:")
    _field(out, "length", "int", default=False)
    _field(out, "strength", "PathStrength", description="what its weakest step rests on", default=False)
    _field(out, "nodes", f"List[{ENTITY}]", default=False)
    _field(out, "relationships", "List[PathRelationship]", description="the strongest relationship of each step",
           default=False)
    _field(out, "steps", "List[PathStep]", default=False)
    out()
    # -- the root --------------------------------------------------------------------------
    out("@strawberry.type(description='Queries over the helsegraf knowledge graph')")
    out("class Query:")
    for k in ks.values():
        t = k.label
        _method(out, k.plural, f"List[{t}]", [("where", f"Optional[{t}Where]", "None"),
                                               ("sort", f"Optional[List[{t}Sort]]", "None"),
                                               ("limit", "Optional[int]", "None"), ("offset", "Optional[int]", "None")],
                f"{t} nodes: filter, sort, offset pagination")
        _method(out, k.plural + "Connection", f"{t}Connection",
                [("where", f"Optional[{t}Where]", "None"), ("sort", f"Optional[List[{t}Sort]]", "None"),
                 ("first", "Optional[int]", "None"), ("after", "Optional[str]", "None"),
                 ("last", "Optional[int]", "None"), ("before", "Optional[str]", "None")],
                f"{t} nodes as a Relay cursor connection")
        _method(out, k.singular, f"Optional[{t}]", [("id", "Optional[strawberry.ID]", "None"),
                                                     ("name", "Optional[str]", "None")],
                f"one {t} by id, or by name or alias (case- and diacritic-insensitive)")
        _method(out, k.plural + "GroupedBy", "List[GroupCount]",
                [("relation", f"{t}Relation", None), ("where", f"Optional[{t}Where]", "None"),
                 ("relatedWhere", f"Optional[{ENTITY}Where]", "None"), ("limit", "Optional[int]", "None"),
                 ("offset", "Optional[int]", "None")],
                f"{t} counts per related node (e.g. proposals per ministry), largest first")
    _method(out, "entities", f"List[{ENTITY}]", [("where", f"Optional[{ENTITY}Where]", "None"),
                                                 ("sort", f"Optional[List[{ENTITY}Sort]]", "None"),
                                                 ("limit", "Optional[int]", "None"), ("offset", "Optional[int]", "None")],
            "nodes of any kind")
    _method(out, "entity", f"Optional[{ENTITY}]", [("id", "Optional[strawberry.ID]", "None"),
                                                   ("name", "Optional[str]", "None"),
                                                   ("kind", "Optional[Kind]", "None")],
            "one node of any kind by id, or by name or alias")
    _method(out, "search", "List[SearchHit]", [("text", "str", None), ("kinds", "Optional[List[Kind]]", "None"),
                                               ("document", "Optional[str]", "None"),
                                               ("author", "Optional[str]", "None"),
                                               ("ministry", "Optional[str]", "None"),
                                               ("limit", "Optional[int]", "None"), ("offset", "Optional[int]", "None")],
            "full-text search over names, aliases, proposal and document text (Norwegian stemming and compounds), "
            "ranked; `text`: words (all of them), `OR`, \"phrases\", `prefix*`, parentheses; `document`, `author`, "
            "`ministry` (id, name or alias): hits in that document, in a document by that author; the ministry, "
            "the measures it is responsible for today (as responsibleMinistries) and the documents addressed to it")
    _method(out, "responsibility", "List[Responsibility]",
            [("measure", "str", None), ("at", "Optional[str]", "None"),
             ("basis", "Optional[List[ResponsibilityBasis]]", "None")],
            "ministries responsible for a measure (instrument, agency or proposal, by id, name or alias), "
            "at a date `at` (YYYY, YYYY-MM or YYYY-MM-DD), else the proposal's document date, else today")
    _method(out, "connection", "List[Path]", [("from", "str", None), ("to", "str", None),
                                              ("maxLength", "Optional[int]", "None"),
                                              ("limit", "Optional[int]", "None"),
                                              ("avoid", "Optional[List[RelationshipType]]", "None"),
                                              ("avoidKinds", "Optional[List[Kind]]", "None")],
            "shortest paths between two nodes (by id, name or alias), with evidence: parallel relationships "
            "merged into one path, substantive links ranked before content and co-mention, the shortest path "
            "without co-mention too; `avoid`: relationship types not to use, `avoidKinds`: kinds of node not "
            "to pass through")
    return out.text()


@lru_cache
def strawberry_schema():
    import strawberry
    module = types.ModuleType(GENERATED_MODULE)
    module.__file__ = f"<{GENERATED_MODULE}>"
    sys.modules[GENERATED_MODULE] = module
    exec(compile(strawberry_source(), module.__file__, "exec"), module.__dict__)
    kinds_types = [getattr(module, label) for label in all_labels()]
    return strawberry.Schema(query=module.Query, types=kinds_types)


@lru_cache
def sdl() -> str:
    return strawberry_schema().as_str()


@lru_cache
def graphql_schema() -> GraphQLSchema:
    """The executable schema: the strawberry schema's SDL, without resolvers (see module doc)."""
    return build_schema(sdl())
