"""First-visit Monte Carlo control with epsilon-greedy exploration (on-policy).

After each episode s_0 a_0 r_1 ... the returns G_t = r_{t+1} + gamma G_{t+1} are computed
backwards, and for the first visit of each (s, a) pair

    N(s, a) += 1,   Q(s, a) += (G_t - Q(s, a)) / N(s, a)       (the running sample mean)

or, with a constant `learning_rate`, Q(s, a) += alpha (G_t - Q(s, a)).
"""

import numpy as np

from .agent import TabularAgent


class MonteCarloControl(TabularAgent):
    def __init__(self, n_states, n_actions, gamma=0.99, epsilon=0.1, learning_rate=None, seed=None):
        super().__init__(n_states, n_actions, gamma=gamma, epsilon=epsilon, seed=seed)
        if learning_rate is not None and not 0 < learning_rate <= 1:
            raise ValueError(f"learning_rate must be None or in (0, 1], got {learning_rate!r}")
        self.learning_rate = learning_rate
        self.visits = np.zeros((self.n_states, self.n_actions), dtype=np.int64)  # N(s, a)

    def learn_episode(self, transitions):
        first_visit = {}
        for t, (state, action, _) in enumerate(transitions):
            first_visit.setdefault((state, action), t)
        episode_return = 0.0
        for t in range(len(transitions) - 1, -1, -1):
            state, action, reward = transitions[t]
            episode_return = reward + self.gamma * episode_return  # G_t
            if first_visit[(state, action)] != t:
                continue
            self.visits[state, action] += 1
            step = self.learning_rate or 1.0 / self.visits[state, action]
            self.q[state, action] += step * (episode_return - self.q[state, action])
