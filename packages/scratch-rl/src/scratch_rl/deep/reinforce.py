"""REINFORCE (Williams 1992) with a learned state-value baseline.

After each episode, with returns G_t = sum_k gamma^k r_{t+k+1} and advantages A_t = G_t - b(s_t):

    policy loss    -(1/T) sum_t log pi(a_t | s_t) A_t              (A_t held constant)
    baseline loss   (1/T) sum_t (b(s_t) - G_t)^2

Both networks are MLPs trained by Adam; pi is a softmax over the policy network's logits.
Advantages are optionally normalised to zero mean and unit variance within the episode.
"""

import time
from dataclasses import dataclass

import gymnasium as gym
import numpy as np
import scratch_nn as snn
from scratch_nn import nn

from .dqn import TrainingHistory
from .networks import mlp

F = nn.functional


@dataclass
class ReinforceConfig:
    hidden_sizes: tuple = (64, 64)
    policy_learning_rate: float = 3e-3
    baseline_learning_rate: float = 3e-3
    gamma: float = 0.99
    normalize_advantages: bool = True


class Reinforce:
    def __init__(self, env, config=None, seed=0):
        if not isinstance(env.action_space, gym.spaces.Discrete):
            raise ValueError(f"REINFORCE here needs a Discrete action space, got {env.action_space}")
        self.env, self.config, self.seed = env, config or ReinforceConfig(), int(seed)
        self.observation_shape = env.observation_space.shape
        size = int(np.prod(self.observation_shape))
        self.n_actions = int(env.action_space.n)
        snn.manual_seed(self.seed)
        self.policy = mlp(size, self.config.hidden_sizes, self.n_actions)
        self.baseline = mlp(size, self.config.hidden_sizes, 1)
        self.policy_optimizer = snn.optim.Adam(self.policy.parameters(), lr=self.config.policy_learning_rate)
        self.baseline_optimizer = snn.optim.Adam(self.baseline.parameters(), lr=self.config.baseline_learning_rate)
        self.rng = np.random.default_rng(self.seed)

    def action_probabilities(self, observation):
        with snn.no_grad():
            logits = self.policy(snn.from_numpy(np.asarray(observation, dtype=np.float32)[None]))
            return F.softmax(logits, dim=1).data[0].astype(np.float64)  # (A,)

    def act(self, observation):
        probabilities = self.action_probabilities(observation)
        return int(self.rng.choice(self.n_actions, p=probabilities / probabilities.sum()))

    def predict(self, observation):
        """The most probable action (for evaluation)."""
        return int(self.action_probabilities(observation).argmax())

    def discounted_returns(self, rewards):
        """G_t for t = 0..T-1, computed backwards: (T,)."""
        returns, running = np.zeros(len(rewards)), 0.0
        for t in range(len(rewards) - 1, -1, -1):
            running = rewards[t] + self.config.gamma * running
            returns[t] = running
        return returns

    def update(self, observations, actions, rewards):
        """One policy and one baseline step from an episode; returns (policy loss, baseline loss)."""
        states = snn.from_numpy(np.asarray(observations, dtype=np.float32))  # (T, obs)
        returns = self.discounted_returns(rewards).astype(np.float32)  # (T,)
        values = self.baseline(states).reshape(-1)  # (T,)
        advantages = returns - values.data  # (T,) constant for the policy
        if self.config.normalize_advantages and len(advantages) > 1:
            advantages = (advantages - advantages.mean()) / (advantages.std() + 1e-8)
        log_probabilities = F.log_softmax(self.policy(states), dim=1)  # (T, A)
        taken = log_probabilities[np.arange(len(actions)), np.asarray(actions)]  # (T,)
        policy_loss = -(taken * snn.from_numpy(advantages.astype(np.float32))).mean()
        baseline_loss = ((values - snn.from_numpy(returns)) ** 2).mean()
        for optimizer, loss in ((self.policy_optimizer, policy_loss), (self.baseline_optimizer, baseline_loss)):
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return policy_loss.item(), baseline_loss.item()

    def learn(self, episodes):
        """Train for `episodes` episodes; returns a TrainingHistory."""
        history, start, step = TrainingHistory(), time.perf_counter(), 0
        self.env.action_space.seed(self.seed)
        for episode in range(int(episodes)):
            observation, _ = self.env.reset(seed=self.seed if episode == 0 else None)
            observations, actions, rewards, done = [], [], [], False
            while not done:
                action = self.act(observation)
                next_observation, reward, terminated, truncated, _ = self.env.step(action)
                observations.append(observation)
                actions.append(action)
                rewards.append(reward)
                observation, done, step = next_observation, terminated or truncated, step + 1
            history.losses.append(self.update(observations, actions, rewards)[0])
            history.episode_returns.append(float(sum(rewards)))
            history.episode_end_steps.append(step)
        history.steps, history.seconds = step, time.perf_counter() - start
        return history
