"""The crosswalk method on known pairs and known traps, and its properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.crosswalk import (
    Decision,
    Employer,
    Institution,
    Method,
    crosswalk,
    is_physician_soc,
    is_trainee_title,
    name_parts,
    words,
)

# Real sponsoring-institution names (ACGME list, " Program" removed), with their cities.
INSTITUTIONS = [
    Institution("cc", "Cleveland Clinic Foundation", "OH", frozenset({"Cleveland"})),
    Institution("cc-akron", "Cleveland Clinic Foundation/Akron General", "OH",
                frozenset({"Akron"})),
    Institution("metro", "The MetroHealth System/Case Western Reserve University", "OH",
                frozenset({"Cleveland"})),
    Institution("mayo-r", "Mayo Clinic College of Medicine and Science (Rochester)", "MN",
                frozenset({"Rochester"})),
    Institution("mayo-m", "Mayo Clinic College of Medicine and Science (Mankato)", "MN",
                frozenset({"Mankato"})),
    Institution("ochsner", "Ochsner Clinic Foundation", "LA", frozenset({"New Orleans"})),
    Institution("tulane", "Tulane University/Ochsner Clinic Foundation", "LA",
                frozenset({"New Orleans"})),
    Institution("tulane-only", "Tulane University", "LA", frozenset({"New Orleans"})),
    Institution("ahec", "Mountain Area Health Education Center/Duke", "NC",
                frozenset({"Asheville"})),
    Institution("duke", "Duke University Hospital", "NC", frozenset({"Durham"})),
    Institution("uchicago-uic",
                "University of Chicago/University of Illinois College of Medicine at Chicago",
                "IL", frozenset({"Chicago"})),
    Institution("uic", "University of Illinois College of Medicine at Chicago", "IL",
                frozenset({"Chicago"})),
    Institution("uic-mg", "University of Illinois College of Medicine at Chicago (Metropolitan "
                "Group)", "IL", frozenset({"Chicago"})),
    Institution("uchicago", "University of Chicago Medical Center", "IL", frozenset({"Chicago"})),
    Institution("ufl", "University of Florida", "FL", frozenset({"Gainesville"})),
    Institution("usf", "University of South Florida Morsani", "FL", frozenset({"Tampa"})),
    Institution("iowa-dm", "University of Iowa (Des Moines)", "IA", frozenset({"Des Moines"})),
    Institution("iowa", "University of Iowa Hospitals and Clinics", "IA",
                frozenset({"Iowa City"})),
    Institution("ucsf", "University of California (San Francisco)", "CA",
                frozenset({"San Francisco"})),
    Institution("ucsf-eb", "University of California San Francisco (East Bay)", "CA",
                frozenset({"Oakland"})),
]  # fmt: skip

# (employer, state, cities) -> the institution a person confirmed, or None for "no link".
KNOWN_PAIRS = [
    ("The Cleveland Clinic Foundation", "OH", {"Cleveland"}, "cc"),
    ("THE METROHEALTH SYSTEM", "OH", {"Cleveland"}, "metro"),
    ("MAYO CLINIC", "MN", {"Rochester"}, "mayo-r"),
    ("Ochsner Clinic Foundation", "LA", {"New Orleans"}, "ochsner"),
    ("University of Chicago Medical Center", "IL", {"Chicago"}, "uchicago"),
    ("UNIVERSITY OF FLORIDA", "FL", {"Gainesville"}, "ufl"),
    ("The University of Iowa", "IA", {"Iowa City"}, "iowa"),
    ("University of California, San Francisco", "CA", {"San Francisco"}, "ucsf"),
    ("Duke University", "NC", {"Durham"}, "duke"),
]


def _employer(name: str, state: str, cities: set[str]) -> Employer:
    return Employer(f"{name}|{state}", name, state, frozenset(cities))


def _published(links):
    return {
        (link.employer_key, link.institution_key) for link in links if link.decision == "publish"
    }


def test_known_pairs_publish_to_the_confirmed_institution():
    employers = [_employer(n, s, c) for n, s, c, _ in KNOWN_PAIRS]
    published = _published(crosswalk(employers, INSTITUTIONS))
    for name, state, _, expected in KNOWN_PAIRS:
        mine = {inst for emp, inst in published if emp == f"{name}|{state}"}
        assert expected in mine, name


def test_precision_on_known_pairs_is_total():
    employers = [_employer(n, s, c) for n, s, c, _ in KNOWN_PAIRS]
    expected = {(f"{n}|{s}", inst) for n, s, _, inst in KNOWN_PAIRS}
    published = _published(crosswalk(employers, INSTITUTIONS))
    # The Cleveland Clinic is the named sponsor of its Akron institution too: also right.
    right = expected | {("The Cleveland Clinic Foundation|OH", "cc-akron")}
    assert published <= right
    assert expected <= published


def test_partner_of_a_joint_name_goes_to_review():
    links = crosswalk([_employer("Duke University Health System", "NC", {"Asheville"})],
                      [INSTITUTIONS[8]])  # fmt: skip
    assert [(link.institution_key, link.decision) for link in links] == [("ahec", "review")]
    assert "partner" in links[0].reasons[0]


def test_sponsor_is_preferred_to_a_partner_with_the_same_name():
    links = crosswalk([_employer("Ochsner Clinic Foundation", "LA", set())], INSTITUTIONS)
    assert [(link.institution_key, link.decision) for link in links] == [("ochsner", "publish")]


def test_university_of_another_university_in_the_same_city_never_publishes():
    links = crosswalk(
        [_employer("University of Illinois Chicago", "IL", {"Chicago"})], INSTITUTIONS
    )
    assert links
    assert all(link.decision == Decision.REVIEW for link in links)
    assert "uchicago" not in {link.institution_key for link in links}


def test_a_state_name_alone_is_not_enough():
    links = crosswalk([_employer("Florida Hospital Medical Group, Inc.", "FL", {"Orlando"})],
                      INSTITUTIONS)  # fmt: skip
    assert all(link.decision == Decision.REVIEW for link in links)


def test_a_college_named_like_a_clinic_never_publishes():
    scripps = Institution("scripps", "Scripps Clinic/Scripps Green Hospital", "CA")
    usc = Institution("usc", "University of Southern California/LA General", "CA")
    employers = [
        _employer("SCRIPPS COLLEGE", "CA", set()),
        _employer("CALIFORNIA SOUTHERN UNIVERSITY", "CA", set()),
        _employer("FLORIDA COLLEGE", "FL", set()),
    ]
    links = crosswalk(employers, [scripps, usc, *INSTITUTIONS])
    assert links
    assert all(link.decision == Decision.REVIEW for link in links)


def test_city_qualifier_decides_between_campuses():
    links = crosswalk([_employer("University of Iowa", "IA", {"Des Moines"})], INSTITUTIONS)
    assert [(link.institution_key, link.method) for link in links] == [("iowa-dm", Method.EXACT)]


def test_other_states_are_never_candidates():
    links = crosswalk([_employer("Cleveland Clinic Foundation", "FL", set())], INSTITUTIONS)
    assert links == ()


def test_names_are_normalised():
    assert words("The St. Luke's Hosp., Inc.") == ("saint", "lukes", "hospital")
    assert name_parts("Allegheny Health Network (AGH/WPH)/Duke") == (
        "Allegheny Health Network (AGH/WPH)",
        "Duke",
    )


def test_trainee_titles_and_physician_codes():
    assert is_trainee_title("Resident Physician PGY-2")
    assert is_trainee_title("Clinical fellow")
    assert not is_trainee_title("Hospitalist")
    assert not is_trainee_title("Internal Medicine Physician")
    assert is_trainee_title("Medical Intern")
    assert is_physician_soc("29-1228")
    assert is_physician_soc("29-1069.00")
    assert not is_physician_soc("29-1141")
    assert not is_physician_soc("garbage")


name = st.text(alphabet="abcdefghij /()-.", min_size=1, max_size=40)
states = st.sampled_from(["OH", "NY"])


@given(
    st.lists(st.tuples(name, states), max_size=6),
    st.lists(st.tuples(name, states), max_size=6),
    st.randoms(),
)
def test_deterministic_same_state_and_order_free(employer_rows, institution_rows, random):
    employers = [Employer(f"e{i}", n, s) for i, (n, s) in enumerate(employer_rows)]
    institutions = [Institution(f"i{i}", n, s) for i, (n, s) in enumerate(institution_rows)]
    links = crosswalk(employers, institutions)
    shuffled_e, shuffled_i = employers[:], institutions[:]
    random.shuffle(shuffled_e)
    random.shuffle(shuffled_i)
    assert crosswalk(shuffled_e, shuffled_i) == links
    state_of = {e.key: e.state for e in employers} | {i.key: i.state for i in institutions}
    for link in links:
        assert state_of[link.employer_key] == state_of[link.institution_key]
        assert 0 < link.confidence <= 1


@given(st.lists(st.tuples(name, states), min_size=1, max_size=6, unique_by=lambda r: words(r[0])))
def test_an_unshared_distinctive_name_publishes_to_itself(rows):
    institutions = [Institution(f"i{i}", n + " zqx", s) for i, (n, s) in enumerate(rows)]
    for index, (text, state) in enumerate(rows):
        if "/" in text or "(" in text or ")" in text:
            continue
        links = crosswalk([Employer("e", text + " zqx", state)], institutions)
        assert ("e", f"i{index}") in {(link.employer_key, link.institution_key) for link in links}
