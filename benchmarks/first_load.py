"""Server time of the first request to each page after a fresh start of the app.

Run from the repository root:

    uv run python benchmarks/first_load.py                       # SQLite demo data
    uv run python benchmarks/first_load.py --starts 3 --page /profile/

The script prepares a database with the demo data as `make run` does. For each page and start it
launches gunicorn exactly as `make run` does (2 workers, 4 threads, the app preloaded), waits for
`/healthz` and requests that one page once, timing the response from request to last byte: every
page gets its own fresh server, so no page warms another. Signed-in pages are requested with a
session of the demo applicant made before the server starts, so signing in warms nothing. It
prints the median and the worst over the starts. Goal: every first load under 300 ms.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from web_throughput import (
    ROOT,
    _environment,
    _free_port,
    _manage,
    _postgres_database,
    _wait_until_up,
)

PAGES = ["/", "/programs/", "/match/", "/api/v1/docs", "/profile/", "/roadmap/"]
SIGNED_IN = ("/profile/", "/roadmap/", "/dashboard/", "/match/")
SESSION_SCRIPT = (
    "from django.test import Client;"
    "from imgpath.accounts.models import User;"
    "c = Client(); c.force_login(User.objects.get(email='applicant@demo.imgpath.org'));"
    "print(c.cookies['sessionid'].value)"
)


def _session_key(env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SESSION_SCRIPT],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def _first_load(port: int, path: str, session: str) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": f"sessionid={session}"} if path.startswith(SIGNED_IN) else {}
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status, (time.perf_counter() - started) * 1000


def _one_start(env: dict[str, str], path: str, session: str) -> float:
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
            "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    try:
        _wait_until_up(port)
        status, elapsed = _first_load(port, path, session)
        if status != 200:
            raise SystemExit(f"{path}: status {status}")
        return elapsed
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL server URL (default: SQLite).")
    parser.add_argument("--starts", type=int, default=3, help="Fresh starts to measure.")
    parser.add_argument("--page", action="append", help="Page to measure (repeatable).")
    args = parser.parse_args()
    pages = args.page or PAGES

    cleanup = []
    if args.database_url:
        database_url, drop = _postgres_database(args.database_url)
        cleanup.append(drop)
    else:
        folder = tempfile.mkdtemp(prefix="imgpath-first-load-")
        cleanup.append(lambda: shutil.rmtree(folder, ignore_errors=True))
        database_url = f"sqlite:///{folder}/bench.sqlite3"
    env = _environment(database_url)
    try:
        print("Preparing the database with the demo data…", flush=True)
        _manage(env, "migrate", "--no-input", "-v", "0")
        _manage(env, "collectstatic", "--no-input", "-v", "0")
        _manage(env, "load_demo")
        session = _session_key(env)
        runs = {
            path: [_one_start(env, path, session) for _ in range(args.starts)] for path in pages
        }
        print(f"\n{'page':<24} {'median ms':>10} {'worst ms':>10}")
        for path, values in runs.items():
            print(f"{path:<24} {statistics.median(values):>10.0f} {max(values):>10.0f}")
        worst = max(max(values) for values in runs.values())
        print(f"\nSlowest first load: {worst:.0f} ms over {args.starts} starts (goal: < 300 ms)")
    finally:
        for step in cleanup:
            step()


if __name__ == "__main__":
    main()
