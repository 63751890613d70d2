"""GridWorld: a gymnasium env over a `Level` with ice, rocks, holes, goals and a step cost.

    observation  Discrete(rows * cols): state = row * cols + col (as FrozenLake)
    action       Discrete(4): 0 left, 1 down, 2 right, 3 up (as FrozenLake)
    reward       goal_reward on a goal, hole_reward in a hole, -step_cost otherwise
    termination  on a goal or in a hole; truncation by the registered TimeLimit (200 steps)
    P            P[s][a] -> [(prob, next_state, reward, terminated)], for planning

`step` samples the next state from P[s][a] with `self.np_random`, so the dynamics are exactly the
published model. Render modes: `rgb_array` (NumPy sprites, see drawing.py), `ansi` (the layout
with the agent as 'A') and `human` (a resizable pygame window showing the rgb frames; needs the
`scratch-rl[render]` extra).
"""

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from . import drawing
from .dynamics import transition_model
from .level import ACTION_NAMES, DEFAULT_LAYOUT, Level


class GridWorld(gym.Env):
    metadata = {"render_modes": ["human", "rgb_array", "ansi"], "render_fps": 8}

    def __init__(self, layout=None, *, level=None, size=None, level_seed=None, slip_probability=0.2,
                 goal_reward=1.0, hole_reward=-1.0, step_cost=0.01, render_mode=None, tile_size=48):
        """Pick the level from one of: `level` (a Level), `layout` (text, see level.py),
        `size=(rows, cols)` with `level_seed` (a random level), or nothing (DEFAULT_LAYOUT)."""
        if sum(option is not None for option in (layout, level, size)) > 1:
            raise ValueError("give at most one of layout=, level= and size=")
        if level is None:
            if size is not None:
                level = Level.random(*size, seed=level_seed)
            else:
                level = Level.from_text(DEFAULT_LAYOUT if layout is None else layout)
        if not isinstance(level, Level):
            raise TypeError(f"level must be a Level, got {type(level).__name__}")
        if not 0 <= slip_probability <= 1:
            raise ValueError(f"slip_probability must be in [0, 1], got {slip_probability!r}")
        for name, value in (("goal_reward", goal_reward), ("hole_reward", hole_reward),
                            ("step_cost", step_cost)):
            if not np.isfinite(value):
                raise ValueError(f"{name} must be finite, got {value!r}")
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"unknown render_mode {render_mode!r}; known: {self.metadata['render_modes']}")
        if int(tile_size) < 8:
            raise ValueError(f"tile_size must be at least 8 pixels, got {tile_size!r}")
        self.level = level
        self.rows, self.cols = level.shape
        self.slip_probability = float(slip_probability)
        self.goal_reward, self.hole_reward, self.step_cost = goal_reward, hole_reward, step_cost
        self.P = transition_model(level, self.slip_probability, goal_reward, hole_reward, step_cost)
        self.observation_space = spaces.Discrete(self.rows * self.cols)
        self.action_space = spaces.Discrete(4)
        self.start_state = level.start[0] * self.cols + level.start[1]
        self.render_mode = render_mode
        self.tile_size = int(tile_size)
        self.state = self.start_state
        self.last_action = None
        self._board = None  # the frame without the agent, drawn once
        self._window = None  # drawing.PygameWindow, created on the first human render

    @property
    def n_states(self):
        return self.rows * self.cols

    @property
    def n_actions(self):
        return 4

    def position(self, state=None):
        """(row, col) of `state` (default: the agent's)."""
        return divmod(int(self.state if state is None else state), self.cols)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.state, self.last_action = self.start_state, None
        if self.render_mode == "human":
            self.render()
        return int(self.state), {"prob": 1.0}

    def step(self, action):
        if not self.action_space.contains(action):
            raise ValueError(f"action must be one of 0..3 (left, down, right, up), got {action!r}")
        outcomes = self.P[self.state][int(action)]
        probabilities = np.array([p for p, *_ in outcomes])
        index = int(np.searchsorted(np.cumsum(probabilities), self.np_random.random() * probabilities.sum(),
                                    side="right"))
        probability, next_state, reward, terminated = outcomes[min(index, len(outcomes) - 1)]
        moved = self._direction(self.state, next_state)
        self.state, self.last_action = next_state, int(action)
        if self.render_mode == "human":
            self.render()
        return int(next_state), float(reward), bool(terminated), False, {"prob": probability,
                                                                          "direction": moved}

    def _direction(self, state, next_state):
        """The direction actually moved (0..3), or None when the agent stayed in place."""
        (r0, c0), (r1, c1) = self.position(state), self.position(next_state)
        offset = (r1 - r0, c1 - c0)
        return {(0, -1): 0, (1, 0): 1, (0, 1): 2, (-1, 0): 3}.get(offset)

    # -- rendering -----------------------------------------------------------------------------
    def frame(self, state=None):
        """The rgb frame with the agent at `state` (default: where it is): (H, W, 3) uint8."""
        if self._board is None:
            self._board = drawing.draw_board(self.level, self.tile_size)
        row, col = self.position(state)
        return drawing.draw_agent(self._board.copy(), row, col, self.tile_size)

    def render(self):
        if self.render_mode is None:
            gym.logger.warn("GridWorld.render() called without a render_mode")
            return None
        if self.render_mode == "ansi":
            return self._ansi()
        frame = self.frame()
        if self.render_mode == "rgb_array":
            return frame
        if self._window is None:
            from .window import PygameWindow  # pygame only for human mode

            self._window = PygameWindow("GridWorld", frame.shape[1], frame.shape[0])
        self._window.show(frame, self.metadata["render_fps"])
        return None

    def _ansi(self):
        rows = [list(line) for line in self.level.to_text().splitlines()]
        row, col = self.position()
        rows[row][col] = "A"
        header = f"({ACTION_NAMES[self.last_action]})\n" if self.last_action is not None else ""
        return header + "\n".join("".join(line) for line in rows) + "\n"

    def close(self):
        if self._window is not None:
            self._window.close()
            self._window = None
