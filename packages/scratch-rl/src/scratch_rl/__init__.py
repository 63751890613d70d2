"""scratch-rl: gymnasium environments and reinforcement-learning agents written over NumPy and scratch-nn.

    envs       GridWorld (scratch_rl/GridWorld-v0) and its Level (text layouts, random levels)
    tabular    Q-learning, SARSA, Expected SARSA, first-visit Monte Carlo control
    planning   value iteration, policy iteration, policy evaluation (iterative and one linear solve)
    schedules  epsilon decay schedules
    deep       DQN (replay, target network, Huber loss, Double DQN), REINFORCE with a baseline, PPO
    evaluation evaluate a policy over seeded episodes; record_video to GIF/MP4 (imageio)
"""

import gymnasium as _gym

from . import envs, planning, schedules, tabular
from .envs import GridWorld, Level
from .evaluation import evaluate, record_video

GRIDWORLD_ID = "scratch_rl/GridWorld-v0"
if GRIDWORLD_ID not in _gym.registry:
    _gym.register(id=GRIDWORLD_ID, entry_point="scratch_rl.envs.gridworld:GridWorld",
                  max_episode_steps=200)

__all__ = [
    "GRIDWORLD_ID",
    "GridWorld",
    "Level",
    "envs",
    "evaluate",
    "planning",
    "record_video",
    "schedules",
    "tabular",
]
