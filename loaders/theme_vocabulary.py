"""The policy areas proposals are grouped under by their words: the twelve areas of the
government's roadmap for the health industry (*Veikart for helsenæringen*, NFD and HOD, 2023),
named as it names them, each with the word parts that mark a proposal as being about it.

A cue matches a word of the proposal (or of its heading) that begins or ends with it, after
folding (``kapital`` matches *risikokapital* and *kapitaltilgang*); a cue of two words matches
two neighbouring words that begin with them (``klinisk studi``: *kliniske studier*). Cues are
word parts specific to the area; a general word (*forskning*, *innovasjon*) is not a cue, or
every proposal would be in every area.
"""

from __future__ import annotations

from dataclasses import dataclass

VEIKART = "https://regjeringen.no/no/dokumenter/veikart-helsenaring/id2991874/?ch=4"
VEIKART_LIST = "https://www.helseomsorg21.no/nyheter/veikart-for-helsenaringen/"
UNCERTAIN = ("the regjeringen.no chapter was read for its first area only; the names of all twelve as "
             f"listed on {VEIKART_LIST} (HelseOmsorg21-rådet). The cues are this project's, not the roadmap's")


@dataclass(frozen=True)
class Area:
    name: str
    cues: tuple[str, ...]  # folded, lower case; a space joins the beginnings of neighbouring words


AREAS: tuple[Area, ...] = (
    Area("Test og pilotering", ("testing", "testfasilitet", "testsenter", "testsentr", "pilotering", "katapult",
                                "verifisering")),
    Area("Kliniske studier", ("klinisk studi", "klinisk utproving", "nortrials", "norcrin")),
    Area("Klynger", ("klynge",)),
    Area("Helseteknologi og persontilpasset medisin", ("helseteknologi", "persontilpass", "presisjonsmedisin",
                                                       "medisinsk utstyr", "e-helse", "velferdsteknologi")),
    Area("Tilgang til og bruk av data", ("helsedata", "helseregist", "registerdata", "biobank", "datadeling",
                                         "sekundaerbruk", "datasett")),
    Area("Produksjon av legemidler", ("legemiddelproduksjon", "produksjon", "industrialisering",
                                      "produksjonskapasitet", "oppskalering")),
    Area("Forskning, utdanning, innovasjon og kommersialisering", ("kommersialiser", "kommersiell",
                                                                   "teknologioverforing", "utdanning")),
    Area("Internasjonalt forsknings- og innovasjonssamarbeid", ("internasjonal samarbeid",
                                                                "horisont", "eu-samarbeid", "eu-program")),
    Area("Immaterielle verdier og rettigheter", ("patent", "immateriell", "ipr", "rettighet")),
    Area("Kapital", ("kapital", "investor", "venturefond", "risikoavlastning")),
    Area("Offentlige anskaffelser", ("anskaffels", "innkjop", "anbud")),
    Area("Eksport", ("eksport",)),
)
