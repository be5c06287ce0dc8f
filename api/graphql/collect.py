"""The fields a selection asks for, by response key: GraphQL's CollectFields, the one walker over a
request's selections that the compiler (api.graphql.plan.selection) and the completer
(api.graphql.complete) share.

@skip/@include are applied; an inline fragment or a fragment spread is entered when its type
condition `applies` (the caller decides what a condition means: the compiler per concrete kind of
an Entity, the completer per runtime type); a named fragment is entered once. The cost analysis
(api.graphql.protection) walks the selection on its own on purpose: it counts every field of the
unmerged tree, directives or not, and stops early on abuse."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from graphql import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLIncludeDirective,
                     GraphQLSkipDirective, InlineFragmentNode, SelectionSetNode)
from graphql.execution.values import get_directive_values


def included(node, variables: dict[str, Any]) -> bool:
    """False when @skip(if: true) or @include(if: false) leaves `node` out."""
    if not node.directives:
        return True
    skip = get_directive_values(GraphQLSkipDirective, node, variables)
    if skip and skip.get("if"):
        return False
    include = get_directive_values(GraphQLIncludeDirective, node, variables)
    return not (include and not include.get("if"))


def collect_fields(sets: Iterable[SelectionSetNode], applies: Callable[[str | None], bool],
                   variables: dict[str, Any], fragments: dict[str, FragmentDefinitionNode]
                   ) -> dict[str, list[FieldNode]]:
    """The field nodes of `sets` by response key, in request order. `applies(condition)` says
    whether a fragment with that type condition (None: an inline fragment without one) counts."""
    fields: dict[str, list[FieldNode]] = {}
    visited: set[str] = set()

    def visit(ss: SelectionSetNode) -> None:
        for sel in ss.selections:
            if not included(sel, variables):
                continue
            if isinstance(sel, FieldNode):
                fields.setdefault(sel.alias.value if sel.alias else sel.name.value, []).append(sel)
            elif isinstance(sel, InlineFragmentNode):
                if applies(sel.type_condition.name.value if sel.type_condition else None):
                    visit(sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode):
                name = sel.name.value
                if name in visited:
                    continue
                visited.add(name)
                frag = fragments.get(name)
                if frag is not None and applies(frag.type_condition.name.value):
                    visit(frag.selection_set)

    for ss in sets:
        visit(ss)
    return fields
