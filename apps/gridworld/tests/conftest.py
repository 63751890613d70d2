import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # before pygame opens a display
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

LEVEL = """\
S.#.
..O.
~...
.#.G
"""
# a shortest path by the arrow keys, off the ice: right, down, down, right, down, right (6 moves)


@pytest.fixture
def level_text():
    return LEVEL


@pytest.fixture
def level_file(tmp_path):
    path = tmp_path / "level.txt"
    path.write_text(LEVEL)
    return path
