"""Responsibility: which ministry is responsible for a measure (a proposal, an instrument or an
agency), and why. The one declaration of the rule; everything that states responsibility derives
from it:

* the GraphQL compiler (`api/graphql/emit/responsibility.py`): one branch of Cypher per path, and
  the `ResponsibilityBasis` enum with each basis's label and description (`api/graphql/schema.py`);
* the reference Cypher `queries/responsibility.cypher`, written from it by
  `graph/responsibility.py` (a test keeps the file equal to the generator), and the RDF export,
  which runs the same generated query for pages of measures (`api/rdf/graph.py`); the other
  hand-written reference queries that restate the rule (`queries/measures_of_ministry.cypher`, …)
  are checked against the paths by `tests/test_responsibility_declaration.py`;
* the explorer's labels: it reads the enum's descriptions and each answer's `explanation` from
  the GraphQL API;
* the RDF terms' allowed values (`schema/rdf_mapping.py`: `hg:basis` on an `hg:Responsibility`).

A measure's ministry is found along a **path** of relationships from the measure to the ministry,
each path on one **basis**. Bases come in this order, and so do the paths (the answers of every
consumer are ordered by it). A relationship with `validFrom`/`validTo` (`valid=True`) must hold
at the date checked: the date asked for, else — on a `dated` path — the date of the document the
proposal is extracted from, else today; a year or a month counts whole.

Only the standard library and schema.* may be imported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from schema.model import NODE_BY_LABEL, REL_BY_TYPE

# The kinds whose responsible ministries are traced, and who is responsible.
MEASURES = ("Instrument", "Proposal", "Agency")
RESPONSIBLE = "Ministry"
# A dated path's date: the `date` of the Document the proposal is EXTRACTED_FROM.
DATED_BY = ("EXTRACTED_FROM", "Document", "date")


@dataclass(frozen=True)
class Basis:
    """Why a ministry is responsible. `name` is GraphQL's enum value (`ResponsibilityBasis`) and,
    lower-cased, the RDF literal of `hg:basis`; `label` a heading for people (no colon: GraphQL's
    enum description is `label: description`, and the explorer splits it there)."""

    name: str
    label: str
    description: str

    @property
    def rdf(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Step:
    """One relationship along a path, followed from its start to its end; `to`: the label its end
    must have (None: any kind the model lets it reach; the last step reaches the ministry)."""

    type: str
    to: str | None = None
    valid: bool = False  # its validFrom/validTo must hold at the date checked


@dataclass(frozen=True)
class BasisFrom:
    """The basis is the first relationship's property `prop`: each (value, basis) in `values`;
    any other value counts as the last basis."""

    prop: str
    values: tuple[tuple[str, str], ...]

    @property
    def bases(self) -> tuple[str, ...]:
        return tuple(b for _, b in self.values)


@dataclass(frozen=True)
class Path:
    """A way a ministry is responsible for a measure: the steps from the measure to the ministry.
    `name` names it (the reference Cypher's list of it); `explanation` says it in words (None: the
    basis's description)."""

    name: str
    basis: str | BasisFrom
    steps: tuple[Step, ...]
    dated: bool = False  # checked at the proposal's document date when no date is asked for
    explanation: str | None = None

    @property
    def bases(self) -> tuple[str, ...]:
        return self.basis.bases if isinstance(self.basis, BasisFrom) else (self.basis,)

    @property
    def via(self) -> int | None:
        """The index (in the path's nodes: measure, …, ministry) of the node the responsibility
        goes through: the last one before the ministry, if any."""
        return len(self.steps) - 1 if len(self.steps) > 1 else None

    def explain(self, basis: str) -> str:
        return self.explanation or BASIS_BY_NAME[basis].description


BASES: tuple[Basis, ...] = (
    Basis("NAMED", "Named in the text", "the proposal names the ministry"),
    Basis("ADDRESSEE", "Addressee of the document",
          "the document the proposal comes from is addressed to the ministry"),
    Basis("OWNER", "Owner", "the ministry owns the instrument or agency"),
    Basis("ADMINISTERING_AGENCY", "Through the administering agency",
          "the ministry owns the agency that administers the instrument"),
)
BASIS_BY_NAME = {b.name: b for b in BASES}
BASIS_NAMES = tuple(b.name for b in BASES)

PATHS: tuple[Path, ...] = (
    # a proposal ADDRESSED_TO a ministry: named in it, or its document's addressee
    Path("addressed", BasisFrom("basis", (("named", "NAMED"), ("addressee", "ADDRESSEE"))),
         (Step("ADDRESSED_TO"),)),
    # an instrument or agency the ministry owns
    Path("owned", "OWNER", (Step("OWNED_BY", valid=True),)),
    # an agency that is part of another (a unit of it, or one of a group): owned through it
    Path("partOf", "OWNER", (Step("PART_OF", "Agency", valid=True), Step("OWNED_BY", valid=True)),
         explanation="the ministry owns the body the agency is part of"),
    # a proposal mentioning an instrument or agency the ministry owns (at the document's date)
    Path("ownedVia", "OWNER", (Step("MENTIONS"), Step("OWNED_BY", valid=True)), dated=True,
         explanation="the proposal mentions an instrument or agency the ministry owns"),
    # an instrument administered by an agency the ministry owns
    Path("agency", "ADMINISTERING_AGENCY",
         (Step("ADMINISTERED_BY", "Agency", valid=True), Step("OWNED_BY", valid=True))),
    # a proposal mentioning an instrument administered by an agency the ministry owns
    Path("agencyVia", "ADMINISTERING_AGENCY",
         (Step("MENTIONS", "Instrument"), Step("ADMINISTERED_BY", "Agency", valid=True), Step("OWNED_BY", valid=True)),
         dated=True, explanation="the proposal mentions an instrument administered by an agency the ministry owns"),
)


def measure_kinds(path: Path) -> frozenset[str]:
    """The kinds of measure a path can start at: those the model lets start its first
    relationship (and, on a dated path, be extracted from a document)."""
    kinds = set(REL_BY_TYPE[path.steps[0].type].start) & set(MEASURES)
    if path.dated:
        kinds &= set(REL_BY_TYPE[DATED_BY[0]].start)
    return frozenset(kinds)


def measure_label(path: Path) -> str | None:
    """The label a node must have to be the path's measure when it is found from the ministry's
    side: None when the model lets only measures start the path, else the one measure kind."""
    start = set(REL_BY_TYPE[path.steps[0].type].start)
    if path.dated:
        start &= set(REL_BY_TYPE[DATED_BY[0]].start)
    if start <= set(MEASURES):
        return None
    [label] = measure_kinds(path)
    return label


def node_kinds(path: Path) -> list[frozenset[str]]:
    """The kinds each node of the path (measure, …, ministry) can be, by its steps' labels and
    the model."""
    out = [measure_kinds(path)]
    for i, step in enumerate(path.steps):
        rel = REL_BY_TYPE[step.type]
        kinds = set(rel.end)
        if i + 1 < len(path.steps):
            kinds &= set(REL_BY_TYPE[path.steps[i + 1].type].start)
        else:
            kinds &= {RESPONSIBLE}
        if step.to is not None:
            kinds &= {step.to}
        out.append(frozenset(kinds))
    return out


def problems() -> list[str]:
    """What is wrong with the declaration against schema/model.py (empty: nothing)."""
    out: list[str] = []
    labels = set(NODE_BY_LABEL)
    if not set(MEASURES) <= labels or RESPONSIBLE not in labels:
        out.append("MEASURES and RESPONSIBLE must be node kinds")
    if [b for p in PATHS for b in p.bases if b not in BASIS_BY_NAME]:
        out.append("a path's basis is not declared in BASES")
    order = [BASIS_NAMES.index(p.bases[0]) for p in PATHS if p.bases[0] in BASIS_BY_NAME]
    if order != sorted(order):
        out.append("PATHS are not in the order of BASES")
    if {b for p in PATHS for b in p.bases} != set(BASIS_NAMES):
        out.append("every basis needs a path")
    if len({p.name for p in PATHS}) != len(PATHS):
        out.append("path names repeat")
    if any(":" in b.label for b in BASES):
        out.append("a basis label holds a colon")
    for p in PATHS:
        unknown = [s.type for s in p.steps if s.type not in REL_BY_TYPE]
        if unknown:
            out.append(f"{p.name}: unknown relationship types {unknown}")
            continue
        kinds = node_kinds(p)
        empty = [i for i, k in enumerate(kinds) if not k]
        if empty:
            out.append(f"{p.name}: the model lets no node stand at position(s) {empty}")
        for s in p.steps:
            has_validity = {"validFrom", "validTo"} <= {q.name for q in REL_BY_TYPE[s.type].props}
            if s.valid and not has_validity:
                out.append(f"{p.name}: {s.type} has no validFrom/validTo to check")
        if isinstance(p.basis, BasisFrom):
            if p.basis.prop not in {q.name for q in REL_BY_TYPE[p.steps[0].type].props}:
                out.append(f"{p.name}: {p.steps[0].type} has no property {p.basis.prop!r}")
        if p.dated and DATED_BY[2] not in {q.name for q in NODE_BY_LABEL[DATED_BY[1]].props}:
            out.append(f"{p.name}: {DATED_BY[1]} has no {DATED_BY[2]!r}")
    return out
