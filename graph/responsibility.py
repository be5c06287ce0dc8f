"""The reference Cypher of responsibility, written from its declaration (schema/responsibility.py).

`reference_cypher()` is the text of `queries/responsibility.cypher`, the analysts' reference query
for `queries/responsibility.graphql` (tests/test_responsibility_declaration.py keeps the file equal
to it; `python -m graph.responsibility --write` rewrites the file); `reference_cypher(ids=True)` is
the same query for a page of measures by id, every node with its id, which the RDF export runs
(`api/rdf/queries.py`). Plain, readable Cypher that both stores run: one block per path, in basis
order, each collecting the path's answers into a list named after it. (The GraphQL compiler writes
its own Cypher from the same declaration: `api/graphql/emit/responsibility.py`.)
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path as FilePath

from schema.responsibility import (DATED_BY, MEASURES, PATHS, RESPONSIBLE, BasisFrom, Path, measure_label,
                                   node_kinds)

QUERY_FILE = FilePath(__file__).resolve().parents[1] / "queries" / "responsibility.cypher"

HEADER = """\
// Ministries responsible for a measure (instrument, agency or proposal; $measure: id, name or
// alias), each with its basis, the date it was checked at, the path and the evidence (with the
// document each piece comes from); ownership checked at $at, else the proposal's document date,
// else $today; a link holds if it holds at some time in that year, month or day (reference query
// for queries/responsibility.graphql: the same answer).
// Written from schema/responsibility.py by graph/responsibility.py: do not edit, run
// `python -m graph.responsibility --write` (a test keeps the two equal). One block per path, in
// basis order.
"""


def _names(path: Path) -> list[str]:
    """The path's node variables: v (the measure), x (a node a proposal mentions), y (a body
    between), m (the ministry)."""
    out = ["v"]
    for i, step in enumerate(path.steps):
        out.append("m" if i == len(path.steps) - 1 else ("x" if step.type == "MENTIONS" else "y"))
    if len(set(out)) != len(out):
        raise ValueError(f"path {path.name}: two nodes between of one sort; name them in graph/responsibility.py")
    return out


def pattern(path: Path) -> str:
    """The path as a Cypher pattern from the measure v to the ministry m (a dated path from the
    proposal's document d)."""
    names = _names(path)
    label = measure_label(path)
    out = f"(d:{DATED_BY[1]})<-[:{DATED_BY[0]}]-" if path.dated else ""
    out += f"(v{':' + label if label else ''})"
    for i, step in enumerate(path.steps, 1):
        to = RESPONSIBLE if i == len(path.steps) else step.to
        out += f"-[r{i}:{step.type}]->({names[i]}{':' + to if to else ''})"
    return out


def _at(path: Path) -> str:
    return f"coalesce($at, d.{DATED_BY[2]}, $today)" if path.dated else "now"


def _validity(path: Path) -> list[str]:
    """The WHERE lines: each relationship with validity holds at some time in the date checked."""
    at, lines = _at(path), []
    for i, step in enumerate(path.steps, 1):
        if step.valid:
            a = f"coalesce(r{i}.validFrom, '') <= {at} + '~'"
            b = f"(coalesce(r{i}.validTo, '9999') + '~') >= {at}"
            lines += [f"{a} AND {b}"] if at == "now" else [a, b]
    return lines


def _node(path: Path, i: int, ids: bool) -> str:
    name = _names(path)[i]
    kinds = node_kinds(path)[i]
    kind = f"'{next(iter(kinds))}'" if i > 0 and len(kinds) == 1 else f"labels({name})[0]"
    return f"{{kind: {kind}, name: {name}.name{f', id: {name}.id' if ids else ''}}}"


def _text(value: str) -> str:
    """A Cypher string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _by_basis(path: Path, value) -> str:
    """`value(basis)` of the path's basis: a CASE over the first relationship's property where
    that property gives the basis."""
    by = path.basis
    if isinstance(by, BasisFrom):
        whens = " ".join(f"WHEN {_text(v)} THEN {value(b)}" for v, b in by.values[:-1])
        return f"CASE r1.{by.prop} {whens} ELSE {value(by.values[-1][1])} END"
    return value(by)


def _comment(path: Path) -> list[str]:
    """The path's name, basis and explanation, as comment lines."""
    by = path.basis
    if isinstance(by, BasisFrom):
        parts = [f"{b} if r1.{by.prop} = '{v}' ({path.explain(b)})" for v, b in by.values[:-1]]
        last = by.values[-1][1]
        text = ", ".join(parts) + f", else {last} ({path.explain(last)})"
    else:
        text = f"{by}: {path.explain(by)}"
    if path.dated:
        text += " (at the document's date)"
    return ["// " + line for line in textwrap.wrap(f"{path.name}: {text}", 97)]


def _block(path: Path, before: list[str], ids: bool) -> list[str]:
    names = _names(path)
    keep = ", ".join(["v", "now"] + before)
    bound = (["d"] if path.dated else []) + [x for i, n in enumerate(names[1:], 1) for x in (f"r{i}", n)]
    out = _comment(path) + [f"OPTIONAL MATCH {pattern(path)}"]
    where = _validity(path)
    if where:
        out.append("WHERE " + "\n  AND ".join(where))
    n = len(path.steps)
    for i in range(1, n + 1):
        out.append(f"WITH {keep}, {', '.join(bound + [f'src{j}' for j in range(1, i)])}")
        out.append(f"OPTIONAL MATCH (src{i}:Document {{id: r{i}.source}})")
    ministry = f"{{name: m.name, nameEn: m.nameEn, abbreviation: m.abbreviation{', id: m.id' if ids else ''}}}"
    via = _node(path, path.via, ids) if path.via is not None else "null"
    nodes = ", ".join(_node(path, i, ids) for i in range(len(names)))
    evidence = [f"{{type: type(r{i}), source: r{i}.source, sourceUrl: r{i}.sourceUrl, quote: r{i}.quote,\n"
                f"                   validFrom: r{i}.validFrom, validTo: r{i}.validTo, document: src{i}.title}}"
                for i in range(1, n + 1)]
    out.append(f"WITH {keep}, collect(CASE WHEN m IS NULL THEN NULL ELSE {{\n"
               f"       ministry: {ministry},\n"
               f"       basis: {_by_basis(path, _text)}, at: {_at(path)}, via: {via},\n"
               + (f"       explanation: {_by_basis(path, lambda b: _text(path.explain(b)))},\n" if ids else "") +
               f"       path: [{nodes}],\n"
               f"       evidence: [" + ",\n                  ".join(evidence) + f"]}} END) AS {path.name}")
    return out


def reference_cypher(ids: bool = False) -> str:
    """The responsibility of the measure `$measure` (id, name or alias), or with `ids` of the
    measures whose ids are in `$ids` (every node map then has its `id`, and every answer its
    `explanation`, the declaration's words for its path): one row per measure, `measure` and
    `ministries` (the answers of every path, in basis order)."""
    kinds = " OR ".join(f"v:{k}" for k in MEASURES)
    lookup = "v.id IN $ids" if ids else "$measure IN ([v.id, v.name] + coalesce(v.aliases, []))"
    lines = [HEADER.rstrip("\n")] if not ids else []
    lines += ["MATCH (v)", f"WHERE ({kinds}) AND {lookup}", "WITH v, coalesce($at, $today) AS now"]
    before: list[str] = []
    for path in PATHS:
        lines += _block(path, before, ids)
        before.append(path.name)
    measure = f"{{kind: labels(v)[0], name: v.name{', id: v.id' if ids else ''}}}"
    lines.append(f"RETURN {measure} AS measure, {' + '.join(before)} AS ministries")
    lines.append("ORDER BY measure.name")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write or check queries/responsibility.cypher.")
    p.add_argument("--write", action="store_true", help=f"rewrite {QUERY_FILE.name}")
    a = p.parse_args(argv)
    text = reference_cypher()
    if a.write:
        QUERY_FILE.write_text(text, encoding="utf-8")
        return 0
    same = QUERY_FILE.read_text(encoding="utf-8") == text
    print(f"{QUERY_FILE.name}: {'as generated' if same else 'differs from the generator: run with --write'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
