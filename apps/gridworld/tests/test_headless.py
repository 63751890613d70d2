"""`gridworld --headless --episodes N --gif out.gif`: train without a window, then the GIF."""

import imageio.v3 as iio
import numpy as np
import pytest
from gridworld import cli


@pytest.mark.parametrize("watch", [[], ["--watch", "value-iteration"], ["--watch", "sarsa"]])
def test_headless_training_exports_the_policy_playing(level_file, tmp_path, capsys, watch):
    gif = tmp_path / "out.gif"
    code = cli.main(["--headless", "--episodes", "300", "--gif", str(gif), "--level", str(level_file),
                     "--slippery", "0", "--tile", "20", *watch])
    assert code == 0
    output = capsys.readouterr().out
    assert "ended on goal" in output and f"wrote 7 frames to {gif}" in output
    frames = iio.imread(gif, index=None)  # (T, H, W, 3 or 4)
    assert frames.shape[:3] == (7, 80, 80)  # start + 6 moves on a 4x4 level of 20-pixel tiles
    # the agent moves: consecutive frames differ, in two cells only (where it left and arrived)
    for before, after in zip(frames[:-1], frames[1:]):
        changed = np.argwhere((before[..., :3] != after[..., :3]).any(axis=2)) // 20
        assert 1 <= len({tuple(cell) for cell in changed}) <= 2
    # it ends on the goal: the last frame differs from the first in the goal's cell (3, 3)
    assert (frames[-1][60:80, 60:80, :3] != frames[0][60:80, 60:80, :3]).any()
    assert (frames[0][0:20, 0:20, :3] != frames[-1][0:20, 0:20, :3]).any()  # and left the start


def test_headless_on_a_random_level(tmp_path, capsys):
    gif = tmp_path / "random.gif"
    assert cli.main(["--headless", "--random", "3", "--size", "5x6", "--episodes", "200",
                     "--gif", str(gif), "--tile", "12"]) == 0
    frames = iio.imread(gif, index=None)
    assert frames.shape[1:3] == (60, 72) and len(frames) >= 2


def test_missing_level_file_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["--headless", "--level", str(tmp_path / "absent.txt")]) == 2
    assert "level file not found" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--gif", "x.gif"], ["--slippery", "1.5"], ["--size", "1x9"],
                                  ["--watch", "dqn"], ["--episodes", "0"]])
def test_bad_options_are_refused(argv):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2


def test_shipped_levels_parse_and_can_be_won():
    from pathlib import Path

    from scratch_rl.envs import Level

    files = sorted((Path(__file__).parents[1] / "levels").glob("*.txt"))
    assert len(files) >= 3
    for path in files:
        assert Level.from_file(path).reachable_goal(), path.name
