"""scratch-linalg installs alone, in the two forms the README gives, and works with nothing else
from the workspace present."""

import subprocess

import pytest

SOLVE_A_SYSTEM = """
import numpy as np, scratch_linalg
a = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
x = scratch_linalg.solve(a, np.array([5.0, 5.0, 3.0]))
assert np.allclose(x, [1.0, 1.0, 1.0], atol=1e-12), x
import importlib.util
others = [m for m in ("scratch_optim", "scratch_classic", "scratch_nn", "scratch_rl", "scratch_nlp")
          if importlib.util.find_spec(m) is not None]
assert not others, f"other workspace packages leaked in: {others}"
print("solved", x)
"""


def only_linalg_and_numpy(installed):
    return {name.lower().replace("_", "-") for name in installed} == {"scratch-linalg", "numpy"}


def test_path_install_imports_and_solves(fresh_venv, repo_root):
    fresh_venv.install(repo_root / "packages" / "scratch-linalg")
    assert only_linalg_and_numpy(fresh_venv.installed()), fresh_venv.installed()
    assert "solved" in fresh_venv.python(SOLVE_A_SYSTEM)


def test_git_subdirectory_install_imports_and_solves(fresh_venv, repo_root):
    inside_git = subprocess.run(
        ["git", "-C", str(repo_root), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    if inside_git.returncode != 0:
        pytest.skip("the repository is not a git checkout, so there is no commit to install from")
    url = f"git+file://{repo_root}@{inside_git.stdout.strip()}#subdirectory=packages/scratch-linalg"
    fresh_venv.install(f"scratch-linalg @ {url}")
    assert only_linalg_and_numpy(fresh_venv.installed()), fresh_venv.installed()
    assert "solved" in fresh_venv.python(SOLVE_A_SYSTEM)
