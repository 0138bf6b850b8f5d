"""Measure the stable matching engine at NRMP scale and compare it with two baselines.

Run from the repository root:

    uv run python benchmarks/match_scale.py            # full run, a few minutes
    uv run python benchmarks/match_scale.py --quick    # small instances, seconds

Instances are generated (seeded) to look like the Main Residency Match: programs share a common
quality plus noise, applicants rank a quality- and region-biased subset, programs rank only
applicants who ranked them (dropping a few as unacceptable), and capacities are skewed. Sizes
follow the NRMP's 2025 Main Residency Match: 47,208 applicants, 6,626 programs, 43,237
positions. Baselines: the PyPI `matching` package (HospitalResident, resident-optimal) and a
plain Python deferred acceptance with dicts and heaps.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from imgpath.engines.stable_matching import parse_instance, prepare, solve, verify  # noqa: E402
from imgpath.engines.stable_matching.compiled import kernels_loaded  # noqa: E402

Data = dict[str, Any]
Assignments = dict[str, str | None]

NRMP_2025 = {"applicants": 47_208, "programs": 6_626, "positions": 43_237}
REGIONS = 9


def skewed_capacities(rng: np.random.Generator, n_programs: int, n_positions: int) -> np.ndarray:
    """Lognormal program sizes (many small programs, a few large), summing to n_positions."""
    weights = rng.lognormal(0.0, 0.9, n_programs)
    capacity = np.maximum(1, np.floor(weights / weights.sum() * n_positions)).astype(np.int64)
    shortfall = n_positions - int(capacity.sum())
    if shortfall > 0:
        np.add.at(capacity, rng.choice(n_programs, shortfall, p=weights / weights.sum()), 1)
    while shortfall < 0:
        largest = np.argsort(-capacity)[: min(-shortfall, n_programs)]
        capacity[largest] -= 1
        shortfall += len(largest)
    return capacity


def applicant_lists(
    rng: np.random.Generator, quality: np.ndarray, program_region: np.ndarray, n_applicants: int
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Each applicant ranks ~12 programs near its own level, about half in its own region.

    Applicants apply where they are competitive: candidates are drawn around a quality quantile
    matching the applicant's strength, then ranked by quality plus noise plus a region bonus.
    """
    n_programs = len(quality)
    region = rng.integers(0, REGIONS, n_applicants)
    strength = rng.normal(0, 1, n_applicants)
    lengths = np.clip(rng.poisson(11, n_applicants) + 1, 1, 40)
    level = (
        np.argsort(np.argsort(strength + rng.normal(0, 0.5, n_applicants))) + 0.5
    ) / n_applicants
    draws = 16
    candidates = np.empty((n_applicants, 2 * draws), dtype=np.int64)
    groups = [(np.arange(n_applicants), np.arange(n_programs), slice(0, draws))]
    groups += [
        (np.flatnonzero(region == r), np.flatnonzero(program_region == r), slice(draws, 2 * draws))
        for r in range(REGIONS)
    ]
    for members, pool, columns in groups:
        pool = pool[np.argsort(quality[pool])]
        spot = level[members, None] + rng.normal(0.05, 0.15, (len(members), draws))
        candidates[members, columns] = pool[
            (np.clip(spot, 0, 1 - 1e-9) * len(pool)).astype(np.int64)
        ]
    utility = quality[candidates] + rng.normal(0, 0.7, candidates.shape)
    utility += 0.5 * (program_region[candidates] == region[:, None])
    # Drop repeated draws, then rank by utility.
    by_id = np.argsort(candidates, axis=1, kind="stable")
    sorted_ids = np.take_along_axis(candidates, by_id, axis=1)
    repeat = np.zeros_like(candidates, dtype=bool)
    repeat[:, 1:] = sorted_ids[:, 1:] == sorted_ids[:, :-1]
    repeated = np.zeros_like(repeat)
    np.put_along_axis(repeated, by_id, repeat, axis=1)
    utility[repeated] = -np.inf
    order = np.argsort(-utility, axis=1, kind="stable")
    ranked = np.take_along_axis(candidates, order, axis=1)
    valid = np.isfinite(np.take_along_axis(utility, order, axis=1))
    keep = valid & (np.cumsum(valid, axis=1) <= lengths[:, None])
    return [ranked[a][keep[a]] for a in range(n_applicants)], region, strength


def program_lists(
    rng: np.random.Generator,
    lists: list[np.ndarray],
    region: np.ndarray,
    strength: np.ndarray,
    program_region: np.ndarray,
) -> list[np.ndarray]:
    """Programs rank the applicants who ranked them by strength, dropping ~5% as unacceptable."""
    applicant = np.repeat(np.arange(len(lists)), [len(x) for x in lists])
    program = np.concatenate(lists)
    score = strength[applicant] + rng.normal(0, 0.6, len(applicant))
    score += 0.3 * (region[applicant] == program_region[program])
    acceptable = rng.random(len(applicant)) >= 0.05
    applicant, program, score = applicant[acceptable], program[acceptable], score[acceptable]
    order = np.lexsort((-score, program))
    counts = np.bincount(program, minlength=len(program_region))
    return np.split(applicant[order], np.cumsum(counts)[:-1])


def couple_pairs(
    first: np.ndarray, second: np.ndarray, program_region: np.ndarray
) -> list[list[str | None]]:
    """Up to 30 pairs from both members' lists, same region first, then two 'one unmatched'."""
    scored = [
        (i + j + 4 * int(program_region[p1] != program_region[p2]), i, j)
        for i, p1 in enumerate(first)
        for j, p2 in enumerate(second)
    ]
    scored.sort()
    pairs: list[list[str | None]] = [[f"P{first[i]}", f"P{second[j]}"] for _, i, j in scored[:30]]
    pairs += [[f"P{p}", None] for p in first[:2]]
    return pairs


def generate(sizes: dict[str, int], n_couples: int, seed: int) -> Data:
    rng = np.random.default_rng(seed)
    n_programs = sizes["programs"]
    quality = rng.normal(0, 1, n_programs)
    program_region = rng.integers(0, REGIONS, n_programs)
    capacity = skewed_capacities(rng, n_programs, sizes["positions"])
    lists, region, strength = applicant_lists(rng, quality, program_region, sizes["applicants"])
    ranked_by = program_lists(rng, lists, region, strength, program_region)
    programs = [
        {
            "id": f"P{p}",
            "capacity": int(capacity[p]),
            "ranks": [f"A{a}" for a in ranked_by[p].tolist()],
        }
        for p in range(n_programs)
    ]
    applicants = [
        {"id": f"A{a}", "ranks": [f"P{p}" for p in lst.tolist()]} for a, lst in enumerate(lists)
    ]
    members = rng.permutation(len(lists))[: 2 * n_couples].reshape(-1, 2)
    couples = [
        {
            "id": f"C{c}",
            "members": [f"A{m1}", f"A{m2}"],
            "ranks": couple_pairs(lists[m1], lists[m2], program_region),
        }
        for c, (m1, m2) in enumerate(members.tolist())
    ]
    return {"programs": programs, "applicants": applicants, "couples": couples}


def plain_deferred_acceptance(data: Data) -> tuple[float, float, Assignments]:
    """The ~80-line baseline: dict rank tables, a heap of held ranks per program."""
    started = time.perf_counter()
    capacity = {p["id"]: p["capacity"] for p in data["programs"]}
    rank = {p["id"]: {a: i for i, a in enumerate(p["ranks"])} for p in data["programs"]}
    prefs = {a["id"]: a["ranks"] for a in data["applicants"]}
    prepared = time.perf_counter()
    held: dict[str, list[tuple[int, str]]] = {p: [] for p in capacity}
    next_choice = dict.fromkeys(prefs, 0)
    match: Assignments = dict.fromkeys(prefs)
    free = list(prefs)
    while free:
        applicant = free.pop()
        choices = prefs[applicant]
        while next_choice[applicant] < len(choices):
            program = choices[next_choice[applicant]]
            next_choice[applicant] += 1
            r = rank[program].get(applicant)
            if r is None:
                continue
            heap = held[program]
            if len(heap) < capacity[program]:
                heapq.heappush(heap, (-r, applicant))
                match[applicant] = program
                break
            if heap and -heap[0][0] > r:
                _, out = heapq.heapreplace(heap, (-r, applicant))
                match[applicant], match[out] = program, None
                free.append(out)
                break
    return prepared - started, time.perf_counter() - prepared, match


def plain_couples_deferred_acceptance(path: Path) -> tuple[float, Assignments]:
    """Load the file and match it, couples included, the plain way: dicts, heaps, a stack."""
    started = time.perf_counter()
    with path.open("rb") as handle:
        data = json.load(handle)
    match = PlainCouplesDA(data).run()
    return time.perf_counter() - started, match


class PlainCouplesDA:
    """Deferred acceptance with couples in plain Python, the reference for the couples run.

    A couple proposes its pairs in order and is held only where both programs take their
    member; a couple member displaced from a program takes the partner out of theirs and the
    couple proposes again from its next pair. Seats freed that way are not reoffered (the
    engine does reoffer them), so this reference does a little less work than the engine.
    """

    def __init__(self, data: Data) -> None:
        self.capacity = {p["id"]: p["capacity"] for p in data["programs"]}
        self.rank = {p["id"]: {a: i for i, a in enumerate(p["ranks"])} for p in data["programs"]}
        self.couple_of = {m: c["id"] for c in data["couples"] for m in c["members"]}
        self.members = {c["id"]: c["members"] for c in data["couples"]}
        self.prefs: dict[str, list[Any]] = {
            a["id"]: a["ranks"] for a in data["applicants"] if a["id"] not in self.couple_of
        }
        self.prefs.update({c["id"]: c["ranks"] for c in data["couples"]})
        self.held: dict[str, list[tuple[int, str]]] = {p: [] for p in self.capacity}
        self.match: Assignments = {a["id"]: None for a in data["applicants"]}
        self.free = list(self.prefs)

    def run(self) -> Assignments:
        next_choice = dict.fromkeys(self.prefs, 0)
        while self.free:
            unit = self.free.pop()
            choices = self.prefs[unit]
            propose = self.propose_pair if unit in self.members else self.propose
            while next_choice[unit] < len(choices):
                choice = choices[next_choice[unit]]
                next_choice[unit] += 1
                if propose(unit, choice):
                    break
        return self.match

    def propose(self, applicant: str, program: str) -> bool:
        r = self.admits(program, applicant, 0)
        if r is not None:
            self.seat(program, applicant, r)
        return r is not None

    def propose_pair(self, couple: str, programs: list[str | None]) -> bool:
        pair = list(zip(self.members[couple], programs, strict=True))
        ranks: list[int | None] = []
        for i, (member, program) in enumerate(pair):
            same = i == 1 and program is not None and program == pair[0][1]
            ranks.append(None if program is None else self.admits(program, member, int(same)))
        if any(r is None for (_, p), r in zip(pair, ranks, strict=True) if p is not None):
            return False
        for (member, program), r in zip(pair, ranks, strict=True):
            if program is not None and r is not None:
                self.seat(program, member, r)
        return True

    def admits(self, program: str, applicant: str, taken: int) -> int | None:
        """The applicant's rank if the program would hold them with `taken` more seats used."""
        r = self.rank[program].get(applicant)
        heap = self.held[program]
        if r is None:
            return None
        if len(heap) + taken < self.capacity[program] or (heap and -heap[0][0] > r):
            return r
        return None

    def seat(self, program: str, applicant: str, r: int) -> None:
        heap = self.held[program]
        self.match[applicant] = program
        if len(heap) < self.capacity[program]:
            heapq.heappush(heap, (-r, applicant))
            return
        _, out = heapq.heapreplace(heap, (-r, applicant))
        self.match[out] = None
        couple = self.couple_of.get(out)
        if couple is None:
            self.free.append(out)
            return
        for member in self.members[couple]:
            held_at = self.match[member]
            if member != out and held_at is not None:
                partner_heap = self.held[held_at]
                partner_heap.remove((-self.rank[held_at][member], member))
                heapq.heapify(partner_heap)
                self.match[member] = None
        self.free.append(couple)


def matching_package(data: Data) -> tuple[float, float, Assignments]:
    """HospitalResident from PyPI `matching`, fed only mutually acceptable lists, as it requires.

    It deep-copies its player objects, which recurses along the preference links; at this
    size that needs a far higher recursion limit and a big thread stack.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        outcome["value"] = _matching_package(data)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)
    try:
        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(0)
    return outcome["value"]


def _matching_package(data: Data) -> tuple[float, float, Assignments]:
    from matching.games import HospitalResident

    started = time.perf_counter()
    ranked = {p["id"]: set(p["ranks"]) for p in data["programs"]}
    resident_prefs = {
        a["id"]: [p for p in a["ranks"] if a["id"] in ranked[p]] for a in data["applicants"]
    }
    resident_prefs = {a: prefs for a, prefs in resident_prefs.items() if prefs}
    wanted = {(a, p) for a, prefs in resident_prefs.items() for p in prefs}
    hospital_prefs = {
        p["id"]: [a for a in p["ranks"] if (a, p["id"]) in wanted] for p in data["programs"]
    }
    capacities = {p["id"]: p["capacity"] for p in data["programs"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            resident_prefs, hospital_prefs, capacities, clean=True
        )
        built = time.perf_counter()
        matching = game.solve(optimal="resident")
    solved = time.perf_counter()
    assignments: Assignments = {a["id"]: None for a in data["applicants"]}
    for hospital, residents in matching.items():
        for resident in residents:
            assignments[resident.name] = hospital.name
    return built - started, solved - built, assignments


def best_of(repeat: int, action: Callable[[], Any]) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = action()
        best = min(best, time.perf_counter() - started)
    return best, value


def run_command(args: list[str]) -> tuple[float, float | None, int]:
    """Seconds, peak RSS (MB) and exit code of `python -m imgpath.engines.stable_matching ...`.

    Peak memory comes from GNU time when installed: a child's own ru_maxrss can include the
    parent's peak (it starts as a copy of this large process), so it is not used.
    """
    command = [sys.executable, "-m", "imgpath.engines.stable_matching", *args]
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        if gnu_time:
            command = [gnu_time, "-f", "%M", "-o", report.name, *command]
        started = time.perf_counter()
        code = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False).returncode
        elapsed = time.perf_counter() - started
        text = report.read().strip().splitlines() if gnu_time else []
    peak_mb = int(text[-1]) / 1024 if text and text[-1].isdigit() else None
    return elapsed, peak_mb, code


def reading_floor(path: Path, runs: int = 5) -> float:
    """Best time of a process that only starts Python, imports numpy and parses the file.

    No command can take less; what the command takes above this is its own work.
    """
    script = f"import numpy, orjson; orjson.loads(open({str(path)!r}, 'rb').read())"
    environment = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", script], env=environment, check=True)
        timings.append(time.perf_counter() - started)
    return min(timings)


def line(label: str, value: str) -> None:
    print(f"  {label:<62} {value}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 0.1 else f"{seconds * 1000:,.0f} ms"


def measure(name: str, data: Data, repeat: int, workdir: Path) -> dict[str, Any]:
    positions = sum(p["capacity"] for p in data["programs"])
    print(
        f"\n== {name}: {len(data['applicants']):,} applicants, {len(data['programs']):,} "
        f"programs, {positions:,} positions, {len(data['couples']):,} couples"
    )
    entries = sum(len(a["ranks"]) for a in data["applicants"])
    line(
        "applicant rank entries", f"{entries:,} (mean list {entries / len(data['applicants']):.1f})"
    )
    parse_s, instance = best_of(3, lambda: parse_instance(data))
    prepare_s, prepared = best_of(3, lambda: prepare(instance))
    line("parse_instance (dict -> checked Instance)", ms(parse_s))
    line("prepare (Instance -> arrays)", ms(prepare_s))
    loaded = kernels_loaded()
    first_s, _ = best_of(1, lambda: solve(prepared, engine="compiled"))
    compiled_s, result = best_of(repeat, lambda: solve(prepared, engine="compiled"))
    python_s, python_result = best_of(3, lambda: solve(prepared, engine="python"))
    first = "first compiled solve" + ("" if loaded else ", loading numba and its cached code")
    line(first, ms(first_s))
    line(f"solve, compiled, warm (best of {repeat})", ms(compiled_s))
    line("solve, python engine (numpy + interpreted)", ms(python_s))
    verify_s, report = best_of(repeat, lambda: verify(prepared, result, engine="compiled"))
    verify_py_s, _ = best_of(3, lambda: verify(prepared, result, engine="python"))
    line("verify, compiled / python engine", f"{ms(verify_s)} / {ms(verify_py_s)}")
    stats = result.stats
    line(
        "matched / filled / stable / blocking pairs",
        f"{stats['matched_applicants']:,} / {stats['filled_positions']:,} / {result.stable} / "
        f"{len(result.blocking_pairs)}",
    )
    line(
        "proposals / bound reached / withdrawals / reopened",
        f"{stats['iterations']:,} / {stats['bound_reached']} / {stats['withdrawals']:,} / "
        f"{stats['reopened']:,}",
    )
    line("verify agrees with solve", str(report.blocking_pairs == result.blocking_pairs))
    line("engines agree", str(python_result.assignments == result.assignments))
    tracemalloc.start()
    solve(prepared, engine="python")
    peak_solve = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    line("memory allocated by solve at its peak", f"{peak_solve:,.0f} MB (tracemalloc)")
    path = workdir / f"{name.replace(' ', '_')}.json"
    path.write_text(json.dumps(data))
    output = path.with_suffix(".out.json")
    line("instance file", f"{path.stat().st_size / 2**20:,.1f} MB")
    command_s = {}
    # With and without the helper process that looks ids up while numpy loads, in turns so
    # that a noisy spell on the machine falls on both; then the compiled engine.
    plans = [
        ["--engine auto", "--engine auto --parallel-load off"] * 3,
        ["--engine compiled"] * 2,
    ]
    timings: dict[str, list[tuple[float, float | None, int]]] = {}
    for plan in plans:
        for options in plan:
            timing = run_command(["solve", str(path), "-o", str(output), *options.split()])
            timings.setdefault(options, []).append(timing)
    for options, runs in timings.items():
        seconds, peak_mb, code = min(runs, key=lambda timing: timing[0])
        command_s[options] = seconds
        memory = f"{peak_mb:,.0f} MB" if peak_mb is not None else "n/a (no GNU time)"
        line(
            f"command `solve {options}` (best of {len(runs)})",
            f"{seconds:.2f} s, peak RSS {memory}, exit {code}",
        )
    written = json.loads(output.read_text())
    line(
        "command result == in-process result",
        str(written["assignments"] == dict(result.assignments)),
    )
    return {
        "result": result,
        "compiled_s": compiled_s,
        "command_s": command_s["--engine auto"],
        "path": path,
    }


def plain_baseline(data: Data, repeat: int) -> tuple[float, float, Assignments]:
    """Best preparation + solve of the plain DA, with the cycle collector on and off.

    Taking the faster of the two is the conservative baseline for our ratios.
    """
    best = (float("inf"), 0.0, 0.0)
    plain: Assignments = {}
    for collect in (True, False):
        if not collect:
            gc.disable()
        try:
            for _ in range(repeat):
                prep_s, solve_s, plain = plain_deferred_acceptance(data)
                best = min(best, (prep_s + solve_s, prep_s, solve_s))
        finally:
            gc.enable()
    return best[1], best[2], plain


def compare_baselines(data: Data, ours: dict[str, Any], skip_package: bool, goal: float) -> None:
    result = ours["result"]
    prep_s, solve_s, plain = plain_baseline(data, repeat=3)
    line(
        "plain Python DA: preparation + solve",
        f"{ms(prep_s)} + {ms(solve_s)} = {ms(prep_s + solve_s)}",
    )
    line("identical assignments to plain Python DA", str(plain == dict(result.assignments)))
    line("plain DA solve / our compiled solve", f"{solve_s / ours['compiled_s']:,.0f}x faster")
    ratio = ours["command_s"] / (prep_s + solve_s)
    line("whole command / plain DA (prep + solve)", f"{ratio:.2f}x (goal: at most {goal:g}x)")
    floor_s = reading_floor(ours["path"])
    line(
        "start Python, import numpy, parse the file (best of 5)",
        f"{ms(floor_s)} = {floor_s / (prep_s + solve_s):.2f}x plain DA, "
        f"{floor_s / ours['command_s']:.0%} of the command",
    )
    if skip_package:
        return
    build_s, package_solve_s, package = matching_package(data)
    line("matching package: building + solve", f"{build_s:,.1f} s + {package_solve_s:,.2f} s")
    line("identical assignments to matching package", str(package == dict(result.assignments)))
    total = build_s + package_solve_s
    line("matching package total / our whole command", f"{total / ours['command_s']:,.0f}x")
    line(
        "matching package solve / our compiled solve",
        f"{package_solve_s / ours['compiled_s']:,.0f}x",
    )


def compare_couples_baseline(ours: dict[str, Any]) -> None:
    """The whole command against plain Python that reads the same file and matches it."""
    # As for the singles baseline, the faster of cycle collector on and off.
    timings = []
    for collect in (True, False):
        if not collect:
            gc.disable()
        try:
            timings.append(best_of(3, lambda: plain_couples_deferred_acceptance(ours["path"])))
        finally:
            gc.enable()
    plain_s, (_, plain) = min(timings, key=lambda timing: timing[0])
    matched = sum(program is not None for program in plain.values())
    line("plain Python with couples: load + solve", ms(plain_s))
    line(
        "matched: plain Python / ours",
        f"{matched:,} / {ours['result'].stats['matched_applicants']:,}",
    )
    ratio = ours["command_s"] / plain_s
    line("whole command / plain Python with couples", f"{ratio:.2f}x (goal: at most 1x)")


def scaled(fraction: float) -> dict[str, int]:
    return {key: max(1, round(value * fraction)) for key, value in NRMP_2025.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="small instances (about 5%% of the Match)"
    )
    parser.add_argument(
        "--skip-matching-package", action="store_true", help="skip the slow PyPI baseline"
    )
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--repeat", type=int, default=5, help="best-of count for in-process timings"
    )
    args = parser.parse_args()
    fraction = 0.05 if args.quick else 1.0
    small = scaled(20_000 / NRMP_2025["applicants"] * fraction)
    full = scaled(fraction)
    couples = round(1_150 * fraction)
    version = sys.version.split()[0]
    print(f"python {version}, numpy {np.__version__}, {os.cpu_count()} CPUs, seed {args.seed}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        data = generate(small, 0, args.seed)
        ours = measure(f"{small['applicants']} applicants", data, args.repeat, workdir)
        compare_baselines(data, ours, args.skip_matching_package, goal=1.5)
        data = generate(full, 0, args.seed)
        ours = measure("2025 Main Match size", data, args.repeat, workdir)
        compare_baselines(data, ours, skip_package=True, goal=1)
        data = generate(full, couples, args.seed)
        ours = measure(f"2025 size with {couples} couples", data, args.repeat, workdir)
        compare_couples_baseline(ours)


if __name__ == "__main__":
    main()
