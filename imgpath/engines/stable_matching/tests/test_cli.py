"""The command: exit codes 0/1/2, messages that name the entry, and atomic output."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from imgpath.engines.stable_matching import instance_to_dict, result_from_dict
from imgpath.engines.stable_matching.cli import main

from .test_couples import NO_STABLE
from .test_parsing import MALFORMED, VALID, _with

NEGATIVE_CAPACITY = _with(("programs", 0, "capacity"), -1)

ROOT = Path(__file__).resolve().parents[4]


def _run_module(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m imgpath.engines.stable_matching ARGS` as its own process, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "imgpath.engines.stable_matching", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data))
    return path


def _files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_solve_writes_the_result_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = _write(tmp_path / "instance.json", VALID)
    output = tmp_path / "result.json"
    assert main(["solve", str(instance), "-o", str(output)]) == 0
    result = result_from_dict(json.loads(output.read_text()))
    assert result.stable
    assert set(result.assignments) == {"A1", "A2", "A3", "A4"}
    assert "stable" in capsys.readouterr().out
    # Only the two files: the temporary file was renamed, not left behind.
    assert _files(tmp_path) == ["instance.json", "result.json"]


def test_solve_reports_an_unstable_result_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = _write(tmp_path / "instance.json", instance_to_dict(NO_STABLE))
    output = tmp_path / "result.json"
    assert main(["solve", str(instance), "-o", str(output), "--max-iterations", "50"]) == 1
    out = capsys.readouterr().out
    assert "NOT stable" in out and "blocking:" in out
    data = json.loads(output.read_text())
    assert data["stable"] is False and data["blocking_pairs"]
    assert data["stats"]["iteration_bound"] == 50


@pytest.mark.parametrize("parallel", ["on", "off"])
@pytest.mark.parametrize(("data", "message"), MALFORMED)
def test_malformed_instance_exits_2_names_the_entry_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: Any, message: str, parallel: str
) -> None:
    instance = _write(tmp_path / "instance.json", data)
    output = tmp_path / "result.json"
    assert main(["solve", str(instance), "-o", str(output), "--parallel-load", parallel]) == 2
    err = capsys.readouterr().err
    assert str(instance) in err
    assert re.search(message, err)
    assert _files(tmp_path) == ["instance.json"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ("", "not valid JSON"), (b"\xff\xfe", "not valid JSON")],
)
def test_bad_json_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, message: str
) -> None:
    instance = tmp_path / "instance.json"
    if isinstance(content, bytes):
        instance.write_bytes(content)
    else:
        instance.write_text(content)
    assert main(["solve", str(instance), "-o", str(tmp_path / "out.json")]) == 2
    assert message in capsys.readouterr().err
    assert _files(tmp_path) == ["instance.json"]


def test_missing_files_and_directories_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["solve", str(tmp_path / "nope.json"), "-o", str(tmp_path / "out.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    instance = _write(tmp_path / "instance.json", VALID)
    assert main(["solve", str(instance), "-o", str(tmp_path / "missing" / "out.json")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert (
        main(["solve", str(instance), "-o", str(tmp_path / "out.json"), "--max-iterations", "-1"])
        == 2
    )


def test_a_leftover_temporary_file_is_stepped_around(tmp_path: Path) -> None:
    """A temporary file left by a killed run with this process id is neither reused nor lost."""
    instance = _write(tmp_path / "instance.json", VALID)
    leftover = tmp_path / f".result.json.{os.getpid()}.0.tmp"
    leftover.write_text("left by a killed run")
    assert main(["solve", str(instance), "-o", str(tmp_path / "result.json")]) == 0
    assert json.loads((tmp_path / "result.json").read_text())["stable"] is True
    assert leftover.read_text() == "left by a killed run"
    assert _files(tmp_path) == [leftover.name, "instance.json", "result.json"]


def test_bad_input_leaves_an_existing_result_untouched(tmp_path: Path) -> None:
    output = tmp_path / "result.json"
    output.write_text("previous result")
    instance = _write(tmp_path / "instance.json", NEGATIVE_CAPACITY)
    assert main(["solve", str(instance), "-o", str(output)]) == 2
    assert output.read_text() == "previous result"


def test_verify_exits_0_for_a_stable_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = _write(tmp_path / "instance.json", VALID)
    output = tmp_path / "result.json"
    main(["solve", str(instance), "-o", str(output)])
    capsys.readouterr()
    assert main(["verify", str(instance), str(output)]) == 0
    assert capsys.readouterr().out.startswith("stable")


def test_verify_exits_1_and_prints_the_blocking_pairs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = _write(tmp_path / "instance.json", VALID)
    # A2 is P1's first choice and ranks only P1: leaving A2 out blocks.
    result = _write(tmp_path / "result.json", {"assignments": {"A1": "P1", "A2": None}})
    assert main(["verify", str(instance), str(result)]) == 1
    out = capsys.readouterr().out
    assert "blocking: A2 and P1" in out


def test_verify_exits_1_on_capacity_violations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = _write(tmp_path / "instance.json", VALID)
    result = _write(tmp_path / "result.json", {"assignments": {"A1": "P2", "A3": "P2"}})
    assert main(["verify", str(instance), str(result)]) == 1
    assert "capacity: P2 holds 2 with capacity 1" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("result", "message"),
    [
        ({"assignments": {"A9": "P1"}}, "applicant 'A9', not in the instance"),
        ({"assignments": {"A1": "P9"}}, "program 'P9', not in the instance"),
        ({"assignments": {"A1": 3}}, "must be a program id or null"),
        ({"assignments": []}, "'assignments' must be an object"),
        ({}, "no 'assignments'"),
        ({"assignments": {}, "extra": 1}, "unknown key 'extra'"),
        ({"assignments": {}, "stable": "yes"}, "'stable' must be true or false"),
        ({"assignments": {}, "blocking_pairs": [{"applicants": "A1"}]}, "blocking_pairs[0]"),
    ],
)
def test_verify_exits_2_on_a_bad_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], result: Any, message: str
) -> None:
    instance = _write(tmp_path / "instance.json", VALID)
    path = _write(tmp_path / "result.json", result)
    assert main(["verify", str(instance), str(path)]) == 2
    assert message in capsys.readouterr().err


def test_verify_exits_2_on_a_bad_instance(tmp_path: Path) -> None:
    instance = _write(tmp_path / "instance.json", NEGATIVE_CAPACITY)
    result = _write(tmp_path / "result.json", {"assignments": {}})
    assert main(["verify", str(instance), str(result)]) == 2


def test_python_dash_m_runs_the_command(tmp_path: Path) -> None:
    instance = _write(tmp_path / "instance.json", VALID)
    output = tmp_path / "result.json"
    solved = _run_module("solve", str(instance), "-o", str(output), "--propose", "programs")
    assert solved.returncode == 0, solved.stderr
    assert json.loads(output.read_text())["stats"]["propose"] == "programs"
    checked = _run_module("verify", str(instance), str(output))
    assert checked.returncode == 0
    bad = _run_module("verify", str(instance), str(tmp_path / "missing.json"))
    assert bad.returncode == 2 and "missing.json" in bad.stderr


@pytest.mark.parametrize("command", ["solve", "verify"])
def test_loading_in_parallel_gives_the_same_answer(tmp_path: Path, command: str) -> None:
    """Couples, supplemental lists and unmatched applicants, with the helper process and without."""
    data = instance_to_dict(NO_STABLE)
    data["programs"] += VALID["programs"]
    data["applicants"] += VALID["applicants"]
    instance = _write(tmp_path / "instance.json", data)
    outputs = {}
    for parallel in ("on", "off"):
        output = tmp_path / f"result-{parallel}.json"
        options = ["--max-iterations", "50", "--parallel-load", parallel]
        solved = _run_module("solve", str(instance), "-o", str(output), *options)
        assert solved.returncode == 1, solved.stderr
        outputs[parallel] = json.loads(output.read_text()), solved.stdout.rsplit(";", 1)[0]
        if command == "verify":
            checked = _run_module("verify", str(instance), str(output), "--parallel-load", parallel)
            assert checked.returncode == 1
            outputs[parallel] = checked.stdout
    assert outputs["on"] == outputs["off"]


def test_python_dash_m_flushes_its_report_before_exiting(tmp_path: Path) -> None:
    """The process ends without interpreter shutdown; piped output must still arrive whole."""
    instance = _write(tmp_path / "instance.json", instance_to_dict(NO_STABLE))
    output = tmp_path / "result.json"
    unstable = _run_module("solve", str(instance), "-o", str(output), "--max-iterations", "50")
    assert unstable.returncode == 1
    assert unstable.stdout.startswith("matched ") and "NOT stable" in unstable.stdout
    assert "blocking:" in unstable.stdout
    assert json.loads(output.read_text())["stable"] is False


_REUSE_PROBE = """
import resource, sys
import numpy as np
from imgpath.engines.stable_matching.process import keep_freed_memory

if sys.argv[1] == "keep":
    keep_freed_memory()


def make_and_free():
    arrays = [np.ones(1 << 18) for _ in range(20)]  # twenty 2 MB arrays, as validation makes
    del arrays


make_and_free()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(5):
    make_and_free()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_the_command_reuses_freed_memory_instead_of_faulting_it_in_again() -> None:
    faults = {}
    for mode in ("keep", "default"):
        probe = subprocess.run(
            [sys.executable, "-c", _REUSE_PROBE, mode],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        faults[mode] = int(probe.stdout)
    # Five rounds of twenty 2 MB arrays: about 50,000 page faults if freed memory is returned.
    assert faults["default"] > 10_000
    assert faults["keep"] < faults["default"] / 10
