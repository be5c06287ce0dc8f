"""What an answer would otherwise leave unsaid: no silent empties.

After a request has run, :func:`review` looks at its answer for two things a plain `null` or `[]`
would hide:

* **a name that matches nothing** (api.graphql.compiler records every name a request looks a node
  up by: `<kind>(name:)`, `entity(name:)`, `responsibility(measure:)`, `connection(from:, to:)`,
  the `named` filter, `responsibleMinistries: {name:}`, and the words of `search(text:)`). When the field it was asked under came back
  empty, one store call checks the names the way the lookup matches them (id, name, alias or
  abbreviation, case and diacritics folded); a name found only as another kind is said to be that
  kind ("Investinor" is an Agency), and a name found nowhere gets the closest names of the graph, of
  any kind (rapidfuzz over the folded names, aliases and abbreviations; a second store call, only
  then). A root lookup's miss is an error on its path (`NOT_FOUND`), a filter's or a search's a notice;
  `connection` between two known names that finds no path says so (`NO_PATH`);
* **a list cut by the default page** (no `limit`/`first`/`last`): a root list is fetched one item
  longer than its page (the compiler asks for it; Compiled.shape drops it), a nested list's map
  carries its size (`__page_<key>`), a connection its total: each cut list is a `PAGE_CUT` notice
  naming its path, how many it returned and the limit (and the total where it is known).

Notices go in the response's `extensions.notices` ({code, path, message, …}); they never change
`data`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from rapidfuzz import fuzz, process

from api.graphql.compiler import LIMIT_KEY, PAGE_KEY, Compiled, Compiler, Limits, Lookup, Root
from schema.text import fold
from schema.model import SEARCH_SEPARATOR

SUGGESTIONS = 5  # closest names offered for an unknown one
MIN_SCORE = 65  # rapidfuzz ratio (0-100) a name must reach to be offered
_ARTICLE = {"Agency": "an Agency", "InternationalExample": "an InternationalExample", "Instrument": "an Instrument",
            "Organisation": "an Organisation"}


@dataclass
class Review:
    errors: list[dict] = field(default_factory=list)
    notices: list[dict] = field(default_factory=list)
    store_calls: int = 0


def review(compiled: Compiled, data: dict[str, Any], cut: list[Root], run: Callable[[str, dict], list[dict]],
           schema) -> Review:
    """The errors and notices the answer `data` to `compiled` needs; `cut`: the root lists
    Compiled.shape found cut; `run(cypher, params)` reads the store (only for a missed name)."""
    out = Review()
    out.notices += _page_cuts(compiled, data, cut)
    empty = {i for i, root in enumerate(compiled.roots) if _is_empty(data.get(root.key), root)}
    asked = [lk for lk in compiled.lookups if lk.root in empty]
    if asked:
        _explain_misses(compiled, asked, run, schema, out)
    return out


def extend(body: dict[str, Any], found: Review) -> None:
    """Add a review's errors and notices to a response body."""
    if found.errors:
        body["errors"] = list(body.get("errors") or []) + found.errors
    if found.notices:
        body.setdefault("extensions", {})["notices"] = found.notices


# -- names that match nothing -----------------------------------------------------------------------
def _is_empty(value: Any, root: Root) -> bool:
    if root.mode == "connection":
        return not (value or {}).get("total")
    return value is None or value == []


def _kinds(labels: tuple[str, ...] | None) -> str:
    if not labels:
        return "node"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(x.lower() for x in labels[:-1]) + " or " + labels[-1].lower()


def _explain_misses(compiled: Compiled, asked: list[Lookup], run, schema, out: Review) -> None:
    names = list(dict.fromkeys(lk.name for lk in asked))
    matches = _matches(names, run, schema)
    out.store_calls += 1
    unknown = [n for n in names if not matches[n]]
    suggestions = _suggest(unknown, run) if unknown else {}
    out.store_calls += bool(unknown)
    for idx in sorted({lk.root for lk in asked}):
        mine = [lk for lk in asked if lk.root == idx]
        missed = [lk for lk in mine if not _explain(compiled.roots[idx].key, lk, matches, suggestions, out)]
        if not missed and {lk.arg for lk in mine} == {"from", "to"}:  # both ends known: no path
            key = compiled.roots[idx].key
            out.notices.append({"code": "NO_PATH", "path": key, "message": (
                f"`{key}`: no path joins the two nodes within `maxLength` relationships (4 unless given)")})


def _explain(key: str, lk: Lookup, matches: dict, suggestions: dict, out: Review) -> bool:
    """True when the name found a node of a kind the lookup takes; else an error or a notice says
    what it found instead, or the closest names."""
    found = matches[lk.name]
    if any(lk.labels is None or m["kind"] in lk.labels for m in found):
        return True
    head = (f"nothing matches {lk.name!r}" if lk.arg == "text" else
            f"no {_kinds(lk.labels)} has the id, name, alias or abbreviation {lk.name!r}")
    entry: dict[str, Any] = {"code": "NOT_FOUND", "name": lk.name, "argument": lk.arg}
    if found:
        others = "; ".join(f"{lk.name!r} is {_ARTICLE.get(m['kind'], 'a ' + m['kind'])} ({m['name']})"
                           for m in found[:SUGGESTIONS])
        message = f"{head}: {others}"
        entry["matches"] = found[:SUGGESTIONS]
    else:
        offered = suggestions.get(lk.name, [])
        if offered:
            message = f"{head}; did you mean " + ", ".join(f"{s['name']!r} ({s['kind']})" for s in offered) + "?"
        else:
            message = f"{head}, and no name in the graph is close to it"
        entry["suggestions"] = offered
    if lk.error:
        out.errors.append({"message": f"`{key}`: {message}", "path": [key], "extensions": entry})
    else:
        what = "the search text" if lk.arg == "text" else f"the filter `{lk.arg}`"
        out.notices.append({**entry, "path": key, "message": f"`{key}`: {what} matched nothing: {message}"})
    return False


def _matches(names: list[str], run, schema) -> dict[str, list[dict]]:
    """The nodes each name finds the way the compiler's lookups match (one store call)."""
    c = Compiler(schema, {}, {}, Limits())
    parts = [f"MATCH (n) WHERE {c.lookup_expr('n', name)} WITH n ORDER BY n.id LIMIT {SUGGESTIONS} "
             f"RETURN {i} AS i, labels(n)[0] AS kind, n.name AS name" for i, name in enumerate(names)]
    out: dict[str, list[dict]] = {n: [] for n in names}
    for row in run(" UNION ALL ".join(parts), c.params):
        out[names[row["i"]]].append({"kind": row["kind"], "name": row["name"]})
    return out


_CANDIDATES = ("MATCH (n) WHERE NOT n:Proposal AND n.name IS NOT NULL "
               "RETURN labels(n)[0] AS kind, n.id AS id, n.name AS name, n.searchText AS searchText")


def _suggest(names: list[str], run) -> dict[str, list[dict]]:
    """The closest names of the graph (any kind but proposals) to each unknown name, best first."""
    choices: list[str] = []
    owners: list[tuple[str, str, str]] = []
    for row in run(_CANDIDATES, {}):
        forms = {fold(row["name"])} | set(filter(None, (row["searchText"] or "").split(SEARCH_SEPARATOR)))
        for form in forms:
            choices.append(form)
            owners.append((row["kind"], row["name"], row["id"]))
    out: dict[str, list[dict]] = {}
    for name in names:
        best: dict[tuple[str, str, str], float] = {}
        for _form, score, j in process.extract(fold(name), choices, scorer=fuzz.ratio, score_cutoff=MIN_SCORE,
                                                limit=4 * SUGGESTIONS):
            best[owners[j]] = max(best.get(owners[j], 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0]))[:SUGGESTIONS]
        out[name] = [{"kind": k, "name": n, "id": i, "score": round(s, 1)} for (k, n, i), s in ranked]
    return out


# -- lists cut by the default page ------------------------------------------------------------------
def _cut_notice(path: str, returned: int, limit: int, total: int | None, lists: int = 1,
                connection: bool = False) -> dict:
    more = f"{total}" if total is not None else f"more than {returned}"
    where = f" (in {lists} of the lists there)" if lists > 1 else ""
    how = ("give `first` and page on with `after`" if connection else
           "give `limit` and page on with `offset` (or ask its …Connection for `totalCount` and cursors)")
    return {"code": "PAGE_CUT", "path": path, "returned": returned, "limit": limit,
            **({"total": total} if total is not None else {}),
            "message": f"`{path}` stopped at the default page of {limit} items of {more}{where}: {how}"}


def _page_cuts(compiled: Compiled, data: dict, cut: list[Root]) -> list[dict]:
    out = [_cut_notice(root.key, len(data[root.key]), root.page or 0, None) for root in cut]
    if not compiled.nested_pages and not any(r.page and r.mode == "connection" for r in compiled.roots):
        return out
    keys = compiled.page_keys  # the keys leading to the nested pages (None: every key)
    fields = compiled.page_fields  # the keys of the nested lists on the default page
    found: dict[str, list[tuple[int, int, int]]] = {}  # path -> (returned, limit, total) of each cut list
    connections: set[str] = set()
    stack: list[tuple[Any, str]] = [(data[r.key], r.key) for r in compiled.roots if r.key in data]
    while stack:
        value, path = stack.pop()
        if isinstance(value, list):
            stack.extend((v, path) for v in value if isinstance(v, (dict, list)))
            continue
        if not isinstance(value, dict):
            continue
        if "items" in value and "total" in value:  # a connection: its edges, at the same path
            if LIMIT_KEY in value:  # on the default page
                total, offset, limit = value.get("total") or 0, value.get("offset") or 0, value[LIMIT_KEY]
                if total > offset + limit:
                    connections.add(path)
                    found.setdefault(path, []).append((len(value.get("items") or []), limit, total))
            stack.append((value["items"], path))
            continue
        # only the keys leading to a page are looked at (a dict lookup each, not every field)
        for key in (keys if keys is not None else [k for k in value if not k.startswith("__")]):
            v = value.get(key)
            if isinstance(v, (dict, list)):
                stack.append((v, f"{path}.{key}"))
        for key in (fields if keys is not None else [k[len(PAGE_KEY):] for k in value if k.startswith(PAGE_KEY)]):
            page = value.get(PAGE_KEY + key)
            if page and (page.get("total") or 0) > (page.get("offset") or 0) + page["limit"]:
                found.setdefault(f"{path}.{key}", []).append((page["limit"], page["limit"], page["total"]))
    for path, cuts in sorted(found.items()):
        returned, limit, total = max(cuts, key=lambda c: c[2])
        out.append(_cut_notice(path, returned, limit, total, len(cuts), path in connections))
    return out
