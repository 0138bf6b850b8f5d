"""Organisation names reduced to comparable words: the first step of the crosswalk.

Employer names in federal files and sponsoring-institution names in the ACGME list spell the
same organisation differently ("The Cleveland Clinic Foundation", "CLEVELAND CLINIC
FOUNDATION"; "Univ Hosps Cleveland Med Ctr"). Normalising removes case, punctuation, legal
suffixes and stopwords and expands common abbreviations; distinctive words are what is left
once the words every hospital shares are set aside.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say nothing about which organisation it is.
STOPWORDS = _set(
    "the of and at for in on a an dba inc incorporated llc llp corp corporation co "
    "company ltd limited lp program residency"
)
# Words most teaching organisations share: they count for similarity, never as proof.
GENERIC = _set(
    "pc pllc university universities college school medicine medical center centers hospital "
    "hospitals health healthcare system systems clinic clinics foundation institute sciences "
    "science education educational graduate gme residency consortium network care services "
    "service physicians physician organization group associates practice faculty affiliated "
    "affiliates campus department regional community general teaching partners partnership "
    "trust authority board regents osteopathic"
)
# Distinctive but common: a match resting on one of these alone needs a person to look.
WEAK = _set(
    "saint baptist methodist presbyterian mercy memorial childrens adventist lutheran "
    "catholic christian jewish veterans affairs va county city state north south east west "
    "central northern southern eastern western new valley river lake mount united american "
    "national family women womens good samaritan sacred heart providence trinity ascension "
    "southeast northeast southwest northwest upper lower greater island bay coast gulf public"
)
# What kind of body a name is: a school without a medical word ("Scripps College") is not the
# hospital that shares its distinctive word ("Scripps Clinic").
ACADEMIC = frozenset(["university", "college", "school"])
MEDICAL = _set(
    "medicine medical health healthcare hospital hospitals clinic clinics physicians "
    "physician osteopathic"
)
# Words that name a related body rather than the sponsor itself: a physician group, a
# fundraising foundation, a faculty practice.
AFFILIATE = _set(
    "pc pllc foundation physicians physician organization group associates practice faculty "
    "services network partners"
)
# State names: "University of Florida" and "Florida Hospital" share only "florida".
STATE_WORDS = _set(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
    "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland "
    "massachusetts michigan minnesota mississippi missouri montana nebraska nevada hampshire "
    "jersey mexico york carolina dakota ohio oklahoma oregon pennsylvania rhode island "
    "tennessee texas utah vermont virginia washington wisconsin wyoming columbia puerto rico"
)
ABBREVIATIONS = {
    "st": "saint",
    "ste": "saint",
    "univ": "university",
    "u": "university",
    "ctr": "center",
    "cntr": "center",
    "centre": "center",
    "med": "medical",
    "hosp": "hospital",
    "hosps": "hospitals",
    "hopsital": "hospital",
    "hlth": "health",
    "mt": "mount",
    "ft": "fort",
    "sch": "school",
    "coll": "college",
    "inst": "institute",
    "natl": "national",
    "reg": "regional",
    "childrens": "childrens",
    "children": "childrens",
}
_APOSTROPHE = re.compile(r"[\u2019'`]s?\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_PARENTHESES = re.compile(r"\(([^)]*)\)")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Lower-case words with abbreviations expanded and stopwords removed, in order."""
    text = _APOSTROPHE.sub("s", _ascii(text))
    tokens = (ABBREVIATIONS.get(t, t) for t in _NON_WORD.split(text) if t)
    return tuple(t for t in tokens if t not in STOPWORDS)


@lru_cache(maxsize=65536)
def split_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(main words, qualifier words): qualifiers are the words inside parentheses, which the
    ACGME uses for a campus or city ("Mayo Clinic College of Medicine and Science
    (Rochester)")."""
    qualifiers = " ".join(_PARENTHESES.findall(name))
    return words(_PARENTHESES.sub(" ", name)), words(qualifiers)


@lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[str, ...]:
    """The organisations a joint name lists, sponsor first: "Tulane University/Ochsner".

    A slash inside parentheses ("(AGH/WPH)") names campuses of one organisation, not partners.
    """
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in name:
        depth += (char == "(") - (char == ")")
        if char == "/" and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return tuple(part.strip() for part in parts if part.strip())


def distinctive(tokens: tuple[str, ...]) -> frozenset[str]:
    return frozenset(t for t in tokens if t not in GENERIC)


def academic_only(tokens: tuple[str, ...]) -> bool:
    return bool(ACADEMIC.intersection(tokens)) and not MEDICAL.intersection(tokens)
