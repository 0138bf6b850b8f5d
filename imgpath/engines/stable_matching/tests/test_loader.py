"""The helper process: its lookups are validation's own, and anything off leaves them unused."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import orjson
import pytest
from hypothesis import given, settings

from imgpath.engines.stable_matching import (
    Instance,
    InstanceError,
    instance_to_dict,
    loader,
    parse_instance,
)
from imgpath.engines.stable_matching.loader import ListLookups, start_helper

from .support import joint_instances, singles_instances
from .test_parsing import MALFORMED, VALID

FORKS = settings(max_examples=40, deadline=None)


def _lookups(data: Any) -> ListLookups | None:
    helper = start_helper(orjson.dumps(data), "on")
    assert helper is not None
    try:
        return helper.result()
    finally:
        helper.close()


def _indices(side: bytes | None) -> list[int]:
    assert side is not None
    return np.frombuffer(side, dtype=np.intc).tolist()


def _same_encoding(a: Instance, b: Instance) -> bool:
    fields = ("ranked_applicant", "ranked_offset", "choice_program", "choice_offset")
    fields += ("entry_order", "entry_keys", "choice_entry")
    return all(
        np.array_equal(getattr(a.encoding, name), getattr(b.encoding, name)) for name in fields
    ) and (a.programs, a.applicants, a.couples) == (b.programs, b.applicants, b.couples)


@FORKS
@given(singles_instances(max_programs=5, max_applicants=7))
def test_the_helpers_lookups_are_validations_own(instance: Instance) -> None:
    lookups = _lookups(instance_to_dict(instance))
    assert lookups is not None
    assert _indices(lookups.ranked_applicant) == instance.encoding.ranked_applicant.tolist()
    assert _indices(lookups.choice_program) == instance.encoding.choice_program.tolist()


@FORKS
@given(joint_instances())
def test_an_instance_built_with_the_helper_is_the_same_instance(instance: Instance) -> None:
    data = instance_to_dict(instance)
    lookups = _lookups(data)
    assert _same_encoding(parse_instance(data, lookups=lambda: lookups), instance)


@pytest.mark.parametrize(("data", "message"), MALFORMED)
def test_on_malformed_input_validation_still_names_the_entry(data: Any, message: str) -> None:
    """Whatever the helper sends for a bad file, the error is the one validation gives."""
    with pytest.raises(InstanceError) as without:
        parse_instance(data)
    lookups = _lookups(data)
    with pytest.raises(InstanceError, match=message) as helped:
        parse_instance(data, lookups=lambda: lookups)
    assert str(helped.value) == str(without.value)


@pytest.mark.parametrize(
    "wrong",
    [
        ListLookups(ranked_applicant=b"", choice_program=b""),
        ListLookups(ranked_applicant=np.full(6, 99, np.intc).tobytes(), choice_program=None),
        ListLookups(ranked_applicant=None, choice_program=np.full(3, -1, np.intc).tobytes()),
    ],
    ids=["too short", "out of range", "negative"],
)
def test_lookups_that_do_not_fit_the_lists_are_not_used(wrong: ListLookups) -> None:
    assert _same_encoding(parse_instance(VALID, lookups=lambda: wrong), parse_instance(VALID))


def test_unknown_ids_and_bad_json_get_no_lookups() -> None:
    unknown = {"programs": [{"id": "P", "capacity": 1, "ranks": ["X"]}], "applicants": []}
    assert _lookups(unknown) is None
    helper = start_helper(b"{not json", "on")
    assert helper is not None
    assert helper.result() is None


def test_a_side_with_too_many_ids_for_dicts_is_left_to_validation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # VALID has 3 programs and 4 applicants: with a limit of 3 only the applicants' lists
    # (program ids) are looked up by the helper.
    monkeypatch.setattr(loader, "DICT_LOOKUP_MAX_IDS", 3)
    lookups = _lookups(VALID)
    assert lookups is not None
    assert lookups.ranked_applicant is None
    assert (
        _indices(lookups.choice_program) == parse_instance(VALID).encoding.choice_program.tolist()
    )
    assert _same_encoding(parse_instance(VALID, lookups=lambda: lookups), parse_instance(VALID))
    monkeypatch.setattr(loader, "DICT_LOOKUP_MAX_IDS", 2)
    assert _lookups(VALID) is None


def test_close_ends_a_helper_whose_result_is_not_taken() -> None:
    helper = start_helper(orjson.dumps(VALID), "on")
    assert helper is not None
    helper.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)
    helper.close()
    assert helper.result() is None


def test_auto_forks_only_for_large_files_and_off_never() -> None:
    small = orjson.dumps(VALID)
    assert start_helper(small, "auto") is None
    assert start_helper(small, "off") is None
    large = small + b" " * loader.AUTO_MIN_BYTES
    helper = start_helper(large, "auto")
    if loader._free_cpus() < 2:
        assert helper is None
        return
    assert helper is not None
    try:
        assert helper.result() is not None
    finally:
        helper.close()
