"""Environments: the GridWorld (registered as scratch_rl/GridWorld-v0) and its levels."""

from .dynamics import transition_model
from .gridworld import GridWorld
from .level import ACTION_NAMES, DEFAULT_LAYOUT, FLOOR, GOAL, HOLE, ICE, ROCK, Level

__all__ = [
           "ACTION_NAMES",
           "DEFAULT_LAYOUT",
           "FLOOR",
           "GOAL",
           "HOLE",
           "ICE",
           "ROCK",
           "GridWorld",
           "Level",
           "transition_model",
]
