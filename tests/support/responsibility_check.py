"""Check a hand-written Cypher query that restates the responsibility rule against its declaration
(schema/responsibility.py), so the analysts' reference queries cannot drift from it.

A query restates the rule as one `MATCH`/`OPTIONAL MATCH` per path (a *branch*): a pattern from the
measure to the ministry (a dated path from the proposal's document: `(d:Document)<-[:EXTRACTED_FROM]-
(v)…`), a `WHERE` with the validity of the relationships that must hold at the date checked, and,
until the next branch, the basis it answers with (`'OWNER'`, or the CASE over `r.basis`). `check()`
reads every branch and compares it with the declared paths in the query's scope (the kinds of
measure and the bases it answers for):

* the same paths, each once: relationship types in order and the kinds each node can be (its label,
  or what the model lets it be between its relationships: `(x)` after MENTIONS and before OWNED_BY
  is an instrument or an agency, as is the declaration's unlabelled node);
* validity on exactly the declared relationships, in the declared form (`coalesce(r.validFrom, '')
  <= AT + '~' AND (coalesce(r.validTo, '9999') + '~') >= AT`), AT the document's date on a dated
  path (`coalesce($at, d.date, $today)`) and not on another;
* the declared basis (or bases, read off the relationship's property as declared).

It reads the query's text, not its meaning: what it cannot read as a branch it reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.model import REL_BY_TYPE
from schema.responsibility import (BASIS_NAMES, DATED_BY, MEASURES, PATHS, RESPONSIBLE, BasisFrom, Path,
                                   measure_kinds, node_kinds)

_CLAUSE = re.compile(r"^\s*(?:OPTIONAL\s+)?MATCH\s+(.*)$")
_TOKEN = re.compile(r"\(([^()]*)\)|(<?)-\[([^\]]*)\]-(>?)")
_STOP = re.compile(r"^\s*(?:RETURN|UNWIND)\b")
_BASIS = re.compile(r"'(" + "|".join(BASIS_NAMES) + r")'")
_AT = r"(now|\$today|coalesce\([^()]*\))"


@dataclass
class Branch:
    line: int
    text: str
    dated: bool
    doc: str | None
    types: tuple[str, ...]
    kinds: tuple[frozenset[str], ...]
    rel_vars: tuple[str | None, ...]
    where: str
    segment: str


def _node(text: str) -> tuple[str, str | None]:
    head = text.split("{", 1)[0].strip()
    var, _, label = head.partition(":")
    return var.strip(), (label.strip() or None)


def _parse(pattern: str) -> list | None:
    """[node, rel, node, …]: nodes (var, label), rels (var, type, direction); None if it is not a
    plain chain."""
    seq, pos = [], 0
    for m in _TOKEN.finditer(pattern):
        if pattern[pos:m.start()].strip():
            return None
        pos = m.end()
        if m.group(1) is not None:
            seq.append(_node(m.group(1)))
        else:
            var, _, type_ = m.group(3).partition(":")
            if m.group(2) and m.group(4) or not (m.group(2) or m.group(4)):
                return None
            seq.append((var.strip() or None, type_.strip(), "in" if m.group(2) else "out"))
    rest = pattern[pos:].strip()
    if rest and not rest.startswith("WHERE"):
        return None
    return seq


def branches(text: str) -> tuple[list[Branch], list[str]]:
    """The branches of a query (patterns that reach the ministry), and what could not be read."""
    lines = text.splitlines()
    ministry_vars = {v for line in lines for v, in re.findall(rf"MATCH \((\w+):{RESPONSIBLE}\)", line)}
    found, problems = [], []
    starts = []
    for i, line in enumerate(lines):
        m = _CLAUSE.match(line)
        if not m:
            continue
        seq = _parse(m.group(1))
        if not seq or len(seq) < 3:
            continue
        last_var, last_label = seq[-1]
        if last_label != RESPONSIBLE and last_var not in ministry_vars:
            continue
        starts.append((i, seq))
    for n, (i, seq) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        stop = next((j for j in range(i + 1, end) if _STOP.match(lines[j])), end)
        where, j = [], i + 1
        head = lines[i].split(" WHERE ", 1)
        if len(head) == 2:
            where.append(head[1])
        while j < stop and re.match(r"^\s*(WHERE|AND)\b", lines[j]):
            where.append(lines[j])
            j += 1
        dated, doc = False, None
        if len(seq) >= 3 and seq[1][2] == "in":
            if seq[1][1] != DATED_BY[0] or seq[0][1] != DATED_BY[1]:
                problems.append(f"line {i + 1}: a pattern read from the ministry's side is not understood: {lines[i]}")
                continue
            dated, doc, seq = True, seq[0][0], seq[2:]
        rels = seq[1::2]
        nodes = seq[0::2]
        if any(r[2] != "out" for r in rels):
            problems.append(f"line {i + 1}: relationships must point from the measure to the ministry: {lines[i]}")
            continue
        types = tuple(r[1] for r in rels)
        if any(t not in REL_BY_TYPE for t in types):
            problems.append(f"line {i + 1}: unknown relationship type in {lines[i]}")
            continue
        kinds = []
        for k, (var, label) in enumerate(nodes):
            allowed = set(REL_BY_TYPE[types[k - 1]].end) if k > 0 else set(MEASURES)
            if k < len(types):
                allowed &= set(REL_BY_TYPE[types[k]].start)
            if k == 0 and dated:
                allowed &= set(REL_BY_TYPE[DATED_BY[0]].start)
            if k == len(nodes) - 1:
                allowed &= {RESPONSIBLE}
            if label is not None:
                allowed &= {label}
            kinds.append(frozenset(allowed))
        found.append(Branch(i + 1, lines[i].strip(), dated, doc, types, tuple(kinds), tuple(r[0] for r in rels),
                            "\n".join(where), "\n".join(lines[i:stop])))
    return found, problems


def _validity(b: Branch) -> tuple[set[int], list[str]]:
    """The steps (0-based) whose validity the branch checks, and what is wrong with how."""
    checked, problems = set(), []
    for k, var in enumerate(b.rel_vars):
        if var is None:
            continue
        start = re.findall(rf"coalesce\({var}\.validFrom, ''\) <= {_AT} \+ '~'", b.where)
        end = re.findall(rf"\(coalesce\({var}\.validTo, '9999'\) \+ '~'\) >= {_AT}", b.where)
        mentioned = re.search(rf"\b{var}\.valid(From|To)\b", b.where)
        if not start and not end and not mentioned:
            continue
        if len(start) != 1 or len(end) != 1 or start != end:
            problems.append(f"line {b.line}: {var}'s validity is not `coalesce({var}.validFrom, '') <= AT + '~' AND "
                            f"(coalesce({var}.validTo, '9999') + '~') >= AT` with one AT")
            continue
        at = start[0]
        on_document = b.doc is not None and f"{b.doc}.{DATED_BY[2]}" in at
        if b.dated != on_document:
            problems.append(f"line {b.line}: {var}'s validity is checked at {at}, "
                            + ("not at the document's date" if b.dated else "which is not a dated path's"))
        checked.add(k)
    return checked, problems


def _matches(b: Branch, p: Path, kinds: set[str]) -> bool:
    want = node_kinds(p)
    return (b.dated == p.dated and b.types == tuple(s.type for s in p.steps)
            and (b.kinds[0] & kinds) == (want[0] & kinds) and b.kinds[1:] == tuple(want[1:]))


def check(text: str, kinds=MEASURES, bases=BASIS_NAMES) -> list[str]:
    """What is wrong with a query restating the rule for measures of `kinds` on `bases` (empty:
    nothing): its branches against the declared paths that can answer for those."""
    kinds, bases = set(kinds), set(bases)
    found, problems = branches(text)
    expected = [p for p in PATHS if measure_kinds(p) & kinds and set(p.bases) & bases]
    seen: dict[str, int] = {}
    for b in found:
        candidates = [p for p in expected if _matches(b, p, kinds)]
        if not candidates:
            steps = " -> ".join(f"{t}" for t in b.types)
            problems.append(f"line {b.line}: no declared path is ({'dated, ' if b.dated else ''}{steps}) with "
                            f"nodes {[sorted(k) for k in b.kinds]}: {b.text}")
            continue
        p = candidates[0]
        seen[p.name] = seen.get(p.name, 0) + 1
        checked, wrong = _validity(b)
        problems += wrong
        declared = {k for k, s in enumerate(p.steps) if s.valid}
        if checked != declared and not wrong:
            problems.append(f"line {b.line}: path {p.name}: validity checked on steps {sorted(checked)}, "
                            f"declared on {sorted(declared)}")
        said = set(_BASIS.findall(b.segment))
        if said != set(p.bases) & bases:
            problems.append(f"line {b.line}: path {p.name} answers with bases {sorted(said)}, declared "
                            f"{sorted(set(p.bases) & bases)}")
        if isinstance(p.basis, BasisFrom):
            var = b.rel_vars[0]
            whens = " ".join(f"WHEN '{v}' THEN '{x}'" for v, x in p.basis.values[:-1])
            case = f"CASE {var}.{p.basis.prop} {whens} ELSE '{p.basis.values[-1][1]}' END"
            if case not in b.segment:
                problems.append(f"line {b.line}: path {p.name}: the basis is not read as declared: {case}")
    for p in expected:
        if seen.get(p.name, 0) != 1:
            problems.append(f"path {p.name} ({' -> '.join(s.type for s in p.steps)}) appears "
                            f"{seen.get(p.name, 0)} times, declared once")
    return problems
