"""A fixed-size replay buffer over preallocated NumPy arrays (a ring: the oldest is overwritten).

    add(observation, action, reward, next_observation, terminated)
    sample(batch_size) -> Batch of arrays, drawn uniformly with replacement by a seeded generator

Only `terminated` is stored: a time-limit truncation is not an end of the MDP, so its
transition still bootstraps from the next observation.
"""

from dataclasses import dataclass

import numpy as np


@dataclass
class Batch:
    observations: np.ndarray  # (B, *obs_shape) float32
    actions: np.ndarray  # (B,) int64
    rewards: np.ndarray  # (B,) float32
    next_observations: np.ndarray  # (B, *obs_shape) float32
    terminated: np.ndarray  # (B,) float32, 1.0 where the episode ended there


class ReplayBuffer:
    def __init__(self, capacity, observation_shape, seed=None):
        if int(capacity) < 1:
            raise ValueError(f"capacity must be >= 1, got {capacity!r}")
        self.capacity = int(capacity)
        self.observations = np.zeros((self.capacity, *observation_shape), dtype=np.float32)
        self.next_observations = np.zeros_like(self.observations)
        self.actions = np.zeros(self.capacity, dtype=np.int64)
        self.rewards = np.zeros(self.capacity, dtype=np.float32)
        self.terminated = np.zeros(self.capacity, dtype=np.float32)
        self.rng = np.random.default_rng(seed)
        self.position, self.size = 0, 0

    def __len__(self):
        return self.size

    def add(self, observation, action, reward, next_observation, terminated):
        i = self.position
        self.observations[i] = observation
        self.actions[i] = action
        self.rewards[i] = reward
        self.next_observations[i] = next_observation
        self.terminated[i] = float(terminated)
        self.position = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        if self.size == 0:
            raise ValueError("cannot sample from an empty replay buffer")
        index = self.rng.integers(0, self.size, size=int(batch_size))  # (B,)
        return Batch(self.observations[index], self.actions[index], self.rewards[index],
                     self.next_observations[index], self.terminated[index])
