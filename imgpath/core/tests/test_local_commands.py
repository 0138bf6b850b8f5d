"""After `make run`, documented commands work in a plain shell: no SECRET_KEY to export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from imgpath.roadmap.tests.conftest import PROFILE

ROOT = Path(__file__).resolve().parents[3]


def _plain_shell_env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET_KEY", "IMGPATH_", "DATABASE_URL"))
    }
    return {**env, "IMGPATH_DATA_DIR": str(data_dir)}


def _roadmap(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(PROFILE))
    return subprocess.run(
        [sys.executable, "manage.py", "roadmap", str(profile), "--today", "2026-11-22"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def test_roadmap_reads_the_local_key_that_make_run_wrote(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / ".secret_key").write_text("local-key-" + "x" * 50 + "\n")

    run = _roadmap(tmp_path, _plain_shell_env(data))

    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["today"] == "2026-11-22"


def test_without_a_key_anywhere_the_message_says_what_to_do(tmp_path):
    run = _roadmap(tmp_path, _plain_shell_env(tmp_path / "empty"))

    assert run.returncode != 0
    assert "SECRET_KEY is not set" in run.stderr
    assert "make run" in run.stderr
