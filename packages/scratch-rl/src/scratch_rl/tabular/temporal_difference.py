"""One-step temporal-difference control: Q(s, a) += alpha (target - Q(s, a)) after each step.

    Q-learning       target = r + gamma max_a' Q(s', a')                 (off-policy)
    SARSA            target = r + gamma Q(s', a'), a' the action taken next  (on-policy)
    Expected SARSA   target = r + gamma sum_a' pi(a' | s') Q(s', a'), pi epsilon-greedy

On a terminal transition the target is r alone (no bootstrap); a truncated one bootstraps.
"""

import numpy as np

from .agent import TabularAgent


class _TemporalDifference(TabularAgent):
    def __init__(self, n_states, n_actions, learning_rate=0.1, gamma=0.99, epsilon=0.1, seed=None):
        super().__init__(n_states, n_actions, gamma=gamma, epsilon=epsilon, seed=seed)
        if not 0 < learning_rate <= 1:
            raise ValueError(f"learning_rate must be in (0, 1], got {learning_rate!r}")
        self.learning_rate = float(learning_rate)

    def bootstrap(self, next_state, next_action):
        raise NotImplementedError

    def learn_step(self, state, action, reward, next_state, next_action, terminated):
        target = reward if terminated else reward + self.gamma * self.bootstrap(next_state, next_action)
        self.q[state, action] += self.learning_rate * (target - self.q[state, action])


class QLearning(_TemporalDifference):
    def bootstrap(self, next_state, next_action):
        return self.q[next_state].max()


class SARSA(_TemporalDifference):
    on_policy_target = True

    def bootstrap(self, next_state, next_action):
        return self.q[next_state, next_action]


class ExpectedSARSA(_TemporalDifference):
    def bootstrap(self, next_state, next_action):
        return float(np.dot(self.action_probabilities(next_state), self.q[next_state]))
