"""Levels: the text layout, its errors, random levels with a guaranteed path, FrozenLake maps."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scratch_rl.envs import DEFAULT_LAYOUT, GOAL, HOLE, ICE, ROCK, Level


def test_layout_characters_parse_to_their_surfaces():
    level = Level.from_text("S.~\n#OG\n")
    assert level.start == (0, 0)
    assert level.surfaces.tolist() == [[0, 0, ICE], [ROCK, HOLE, GOAL]]


def test_layout_round_trips_through_text():
    assert Level.from_text(DEFAULT_LAYOUT).to_text() == DEFAULT_LAYOUT.strip()


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("S.\n.", "differ in length"),
    ("S.x\n..G", "unknown layout character 'x' at row 0, column 2"),
    ("..G\n...", "exactly one start"),
    ("S.S\n..G", "exactly one start"),
    ("S..\n...", "at least one goal"),
])
def test_bad_layouts_are_refused_with_the_reason(text, message):
    with pytest.raises(ValueError, match=message):
        Level.from_text(text)


def test_missing_level_file_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        Level.from_file(tmp_path / "nope.txt")


def test_level_file_reads_the_layout(tmp_path):
    path = tmp_path / "level.txt"
    path.write_text("S~\n.G\n")
    assert Level.from_file(path) == Level.from_text("S~\n.G")


@given(rows=st.integers(2, 12), cols=st.integers(2, 12), seed=st.integers(0, 2**32 - 1),
       density=st.floats(0.0, 0.9))
def test_random_levels_always_have_a_path_to_a_goal(rows, cols, seed, density):
    level = Level.random(rows, cols, seed=seed, rock=density / 2, hole=density / 2, ice=0.0)
    assert level.shape == (rows, cols)
    assert level.reachable_goal()


def test_random_levels_are_seeded():
    assert Level.random(9, 7, seed=3) == Level.random(9, 7, seed=3)
    assert Level.random(9, 7, seed=3) != Level.random(9, 7, seed=4)


def test_unreachable_goal_is_detected():
    assert not Level.from_text("S#G").reachable_goal()
    assert not Level.from_text("SOG").reachable_goal()


def test_frozenlake_map_becomes_ice_everywhere_but_holes_and_goal():
    level = Level.from_frozenlake(["SFFF", "FHFH", "FFFH", "HFFG"])
    assert level.start == (0, 0)
    assert level.surfaces[0, 0] == ICE and level.surfaces[1, 1] == HOLE and level.surfaces[3, 3] == GOAL
    assert np.count_nonzero(level.surfaces == ICE) == 11
