"""Requests per second of the pages people use most, relative to /healthz, in one run.

Run from the repository root:

    uv run python benchmarks/web_throughput.py                       # SQLite demo data
    uv run python benchmarks/web_throughput.py \\
        --database-url postgres://postgres@127.0.0.1:5432/postgres      # PostgreSQL

The script builds its own database (a temporary SQLite file, or a new PostgreSQL database on
the given server, dropped at the end), migrates it and loads the demo data as `make run` does,
then starts gunicorn exactly as `make run` does (2 workers, 4 threads) and loads each page with
16 concurrent keep-alive clients for a few seconds: `/healthz` first and last, every page in
between. It prints requests/s per page and the ratio to the mean `/healthz` rate of the same
run, so the figure does not depend on how fast the machine is. The load comes from `wrk` when it
is installed (`apt-get install wrk`), else from Python threads (which take CPU from the server
and so understate every page alike). Goal: every page at 25 % of `/healthz` or more.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/",
    "/programs/",
    "/programs/?state=TX&specialty=140",
    "/api/v1/programs?q=medicine",
    "/rotations/offerings/",
    "/match/how-it-works/",
    "/changes/",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_DEBUG": "False",
        "IMGPATH_HTTPS": "False",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def _postgres_database(server_url: str) -> tuple[str, callable]:
    import psycopg

    name = f"imgpath_bench_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(server_url)
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def _wait_until_up(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer /healthz in time")


def _warm(port: int, path: str) -> int:
    """Load the page once in each worker and return its status (pages must answer 200)."""
    status = 0
    for _ in range(6):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        status = response.status
    return status


def _rate_wrk(port: int, path: str, seconds: int, connections: int) -> float:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"{path}: some responses were not 2xx:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def _rate_python(port: int, path: str, seconds: int, connections: int) -> float:
    done = [0] * connections
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path}: status {response.status}")
            done[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL server URL (default: SQLite).")
    parser.add_argument("--seconds", type=int, default=6, help="Load time per page.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--page", action="append", help="Page to measure (repeatable).")
    args = parser.parse_args()
    pages = args.page or PAGES

    cleanup = []
    if args.database_url:
        database_url, drop = _postgres_database(args.database_url)
        cleanup.append(drop)
        label = "PostgreSQL"
    else:
        folder = tempfile.mkdtemp(prefix="imgpath-bench-")
        cleanup.append(lambda: shutil.rmtree(folder, ignore_errors=True))
        database_url = f"sqlite:///{folder}/bench.sqlite3"
        label = "SQLite"
    env = _environment(database_url)
    server = None
    try:
        print(f"Preparing the {label} database with the demo data…", flush=True)
        _manage(env, "migrate", "--no-input", "-v", "0")
        _manage(env, "collectstatic", "--no-input", "-v", "0")
        _manage(env, "load_demo")
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
        _wait_until_up(port)
        rate = _rate_wrk if shutil.which("wrk") else _rate_python
        tool = "wrk" if rate is _rate_wrk else "Python threads"
        print(f"Load: {tool}, {args.connections} keep-alive connections, {args.seconds} s/page")
        results: list[tuple[str, float]] = []
        for path in ["/healthz", *pages, "/healthz"]:
            status = _warm(port, path)
            if status != 200:
                raise SystemExit(f"{path}: status {status}")
            results.append((path, rate(port, path, args.seconds, args.connections)))
        health = [value for path, value in results if path == "/healthz"]
        baseline = sum(health) / len(health)
        print(f"\n{'page':<40} {'req/s':>9} {'of /healthz':>12}")
        for path, value in results:
            print(f"{path:<40} {value:>9.1f} {value / baseline:>11.0%}")
        worst = min(value / baseline for path, value in results if path != "/healthz")
        print(f"\nLowest ratio: {worst:.0%} (goal: 25 % or more)")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        for step in cleanup:
            step()


if __name__ == "__main__":
    main()
