"""Evaluation runs and videos: seeded returns, GIF frames read back with imageio."""

import imageio.v3 as iio
import numpy as np
import pytest
from scratch_rl import evaluate, record_video
from scratch_rl.envs import GridWorld


def test_evaluation_is_seeded_and_counts_undiscounted_returns():
    env = GridWorld("S..G", step_cost=0.1)
    returns = evaluate(lambda s: 2, env, episodes=3, seed=0)
    np.testing.assert_allclose(returns, [0.8, 0.8, 0.8])  # two steps of -0.1, then the goal's 1
    slippery = GridWorld(slip_probability=0.5)
    assert np.array_equal(evaluate(lambda s: 1, slippery, 5, seed=3, max_steps=50),
                          evaluate(lambda s: 1, slippery, 5, seed=3, max_steps=50))


def test_gif_holds_one_frame_per_step_and_shows_the_agent_moving(tmp_path):
    env = GridWorld("S..G", render_mode="rgb_array", tile_size=16)
    path = tmp_path / "run.gif"
    assert record_video(lambda s: 2, env, path, fps=10) == 4  # reset + 3 steps
    frames = iio.imread(path, index=None)
    assert frames.shape[:3] == (4, 16, 64)
    assert not np.array_equal(frames[0], frames[1])
    # the sprites use fewer than 256 colours, so the GIF palette keeps them exactly
    np.testing.assert_array_equal(frames[0][..., :3], env.frame(state=0))
    np.testing.assert_array_equal(frames[-1][..., :3], env.frame(state=3))


def test_video_errors_name_the_problem(tmp_path):
    with pytest.raises(ValueError, match="rgb_array"):
        record_video(lambda s: 0, GridWorld(), tmp_path / "a.gif")
    with pytest.raises(ValueError, match=".gif or .mp4"):
        record_video(lambda s: 0, GridWorld(render_mode="rgb_array"), tmp_path / "a.png")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        record_video(lambda s: 0, GridWorld(render_mode="rgb_array"), tmp_path / "no" / "a.gif")
