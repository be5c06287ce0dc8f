"""People: by name, role and organisation only.

Three general layouts are read:

* contact lines — ``Organisasjon: Fornavn Etternavn, mob: 900 00 000, navn@org.no`` — and
  ``Fornavn Etternavn, tittel`` lines;
* signature blocks after a closing (``Med vennlig hilsen``), including the two-column layout
  PDF dumps make of side-by-side signatures (names on one line, titles on the next);
* prose with a role title before the name (``administrerende direktør Karita Bekkemellem``).

Phone numbers, e-mail addresses and web addresses are never copied into a candidate: names
are built only from capitalised letter words, and roles and organisations are cut at the first
digit, ``@`` or ``:`` and checked again before they are returned.
"""

from __future__ import annotations

import re

from schema.privacy import EMAIL, PHONE
from loaders.patterns import COUNTRIES, FUNCTION_WORDS, ORG_HEADS, ROLES, Candidate

_NAME_TOK = r"[A-ZÆØÅÉ][a-zæøåéèüöä]+(?:-[A-ZÆØÅ][a-zæøåéèüöä]+)?"
_PARTICLE = r"(?:von|van|de|der|af|la|le|di|da)"
PERSON = rf"{_NAME_TOK}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?(?:{_NAME_TOK}|[A-ZÆØÅ]\.)){{1,3}}"
_PERSON_RE = re.compile(rf"(?<![\w@.])({PERSON})(?![\w@])")

URL = re.compile(r"(?:https?://|www\.)\S+", re.I)

_NOT_NAME = {
    "med", "vennlig", "hilsen", "beste", "hilsener", "mvh", "administrerende", "direktør",
    "kontaktperson", "kontaktpersoner", "kontaktpersonene", "forslag", "tiltak", "innspill",
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag", "januar", "februar",
    "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
    "desember", "norsk", "norske", "nasjonal", "nasjonalt", "statens", "helse", "vi", "oss",
    "regjeringen", "stortinget", "departementet", "strategi", "plan", "rapport", "referanser",
    "eksempler", "hva", "bør", "gjøres", "life", "science", "health", "data", "your", "the",
    "seniorrådgiver", "rådgiver", "leder", "daglig", "generalsekretær", "styreleder",
}
_CLOSING = re.compile(r"(?im)^[ \t]*(?:med[ \t]+)?(?:vennlig|beste|venlig)[ \t]+hilsen(?:er)?\b.*$|^[ \t]*mvh\b.*$|^[ \t]*hilsen\b.*$")


def scrub(s: str | None) -> str | None:
    """Remove phone numbers, e-mail and web addresses, and what follows them."""
    if not s:
        return None
    s = EMAIL.sub(" ", s)
    s = URL.sub(" ", s)
    s = PHONE.sub(" ", s)
    s = re.split(r"[\d@]|\b(?:mob|mobil|tlf|telefon|tel|e-post|epost|email|e-mail)\b", s, flags=re.I)[0]
    s = re.sub(r"\s+", " ", s).strip(" ,;:-–")
    if s.count("(") > s.count(")"):
        s = s + ")" if re.search(r"\([^()]+$", s) else s
    s = re.sub(r"\(\s*\)", "", s).strip()
    return s or None


def _name_ok(name: str) -> bool:
    toks = [t for t in re.split(r"[ \t]+", name) if t]
    if not 2 <= len(toks) <= 4:
        return False
    for k, t in enumerate(toks):
        if re.fullmatch(r"[A-ZÆØÅ]\.", t) and k > 0:
            continue  # an initial: `Even A. Røed` (not the Norwegian word `a`/`i`)
        if re.fullmatch(_PARTICLE, t) and 0 < k < len(toks) - 1:
            continue  # a particle of a surname: `Freddy de Ruiter`
        tl = t.lower().rstrip(".")
        if tl in FUNCTION_WORDS or tl in _NOT_NAME or t in COUNTRIES:
            return False
        if any(tl.endswith(h) for h in ORG_HEADS if len(h) > 4):
            return False
        if ROLE_WORD.fullmatch(t):  # `Kunnskapsminister Kari Nordtun`: the title is no name
            return False
    return True


def _role_ok(role: str | None) -> str | None:
    role = scrub(role)
    if not role:
        return None
    if len(role.split()) > 6 or not re.match(r"[A-Za-zÆØÅæøå]", role):
        return None
    return role


def _cand(name, start, end, rule, conf, role=None, org=None) -> Candidate:
    return Candidate("Person", name, start, end, rule, conf, role=_role_ok(role), organisation=scrub(org))


def _lines(text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    pos = start
    for line in text[start:end].split("\n"):
        yield pos, line
        pos += len(line) + 1


def _contact_lines(text: str, start: int = 0, end: int | None = None) -> list[Candidate]:
    out = []
    for pos, line in _lines(text, start, end):
        # `Organisasjon: Fornavn Etternavn, mob: ..., navn@org.no`
        m = re.match(rf"[ \t]*(?P<org>[^:\n]{{2,80}}?)[ \t]*:[ \t]*(?P<name>{PERSON})[ \t]*(?:,|$|\(|–|-)", line)
        if m and (EMAIL.search(line) or PHONE.search(line)) and _name_ok(m.group("name")):
            org = m.group("org")
            if not re.search(r"\d|@", org):
                out.append(_cand(m.group("name"), pos + m.start("name"), pos + m.end("name"),
                                 "contact-line", 0.85, org=org))
                continue
        # `Fornavn Etternavn, tittel[, organisasjon]`
        m = re.match(rf"[ \t]*(?P<name>{PERSON})[ \t]*,[ \t]*(?P<role>[a-zæøåA-ZÆØÅ][^,\n]{{2,60}})(?:,[ \t]*(?P<org>[^,\n]{{2,80}}))?[ \t]*$", line)
        if m and _name_ok(m.group("name")):
            role = m.group("role")
            if any(role.lower().startswith(r) for r in ROLES) or EMAIL.search(line) or PHONE.search(line):
                out.append(_cand(m.group("name"), pos + m.start("name"), pos + m.end("name"),
                                 "name-title-line", 0.8, role=role, org=m.group("org")))
    return out


_COL = re.compile(r"\S(?:.*?\S)?(?=\s{2,}|\t|\s*$)")


def _signature_blocks(text: str, blocks: list[tuple[int, int]], norm=None) -> list[Candidate]:
    """Names (and the titles on the line below) in signature blocks. Side-by-side signatures
    are told apart by the runs of spaces between columns, which a normaliser collapses: the
    columns are read from the original text and mapped back to ``text`` offsets."""
    out = []
    for a, b in blocks:
        if norm is not None and getattr(norm, "offsets", None) and norm.text is text:
            src = norm.original
            oa, ob = norm.offsets[a], norm.offsets[min(b, len(norm.offsets) - 1)]
            to_text = _inverse(norm)
        else:
            src, oa, ob, to_text = text, a, b, (lambda p: p)
        lines = [(p, ln) for p, ln in _lines(src, oa, ob) if ln.strip()]
        i = 0
        while i < len(lines):
            pos, line = lines[i]
            cols = [(pos + m.start(), m.group()) for m in _COL.finditer(line)]
            names = [(p, c) for p, c in cols if re.fullmatch(PERSON, c) and _name_ok(c)]
            if names and len(names) == len(cols):
                roles: list[str | None] = [None] * len(names)
                if i + 1 < len(lines):
                    rpos, rline = lines[i + 1]
                    rcols = [m.group() for m in _COL.finditer(rline)]
                    if not any(re.fullmatch(PERSON, c) and _name_ok(c) for c in rcols) and \
                            not EMAIL.search(rline) and not PHONE.search(rline) and len(rcols) == len(names):
                        roles = rcols
                        i += 1
                for (p, c), role in zip(names, roles):
                    start = to_text(p)
                    if start is None or text[start:start + len(c)] != c:
                        continue
                    out.append(_cand(c, start, start + len(c), "signature", 0.85, role=role))
            i += 1
    return out


def _inverse(norm):
    import bisect

    offsets = norm.offsets

    def to_text(p: int) -> int | None:
        i = bisect.bisect_left(offsets, p, 0, len(offsets) - 1)
        return i if i < len(offsets) - 1 and offsets[i] == p else None
    return to_text


# Role titles by their head (bokmål and nynorsk): a compound on -minister, -direktør, -sekretær,
# -leder/-leiar, -sjef, -rådgiver/-rådgjevar, -ordfører/-ordførar …, also coordinated
# (`helse- og omsorgsminister`, `forsknings- og høyere utdanningsminister`).
ROLE_HEADS = ("minister", "direktør", "sekretær", "leder", "leiar", "sjef", "rådgiver", "rådgjevar",
              "ordfører", "ordførar", "representant", "president", "professor", "rektor", "dekan",
              "forsker", "forskar", "overlege", "statsråd", "konsulent", "koordinator")
_ROLE_HEAD_RE = "|".join(ROLE_HEADS)
ROLE_WORD = re.compile(rf"(?i:[a-zæøå]*(?:{_ROLE_HEAD_RE})(?:en|n|ane|ar|ar)?)")
ROLE = (rf"(?i:(?:[a-zæøå]+-,?[ \t]+(?:[a-zæøå]+-,[ \t]+)*og[ \t]+(?:[a-zæøå]+[ \t]+)?)?"
        rf"[a-zæøå]*(?:{_ROLE_HEAD_RE})(?:en|n)?)")


def _prose(text: str) -> list[Candidate]:
    out = []
    # `Bent Høie, helse- og omsorgsminister, sa …`: a name with its title in apposition
    for m in re.finditer(rf"(?<![\w@.])(?P<name>{PERSON}),[ \t]+(?P<role>{ROLE})(?![\w])(?![ \t]+[A-ZÆØÅ])", text):
        if _name_ok(m.group("name")) and not re.search(r"(?:fra|frå)[ \t]+$", text[max(0, m.start() - 6):m.start()]):
            out.append(_cand(m.group("name"), m.start("name"), m.end("name"), "name-role", 0.75,
                             role=m.group("role")))
    roles = "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w])(?P<role>(?i:{roles})|{ROLE})[ \t]*:?[ \t\n]+(?P<name>{PERSON})(?![\w])")
    for m in rx.finditer(text):
        name = m.group("name")
        if not _name_ok(name):
            continue
        role = m.group("role")
        org = None
        om = re.match(rf"[ \t\n]+i[ \t\n]+((?:[A-ZÆØÅ][\w-]*)(?:[ \t]+[A-ZÆØÅ][\w-]*){{0,3}})", text[m.end():m.end() + 80])
        if om:
            org = om.group(1)
        out.append(_cand(name, m.start("name"), m.end("name"), "role-name", 0.75, role=role, org=org))
    return out


# Party codes the Storting and the press put after a politician's name: `Kari Nordmann (Sp)`.
PARTY_CODES = ("A", "Ap", "H", "Sp", "FrP", "Frp", "SV", "R", "V", "MDG", "KrF", "PF")
_PARTY_RE = re.compile(rf"(?<![\w@.])({PERSON})[ \t]*\((?:{'|'.join(PARTY_CODES)})\)")


def _politicians(text: str) -> list[Candidate]:
    """`Åsunn Lyngedal (A)`: a name with a party code is a politician's."""
    return [_cand(m.group(1), m.start(1), m.end(1), "party-code", 0.8)
            for m in _PARTY_RE.finditer(text) if _name_ok(m.group(1))]


# `medlemmene fra Høyre, Kari Nordmann og Ola Nordmann, fra Venstre, ...`: the members of a
# committee, group or delegation listed by name (bokmål and nynorsk).
_MEMBERS_RE = re.compile(r"(?<![\w])(?:[Mm]edlem(?:m)?ene|[Mm]edlem(?:m)?ane|representantene|"
                         r"stortingsrepresentantene|representantane|stortingsrepresentantane)(?![\w])"
                         # the proposers of a Storting document: ``Fra: Kari Nordmann og Ola Nordmann``
                         r"|(?m:^[ \t]*(?:Fra|Frå|Forslagsstillere|Forslagsstillarar):)")
_ITEM_SPLIT = re.compile(r"[ \t\n]*(?:,|(?<![\w])og(?![\w]))[ \t\n]*")


def _member_lists(text: str) -> list[Candidate]:
    out = []
    for m in _MEMBERS_RE.finditer(text):
        end = len(text)
        for stop in (". ", ".\n", ":", ";", "\n\n"):
            i = text.find(stop, m.end())
            while stop.startswith(".") and i > 0 and re.search(r"(?<![\w])[A-ZÆØÅ]$", text[max(0, i - 2):i]):
                i = text.find(stop, i + 1)  # ``André N. Skjelstad``: an initial, not the end
            if m.group(0).endswith(":") and stop == ":":
                continue
            if 0 <= i < end:
                end = i
        if m.group(0).endswith(":"):
            nl = text.find("\n", m.end())
            end = min(end, nl) if nl >= 0 else end  # the label's own line
        pos = m.end()
        for item in _ITEM_SPLIT.split(text[m.end():end]):
            a = text.find(item, pos) if item else -1
            if a < 0:
                continue
            pos = a + len(item)
            words = item.split()
            if words and words[0].lower() in ("fra", "frå", "av", "i"):
                continue  # `frå Høgre`: the party, not a member
            while words and words[0][:1].islower() and not re.fullmatch(_PARTICLE, words[0]):
                words = words[1:]  # `leiaren Geir Jørgen Bekkevold`
            name = " ".join(words)
            last = False
            if words and not re.fullmatch(PERSON, name):
                # ``... og Gunnar Gundersen om mer innovasjon``: the last name, then what the list is about
                k = next((i for i, w in enumerate(words) if w[:1].islower() and not re.fullmatch(_PARTICLE, w)),
                         len(words))
                head = " ".join(words[:k])
                if 2 <= k < len(words) and re.fullmatch(PERSON, head) and _name_ok(head):
                    name, last = head, True
            if not words or not re.fullmatch(PERSON, name) or not _name_ok(name):
                if any(w[:1].islower() and not re.fullmatch(_PARTICLE, w) for w in item.split()[1:]):
                    break  # the list has ended: `viser til ...`
                continue
            b = text.find(name, a)
            out.append(_cand(name, b, b + len(name), "member-list", 0.75))
            if last:
                break
    return out


# `..., sier Kari Nordmann som er direktør`: the speaker of a quotation (bokmål and nynorsk)
_SPEAKER_RE = re.compile(rf"(?<![\w])(?:sier|sa|uttaler|uttalte|forteller|fortalte|seier|fortel)"
                         rf"[ \t\n]+({PERSON})(?![\w])")


# `forslag nr. 4, fra Kari Nordmann på vegne av Høyre`: who moved a proposal in the Storting
_ON_BEHALF_RE = re.compile(rf"(?<![\w])({PERSON})[ \t\n]+på[ \t\n]+vegne[ \t\n]+av(?![\w])")


def _movers(text: str) -> list[Candidate]:
    return [_cand(m.group(1), m.start(1), m.end(1), "on-behalf-of", 0.75)
            for m in _ON_BEHALF_RE.finditer(text) if _name_ok(m.group(1))]


def _speakers(text: str) -> list[Candidate]:
    return [_cand(m.group(1), m.start(1), m.end(1), "speaker", 0.7)
            for m in _SPEAKER_RE.finditer(text) if _name_ok(m.group(1))]


# `… Tage Pettersen (H) … sammen med Tone Wilhelmsen Trøen`, `Kari Nordmann og Ola Hansen`: a name
# coordinated with a person's is a person's
_COORDINATED_RE = re.compile(rf"[ \t]*(?:\((?:{'|'.join(PARTY_CODES)})\))?(?:[ \t]+(?:[a-zæøå]+[ \t]+){{0,4}}?)?"
                             rf"[ \t,]*(?:og|samt|sammen[ \t]+med|saman[ \t]+med)[ \t]+({PERSON})(?![\w])")
# `administrerende direktør i Legemiddelindustrien, Karita Bekkemellem`: the role and its body, then the name
_ROLE_ORG_NAME_RE = None


def _coordinated(text: str, found: list[Candidate]) -> list[Candidate]:
    out = []
    for c in found:
        m = _COORDINATED_RE.match(text, c.end)
        if m and _name_ok(m.group(1)) and "\n" not in text[c.end:m.start(1)]:
            out.append(_cand(m.group(1), m.start(1), m.end(1), "coordinated", 0.65))
    return out


def _role_org_name(text: str) -> list[Candidate]:
    global _ROLE_ORG_NAME_RE
    if _ROLE_ORG_NAME_RE is None:
        roles = "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True))
        _ROLE_ORG_NAME_RE = re.compile(
            rf"(?<![\w])(?P<role>(?i:{roles}))[ \t]+(?:i|for|ved|på)[ \t]+(?P<org>[A-ZÆØÅ][\w-]*(?:[ \t]+[A-ZÆØÅ][\w-]*){{0,3}}),"
            rf"[ \t]+(?P<name>{PERSON})(?![\w])")
    return [_cand(m.group("name"), m.start("name"), m.end("name"), "role-org-name", 0.75, role=m.group("role"),
                  org=m.group("org")) for m in _ROLE_ORG_NAME_RE.finditer(text) if _name_ok(m.group("name"))]


def find_people(text: str, segments=None, norm=None) -> list[Candidate]:
    """Person candidates in ``text`` (``norm.text`` when ``norm`` is given)."""
    blocks: list[tuple[int, int]] = []
    contact: list[tuple[int, int]] = []
    for s in segments or []:
        if getattr(s, "kind", None) == "signature":
            blocks.append((s.start, s.end))
        elif getattr(s, "kind", None) == "contact":
            contact.append((s.start, s.end))
    for m in _CLOSING.finditer(text):  # the closing and up to a dozen lines after it
        end = m.end()
        for _ in range(12):
            nxt = text.find("\n", end + 1)
            if nxt < 0:
                end = len(text)
                break
            end = nxt
        blocks.append((m.start(), end))
    out = _contact_lines(text)
    out += _signature_blocks(text, blocks, norm)
    out += _prose(text)
    out += _role_org_name(text)
    out += _politicians(text)
    out += _member_lists(text)
    out += _speakers(text)
    out += _movers(text)
    out += _coordinated(text, out)
    # one candidate per span
    seen = {}
    for c in out:
        k = (c.start, c.end)
        if k not in seen or (c.role and not seen[k].role):
            seen[k] = c
    return list(seen.values())
