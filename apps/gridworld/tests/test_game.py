"""The game driven headless (SDL_VIDEODRIVER=dummy): posted key events through the real loop."""

import numpy as np
import pygame
import pytest
from gridworld import cli
from gridworld.game import Game
from scratch_rl import evaluate
from scratch_rl.envs import GridWorld, Level

PATH_KEYS = [pygame.K_RIGHT, pygame.K_DOWN, pygame.K_DOWN, pygame.K_RIGHT, pygame.K_DOWN, pygame.K_RIGHT]


def _post_keys(keys):
    for key in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))


@pytest.fixture
def game(level_text):
    # slip 1.0 would slide on the ice cell; the path avoids it, so the moves are deterministic
    game = Game(GridWorld(level=Level.from_text(level_text), slip_probability=1.0, tile_size=24), fps=1000)
    yield game
    game.close()


def test_scripted_arrow_keys_reach_the_goal(game, capsys):
    _post_keys(PATH_KEYS)
    assert game.run(max_frames=3) == 3
    assert game.status == "won" and game.moves == 6
    assert game.env.level.surfaces[game.env.position()] == 4  # the goal
    assert game.returns == [pytest.approx(1.0 - 5 * 0.01)]
    assert "goal reached after 6 moves" in capsys.readouterr().out


def test_a_hole_ends_the_game_and_r_restarts(game):
    _post_keys([pygame.K_DOWN, pygame.K_RIGHT, pygame.K_RIGHT])  # (1, 0) -> (1, 1) -> the hole
    game.run(max_frames=1)
    assert game.status == "lost"
    _post_keys([pygame.K_RIGHT])  # ignored: the episode is over
    game.run(max_frames=1)
    assert game.moves == 3
    _post_keys([pygame.K_r])
    game.run(max_frames=1)
    assert game.status == "playing" and game.state == 0 and game.moves == 0


def test_resizing_rescales_and_closing_quits(game):
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=900, h=500, size=(900, 500)))
    game.run(max_frames=2)
    assert game.window.get_size() == (900, 500)
    assert game.running
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert game.run(max_frames=100) == 0  # the loop ends at once
    assert not game.running


def test_escape_quits(game):
    _post_keys([pygame.K_ESCAPE])
    assert game.run(max_frames=100) == 0


@pytest.mark.parametrize("watch", ["q-learning", "sarsa", "value-iteration"])
def test_watch_mode_learns_live(watch, level_text):
    game = Game(GridWorld(level=Level.from_text(level_text), slip_probability=0.0, tile_size=24),
                watch=watch, fps=1000)
    try:
        game.speed_index = 5  # 50 steps per frame
        game.run(max_frames=120)
        learner = game.learner
        assert len(learner.returns) > 5
        greedy_return = evaluate(lambda s: int(learner.policy[s]), game.env, 1, seed=0, max_steps=50)[0]
        assert greedy_return == pytest.approx(1.0 - 5 * 0.01)  # the shortest path: 6 moves
    finally:
        game.close()


def test_cli_plays_a_level_file(level_file, capsys):
    pygame.display.init()
    _post_keys(PATH_KEYS + [pygame.K_q])
    assert cli.main(["--level", str(level_file), "--slippery", "0", "--tile", "16", "--fps", "1000",
                     "--max-frames", "50"]) == 0
    assert "goal reached after 6 moves" in capsys.readouterr().out


def test_r_in_watch_mode_starts_learning_again(level_text):
    game = Game(GridWorld(level=Level.from_text(level_text), slip_probability=0.0, tile_size=24),
                watch="q-learning", fps=1000)
    try:
        game.speed_index = 5
        game.run(max_frames=20)
        assert len(game.learner.returns) > 0
        _post_keys([pygame.K_r])
        game.speed_index = 0  # one step per frame: no episode can finish in one frame here
        game.run(max_frames=1)
        assert game.learner.returns == [] and np.count_nonzero(game.learner.agent.q) <= 1  # one step
    finally:
        game.close()
