"""What every tabular agent shares: a Q table, epsilon-greedy behaviour, the episode loop.

    behaviour   pi(a | s) = 1 - eps + eps / A  for a = argmax_a Q(s, a) (first on ties), eps / A else
    epsilon     a schedule of the number of finished episodes (schedules.py), or a number

`episode(env)` is a generator: it plays one episode, lets the agent learn from each step and
yields a `Step` after it, so a caller can watch learning live; `train(env, episodes)` runs
episodes to the end and returns their returns. Subclasses define `learn_step` (TD methods) or
`learn_episode` (Monte Carlo).
"""

from dataclasses import dataclass

import numpy as np

from ..schedules import as_schedule


@dataclass
class Step:
    state: int
    action: int
    reward: float
    next_state: int
    terminated: bool
    truncated: bool
    episode_return: float  # undiscounted return so far in this episode


class TabularAgent:
    on_policy_target = False  # True: the next action is chosen before learning (SARSA)

    def __init__(self, n_states, n_actions, gamma=0.99, epsilon=0.1, seed=None):
        if int(n_states) < 1 or int(n_actions) < 1:
            raise ValueError(f"n_states and n_actions must be positive, got {n_states}, {n_actions}")
        if not 0 <= gamma <= 1:
            raise ValueError(f"gamma must be in [0, 1], got {gamma!r}")
        self.n_states, self.n_actions = int(n_states), int(n_actions)
        self.gamma = float(gamma)
        self.epsilon = as_schedule(epsilon)
        self.rng = np.random.default_rng(seed)
        self.q = np.zeros((self.n_states, self.n_actions))  # Q(s, a)
        self.episodes_done = 0

    @classmethod
    def for_env(cls, env, **kwargs):
        """Sized from a Discrete observation / action space."""
        return cls(env.observation_space.n, env.action_space.n, **kwargs)

    @property
    def current_epsilon(self):
        return self.epsilon(self.episodes_done)

    def act(self, state, greedy=False):
        """Epsilon-greedy on Q (greedy=True: the best action, ties to the lowest index)."""
        if not greedy and self.rng.random() < self.current_epsilon:
            return int(self.rng.integers(self.n_actions))
        return int(np.argmax(self.q[state]))

    def action_probabilities(self, state):
        """pi(. | s) of the epsilon-greedy behaviour: (A,)."""
        epsilon = self.current_epsilon
        probabilities = np.full(self.n_actions, epsilon / self.n_actions)
        probabilities[np.argmax(self.q[state])] += 1 - epsilon
        return probabilities

    def greedy_policy(self):
        """argmax_a Q(s, a) per state: (S,)."""
        return self.q.argmax(axis=1)

    def state_values(self):
        """max_a Q(s, a): (S,)."""
        return self.q.max(axis=1)

    def learn_step(self, state, action, reward, next_state, next_action, terminated):
        """Update Q after one transition (TD methods)."""

    def learn_episode(self, transitions):
        """Update Q after a whole episode of (state, action, reward) (Monte Carlo)."""

    def episode(self, env, seed=None):
        """Play and learn one episode; yields a Step after each transition."""
        state, _ = env.reset(seed=seed)
        action = self.act(state)
        transitions, episode_return = [], 0.0
        while True:
            next_state, reward, terminated, truncated, _ = env.step(action)
            episode_return += reward
            transitions.append((state, action, reward))
            if self.on_policy_target:
                next_action = self.act(next_state)
                self.learn_step(state, action, reward, next_state, next_action, terminated)
            else:
                self.learn_step(state, action, reward, next_state, None, terminated)
                next_action = self.act(next_state)
            yield Step(int(state), int(action), float(reward), int(next_state), bool(terminated),
                       bool(truncated), episode_return)
            if terminated or truncated:
                break
            state, action = next_state, next_action
        self.learn_episode(transitions)
        self.episodes_done += 1

    def train(self, env, episodes, seed=None):
        """Run `episodes` episodes (the first reset seeded with `seed`); returns their returns."""
        if int(episodes) < 0:
            raise ValueError(f"episodes must be >= 0, got {episodes!r}")
        returns = []
        for index in range(int(episodes)):
            step = None
            for step in self.episode(env, seed=seed if index == 0 else None):
                pass
            returns.append(step.episode_return)
        return np.array(returns)
