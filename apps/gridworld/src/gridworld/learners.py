"""What `--watch` shows: a learner advanced a little every frame, exposing its values and policy.

    TabularLearner   a scratch-rl tabular agent, stepped through its episode generator
    PlanningLearner  value iteration, one sweep per tick; once converged, the greedy policy plays

Both keep `state` (where the agent is drawn), `values` (S,), `policy` (S,), `returns` (one per
finished episode) and a `caption` for the side panel.
"""

import gymnasium as gym
import numpy as np
from scratch_rl import planning

from .agents import GAMMA, make_agent

EPISODE_STEP_LIMIT = 200


class TabularLearner:
    def __init__(self, name, env, seed, planned_episodes=400):
        self.name, self.env = name, env
        self.agent = make_agent(name, env, planned_episodes, seed)
        self.limited = gym.wrappers.TimeLimit(env, max_episode_steps=EPISODE_STEP_LIMIT)
        self.seed, self.returns, self.state = seed, [], env.start_state
        self._episode = None

    @property
    def values(self):
        return self.agent.state_values()

    @property
    def policy(self):
        return self.agent.greedy_policy()

    @property
    def caption(self):
        return f"{self.name}  episode {len(self.returns) + 1}  epsilon {self.agent.current_epsilon:.2f}"

    def tick(self, steps):
        for _ in range(steps):
            if self._episode is None:
                self._episode = self.agent.episode(self.limited, seed=self.seed if not self.returns else None)
            step = next(self._episode, None)
            if step is None:  # the generator finished its bookkeeping after the last step
                self._episode = None
                continue
            self.state = step.next_state
            if step.terminated or step.truncated:
                self.returns.append(step.episode_return)
                next(self._episode, None)  # let it run its end-of-episode learning
                self._episode = None


class PlanningLearner:
    name = "value-iteration"

    def __init__(self, env, seed):
        self.env, self.seed = env, seed
        self.sweeps = planning.value_iteration_sweeps(env.P, gamma=GAMMA)
        self.values = np.zeros(env.n_states)
        self.policy = np.zeros(env.n_states, dtype=np.int64)
        self.sweep, self.converged = 0, False
        self.returns, self.state = [], env.start_state
        self._episode_return, self._started = 0.0, False

    @property
    def caption(self):
        if not self.converged:
            return f"value iteration  sweep {self.sweep}"
        return f"value iteration converged in {self.sweep} sweeps  episode {len(self.returns) + 1}"

    def tick(self, steps):
        if not self.converged:
            values, self.policy = next(self.sweeps)
            self.converged = np.max(np.abs(values - self.values)) < 1e-6
            self.values, self.sweep = values, self.sweep + 1
            return
        for _ in range(steps):
            if not self._started:
                self.state, _ = self.env.reset(seed=self.seed if not self.returns else None)
                self._episode_return, self._started, self._length = 0.0, True, 0
            self.state, reward, terminated, _, _ = self.env.step(int(self.policy[self.state]))
            self._episode_return += reward
            self._length += 1
            if terminated or self._length >= EPISODE_STEP_LIMIT:
                self.returns.append(self._episode_return)
                self._started = False


def make_learner(name, env, seed):
    if name == "value-iteration":
        return PlanningLearner(env, seed)
    return TabularLearner(name, env, seed)
