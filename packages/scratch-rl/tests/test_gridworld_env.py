"""The GridWorld env: gymnasium's checker, FrozenLake's transition model, dynamics, rendering."""

import gymnasium as gym
import numpy as np
import pytest
import scratch_rl
from gymnasium.envs.toy_text.frozen_lake import MAPS
from gymnasium.utils.env_checker import check_env
from scratch_rl.envs import GridWorld, Level


@pytest.mark.parametrize("render_mode", [None, "rgb_array", "ansi"])
def test_registered_env_passes_gymnasiums_checker(render_mode):
    env = gym.make("scratch_rl/GridWorld-v0", render_mode=render_mode)
    assert env.spec.max_episode_steps == 200
    check_env(env.unwrapped, skip_render_check=render_mode is None)


def test_random_level_env_passes_the_checker():
    check_env(gym.make(scratch_rl.GRIDWORLD_ID, size=(6, 9), level_seed=5).unwrapped,
              skip_render_check=True)


def _as_outcome_table(outcomes):
    """{(next_state, reward, terminated): total probability}: duplicates merged, order ignored."""
    table = {}
    for p, next_state, reward, terminated in outcomes:
        key = (int(next_state), float(reward), bool(terminated))
        table[key] = table.get(key, 0.0) + p
    return table


@pytest.mark.parametrize("map_name", ["4x4", "8x8"])
@pytest.mark.parametrize("slippery", [True, False])
def test_transition_model_equals_frozenlakes_on_its_map(map_name, slippery):
    rewards = (1.0, -1.0, -0.01)  # goal, hole, frozen: FrozenLake's reward_schedule
    lake = gym.make("FrozenLake-v1", map_name=map_name, is_slippery=slippery,
                    reward_schedule=rewards).unwrapped
    ours = GridWorld(level=Level.from_frozenlake(MAPS[map_name]),
                     slip_probability=2 / 3 if slippery else 0.0,
                     goal_reward=1.0, hole_reward=-1.0, step_cost=0.01)
    assert set(ours.P) == set(lake.P)
    for state in lake.P:
        for action in range(4):
            expected = _as_outcome_table(lake.P[state][action])
            actual = _as_outcome_table(ours.P[state][action])
            assert actual.keys() == expected.keys(), (state, action)
            for key in expected:
                assert actual[key] == pytest.approx(expected[key], abs=1e-12)


def test_slipping_happens_with_the_stated_probabilities():
    """Chi-square goodness of fit of 30000 moves from ice against (p/2, 1 - p, p/2)."""
    slip = 0.3
    env = GridWorld("...\n.~.\nS.G", slip_probability=slip)
    env.reset(seed=12345)
    counts = {0: 0, 1: 0, 2: 0}  # slid left of "up" (= left), went up, slid right
    n = 30_000
    for _ in range(n):
        env.state = 4  # the ice cell in the middle
        _, _, _, _, info = env.step(3)  # up
        counts[{0: 0, 3: 1, 2: 2}[info["direction"]]] += 1
    expected = np.array([slip / 2, 1 - slip, slip / 2]) * n
    observed = np.array([counts[0], counts[1], counts[2]])
    chi_square = ((observed - expected) ** 2 / expected).sum()
    assert chi_square < 13.82, (observed, expected)  # chi2(df=2) at 99.9%
    # and the test has power: a wrong slip probability is rejected
    wrong = np.array([0.2, 0.6, 0.2]) * n
    assert ((observed - wrong) ** 2 / wrong).sum() > 13.82


def test_floor_is_deterministic_and_rocks_and_walls_block():
    env = GridWorld("S#\n.G", slip_probability=1.0)
    env.reset(seed=0)
    assert env.step(2)[0] == 0  # into the rock: stays
    assert env.step(3)[0] == 0  # off the grid: stays
    state, reward, terminated, truncated, _ = env.step(1)
    assert (state, reward, terminated, truncated) == (2, -0.01, False, False)
    state, reward, terminated, _, _ = env.step(2)
    assert (state, reward, terminated) == (3, 1.0, True)


def test_a_hole_ends_the_episode_with_its_negative_reward():
    env = GridWorld("SO\n.G", hole_reward=-2.0)
    env.reset(seed=0)
    _, reward, terminated, _, _ = env.step(2)
    assert terminated and reward == -2.0


def test_same_seed_same_trajectory():
    def trajectory(seed):
        env = gym.make(scratch_rl.GRIDWORLD_ID, slip_probability=0.5)
        env.reset(seed=seed)
        env.action_space.seed(seed)
        return [env.step(env.action_space.sample())[0] for _ in range(50)]

    assert trajectory(7) == trajectory(7)


def test_rgb_array_frame_shows_the_agent_moving():
    env = GridWorld("S..\n..G", render_mode="rgb_array", tile_size=16)
    env.reset(seed=0)
    first = env.render()
    assert first.shape == (32, 48, 3) and first.dtype == np.uint8
    env.step(2)
    second = env.render()
    changed = np.argwhere((first != second).any(axis=2))
    assert changed[:, 1].min() < 32 and changed[:, 1].max() >= 16  # the first two cells changed
    assert np.array_equal(first[:, 32:], second[:, 32:])  # the third column untouched


def test_ansi_render_marks_the_agent():
    env = GridWorld("S.\n.G", render_mode="ansi")
    env.reset(seed=0)
    env.step(2)
    assert env.render() == "(right)\nSA\n.G\n"  # the start stays marked


@pytest.mark.parametrize("kwargs, message", [
    ({"slip_probability": 1.5}, "slip_probability"),
    ({"render_mode": "vr"}, "unknown render_mode"),
    ({"step_cost": float("nan")}, "step_cost must be finite"),
    ({"layout": "S.G", "size": (3, 3)}, "at most one"),
    ({"tile_size": 2}, "tile_size"),
])
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GridWorld(**kwargs)


def test_bad_action_is_refused():
    env = GridWorld()
    env.reset(seed=0)
    with pytest.raises(ValueError, match="action must be one of 0..3"):
        env.step(4)


def test_human_mode_opens_a_resizable_window_that_closes_on_quit(monkeypatch):
    pygame = pytest.importorskip("pygame")
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    env = GridWorld("S.\n.G", render_mode="human", tile_size=20)
    env.reset(seed=0)
    window = env._window
    assert window.surface.get_size() == (40, 40)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=120, h=100, size=(120, 100)))
    env.step(2)
    assert window.surface.get_size() == (120, 100)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    env.step(1)
    assert window.closed
    env.step(0)  # rendering after the window closed is a no-op, not an error
    env.close()
