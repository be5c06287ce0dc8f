"""GraphBatch: what a loader hands to a store — nodes and relationships with evidence.

A batch is validated against the model before any store sees it, so a bad row fails the
whole batch before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schema.model import NODE_BY_LABEL, REL_BY_TYPE, STR_LIST, FLOAT, INT, BOOL, STR


class BatchError(ValueError):
    """A batch does not fit the model; nothing of it may be written."""


@dataclass
class Node:
    label: str
    id: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Rel:
    type: str
    start_label: str
    start_id: str
    end_label: str
    end_id: str
    source: str  # document id, or "registry": part of the relationship's identity
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class GraphBatch:
    """Nodes and relationships for one transaction (normally one document)."""

    nodes: list[Node] = field(default_factory=list)
    rels: list[Rel] = field(default_factory=list)
    document: str | None = None  # id of the document the batch comes from, if any

    def node(self, label: str, id: str, /, **props: Any) -> Node:
        n = Node(label, id, {k: v for k, v in props.items() if v is not None})
        self.nodes.append(n)
        return n

    def rel(self, type: str, start: tuple[str, str], end: tuple[str, str], source: str, /,
            **props: Any) -> Rel:
        """A relationship (start and end as (label, id)); props may include the evidence's
        own `start`/`end` offsets, hence the positional-only parameters."""
        r = Rel(type, start[0], start[1], end[0], end[1], source,
                {k: v for k, v in props.items() if v is not None})
        self.rels.append(r)
        return r

    def extend(self, other: "GraphBatch") -> None:
        self.nodes.extend(other.nodes)
        self.rels.extend(other.rels)

    def validate(self) -> None:
        for n in self.nodes:
            kind = NODE_BY_LABEL.get(n.label)
            if kind is None:
                raise BatchError(f"unknown node label {n.label!r}")
            if not isinstance(n.id, str) or not n.id:
                raise BatchError(f"{n.label} node without an id")
            types = {p.name: p.type for p in kind.props}
            for key, value in n.props.items():
                if key not in types:
                    raise BatchError(f"{n.label}.{key} is not in the model")
                _check_value(f"{n.label}.{key}", types[key], value)
        for r in self.rels:
            rt = REL_BY_TYPE.get(r.type)
            if rt is None:
                raise BatchError(f"unknown relationship type {r.type!r}")
            if r.start_label not in rt.start or r.end_label not in rt.end:
                raise BatchError(f"{r.type} cannot go from {r.start_label} to {r.end_label}")
            if not r.start_id or not r.end_id or not r.source:
                raise BatchError(f"{r.type} relationship needs start, end and source")
            types = {p.name: p.type for p in rt.props}
            for key, value in r.props.items():
                if key not in types or key == "source":
                    raise BatchError(f"{r.type}.{key} is not in the model")
                _check_value(f"{r.type}.{key}", types[key], value)


_PY = {STR: str, INT: int, FLOAT: (int, float), BOOL: bool}


def _check_value(where: str, type_: str, value: Any) -> None:
    if value is None:
        return
    if type_ == STR_LIST:
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise BatchError(f"{where} must be a list of strings, got {value!r:.80}")
        return
    py = _PY[type_]
    if isinstance(value, bool) and type_ != BOOL:
        raise BatchError(f"{where} must be {type_}, got a bool")
    if not isinstance(value, py):
        raise BatchError(f"{where} must be {type_}, got {type(value).__name__}")
