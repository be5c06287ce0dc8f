"""The query syntax of `search(text:)`, parsed into a small tree (no store, no GraphQL).

    helsedata registre          both words (AND is the default; `AND` may be written)
    SkatteFUNN OR Forny         either word
    "kliniske studier"          a phrase: the words next to each other, in this order
    regist*                     a prefix: every word starting with `regist`
    helsedata (registre OR biobanker)   parentheses group

`OR` binds tighter than AND, as in web search: `helsedata registre OR biobanker` is
`helsedata (registre OR biobanker)`. Only `OR` and `AND` in capitals are operators; `or`, `and`
are words. A word is a run of letters and digits; other characters inside a token join its words
into a phrase (`e-helse` is the phrase "e helse"). Every word (not only a prefix) also matches
its Norwegian inflections and compounds (api.graphql.search).

Malformed input raises :class:`SearchSyntaxError` saying what and where (a 1-based character
position in the message, the 0-based offset as `position`): an unclosed quote or parenthesis, a
`)` that closes nothing, an `OR` with nothing on one side, empty `()` or `""`, a `*` that does not
end a word, more than :data:`MAX_WORDS` words, only stop words or single letters (nothing the
stores' indexes could narrow the search by).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_WORDS = 16

# Words neither store indexes (Lucene's Norwegian stop set, which Neo4j's `norwegian` analyser
# removes, and RediSearch's default English stop words): api.graphql.search leaves them out of the
# store's query (a superset still) and keeps them in its own check (a phrase `"registre og
# biobanker"` still needs its `og`); a text of nothing else is refused here.
STOP_WORDS = frozenset("""
og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi
min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv
sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned
skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir
samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik
vært båe begge siden dykk dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe
henne hennar hennes hoss hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan
mi mine mykje no nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte
vart a an and are as be but by if into is it not of on or such that the their then there these they
this to was will with
""".split())
_WORD = re.compile(r"\w+", re.UNICODE)


class SearchSyntaxError(ValueError):
    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class Term:
    word: str  # lower-case, as written
    prefix: bool  # written with a trailing `*`
    position: int


@dataclass(frozen=True)
class Phrase:
    words: tuple[Term, ...]
    position: int


@dataclass(frozen=True)
class And:
    parts: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    parts: tuple["Node", ...]


Node = Term | Phrase | And | Or


def terms(node: Node) -> list[Term]:
    """Every word of the tree, in order."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Phrase):
        return list(node.words)
    return [t for p in node.parts for t in terms(p)]


# -- tokens ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Tok:
    kind: str  # word | phrase | ( | ) | OR | AND
    text: str
    position: int


def _where(text: str, pos: int) -> str:
    return f"at character {pos + 1}"


def _words(chunk: str, at: int, text: str) -> list[Term]:
    """The words of a token (or a quoted phrase) starting at offset `at`; `*` only ends a word."""
    out: list[Term] = []
    for m in _WORD.finditer(chunk):
        w = m.group().strip("_")
        if not w:
            continue
        star = chunk[m.end():m.end() + 1] == "*"
        out.append(Term(w.lower(), star, at + m.start()))
    for i, ch in enumerate(chunk):
        if ch == "*" and (i == 0 or not (chunk[i - 1].isalnum())):
            raise SearchSyntaxError(f"`*` {_where(text, at + i)} ends no word: write it right after a word "
                                    "(`regist*`)", at + i)
        if ch == "*" and i + 1 < len(chunk) and chunk[i + 1].isalnum():
            raise SearchSyntaxError(f"`*` {_where(text, at + i)} is inside a word: a `*` only ends one "
                                    "(a prefix, `regist*`)", at + i)
    return out


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Tok(ch, ch, i))
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise SearchSyntaxError(f'the quote {_where(text, i)} is not closed: add a `"` after the phrase', i)
            out.append(_Tok("phrase", text[i + 1:end], i))
            i = end + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '()"':
                j += 1
            chunk = text[i:j]
            out.append(_Tok(chunk if chunk in ("OR", "AND") else "word", chunk, i))
            i = j
    return out


# -- the grammar: query := group*; group := operand (OR operand)*; operand := word | phrase | ( query ) --
class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def error(self, message: str, pos: int) -> SearchSyntaxError:
        return SearchSyntaxError(message, pos)

    def query(self, opened: _Tok | None) -> Node | None:
        parts: list[Node] = []
        while (t := self.peek()) is not None and t.kind != ")":
            if t.kind == "AND":
                if not parts:
                    raise self.error(f"AND {_where(self.text, t.position)} has nothing on its left", t.position)
                self.i += 1
                nxt = self.peek()
                if nxt is None or nxt.kind in (")", "OR", "AND"):
                    raise self.error(f"AND {_where(self.text, t.position)} has nothing on its right", t.position)
                continue
            group = self.group()
            if group is not None:
                parts.append(group)
        t = self.peek()
        if t is not None and opened is None:
            raise self.error(f"`)` {_where(self.text, t.position)} closes no `(`", t.position)
        if t is None and opened is not None:
            raise self.error(f"`(` {_where(self.text, opened.position)} is not closed: add a `)`", opened.position)
        return _and(parts)

    def group(self) -> Node | None:
        t = self.peek()
        if t.kind == "OR":
            raise self.error(f"OR {_where(self.text, t.position)} has nothing on its left", t.position)
        parts = [self.operand()]
        ors: list[int] = []
        while (t := self.peek()) is not None and t.kind == "OR":
            self.i += 1
            ors.append(t.position)
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "OR", "AND"):
                raise self.error(f"OR {_where(self.text, t.position)} has nothing on its right", t.position)
            parts.append(self.operand())
        if len(parts) == 1:
            return parts[0]  # None for a token of punctuation only: no word, left out
        for j, p in enumerate(parts):
            if p is None:  # `-- OR x`: a side of punctuation only
                pos = ors[max(0, j - 1)]
                raise self.error(f"OR {_where(self.text, pos)} has no word on its {'left' if j == 0 else 'right'}",
                                 pos)
        return Or(tuple(parts))

    def operand(self) -> Node | None:
        t = self.peek()
        self.i += 1
        if t.kind == "(":
            inner = self.query(t)
            self.i += 1  # the `)`
            if inner is None:
                raise self.error(f"`()` {_where(self.text, t.position)} holds no word", t.position)
            return inner
        if t.kind == "phrase":
            words = _words(t.text, t.position + 1, self.text)
            if not words:
                raise self.error(f'the phrase {_where(self.text, t.position)} holds no word', t.position)
            return words[0] if len(words) == 1 else Phrase(tuple(words), t.position)
        words = _words(t.text, t.position, self.text)
        if not words:
            return None
        return words[0] if len(words) == 1 else Phrase(tuple(words), t.position)


def _and(parts: list[Node]) -> Node | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def parse(text: str) -> Node:
    """The tree of a search text; SearchSyntaxError if it is malformed or holds no word."""
    tree = _Parser(text).query(None)
    if tree is None:
        raise SearchSyntaxError("the search text holds no word", 0)
    n = len(terms(tree))
    if n > MAX_WORDS:
        raise SearchSyntaxError(f"the search text has {n} words; at most {MAX_WORDS} are searched", 0)
    if not _indexed(tree):
        common = sorted({t.word for t in terms(tree)})
        raise SearchSyntaxError(f"the search text asks only for words too common or short to search "
                                f"({', '.join(common[:5])}), alone or as an OR's side: add a word", 0)
    return tree


def _indexed(node: Node) -> bool:
    """Whether the stores' indexes can narrow the search: some word every match must have that is
    neither a stop word nor a single letter."""
    if isinstance(node, Term):
        return len(node.word) >= 2 and node.word not in STOP_WORDS
    if isinstance(node, (Phrase, And)):
        return any(_indexed(p) for p in (node.words if isinstance(node, Phrase) else node.parts))
    return all(_indexed(p) for p in node.parts)


__all__ = ["parse", "terms", "SearchSyntaxError", "Term", "Phrase", "And", "Or", "Node", "MAX_WORDS", "STOP_WORDS"]
