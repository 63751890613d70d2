"""Proximal Policy Optimization (Schulman et al. 2017), clipped objective, one env, discrete actions.

Each iteration collects `rollout_steps` transitions with the current policy, then computes
generalised advantage estimates (GAE, Schulman et al. 2016) backwards over the rollout:

    delta_t = r_t + gamma V(s_{t+1}) (1 - done_t) - V(s_t)
    A_t     = delta_t + gamma lambda (1 - done_t) A_{t+1},      returns R_t = A_t + V(s_t)

(a time-limit truncation is not an end: its reward gets gamma V(final observation) added). Then
`epochs` passes over shuffled minibatches minimise

    L = -mean min(rho A, clip(rho, 1 - eps, 1 + eps) A) + c_v mean (V(s) - R)^2 - c_e mean H(pi(. | s))

with rho = pi(a | s) / pi_old(a | s) and A normalised per minibatch; Adam over the actor's and
critic's parameters together, gradient norm clipped, learning rate annealed linearly to 0.
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
class PPOConfig:
    hidden_sizes: tuple = (64, 64)  # actor and critic, tanh
    learning_rate: float = 2.5e-4
    anneal_learning_rate: bool = True
    rollout_steps: int = 512
    epochs: int = 10
    minibatch_size: int = 64
    gamma: float = 0.99
    gae_lambda: float = 0.95
    clip_range: float = 0.2
    value_coefficient: float = 0.5
    entropy_coefficient: float = 0.01
    max_grad_norm: float = 0.5

    def __post_init__(self):
        for name in ("learning_rate", "rollout_steps", "epochs", "minibatch_size", "clip_range", "max_grad_norm"):
            if not getattr(self, name) > 0:
                raise ValueError(f"PPOConfig.{name} must be positive, got {getattr(self, name)!r}")
        for name in ("gamma", "gae_lambda"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"PPOConfig.{name} must be in [0, 1], got {getattr(self, name)!r}")


def generalized_advantages(rewards, values, next_values, dones, gamma, lam):
    """GAE over one rollout: (advantages (T,), returns (T,)); `dones` cut the recursion."""
    advantages = np.zeros(len(rewards), dtype=np.float64)
    running = 0.0
    for t in range(len(rewards) - 1, -1, -1):
        delta = rewards[t] + gamma * next_values[t] * (1 - dones[t]) - values[t]
        running = delta + gamma * lam * (1 - dones[t]) * running
        advantages[t] = running
    return advantages, advantages + values


class PPO:
    def __init__(self, env, config=None, seed=0):
        if not isinstance(env.action_space, gym.spaces.Discrete):
            raise ValueError(f"PPO here needs a Discrete action space, got {env.action_space}")
        self.env, self.config, self.seed = env, config or PPOConfig(), int(seed)
        self.observation_shape = env.observation_space.shape
        size, self.n_actions = int(np.prod(self.observation_shape)), int(env.action_space.n)
        snn.manual_seed(self.seed)
        self.actor = mlp(size, self.config.hidden_sizes, self.n_actions, activation=nn.Tanh)
        self.critic = mlp(size, self.config.hidden_sizes, 1, activation=nn.Tanh)
        self.parameters = list(self.actor.parameters()) + list(self.critic.parameters())
        self.optimizer = snn.optim.Adam(self.parameters, lr=self.config.learning_rate, eps=1e-5)
        self.rng = np.random.default_rng(self.seed)

    def _policy_and_value(self, observations):
        """(action probabilities (B, A), values (B,)) without gradients."""
        with snn.no_grad():
            states = snn.from_numpy(np.asarray(observations, dtype=np.float32))
            return F.softmax(self.actor(states), dim=1).data, self.critic(states).data[:, 0]

    def predict(self, observation):
        """The most probable action (for evaluation)."""
        return int(self._policy_and_value(np.asarray(observation)[None])[0][0].argmax())

    def loss(self, observations, actions, old_log_probabilities, advantages, returns):
        """The clipped PPO loss on one minibatch (a scalar Tensor) and its parts as floats."""
        config = self.config
        states = snn.from_numpy(observations)  # (B, obs)
        log_probabilities = F.log_softmax(self.actor(states), dim=1)  # (B, A)
        taken = log_probabilities[np.arange(len(actions)), actions]  # (B,)
        ratio = (taken - snn.from_numpy(old_log_probabilities)).exp()  # (B,)
        advantages = (advantages - advantages.mean()) / (advantages.std() + 1e-8)
        advantages = snn.from_numpy(advantages.astype(np.float32))
        clipped = ratio.clamp(1 - config.clip_range, 1 + config.clip_range)
        policy_loss = -snn.minimum(ratio * advantages, clipped * advantages).mean()
        values = self.critic(states)[:, 0]  # (B,)
        value_loss = ((values - snn.from_numpy(returns.astype(np.float32))) ** 2).mean()
        entropy = -(log_probabilities.exp() * log_probabilities).sum(dim=1).mean()
        total = policy_loss + config.value_coefficient * value_loss - config.entropy_coefficient * entropy
        return total, (policy_loss.item(), value_loss.item(), entropy.item())

    def update(self, rollout):
        """`epochs` passes of minibatch steps over one rollout; returns the mean total loss."""
        config, losses = self.config, []
        n = len(rollout["actions"])
        for _ in range(config.epochs):
            order = self.rng.permutation(n)
            for start in range(0, n, config.minibatch_size):
                index = order[start:start + config.minibatch_size]
                total, _ = self.loss(rollout["observations"][index], rollout["actions"][index],
                                     rollout["log_probabilities"][index], rollout["advantages"][index],
                                     rollout["returns"][index])
                self.optimizer.zero_grad()
                total.backward()
                nn.utils.clip_grad_norm_(self.parameters, config.max_grad_norm)
                self.optimizer.step()
                losses.append(total.item())
        return float(np.mean(losses))

    def learn(self, total_steps):
        """Train for about `total_steps` env steps (whole rollouts); returns a TrainingHistory."""
        config, history, start = self.config, TrainingHistory(), time.perf_counter()
        iterations = max(1, int(total_steps) // config.rollout_steps)
        observation, _ = self.env.reset(seed=self.seed)
        episode_return, step = 0.0, 0
        T = config.rollout_steps
        for iteration in range(iterations):
            if config.anneal_learning_rate:
                for group in self.optimizer.param_groups:
                    group["lr"] = config.learning_rate * (1 - iteration / iterations)
            observations = np.zeros((T, *self.observation_shape), dtype=np.float32)
            actions = np.zeros(T, dtype=np.int64)
            rewards, dones = np.zeros(T), np.zeros(T)
            values, next_values, log_probabilities = np.zeros(T), np.zeros(T), np.zeros(T, dtype=np.float32)
            for t in range(T):
                probabilities, value = self._policy_and_value(observation[None])
                p = probabilities[0].astype(np.float64)
                action = int(self.rng.choice(self.n_actions, p=p / p.sum()))
                next_observation, reward, terminated, truncated, _ = self.env.step(action)
                observations[t], actions[t], values[t] = observation, action, value[0]
                log_probabilities[t] = np.log(max(p[action], 1e-12))
                rewards[t], dones[t] = reward, float(terminated or truncated)
                if truncated and not terminated:  # bootstrap through the time limit
                    rewards[t] += config.gamma * self._policy_and_value(next_observation[None])[1][0]
                episode_return, step = episode_return + reward, step + 1
                if terminated or truncated:
                    history.episode_returns.append(episode_return)
                    history.episode_end_steps.append(step)
                    episode_return = 0.0
                    next_observation, _ = self.env.reset()
                observation = next_observation
            next_values[:-1] = values[1:]
            next_values[-1] = self._policy_and_value(observation[None])[1][0]
            advantages, returns = generalized_advantages(rewards, values, next_values, dones,
                                                         config.gamma, config.gae_lambda)
            history.losses.append(self.update({
                "observations": observations, "actions": actions, "log_probabilities": log_probabilities,
                "advantages": advantages, "returns": returns}))
        history.steps, history.seconds = step, time.perf_counter() - start
        return history
