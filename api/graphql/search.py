"""`search(text:)`: the store's full-text index finds candidates, Python ranks them and builds
the highlighted snippet.

The full-text call is dialect-specific (FalkorDB: one RediSearch index per label with the
Norwegian stemmer; Neo4j: one Lucene index `graph.dialect.FULLTEXT_INDEX` with the
`norwegian` analyzer). Each query word becomes a prefix query on its Norwegian Snowball stem,
in original spelling and folded (`næringer` -> `næring* | naering*`), so `næring` finds
`næringsutvikling`, `helsedata` finds `Helsedata` and `skattefunn` finds `SkatteFUNN`. The
candidates (id, label, name, aliases, text) are ranked here: exact name or alias first, then
words of the name, the aliases and the text that start with a query stem.

Everything a search needs from the store is ONE query (a UNION ALL over labels and over every
`search` field of the operation); the hits then go as a parameter into the operation's
compiled query, which fetches the selected fields. The query syntax and the procedure calls
are the dialect's (graph/dialect.py: `fulltext_query_text`, `fulltext_union`); FalkorDB's runs
through `GraphStore.read_native()`, outside the Neo4j lint gate.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

import snowballstemmer

from api.graphql.compiler import fold_text
from graph import dialect
from schema.model import SEARCHABLE_LABELS

CANDIDATES_PER_LABEL = 50
SNIPPET_CHARS = 160
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("norwegian")


def terms(text: str) -> list[str]:
    """The query's words, lower-cased, without duplicates (at most 8)."""
    out: list[str] = []
    for w in _WORD.findall(text.lower()):
        w = w.strip("_")
        if w and w not in out:
            out.append(w)
    return out[:8]


def stems(word: str) -> list[str]:
    """Prefixes a word's forms start with: its stem in original spelling and folded."""
    s = _stemmer().stemWord(word)
    out = []
    for form in (s, fold_text(s), fold_text(word) if len(fold_text(word)) < len(s) else None):
        if form and form not in out:
            out.append(form)
    return out


def run_searches(store, searches: list[dict], run) -> list[list[dict]]:
    """Ranked hits for each search ({text, kinds, offset, limit}), from one store call.
    `run(cypher, params, portable)` runs a read (with the request's deadline)."""
    branches, params = [], {"n": CANDIDATES_PER_LABEL * 4}
    words_of: dict[int, list[str]] = {}
    for s, search in enumerate(searches):
        words = terms(search["text"])
        if not words:
            continue
        words_of[s] = words
        labels = tuple(label for label in SEARCHABLE_LABELS
                       if not search.get("kinds") or label in search["kinds"])
        if not labels:
            continue
        branches.append((s, labels))
        params[f"q{s}"] = dialect.fulltext_query_text(store.backend, [stems(w) for w in words])
    rows: list[dict] = []
    if branches:
        cypher, portable = dialect.fulltext_union(store.backend, branches, CANDIDATES_PER_LABEL)
        rows = run(cypher, params, portable)
    out: list[list[dict]] = []
    for s, search in enumerate(searches):
        mine = [r for r in rows if r["s"] == s and (not search.get("kinds") or r["label"] in search["kinds"])]
        hits = rank(search["text"], words_of.get(s, []), mine)
        out.append(hits[search["offset"]: search["offset"] + search["limit"]])
    return out


# -- ranking and snippets -------------------------------------------------------------------------
def _word_matches(word: str, prefixes: list[str]) -> bool:
    fw = fold_text(word)
    return any(fw.startswith(p) for p in prefixes) or any(len(p) >= 4 and p in fw for p in prefixes)


def rank(text: str, words: list[str], rows: list[dict]) -> list[dict]:
    whole = fold_text(" ".join(words))
    prefixes_per_word = [[fold_text(f) for f in stems(w)] for w in words]
    seen: set[tuple[str, str]] = set()
    hits = []
    for row in rows:
        key = (row["label"], row["id"])
        if key in seen:
            continue
        seen.add(key)
        name = row.get("name") or ""
        aliases = [a for a in (row.get("aliases") or []) if isinstance(a, str)]
        body = row.get("text") or ""
        score, field, shown = 0.0, "name", name
        if fold_text(name) == whole:
            score += 10
        elif any(fold_text(a) == whole for a in aliases):
            score += 8
            field, shown = "aliases", next(a for a in aliases if fold_text(a) == whole)
        matched_text = False
        for prefixes in prefixes_per_word:
            if any(_word_matches(w, prefixes) for w in _WORD.findall(name)):
                score += 3
            elif (alias := next((a for a in aliases if any(_word_matches(w, prefixes) for w in _WORD.findall(a))),
                                None)):
                score += 2.5
                if field == "name" and score < 10:
                    field, shown = "aliases", alias
            elif any(_word_matches(w, prefixes) for w in _WORD.findall(body)):
                score += 1
                matched_text = True
        if matched_text and field == "name" and not any(
                _word_matches(w, p) for p in prefixes_per_word for w in _WORD.findall(name)):
            field, shown = "text", body
        score += 0.1 * min(float(row.get("score") or 0), 10.0)
        flat = [p for ps in prefixes_per_word for p in ps]
        hits.append({"label": row["label"], "id": row["id"], "score": round(score, 4), "field": field,
                     "snippet": snippet(shown, flat), "_name": name})
    hits.sort(key=lambda h: (-h["score"], fold_text(h["_name"]), h["id"]))
    for h in hits:
        del h["_name"]
    return hits


def snippet(text: str, prefixes: list[str], width: int = SNIPPET_CHARS) -> str:
    """`text` around its first match (about `width` characters), HTML-escaped, with every
    matching word wrapped in <mark>…</mark>."""
    text = " ".join(text.split())
    matches = [m for m in _WORD.finditer(text) if _word_matches(m.group(), prefixes)]
    start, end = 0, len(text)
    if len(text) > width:
        centre = matches[0].start() if matches else 0
        start = max(0, centre - width // 3)
        end = min(len(text), start + width)
        start = max(0, min(start, end - width))
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
    out, pos = [], start
    for m in matches:
        if m.start() < start or m.end() > end:
            continue
        out.append(html.escape(text[pos:m.start()]))
        out.append(f"<mark>{html.escape(m.group())}</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:end]))
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")


def fill(compiled, hits: list[list[dict]]) -> dict[str, Any]:
    """The compiled query's parameters with each search's hits as parallel lists."""
    params = dict(compiled.params)
    for (param, _root), h in zip(compiled.searches, hits):
        for key in ("label", "id", "score", "field", "snippet"):
            params[f"{param}_{key}"] = [hit[key] for hit in h]
    return params


__all__ = ["run_searches", "rank", "snippet", "terms", "stems", "fill"]
