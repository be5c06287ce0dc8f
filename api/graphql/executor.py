"""Run a GraphQL request: parse and validate (cached), apply the limits, compile the operation to
Cypher in the store's dialect (cached per query text, operation, variables and dialect), run at
most two store calls (the full-text call when the operation searches, then the compiled query)
within the request's deadline, and complete the response from the result
(:mod:`api.graphql.complete`; graphql-core where that cannot) — no resolver touches the store.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from graphql import (DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLObjectType, GraphQLSchema,
                     OperationDefinitionNode, execute, parse, validate)
from graphql.execution.values import get_variable_values

from api.graphql import notices
from api.graphql import search as search_mod
from api.graphql.complete import BY_KEY, Completer, Fallback, resolve, runtime_type_name, source_of
from api.graphql.compiler import CompileError, Compiled, Limits, compile_operation
from api.graphql.protection import LimitExceeded, ProtectionLimits, analyse
from api.graphql.schema import graphql_schema
from api.graphql.spec import ENTITY
from graph.errors import StoreError, StoreTimeout, StoreUnavailable

log = logging.getLogger("helsegraf.graphql")

OK, REQUEST_ERROR, UNAVAILABLE, TIMEOUT, INTERNAL = "ok", "request_error", "unavailable", "timeout", "internal"


@dataclass
class Outcome:
    """A GraphQL response body and what kind of outcome it is (the HTTP layer maps it to a status)."""

    body: dict[str, Any]
    kind: str = OK
    store_calls: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def _error(message: str, code: str, **extra) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code, **extra}}


def _resolve_key(source, info, **_args):
    return resolve(BY_KEY, source, info.path.key, info.field_name)


def _install_resolvers(schema: GraphQLSchema) -> GraphQLSchema:
    """graphql-core's completion (the fallback) reads fields as api.graphql.complete does."""
    for name, t in schema.type_map.items():
        if name.startswith("__"):
            continue
        if name == ENTITY:
            t.resolve_type = lambda value, info, abstract_type: runtime_type_name(value)
        if isinstance(t, GraphQLObjectType):
            for field_name, f in t.fields.items():
                how = source_of(name, field_name)
                if how != BY_KEY:
                    f.resolve = _resolver(how)
    return schema


def _resolver(how: int):
    def field_resolver(source, info, **_args):
        return resolve(how, source, info.path.key, info.field_name)
    return field_resolver


@dataclass
class _Prepared:
    """A request's text, ready to run: its operation type, document, Cypher and completer."""

    operation: str
    document: DocumentNode
    compiled: Compiled
    completer: Completer


def _not_allowed(operation: str) -> Outcome:
    return Outcome({"errors": [_error(f"{operation} operations are not allowed here", "OPERATION_NOT_ALLOWED")]},
                   "method_not_allowed")


class _OutOfTime(Exception):
    """The request's deadline passed."""


class _LRU(OrderedDict):
    """A thread-safe least-recently-used cache of `size` entries (values are never None)."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size
        self.lock = threading.Lock()

    def lookup(self, key):
        with self.lock:
            value = super().get(key)
            if value is not None:
                self.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self[key] = value
            if len(self) > self.size:
                self.popitem(last=False)

    def get_or(self, key, make):
        value = self.lookup(key)
        if value is None:  # made outside the lock: two threads may both make it, both get one
            value = make()
            self.put(key, value)
        return value


class GraphQLExecutor:
    # Tests set this: every fast completion is checked against graphql-core's (an AssertionError
    # on any difference).
    verify_completion = False

    def __init__(self, limits: ProtectionLimits | None = None, schema: GraphQLSchema | None = None):
        self.limits = limits or ProtectionLimits()
        self.schema = _install_resolvers(schema or graphql_schema())
        self.compile_limits = Limits(default_page_size=self.limits.default_page_size,
                                     max_page_size=self.limits.max_page_size)
        self._documents = _LRU(512)
        self._prepared = _LRU(1024)

    # -- phases ---------------------------------------------------------------------------------
    def _document(self, query: str) -> tuple[DocumentNode | None, list[GraphQLError]]:
        def make():
            try:
                doc = parse(query, no_location=False, max_tokens=self.limits.max_query_chars)
            except GraphQLError as e:
                return None, [e]
            return doc, validate(self.schema, doc)
        return self._documents.get_or(query, make)

    @staticmethod
    def _operation(doc: DocumentNode, name: str | None) -> OperationDefinitionNode | str:
        ops = [d for d in doc.definitions if isinstance(d, OperationDefinitionNode)]
        if name:
            for op in ops:
                if op.name and op.name.value == name:
                    return op
            return f"unknown operation named {name!r}"
        if len(ops) != 1:
            return "the document has several operations: give `operationName`"
        return ops[0]

    @staticmethod
    def _run(store, cypher: str, params: dict, portable: bool, deadline: float) -> list[dict]:
        """One store call with what is left of the request's time: the store stops the query when
        it runs out (no thread waits on an abandoned query)."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise _OutOfTime
        read = store.read if portable else store.read_native
        rows = read(cypher, params, timeout=left)
        if time.monotonic() > deadline:
            raise _OutOfTime
        return rows

    def _prepare(self, query: str, variables: dict[str, Any], operation_name: str | None,
                 allowed_operations: tuple[str, ...], today: str, backend: str = "embedded"
                 ) -> "_Prepared | Outcome":
        """Parse, validate, coerce the variables, check the limits and compile for the store
        `backend` (its dialect): everything that depends only on the request's text and the store
        (cached by the caller), or the error to answer."""
        doc, errors = self._document(query)
        if errors:
            return Outcome({"errors": [_format(e, "GRAPHQL_VALIDATION_FAILED" if doc else "GRAPHQL_PARSE_FAILED")
                                       for e in errors]}, REQUEST_ERROR)
        op = self._operation(doc, operation_name)
        if isinstance(op, str):
            return Outcome({"errors": [_error(op, "BAD_REQUEST")]}, REQUEST_ERROR)
        if op.operation.value not in allowed_operations:
            return _not_allowed(op.operation.value)
        coerced = get_variable_values(self.schema, op.variable_definitions or [], variables)
        if isinstance(coerced, list):
            return Outcome({"errors": [_format(e, "BAD_USER_INPUT", about_input=True) for e in coerced]},
                           REQUEST_ERROR)
        fragments = {d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)}
        try:
            analyse(self.schema, fragments, op, coerced, self.limits)
            compiled = compile_operation(self.schema, doc, op, coerced, self.compile_limits, today, backend)
        except LimitExceeded as e:
            return Outcome({"errors": [{"message": str(e), "extensions": e.extensions}]}, REQUEST_ERROR)
        except CompileError as e:
            return Outcome({"errors": [_error(str(e), e.code, **e.extensions)]}, REQUEST_ERROR)
        return _Prepared(op.operation.value, doc, compiled, Completer(self.schema, fragments, op, coerced))

    def compiled(self, query: str, variables: dict[str, Any] | None = None,
                 operation_name: str | None = None, backend: str = "embedded") -> Compiled:
        """The Cypher a query compiles to for the store `backend`, as `execute` would run it today
        (for benchmarks and tools); ValueError with the request's errors when it does not compile."""
        prepared = self._prepare(query, variables or {}, operation_name, ("query",), _dt.date.today().isoformat(),
                                 backend)
        if isinstance(prepared, Outcome):
            raise ValueError(prepared.body["errors"])
        return prepared.compiled

    # -- the request ------------------------------------------------------------------------------
    def execute(self, store, query: str, variables: dict[str, Any] | None = None,
                operation_name: str | None = None, *, allowed_operations: tuple[str, ...] = ("query",)
                ) -> Outcome:
        t0 = time.perf_counter()
        deadline = time.monotonic() + self.limits.timeout_seconds
        if not isinstance(query, str) or not query.strip():
            return Outcome({"errors": [_error("no query given", "BAD_REQUEST")]}, REQUEST_ERROR)
        if len(query) > self.limits.max_query_chars:
            return Outcome({"errors": [_error(f"the query is {len(query):,} characters long; the limit is "
                                              f"{self.limits.max_query_chars:,}", "QUERY_TOO_LONG",
                                              limit=self.limits.max_query_chars, measured=len(query))]}, REQUEST_ERROR)
        variables = variables or {}
        var_text = json.dumps(variables, ensure_ascii=False, default=str, sort_keys=True)
        if len(var_text) > self.limits.max_variables_chars:
            return Outcome({"errors": [_error(f"the variables are {len(var_text):,} characters long (as JSON); the "
                                              f"limit is {self.limits.max_variables_chars:,}", "VARIABLES_TOO_LONG",
                                              limit=self.limits.max_variables_chars, measured=len(var_text))]},
                           REQUEST_ERROR)
        today = _dt.date.today().isoformat()
        backend = store.backend
        key = (query, operation_name, var_text, today, backend)
        prepared = self._prepared.lookup(key)
        if prepared is None:
            prepared = self._prepare(query, variables, operation_name, allowed_operations, today, backend)
            if isinstance(prepared, Outcome):
                return prepared
            self._prepared.put(key, prepared)
        if prepared.operation not in allowed_operations:
            return _not_allowed(prepared.operation)
        compiled, completer, doc = prepared.compiled, prepared.completer, prepared.document
        t1 = time.perf_counter()
        calls = 0
        found = notices.Review()
        try:
            data: dict[str, Any] = {}
            if compiled.cypher:
                params = compiled.params
                if compiled.searches:
                    calls += 1
                    hits = search_mod.run_searches(
                        store, [r.search for _, r in compiled.searches],
                        lambda c, p, portable: self._run(store, c, p, portable, deadline))
                    params = search_mod.fill(compiled, hits)
                calls += 1
                rows = self._run(store, compiled.cypher, params, compiled.portable, deadline)
                cut: list = []
                data = compiled.shape(rows, cut)
                found = notices.review(compiled, data, cut, lambda c, p: self._run(store, c, p, True, deadline),
                                       self.schema)
                calls += found.store_calls
        except (_OutOfTime, StoreTimeout):
            # the store stops a query at the time it was given (what was left of the request's, or
            # its own shorter limit); within a moment of the deadline it was the request's
            message = (f"the query took longer than the limit of {self.limits.timeout_seconds:g} s"
                       if time.monotonic() >= deadline - 0.05 else "the query took longer than the store's time limit")
            return Outcome({"errors": [_error(message, "TIMEOUT")]}, TIMEOUT, calls)
        except StoreUnavailable as e:
            log.warning("store unavailable: %s", e)
            return Outcome({"errors": [_error(f"the graph store is unavailable: {e}", "STORE_UNAVAILABLE")]},
                           UNAVAILABLE, calls)
        except StoreError as e:
            log.error("store error for query %r: %s", query[:500], e)
            return Outcome({"errors": [_error("the store could not run the query", "STORE_ERROR")]}, INTERNAL, calls)
        except Exception:  # a bug: log it, tell the client nothing internal
            log.exception("GraphQL execution failed for %r", query[:500])
            return Outcome({"errors": [_error("internal error", "INTERNAL")]}, INTERNAL, calls)
        t2 = time.perf_counter()
        try:
            body: dict[str, Any] = {"data": completer.complete(data)}
        except Exception as e:
            if not isinstance(e, Fallback):  # a bug in the fast path: graphql-core still answers
                log.exception("fast completion failed for %r", query[:500])
                if self.verify_completion:
                    raise
            body = self._complete(doc, data, variables, operation_name)
        else:
            if self.verify_completion:
                expected = self._complete(doc, data, variables, operation_name)
                assert _stable_order(body) == _stable_order(expected), (
                    f"fast completion differs from graphql-core's for {query!r}")
        notices.extend(body, found)
        t3 = time.perf_counter()
        return Outcome(body, OK, calls, {"compile": t1 - t0, "store": t2 - t1, "complete": t3 - t2})

    def _complete(self, doc: DocumentNode, data: dict[str, Any], variables: dict[str, Any],
                  operation_name: str | None) -> dict[str, Any]:
        """graphql-core's completion: for what the fast path leaves (introspection, field errors)."""
        result = execute(self.schema, doc, root_value=data, variable_values=variables,
                         operation_name=operation_name, field_resolver=_resolve_key)
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [_format(e, "INTERNAL" if e.original_error else "GRAPHQL_ERROR")
                              for e in result.errors]
            for e in result.errors:
                if e.original_error:
                    log.error("GraphQL field error: %s", e, exc_info=e.original_error)
        return body


def _format(e: GraphQLError, code: str, *, about_input: bool = False) -> dict[str, Any]:
    """A GraphQL error for the client. An error with an underlying exception says only "internal
    error", unless it is `about_input`: graphql-core's word on the request's own variables ("String
    cannot represent a non string value: 2020"), which the client needs to mend it."""
    out: dict[str, Any] = {"message": e.message if about_input or not e.original_error else "internal error"}
    if e.locations:
        out["locations"] = [{"line": loc.line, "column": loc.column} for loc in e.locations]
    if e.path:
        out["path"] = list(e.path)
    out["extensions"] = {"code": code}
    return out


def _stable_order(value: Any) -> str:
    """JSON as sent: key order and 1 vs 1.0 count."""
    return json.dumps(value, ensure_ascii=False, default=str)
