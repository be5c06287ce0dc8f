"""GraphQL limits from the one settings class (HELSEGRAF_GRAPHQL_* variables, graph/settings.py)."""

from __future__ import annotations

from api.graphql.protection import ProtectionLimits
from graph.settings import Settings, get_settings


def limits(settings: Settings | None = None) -> ProtectionLimits:
    s = settings or get_settings()
    return ProtectionLimits(max_query_chars=s.graphql_max_query_chars,
                            max_variables_chars=s.graphql_max_variables_chars, max_depth=s.graphql_max_depth,
                            max_aliases=s.graphql_max_aliases, max_complexity=s.graphql_max_complexity,
                            default_page_size=s.graphql_default_page_size,
                            max_page_size=s.graphql_max_page_size, timeout_seconds=s.graphql_timeout)
