"""The value / policy overlay, drawn on NumPy frames (the window and the GIF share it).

Each walkable cell is tinted by its value (blue = low, yellow = high, scaled over the level's
walkable cells) and carries an arrow for the greedy action. Terminal cells and rocks are left as
they are.
"""

from functools import lru_cache

import numpy as np
from scratch_rl.envs import GOAL, HOLE, ROCK
from scratch_rl.envs.drawing import triangle

LOW, HIGH = np.array([40, 60, 200]), np.array([250, 220, 40])
TINT_ALPHA, ARROW_ALPHA = 0.35, 0.55
ARROW_COLOUR = np.array([20, 20, 20])


@lru_cache(maxsize=8)
def arrow_masks(tile_size):
    """(4, tile, tile) bool: arrows for left, down, right, up (FrozenLake's action order)."""
    return np.stack([
        triangle(tile_size, (0.5, 0.12), (0.32, 0.4), (0.68, 0.4)),  # left
        triangle(tile_size, (0.88, 0.5), (0.6, 0.32), (0.6, 0.68)),  # down
        triangle(tile_size, (0.5, 0.88), (0.32, 0.6), (0.68, 0.6)),  # right
        triangle(tile_size, (0.12, 0.5), (0.4, 0.32), (0.4, 0.68)),  # up
    ])


def walkable_mask(env):
    surfaces = env.level.surfaces
    return (surfaces != ROCK) & (surfaces != HOLE) & (surfaces != GOAL)  # (rows, cols)


def with_policy_arrows(frame, env, policy, values=None):
    """A copy of `frame` with the value tint (if values given) and greedy arrows: (H, W, 3) uint8."""
    tile = env.tile_size
    rows, cols = env.level.shape
    walkable = walkable_mask(env)
    out = frame.astype(np.float32)
    if values is not None:
        grid = np.asarray(values, dtype=np.float64).reshape(rows, cols)
        low, high = grid[walkable].min(), grid[walkable].max()
        scaled = (grid - low) / (high - low) if high > low else np.full_like(grid, 0.5)
        colours = LOW + scaled[..., None] * (HIGH - LOW)  # (rows, cols, 3)
        alpha = np.where(walkable, TINT_ALPHA, 0.0)[..., None]  # (rows, cols, 1)
        colours = np.repeat(np.repeat(colours, tile, axis=0), tile, axis=1)  # (H, W, 3)
        alpha = np.repeat(np.repeat(alpha, tile, axis=0), tile, axis=1)
        out = (1 - alpha) * out + alpha * colours
    masks = arrow_masks(tile)
    actions = np.asarray(policy).reshape(rows, cols)
    arrows = masks[actions]  # (rows, cols, tile, tile)
    arrows &= walkable[..., None, None]
    arrows = arrows.transpose(0, 2, 1, 3).reshape(rows * tile, cols * tile)  # (H, W)
    out[arrows] = (1 - ARROW_ALPHA) * out[arrows] + ARROW_ALPHA * ARROW_COLOUR
    return out.astype(np.uint8)
