"""Measure program search requests on the full directory, on SQLite or PostgreSQL.

Run from the repository root:

    uv run python benchmarks/program_search.py                       # SQLite, a fresh temp file
    uv run python benchmarks/program_search.py \\
        --database-url postgres://postgres@127.0.0.1:5432/postgres      # PostgreSQL

The script creates its own database (a temporary SQLite file, or a new PostgreSQL database on
the given server, dropped at the end), migrates it, imports the shipped ACGME, NRMP and results
files, adds example ledger values to a few hundred programs (benchmark database only) and an
applicant with a profile, then sends 20 representative searches through the Django test client:
each as the full page, as the HTMX results request and as the JSON API. It prints p50 and p95 in
milliseconds and the most SQL queries seen, per query type and channel. Goal: p95 under 50 ms.

By default the start-up heap is frozen (`gc.freeze()`) before measuring, as a pre-forking server
does after loading the app; `--no-gc-freeze` measures without it, where a full garbage collection
of the whole process lands in some requests and dominates p95.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (query type, parameters): 20 searches an applicant would run.
SEARCHES: list[tuple[str, dict[str, object]]] = [
    ("browse", {}),
    ("browse", {"page": 40}),
    ("words", {"q": "university"}),
    ("words", {"q": "miami jackson"}),
    ("words", {"q": "community hospital family"}),
    ("place", {"specialty": "140", "state": "NY"}),
    ("place", {"region": "midwest", "specialty": "120"}),
    ("place", {"state": "CA", "position": "preliminary"}),
    ("distance", {"near": "Chicago, IL", "radius": 100, "sort": "distance"}),
    ("distance", {"near": "Houston, TX", "radius": 250, "sort": "distance", "specialty": "140"}),
    ("distance", {"near": "New York, NY", "radius": 3000, "sort": "distance"}),
    ("policy", {"j1": "yes"}),
    ("policy", {"h1b": "yes_or_unknown", "accepts_imgs": "yes_or_unknown"}),
    ("policy", {"j1": "unknown", "h1b": "unknown", "specialty": "140"}),
    ("my record", {"yog": "meets_or_unknown", "graduation_year": 2020}),
    ("my record", {"step2ck": "meets", "my_step2ck": 235, "attempts": "meets", "my_attempts": 1}),
    ("my record", {"usce": "meets_or_unknown", "usce_hands_on": 3, "usce_observership": 2}),
    ("sort", {"sort": "img_share", "specialty": "140"}),
    ("fit", {"sort": "fit"}),
    ("fit, 100 rows", {"sort": "fit", "specialty": "140", "j1": "yes_or_unknown", "per_page": 100}),
]
CHANNELS = ("page", "htmx", "api")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="", help="a PostgreSQL server URL; SQLite if empty"
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per search and channel")
    parser.add_argument("--only", default="", help="run only this query type (e.g. fit)")
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="leave the start-up heap to the garbage collector (see the module docstring)",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="imgpath-bench-"))
    database_url, cleanup = _database(args.database_url, workdir)
    _configure(database_url, workdir)
    try:
        _run(args.repeat, database_url, args.only, freeze=not args.no_gc_freeze)
    finally:
        from django.db import connections

        connections.close_all()
        cleanup()


def _database(server_url: str, workdir: Path):
    if not server_url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}", lambda: None
    import psycopg

    name = f"imgpath_bench_{os.getpid()}"
    admin = _with_database(server_url, urlsplit(server_url).path.lstrip("/") or "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return _with_database(server_url, name), drop


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _configure(database_url: str, workdir: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["IMGPATH_DATA_DIR"] = str(workdir)
    os.environ["DJANGO_DEBUG"] = "False"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    import django

    django.setup()


def _run(repeat: int, database_url: str, only: str = "", *, freeze: bool = True) -> None:
    from django.core.management import call_command

    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    from imgpath.programs.services.imports import directory_import

    outcome = directory_import()
    print(f"{engine}: imported {[r.created for r in outcome.files]} rows "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    client = _applicant_client()
    _example_ledger()
    searches = [(kind, params) for kind, params in SEARCHES if not only or kind == only]
    if freeze:
        # What a pre-forking server does after start-up: without it, every few requests a
        # full collection walks the whole start-up heap (~100 ms here), whatever the request.
        gc.collect()
        gc.freeze()
    results = _measure(client, repeat, searches)
    _print(engine, results, repeat, searches)


def _applicant_client():
    from django.test import Client

    from imgpath.accounts.models import User
    from imgpath.profiles.models import ApplicantProfile

    user = User.objects.create_user("bench@example.org", "bench-password-123", name="Bench")
    profile = {
        "us_status": "none",
        "medical_school": {"graduation_year": 2020},
        "exams": {"usmle_step2ck": {"status": "passed", "attempts": 1, "score": 238}},
        "experience": [{"kind": "observership", "months": 3, "country": "US"}],
        "visa_preference": "either",
    }
    ApplicantProfile.objects.create(user=user, data=profile)
    client = Client()
    client.force_login(user)
    return client


def _example_ledger() -> None:
    """Example values (this benchmark database only) so policy filters and fit have work."""
    import datetime as dt

    from imgpath.programs.models import Program, SourceKind
    from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse

    rng = random.Random(7)
    choices = {
        "j1_sponsorship": ["yes", "no"],
        "h1b_sponsorship": ["yes", "no"],
        "accepts_imgs": ["yes", "yes", "no"],
        "yog_limit_years": ["3", "5", "7", "no"],
        "min_step2ck": ["220", "230", "240", "no"],
        "img_share_percent": [str(n) for n in range(0, 101, 5)],
    }
    ids = list(Program.objects.values_list("pk", flat=True))
    for program in Program.objects.filter(pk__in=rng.sample(ids, 300)):
        for field, options in choices.items():
            ledger_entry_create(
                program=program,
                field=field,
                value=policy_value_parse(field=field, raw=rng.choice(options)),
                source_kind=SourceKind.DEMO,
                verified_on=dt.date(2026, 1, 1),
                note="benchmark example",
            )


def _measure(client, repeat: int, searches) -> dict[tuple[str, str], list[tuple[float, int]]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    for kind, params in searches:
        for channel in CHANNELS:
            path, headers = _request(channel, params)
            # Count the queries once; timed runs go without capturing, as in production
            # (recording every SQL string would add its own cost to the figures).
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path, headers=headers).status_code == 200, (channel, params)
            query_count = len(queries)
            for _ in range(repeat):
                start = time.perf_counter()
                response = client.get(path, headers=headers)
                elapsed = (time.perf_counter() - start) * 1000
                assert response.status_code == 200
                results[(kind, channel)].append((elapsed, query_count))
    return results


def _request(channel: str, params: dict[str, object]) -> tuple[str, dict[str, str]]:
    query = urlencode(params)
    if channel == "api":
        return f"/api/v1/programs?{query}", {}
    headers = {"HX-Request": "true", "HX-Target": "results"} if channel == "htmx" else {}
    return f"/programs/?{query}", headers


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _print(engine: str, results, repeat: int, searches) -> None:
    print(f"\n{engine}: {len(searches)} searches x {len(CHANNELS)} channels x {repeat} runs")
    print(f"{'query type':<14} {'channel':<6} {'p50 ms':>8} {'p95 ms':>8} {'max SQL':>8}")
    worst = 0.0
    for kind in dict.fromkeys(k for k, _ in searches):
        for channel in CHANNELS:
            samples = results[(kind, channel)]
            times = [t for t, _ in samples]
            p95 = _percentile(times, 0.95)
            worst = max(worst, p95)
            print(
                f"{kind:<14} {channel:<6} {statistics.median(times):>8.1f} {p95:>8.1f} "
                f"{max(q for _, q in samples):>8}"
            )
    print(f"worst p95: {worst:.1f} ms ({'under' if worst < 50 else 'OVER'} the 50 ms goal)")


if __name__ == "__main__":
    main()
