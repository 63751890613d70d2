"""Helpers for installing workspace members the way users do: `uv pip install` into a fresh venv."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
WORKSPACE_DISTRIBUTIONS = sorted(p.parent.name for p in REPO_ROOT.glob("packages/*/pyproject.toml"))


def run(args, **kwargs):
    """Run a command, failing the test with its output when it exits non-zero."""
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done.stdout


@pytest.fixture
def repo_root():
    return REPO_ROOT


@pytest.fixture
def fresh_venv(tmp_path):
    """An empty virtual environment (same Python as the tests); returns its python executable."""
    uv = shutil.which("uv")
    assert uv, "uv must be on PATH (the README's set-up installs it)"
    venv = tmp_path / "venv"
    run([uv, "venv", "--python", sys.executable, str(venv)])
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")

    class Venv:
        def install(self, *requirements):
            # subtle: uv caches a wheel built from a local directory until its pyproject.toml
            # changes; refreshing the workspace members makes the test install today's source.
            refresh = [flag for name in WORKSPACE_DISTRIBUTIONS for flag in ("--refresh-package", name)]
            return run([uv, "pip", "install", *refresh, "--python", str(python), *map(str, requirements)])

        def installed(self):
            """{distribution name: version} of everything in the venv."""
            listing = run([uv, "pip", "list", "--format", "json", "--python", str(python)])
            return {entry["name"]: entry["version"] for entry in json.loads(listing)}

        def python(self, code):
            # -I: isolated mode, so neither the cwd (the repo) nor PYTHONPATH leaks workspace code in.
            return run([str(python), "-I", "-c", code], cwd=tmp_path)

    return Venv()
