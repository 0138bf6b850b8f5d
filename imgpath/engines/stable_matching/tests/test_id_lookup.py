"""The array id lookup agrees with a dict, and declines (None) whenever it could be wrong."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.stable_matching import InstanceError, parse_instance, validation
from imgpath.engines.stable_matching.id_lookup import IdTable

from .test_parsing import VALID

# Short ASCII ids, plus the cases that must not be packed: NUL, non-ASCII, longer than a word.
_IDS = st.one_of(
    st.text(alphabet="AP0123456789", min_size=1, max_size=12),
    st.text(alphabet="A\x00é", min_size=1, max_size=3),
    st.text(alphabet="x", min_size=30, max_size=40),
)


@given(
    ids=st.lists(_IDS, min_size=1, max_size=60, unique=True),
    picks=st.lists(st.integers(min_value=0, max_value=10**6), max_size=80),
    stranger=st.one_of(st.none(), _IDS, st.integers(), st.just("")),
)
def test_lookup_agrees_with_a_dict_or_declines(
    ids: list[str], picks: list[int], stranger: object
) -> None:
    known = {identifier: i for i, identifier in enumerate(ids)}
    items: list[Any] = [ids[pick % len(ids)] for pick in picks]
    if stranger is not None:
        items.insert(len(items) // 2, stranger)
    found = IdTable(ids).lookup(items)
    if found is None:
        # Declining is always allowed for awkward ids; for plain known ids it must not happen.
        plain = all(type(i) is str and i.isalnum() and i.isascii() and len(i) <= 32 for i in ids)
        assert not (plain and all(type(i) is str and i in known for i in items))
    else:
        assert found.tolist() == [known[item] for item in items]


@pytest.fixture(params=["dict", "IdTable"])
def lookup_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Validation with either lookup: small instances take the dict unless told otherwise."""
    if request.param == "IdTable":
        monkeypatch.setattr(validation, "DICT_LOOKUP_MAX_IDS", 0)
    return str(request.param)


def test_both_lookup_paths_encode_an_instance_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    by_dict = parse_instance(VALID).encoding
    monkeypatch.setattr(validation, "DICT_LOOKUP_MAX_IDS", 0)
    by_table = parse_instance(VALID).encoding
    for name in ("choice_program", "choice_offset", "ranked_applicant", "choice_entry"):
        assert getattr(by_table, name).tolist() == getattr(by_dict, name).tolist(), name


@pytest.mark.usefixtures("lookup_path")
def test_an_id_that_differs_only_by_a_trailing_nul_is_unknown() -> None:
    data = {
        "programs": [{"id": "P1", "capacity": 1, "ranks": ["A1\x00"]}],
        "applicants": [{"id": "A1", "ranks": ["P1"]}],
    }
    with pytest.raises(InstanceError, match=r"ranks names unknown applicant 'A1\\x00'"):
        parse_instance(data)


@pytest.mark.usefixtures("lookup_path")
def test_a_number_that_prints_like_a_known_id_is_not_taken_for_it() -> None:
    data = {
        "programs": [{"id": "P1", "capacity": 1, "ranks": ["7"]}],
        "applicants": [{"id": "7", "ranks": ["P1"]}, {"id": "8", "ranks": [7]}],
    }
    with pytest.raises(InstanceError, match=r"applicants\[1\] \(id '8'\): ranks holds 7"):
        parse_instance(data)
