"""Link federal employers to sponsoring institutions: the crosswalk's matching method.

The method, in order (thresholds are the constants below):

1. Only institutions in the employer's state are candidates (DOL's worksite state, USCIS's
   petitioner state; the institution's state in the ACGME list).
2. Both names are normalised (`names.words`): case, punctuation, legal suffixes and stopwords
   removed, abbreviations expanded. A joint institution name ("Tulane University/Ochsner") is
   compared part by part; words in parentheses are a campus or city qualifier, kept aside.
3. Each candidate gets the best of three methods:
   - `exact_name`: the normalised words are the same;
   - `same_distinctive_words`: the words left after removing generic ones (university,
     hospital, medical, center...) are the same set;
   - `fuzzy_name`: rapidfuzz's token-set ratio is at least FUZZY_MIN_SCORE and the names
     share at least MIN_SHARED_DISTINCTIVE distinctive words (one, when either name has only
     one).
4. The best method wins, then the best score; ties are broken by city (the employer's
   worksite or headquarters city equals the institution's city or its qualifier).
5. A link publishes only when it is `exact_name` or `same_distinctive_words` on the
   institution's first (sponsor) name part and unique (or the employer is the exact named
   sponsor of each institution it matches). `same_distinctive_words` also needs a token-set
   score of SAME_WORDS_MIN_SCORE, or WEAK_MIN_SCORE with the words in the same order when the
   distinctive words are only common ones (a state, a city, "Baptist", "Mercy"...), and both
   names must be the same kind of body (a college without a medical word is not a hospital;
   a physician group or foundation is not the hospital it is named after).
   Everything else goes to review: partners named after the sponsor, several institutions
   matching equally, fuzzy matches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rapidfuzz import fuzz

from imgpath.engines.crosswalk.names import (
    ACADEMIC,
    AFFILIATE,
    STATE_WORDS,
    WEAK,
    academic_only,
    distinctive,
    name_parts,
    split_name,
    words,
)

FUZZY_MIN_SCORE = 90.0
MIN_SHARED_DISTINCTIVE = 2
# Same distinctive words but few words in common overall ("Carle Health Care" and "Carle
# Foundation Hospital"): publish from this token-set score; when the distinctive words are
# only common ones (a state, a place, "Baptist"), one name must contain the other.
SAME_WORDS_MIN_SCORE = 60.0
WEAK_MIN_SCORE = 100.0
CONFIDENCE = {"exact_name": 1.0, "same_distinctive_words": 0.9, "fuzzy_name": 0.8}
PARTNER_PENALTY = 0.3
WEAK_PENALTY = 0.2


class Method(StrEnum):
    EXACT = "exact_name"
    SAME_WORDS = "same_distinctive_words"
    FUZZY = "fuzzy_name"


METHOD_RANK = {Method.EXACT: 3, Method.SAME_WORDS: 2, Method.FUZZY: 1}


class Decision(StrEnum):
    PUBLISH = "publish"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class Employer:
    """An employer as a federal file names it, in one state, with the cities it lists."""

    key: str
    name: str
    state: str
    cities: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Institution:
    key: str
    name: str
    state: str
    cities: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Link:
    employer_key: str
    institution_key: str
    method: Method
    score: float
    confidence: float
    decision: Decision
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Candidate:
    institution: Institution
    method: Method
    score: float
    part: int
    words: tuple[str, ...] = ()

    @property
    def rank(self) -> tuple[int, int, float]:
        """Best method first, then the sponsor's name over a partner's, then the score."""
        return METHOD_RANK[self.method], int(self.part == 0), self.score

    @property
    def names_sponsor(self) -> bool:
        return self.method is Method.EXACT and self.part == 0


def crosswalk(
    employers: Iterable[Employer], institutions: Iterable[Institution]
) -> tuple[Link, ...]:
    """Every proposed employer -> institution link, sorted by employer then institution.

    Pure and deterministic: the same inputs in any order give the same links.
    """
    by_state: dict[str, list[Institution]] = defaultdict(list)
    for institution in sorted(institutions, key=lambda i: i.key):
        by_state[institution.state].append(institution)
    places = _place_words(by_state)
    links: list[Link] = []
    for employer in sorted(employers, key=lambda e: e.key):
        links.extend(_links_for(employer, by_state.get(employer.state, []), places))
    return tuple(sorted(links, key=lambda link: (link.employer_key, link.institution_key)))


def _place_words(by_state: dict[str, list[Institution]]) -> frozenset[str]:
    return frozenset(
        word
        for institutions in by_state.values()
        for institution in institutions
        for city in institution.cities
        for word in words(city)
    )


def _links_for(
    employer: Employer, institutions: list[Institution], places: frozenset[str]
) -> list[Link]:
    main, _ = split_name(employer.name)
    mine = distinctive(main)
    if not mine:
        return []
    candidates = [c for i in institutions if (c := _best(main, mine, employer, i)) is not None]
    if not candidates:
        return []
    best = max(c.rank for c in candidates)
    top = [c for c in candidates if c.rank == best]
    reasons: list[str] = []
    if len(top) > 1:
        in_city = [c for c in top if _same_city(employer, c.institution)]
        if len(in_city) == 1:
            top, reasons = in_city, ["several institutions match; the city decides"]
    if len(top) > 1 and all(c.names_sponsor for c in top):
        # A health system that is the named sponsor of several institutions ("UPMC Medical
        # Education/Hamot", "UPMC Medical Education/Mercy"...) files for each of them.
        note = f"named sponsor of {len(top)} institutions in {employer.state}"
        return [_link(employer, c, Decision.PUBLISH, [note], share_penalty=0.1) for c in top]
    if len(top) > 1:
        note = f"ambiguous: {len(top)} institutions in {employer.state} match equally"
        return [_link(employer, c, Decision.REVIEW, [note], share=len(top)) for c in top]
    return [_judged(main, top[0], mine, places=places, reasons=reasons, employer=employer)]


def _best(
    main: tuple[str, ...], mine: frozenset[str], employer: Any, institution: Institution
) -> _Candidate | None:
    found = None
    cities = _city_keys(employer.cities)
    for index, part in enumerate(name_parts(institution.name)):
        theirs, qualifier = split_name(part)
        candidate = _compare(
            main,
            mine,
            theirs,
            qualifier=qualifier,
            cities=cities,
            institution=institution,
            index=index,
        )
        if candidate is not None and (found is None or candidate.rank > found.rank):
            found = candidate
    return found


def _compare(
    main: Any,
    mine: Any,
    theirs: Any,
    *,
    qualifier: Any,
    cities: Any,
    institution: Any,
    index: int,
) -> _Candidate | None:
    if not theirs:
        return None
    qualified = theirs + qualifier
    # "University of California (San Francisco)" is the employer "University of California,
    # San Francisco"; "University of Iowa (Des Moines)" is not "University of Iowa" unless the
    # employer works in Des Moines.
    if main == qualified or (main == theirs and (not qualifier or " ".join(qualifier) in cities)):
        return _Candidate(institution, Method.EXACT, 100.0, index, theirs)
    score = round(fuzz.token_set_ratio(" ".join(main), " ".join(theirs)), 1)
    their_words = distinctive(theirs)
    if their_words == mine or distinctive(qualified) == mine:
        return _Candidate(institution, Method.SAME_WORDS, score, index, theirs)
    shared = mine & their_words
    needed = 1 if min(len(mine), len(their_words)) <= 1 else MIN_SHARED_DISTINCTIVE
    if score >= FUZZY_MIN_SCORE and len(shared) >= needed:
        return _Candidate(institution, Method.FUZZY, score, index, theirs)
    return None


def _city_keys(cities: Iterable[str]) -> set[str]:
    return {" ".join(words(city)) for city in cities} - {""}


def _same_city(employer: Employer, institution: Institution) -> bool:
    _, qualifier = split_name(institution.name)
    theirs = _city_keys(institution.cities) | ({" ".join(qualifier)} - {""})
    return bool(_city_keys(employer.cities) & theirs)


def _kinds_differ(main: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """A college named like a hospital, or a university like a clinic: different bodies."""
    if "college" in main and academic_only(main):
        return True
    for one, other in ((main, theirs), (theirs, main)):
        if academic_only(one) and not ACADEMIC.intersection(other):
            return True
    return False


def _in_order(mine: frozenset[str], main: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    return [t for t in main if t in mine] == [t for t in theirs if t in mine]


def _judged(
    main: Any, candidate: Any, mine: Any, *, places: Any, reasons: Any, employer: Any
) -> Link:
    reasons = list(reasons)
    decision = Decision.PUBLISH
    penalty = 0.0
    if candidate.method is Method.FUZZY:
        decision = Decision.REVIEW
        reasons.append(f"names are similar (score {candidate.score:g}), not the same")
    if candidate.part > 0:
        decision = Decision.REVIEW
        penalty += PARTNER_PENALTY
        reasons.append("matches a partner listed after the sponsor, not the sponsor")
    if candidate.method is Method.SAME_WORDS and _kinds_differ(main, candidate.words):
        decision = Decision.REVIEW
        penalty += WEAK_PENALTY
        reasons.append("one name is a college or university without a medical word")
    elif candidate.method is Method.SAME_WORDS and (AFFILIATE & set(main)) - set(candidate.words):
        decision = Decision.REVIEW
        penalty += WEAK_PENALTY
        extra = ", ".join(sorted((AFFILIATE & set(main)) - set(candidate.words)))
        reasons.append(f"the employer looks like a related body ({extra}), not the sponsor")
    elif candidate.method is Method.SAME_WORDS:
        weak = mine <= (WEAK | STATE_WORDS | places)
        needed = WEAK_MIN_SCORE if weak else SAME_WORDS_MIN_SCORE
        # "California Southern University" is not "University of Southern California".
        shared = ", ".join(sorted(mine))
        if weak and not _in_order(mine, main, candidate.words):
            decision = Decision.REVIEW
            penalty += WEAK_PENALTY
            reasons.append(f"common words ({shared}) in another order")
        elif candidate.score < needed:
            decision = Decision.REVIEW
            penalty += WEAK_PENALTY
            reasons.append(
                f"same distinctive words ({shared}) but a token-set score of"
                f" {candidate.score:g}, below {needed:g}" + (" for common words" if weak else "")
            )
    if decision is Decision.PUBLISH and not reasons:
        reasons.append(
            "same name" if candidate.method is Method.EXACT else "same distinctive words"
        )
    return _link(employer, candidate, decision, reasons, penalty=penalty)


def _link(
    employer: Any,
    candidate: Any,
    decision: Any,
    reasons: Any,
    *,
    share: int = 1,
    penalty: float = 0.0,
    share_penalty: float = 0.0,
) -> Link:
    confidence = CONFIDENCE[candidate.method] * candidate.score / 100 / share
    confidence -= penalty + share_penalty
    return Link(
        employer_key=employer.key,
        institution_key=candidate.institution.key,
        method=candidate.method,
        score=candidate.score,
        confidence=round(max(0.05, confidence), 2),
        decision=decision,
        reasons=tuple(reasons),
    )
