"""`search(text:)`: the store's full-text index finds candidates, Python decides which match and
ranks them, and builds the highlighted snippet and the match's position.

The text is parsed first (api.graphql.search_syntax: AND by default, `OR`, "phrases", `prefix*`,
parentheses). Each word becomes a group of prefixes (:func:`word_forms`): its Norwegian Snowball
stem in original spelling and folded (`næringer` -> `næring* | naering*`), the form that keeps a
dropped -e- (`registr` -> `regist*`, so `registre` finds `register`), and for a compound the
same of its head (loaders.compounds: `helseregistre` -> `registre`), so `næring` finds
`næringsutvikling`, `helsedata` finds `Helsedata`, `skattefunn` finds `SkatteFUNN` and
`helseregistre` finds `registre`. A prefix written `regist*` is taken as written. The store's query
(graph/dialect.py: `fulltext_query_text` writes RediSearch for FalkorDB, Lucene for Neo4j) asks
for every word of the tree, phrases as their words, with the stop words the stores do not index
left out; it finds a superset of the hits. Python then evaluates the tree on each candidate's
name, aliases and text (a phrase's words next to each other in one of them, in order), so both
stores answer the same: a word matches a word of the node that starts with one of its prefixes.

Ranked: the node's name or an alias equal to the words first, then the sum over the matched words
of where they matched (name 3, alias 2.5, text 1; a compound matched only by its head counts
half), then how many words matched (0.01 each, up to 10), then name and id: not by the store's own
relevance score, which differs between the stores (RediSearch's TF-IDF, Lucene's BM25), so both
rank alike and fill a page alike. A hit names the field shown (`name`, `aliases`,
`text`), its snippet with every matching word in <mark>…</mark>, and `start`/`end`: the first
match's character offsets in that field's value (for a Document's text, offsets into the
document as its evidence spans count them).

Everything a search needs from the store is ONE query (a UNION ALL over labels and over every
`search` field of the operation); the hits then go as a parameter into the operation's compiled
query, which fetches the selected fields (and applies `document`, `author`, `ministry`, then the
page, when those filters are given). FalkorDB's call runs through `GraphStore.read_native()`,
outside the Neo4j lint gate.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

import snowballstemmer

from api.graphql.search_syntax import STOP_WORDS, And, Node, Phrase, Term, parse
from api.graphql.search_syntax import terms as _terms_of
from graph import dialect
from loaders import compounds
from schema.model import SEARCHABLE_LABELS
from schema.text import store_fold

# Candidates the store gives per label, best first by its own score: Python's check keeps those that
# match, so a page is complete while fewer than these match (the stores score differently, so past
# it they may keep different candidates); a document's whole text comes with it, hence fewer.
CANDIDATES_PER_LABEL = {"Document": 50, "*": 200}
SNIPPET_CHARS = 160
_WORD = re.compile(r"\w+", re.UNICODE)
WEIGHTS = {"name": 3.0, "aliases": 2.5, "text": 1.0}
HEAD_ONLY = 0.5  # a compound matched by its head alone counts this much of a whole match

_SYNCOPE = re.compile(r"[bcdfghjklmnpqstvwxz][lnr]$")


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("norwegian")


def stems(word: str) -> list[str]:
    """Prefixes a word's forms start with: its stem in original spelling and folded, and the stem
    without a dropped -e- (`registr` of `registre` -> `regist`, as in `register`)."""
    s = _stemmer().stemWord(word)
    out: list[str] = []
    forms = [s, store_fold(s), store_fold(word) if len(store_fold(word)) < len(s) else None]
    if _SYNCOPE.search(s) and len(s) >= 6:
        forms += [s[:-1], store_fold(s[:-1])]
    for form in forms:
        if form and form not in out:
            out.append(form)
    return out


@lru_cache(maxsize=4096)
def word_forms(word: str, prefix: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(prefixes of the word, prefixes of its compound head only): folded where matching needs it."""
    if prefix:
        return tuple(dict.fromkeys([word, store_fold(word)])), ()
    whole = stems(word)
    parts = compounds.split(word)
    head = [f for f in stems(parts[1]) if f not in whole] if parts else []
    return tuple(whole), tuple(head)


# -- the store's query -----------------------------------------------------------------------------
def store_tree(node: Node) -> tuple | None:
    """The tree the dialect writes as the store's query: ("and"|"or", [...]) or ("forms", [...]),
    None where a part asks for nothing the store can check (stop words, one letter; a text that is
    only such words is refused when parsed: search_syntax.parse)."""
    if isinstance(node, Term):
        if node.word in STOP_WORDS or len(node.word) < 2:
            return None
        whole, head = word_forms(node.word, node.prefix)
        forms = [f for f in whole + head if len(f) >= 2]
        return ("forms", forms) if forms else None
    if isinstance(node, Phrase):
        return store_tree(And(node.words))
    parts = [store_tree(p) for p in node.parts]
    if isinstance(node, And):
        kept = [p for p in parts if p is not None]
        return None if not kept else kept[0] if len(kept) == 1 else ("and", kept)
    if any(p is None for p in parts):  # an OR with a side the store cannot check: everything
        return None
    return parts[0] if len(parts) == 1 else ("or", parts)


def run_searches(store, searches: list[dict], run) -> list[list[dict]]:
    """Ranked hits for each search ({text, kinds, offset, limit}), from one store call.
    `run(cypher, params, portable)` runs a read (with the request's deadline)."""
    branches, params = [], {}
    trees: dict[int, Node] = {}
    for s, search in enumerate(searches):
        tree = search.get("tree") or parse(search["text"])
        trees[s] = tree
        labels = tuple(label for label in SEARCHABLE_LABELS
                       if not search.get("kinds") or label in search["kinds"])
        query = store_tree(tree)
        if not labels or query is None:
            continue
        branches.append((s, labels))
        params[f"q{s}"] = dialect.fulltext_query_text(store.backend, query)
    rows: list[dict] = []
    if branches:
        cypher, portable = dialect.fulltext_union(
            store.backend, branches, {label: CANDIDATES_PER_LABEL.get(label, CANDIDATES_PER_LABEL["*"])
                                      for label in SEARCHABLE_LABELS})
        rows = run(cypher, params, portable)
    out: list[list[dict]] = []
    for s, search in enumerate(searches):
        mine = [r for r in rows if r["s"] == s and (not search.get("kinds") or r["label"] in search["kinds"])]
        hits = rank(trees[s], mine)
        limit = search.get("limit")
        out.append(hits[search["offset"]: None if limit is None else search["offset"] + limit])
    return out


# -- matching, ranking and snippets -------------------------------------------------------------------
_fold_word = lru_cache(maxsize=65536)(store_fold)


@lru_cache(maxsize=2048)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """The folded words of a value with their offsets (cached: the same documents come again)."""
    return tuple((_fold_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text))


@lru_cache(maxsize=4096)
def _folded_forms(word: str, prefix: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    whole, head = word_forms(word, prefix)
    return tuple(store_fold(f) for f in whole), tuple(store_fold(f) for f in head)


def _word_weight(term: Term, folded: str) -> float:
    """1 when the word is one of the term's forms, HEAD_ONLY for its compound head's, else 0."""
    whole, head = _folded_forms(term.word, term.prefix)
    if folded.startswith(whole):
        return 1.0
    if head and folded.startswith(head):
        return HEAD_ONLY
    return 0.0


class _Fields:
    """A candidate's searched values: (field, value, tokens, weight)."""

    def __init__(self, row: dict):
        name = row.get("name") or ""
        aliases = [a for a in (row.get("aliases") or []) if isinstance(a, str)]
        body = row.get("text") or ""
        self.values = [("name", name)] + [("aliases", a) for a in aliases] + [("text", body)]
        self.tokens = [_tokens(v) for _, v in self.values]


def _match(node: Node, f: _Fields, spans: dict[int, set[tuple[int, int]]]) -> float | None:
    """Score of the tree on the fields (None: no match); `spans` gets the matching words per value."""
    if isinstance(node, Term):
        best = None
        whole, head = _folded_forms(node.word, node.prefix)
        for v, toks in enumerate(f.tokens):
            field_weight = WEIGHTS[f.values[v][0]]
            for w, a, b in toks:
                if w.startswith(whole):
                    score = field_weight
                elif head and w.startswith(head):
                    score = HEAD_ONLY * field_weight
                else:
                    continue
                spans.setdefault(v, set()).add((a, b))
                best = score if best is None or score > best else best
        return best
    if isinstance(node, Phrase):
        best, n = None, len(node.words)
        first = _folded_forms(node.words[0].word, node.words[0].prefix)
        for v, toks in enumerate(f.tokens):
            for i in range(len(toks) - n + 1):
                w0 = toks[i][0]
                if not (w0.startswith(first[0]) or (first[1] and w0.startswith(first[1]))):
                    continue
                weights = [_word_weight(t, toks[i + j][0]) for j, t in enumerate(node.words)]
                if all(weights):
                    spans.setdefault(v, set()).add((toks[i][1], toks[i + n - 1][2]))
                    score = sum(weights) * WEIGHTS[f.values[v][0]]
                    best = score if best is None else max(best, score)
        return best
    if isinstance(node, And):
        mine: dict[int, set] = {}
        scores = [_match(p, f, mine) for p in node.parts]
        if any(s is None for s in scores):
            return None
        for v, sp in mine.items():
            spans.setdefault(v, set()).update(sp)
        return sum(scores)
    scores = [s for s in (_match(p, f, spans) for p in node.parts) if s is not None]
    return max(scores) if scores else None


def rank(tree: Node, rows: list[dict]) -> list[dict]:
    words = [t.word for t in _terms_of(tree)]
    whole = store_fold(" ".join(words))
    seen: set[tuple[str, str]] = set()
    hits = []
    for row in rows:
        key = (row["label"], row["id"])
        if key in seen:
            continue
        seen.add(key)
        fields = _Fields(row)
        spans: dict[int, set[tuple[int, int]]] = {}
        score = _match(tree, fields, spans)
        if score is None:
            continue
        name = fields.values[0][1]
        shown = next((v for v in range(len(fields.values)) if spans.get(v)), 0)
        if store_fold(" ".join(_WORD.findall(name))) == whole:
            score += 10
            shown = 0
        else:
            exact = next((v for v, (field, value) in enumerate(fields.values)
                          if field == "aliases" and store_fold(" ".join(_WORD.findall(value))) == whole), None)
            if exact is not None:
                score += 8
                shown = exact
        # the tie-breaker: how often it matches (up to 10 matched words), not the store's own score,
        # which differs between the stores
        score += 0.01 * min(sum(len(sp) for sp in spans.values()), 10)
        field, value = fields.values[shown]
        marks = sorted(spans.get(shown, ()))
        text, start, end = snippet(value, marks)
        hits.append({"label": row["label"], "id": row["id"], "score": round(score, 4), "field": field,
                     "snippet": text, "start": start, "end": end, "_name": name})
    hits.sort(key=lambda h: (-h["score"], store_fold(h["_name"]), h["id"]))
    for h in hits:
        del h["_name"]
    return hits


def _squash(text: str) -> str:
    return html.escape(re.sub(r"\s+", " ", text))


def snippet(text: str, marks: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> tuple[str, int | None, int | None]:
    """(`text` around its first mark, about `width` characters, whitespace collapsed, HTML-escaped,
    every mark wrapped in <mark>…</mark>; the first mark's start and end offsets in `text`)."""
    first = marks[0] if marks else None
    lo, hi = 0, len(text)
    if len(text) > width:
        centre = first[0] if first else 0
        lo = max(0, centre - width // 3)
        hi = min(len(text), lo + width)
        lo = max(0, min(lo, hi - width))
        while lo > 0 and text[lo - 1].isalnum():
            lo -= 1
        while hi < len(text) and text[hi].isalnum():
            hi += 1
    out, pos = [], lo
    for a, b in marks:
        if a < pos or b > hi:
            continue
        out.append(_squash(text[pos:a]))
        out.append(f"<mark>{_squash(text[a:b])}</mark>")
        pos = b
    out.append(_squash(text[pos:hi]))
    body = "".join(out).strip()
    return (("…" if lo > 0 else "") + body + ("…" if hi < len(text) else ""),
            first[0] if first else None, first[1] if first else None)


def fill(compiled, hits: list[list[dict]]) -> dict[str, Any]:
    """The compiled query's parameters with each search's hits as parallel lists."""
    params = dict(compiled.params)
    for (param, _root), h in zip(compiled.searches, hits):
        for key in ("label", "id", "score", "field", "snippet", "start", "end"):
            params[f"{param}_{key}"] = [hit[key] for hit in h]
    return params


__all__ = ["run_searches", "rank", "snippet", "stems", "word_forms", "store_tree", "fill"]
