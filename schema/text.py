"""Text folded for matching: the one home of case- and diacritic-insensitive comparison.

There are two folds, and they differ on purpose:

* :func:`fold` is Python's: lower case (``casefold``), æ -> ae, ø -> o, every other accent
  stripped by Unicode decomposition (å -> a, é -> e). Registry lookups, recognition, ids and
  the extraction scorer compare names with it; :func:`words` is its word sequence with
  punctuation dropped.
* :func:`store_fold` is what a Cypher expression can compute on a stored value: ``toLower`` and
  one ``replace`` per pair of :data:`STORE_FOLD_TABLE` (Cypher has no Unicode decomposition).
  The GraphQL compiler folds a filter's needle with it and writes the same replacements into
  the query (``api.graphql.emit.chain.Chain.fold``), so that both sides are folded alike. For
  Norwegian text the two folds agree; they differ on letters outside the table (``ß``, ``ł``).
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form for matching: lower case, no accents, æ/ø/å kept apart."""
    text = unicodedata.normalize("NFKD", text.replace("æ", "ae").replace("Æ", "ae")
                                 .replace("ø", "o").replace("Ø", "o"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


def words(text: str) -> list[str]:
    """The folded words of `text`, punctuation (and underscores) dropped: `Helse-IKT` -> helse, ikt."""
    return _WORD.findall(fold(text))


STORE_FOLD_TABLE = (("æ", "ae"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o"), ("ü", "u"), ("é", "e"),
                    ("è", "e"), ("ê", "e"), ("ë", "e"), ("á", "a"), ("à", "a"), ("â", "a"), ("ó", "o"),
                    ("ò", "o"), ("ô", "o"), ("í", "i"), ("ì", "i"), ("ú", "u"), ("ç", "c"), ("ñ", "n"))


def store_fold(text: str) -> str:
    """`text` folded as the compiled Cypher folds a stored value: ``toLower`` and the table."""
    text = text.lower()
    for a, b in STORE_FOLD_TABLE:
        text = text.replace(a, b)
    return text
