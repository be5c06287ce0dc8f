"""Read a source document (txt, pdf, docx, html, md) into its original text.

``read_document(path) -> RawDocument``. Every failure is a :class:`ReadError` whose message is
one line naming the file and what is wrong with it, e.g.
``report.pdf: encrypted PDF, cannot read text``.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
}


class ReadError(Exception):
    """A document that cannot be read; the message is one line naming the file."""


@dataclass
class RawDocument:
    path: Path
    format: str  # txt | pdf | docx | html | md
    text: str  # the original text as read (for pdf: pages joined with "\f")
    pages: list[tuple[int, int]] | None  # (start, end) of each page in `text`; page n = index + 1
    sha256: str  # of the file bytes


def _one_line(s: str) -> str:
    return " ".join(str(s).split())


def read_document(path: str | Path, max_bytes: int = 20_000_000) -> RawDocument:
    path = Path(path)
    name = path.name or str(path)

    def fail(what: str) -> ReadError:
        return ReadError(_one_line(f"{name}: {what}"))

    fmt = FORMATS.get(path.suffix.lower())
    if not path.exists():
        raise fail("file not found")
    if not path.is_file():
        raise fail("not a regular file")
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise fail(f"unsupported file type '{path.suffix or '(none)'}' (expected one of {known})")
    size = path.stat().st_size
    if size > max_bytes:
        raise fail(f"file too large ({size:,} bytes, limit {max_bytes:,})")
    if size == 0:
        raise fail("empty file")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise fail(f"cannot read file ({e.strerror or e})") from e

    pages = None
    if fmt == "pdf":
        text, pages = _read_pdf(data, fail)
    elif fmt == "docx":
        text = _read_docx(data, fail)
    elif fmt == "html":
        text = _read_html(data, fail)
    else:  # txt, md: plain text (markdown headings stay as '#' lines)
        text = decode_text(data, fail)
    if not text.strip():
        raise fail("no text in file")
    return RawDocument(path, fmt, text, pages, hashlib.sha256(data).hexdigest())


# ------------------------------------------------------------------------------------------
# Plain text
# ------------------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# letters and marks expected in Norwegian/Western text besides ASCII
_WESTERN = set("æøåÆØÅéèêëÉÈüöäÜÖÄóòôÓÒáàâíìîúùçñßÑ«»–—‘’‚“”„•…·§°½¼¾€£©®™×÷±µ¹²³ªº¿¡\u00a0\u00ad")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _plausibility(text: str) -> float:
    if not text:
        return 0.0
    good = sum(1 for c in text if (" " <= c <= "~") or c in "\n\r\t\f" or c in _WESTERN)
    return good / len(text)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    return "\x00" in sample or len(_CONTROL_RE.findall(sample)) > max(2, len(sample) // 100)


def decode_text(data: bytes, fail) -> str:
    """Decode text bytes: BOM, UTF-8, else the most plausible of cp1252 / latin-1 / the
    charset-normalizer guess (Norwegian æøå must come out right)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise fail(f"invalid {enc.upper()} text") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if _looks_binary(text):
            raise fail("binary file, not text")
        return text
    if b"\x00" in data[:65536]:
        guess = _guess(data)
        if guess and guess.replace("-", "_").lower().startswith(("utf_16", "utf_32")):
            text = data.decode(guess, errors="replace")
            if not _looks_binary(text):
                return text
        raise fail("binary file, not text")
    candidates = []
    for enc in ("cp1252", "latin-1", _guess(data)):
        if not enc:
            continue
        try:
            candidates.append((enc, data.decode(enc)))
        except (UnicodeDecodeError, LookupError):
            continue
    enc, text = max(candidates, key=lambda c: _plausibility(c[1]))  # first wins ties: cp1252
    if _looks_binary(text) or _plausibility(text) < 0.9:
        raise fail("binary file, not text")
    return text


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


# ------------------------------------------------------------------------------------------
# PDF
# ------------------------------------------------------------------------------------------


def _read_pdf(data: bytes, fail) -> tuple[str, list[tuple[int, int]]]:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise fail("not a PDF file (no %PDF header)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")  # owner-password-only PDFs open with an empty password
            except DependencyError:
                raise fail("encrypted PDF, cannot read text (needs the 'cryptography' package)") from None
            except Exception:
                ok = 0
            if not ok:
                raise fail("encrypted PDF, cannot read text")
        texts = []
        for page in reader.pages:
            texts.append(page.extract_text() or "")
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
            RecursionError, OSError, zipfile.BadZipFile) as e:
        raise fail(f"corrupt PDF ({_one_line(e)[:120]})") from e
    except Exception as e:  # pypdf raises a wide range of errors on damaged files
        raise fail(f"corrupt PDF ({type(e).__name__}: {_one_line(e)[:120]})") from e
    if not texts:
        raise fail("PDF has no pages")
    if not any(t.strip() for t in texts):
        raise fail("no text layer (scanned PDF?)")
    spans = []
    pos = 0
    for t in texts:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 1  # the "\f" between pages
    return "\f".join(texts), spans


# ------------------------------------------------------------------------------------------
# DOCX
# ------------------------------------------------------------------------------------------


def _read_docx(data: bytes, fail) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as e:  # pragma: no cover
        raise fail("python-docx is not installed") from e
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise fail("not a DOCX file (legacy .doc or encrypted document)")
        raise fail("corrupt DOCX (not a zip archive)")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[tuple[str, str]] = []  # (kind, text)
        numbers: dict[str, int] = {}
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                p = Paragraph(child, document)
                text = p.text.strip()
                if not text:
                    continue
                kind = _docx_list_kind(p)
                if kind == "bullet":
                    blocks.append(("item", f"- {text}"))
                elif kind == "number":
                    key = p.style.name if p.style is not None else ""
                    numbers[key] = numbers.get(key, 0) + 1
                    blocks.append(("item", f"{numbers[key]}. {text}"))
                else:
                    numbers.clear()
                    blocks.append(("para", text))
            elif tag == "tbl":
                numbers.clear()
                rows = []
                for row in Table(child, document).rows:
                    cells = []
                    for cell in row.cells:
                        t = " ".join(cell.text.split())
                        if not cells or t != cells[-1]:  # merged cells repeat
                            cells.append(t)
                    if any(cells):
                        rows.append("\t".join(cells))
                if rows:
                    blocks.append(("para", "\n".join(rows)))
    except ReadError:
        raise
    except Exception as e:  # KeyError (missing part), XML errors, bad zip members …
        raise fail(f"corrupt DOCX ({type(e).__name__}: {_one_line(e)[:120]})") from e
    out = []
    for i, (kind, text) in enumerate(blocks):
        if i:
            out.append("\n" if kind == "item" and blocks[i - 1][0] == "item" else "\n\n")
        out.append(text)
    return "".join(out)


def _docx_list_kind(p) -> str | None:
    style = (p.style.name if p.style is not None else "") or ""
    ppr = p._p.pPr
    has_num = ppr is not None and ppr.numPr is not None
    if style.startswith("List Number") or (has_num and "Number" in style):
        return "number"
    if style.startswith(("List Bullet", "List Paragraph", "List")) or has_num:
        return "bullet"
    return None


# ------------------------------------------------------------------------------------------
# HTML
# ------------------------------------------------------------------------------------------

_DROP = {"script", "style", "nav", "noscript", "template", "head", "svg", "iframe", "object", "button"}
_BLOCK = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "ul", "ol",
    "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "form", "fieldset", "figure",
    "figcaption", "address", "details", "summary", "hr", "body", "html", "caption",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _read_html(data: bytes, fail) -> str:
    from bs4 import BeautifulSoup
    from bs4.element import Comment, NavigableString, Tag

    head = data[:4096].lower()
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("binary file, not HTML")
    if b"<meta" in head and b"charset" in head:
        markup: bytes | str = data  # let BeautifulSoup honour the declared charset
    else:
        markup = decode_text(data, fail)
    try:
        soup = BeautifulSoup(markup, "html.parser")
    except Exception as e:
        raise fail(f"cannot parse HTML ({type(e).__name__})") from e

    out: list[str] = []  # pieces; "\n" and "\n\n" are breaks

    def brk(n: int) -> None:
        out.append("\n" * n)

    def walk(node, pre: bool = False) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                s = str(child)
                out.append(s if pre else re.sub(r"\s+", " ", s))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in _DROP:
                continue
            if name in _HEADINGS:
                brk(2)
                out.append(" ".join(child.get_text(" ").split()))
                brk(2)
            elif name == "li":
                brk(1)
                out.append("- ")
                walk(child, pre)
                brk(1)
            elif name == "br":
                brk(1)
            elif name in ("td", "th"):
                out.append("\t")
                walk(child, pre)
            elif name == "pre":
                brk(2)
                walk(child, True)
                brk(2)
            elif name in _BLOCK:
                brk(2 if name in ("p", "blockquote", "table", "ul", "ol", "section", "article") else 1)
                walk(child, pre)
                brk(2 if name in ("p", "blockquote", "table", "ul", "ol", "section", "article") else 1)
            else:
                walk(child, pre)

    walk(soup)
    text = "".join(out)
    # tidy: spaces around breaks, at most one blank line, no leading tab in table rows
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r"(?m)^- +", "- ", text)
    text = re.sub(r"(?m)^\n?- \n", "", text)  # empty list items
    return text.strip() + "\n" if text.strip() else ""
