"""typeDefs for the Neo4j GraphQL Library (@neo4j/graphql 7), generated from schema.model.

Run `python -m bench.peer.typedefs [OUT]` (the peer's server does it at start, so the typeDefs
cannot drift from the model). What is generated:

* one `@node` type per node kind, with its properties (`id: ID!`; lists as `[String!]`);
* every relationship on each of its start kinds (outgoing) and end kinds (incoming), named as
  helsegraf's GraphQL schema names them (api.graphql.spec), so that the two read alike;
  a relationship with several kinds at the other end points to a union of them
  (`<Type>Start` / `<Type>End`), the library's way of a polymorphic relationship;
* the relationship's evidence as a `@relationshipProperties` type (`<Type>Evidence`);
* the few `@cypher` fields in CYPHER_FIELDS: what a user of the library writes in Cypher
  where the library's own filters and aggregations cannot ask the question (see FEATURES.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from api.graphql.spec import camel, kinds
from schema.model import BOOL, FLOAT, INT, REL_TYPES, STR, STR_LIST, Prop

SCALAR = {STR: "String", INT: "Int", FLOAT: "Float", BOOL: "Boolean", STR_LIST: "[String!]"}


def _pascal(upper_snake: str) -> str:
    c = camel(upper_snake)
    return c[0].upper() + c[1:]


def union_name(rel_type: str, end: str) -> str:
    """The union of the kinds at one end of a relationship: `end` is 'Start' or 'End'."""
    return f"{_pascal(rel_type)}{end}"


def evidence_name(rel_type: str) -> str:
    return f"{_pascal(rel_type)}Evidence"


def _prop(p: Prop) -> str:
    return f"  {p.name}: {'ID!' if p.name == 'id' else SCALAR[p.type]}"


# (label, field, type, Cypher): computed fields in the peer, each a question the library's
# generated API cannot ask by itself. `this` is the node; the statement returns one column.
_COUNT_PROPOSALS = "MATCH (this){hop}(p:Proposal) RETURN count(DISTINCT p) AS n"
_AUTHORS = ("Organisation", "Ministry", "Agency", "Person")
CYPHER_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    *((label, "proposalCount", "Int!", _COUNT_PROPOSALS.format(hop="-[:PROPOSES]->")) for label in _AUTHORS),
    ("Instrument", "mentionCount", "Int!", _COUNT_PROPOSALS.format(hop="<-[:MENTIONS]-")),
    *((label, "addressedCount", "Int!", _COUNT_PROPOSALS.format(hop="<-[:ADDRESSED_TO]-"))
      for label in ("Organisation", "Ministry", "Agency")),
    ("Theme", "proposalCount", "Int!", _COUNT_PROPOSALS.format(hop="<-[:HAS_THEME]-")),
    ("PolicyDocument", "citedByCount", "Int!",
     "MATCH (this)<-[:CITES]-(c) RETURN count(DISTINCT c) AS n"),
)


def typedefs() -> str:
    out: list[str] = []
    unions: dict[str, tuple[str, ...]] = {}
    for k in kinds().values():
        out.append(f"type {k.label} @node {{")
        out.extend(_prop(p) for p in k.props)
        for f in k.rel_fields:
            if len(f.other_labels) == 1:
                target = f.other_labels[0]
            else:
                target = union_name(f.rel.type, "End" if f.direction == "out" else "Start")
                unions[target] = f.other_labels
            direction = "OUT" if f.direction == "out" else "IN"
            out.append(f'  {f.name}: [{target}!]! @relationship(type: "{f.rel.type}", direction: {direction}, '
                       f'properties: "{evidence_name(f.rel.type)}")')
        for label, name, type_, statement in CYPHER_FIELDS:
            if label == k.label:
                out.append(f'  {name}: {type_} @cypher(statement: "{statement}", columnName: "n")')
        out.append("}")
        out.append("")
    for name, members in unions.items():
        out.append(f"union {name} = {' | '.join(members)}")
    out.append("")
    for r in REL_TYPES:
        out.append(f"type {evidence_name(r.type)} @relationshipProperties {{")
        out.extend(_prop(p) for p in r.props)
        out.append("}")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    text = typedefs()
    if len(argv) > 1:
        Path(argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
