"""Deep Q-Network (Mnih et al. 2015) with the Double DQN target (van Hasselt et al. 2016).

Each env step: act epsilon-greedily on Q_online, store (s, a, r, s', terminated) in the replay
buffer; every `train_frequency` steps after `learning_starts`, take `gradient_steps` updates on
batches of B transitions:

    y      = r + gamma (1 - terminated) Q_target(s', a*)          (B,)
    a*     = argmax_a Q_online(s', a)   (Double DQN)   or   argmax_a Q_target(s', a)
    loss   = mean Huber_delta(Q_online(s, a) - y)                   (smooth L1 at delta = 1)

then Adam on the loss with gradient-norm clipping (its rate decaying linearly by
`learning_rate_end_factor` over the run); every `target_update_interval` steps the
target network copies the online one. Epsilon decays linearly over `exploration_fraction` of the
run. Every `eval_interval` steps the greedy policy is evaluated on `eval_episodes` seeded
episodes and the best weights so far are kept (`keep_best`), since DQN's greedy policy can
oscillate late in training.

The network work lives in four methods (`build_networks`, `q_values`, `train_step`,
`sync_target`) so the same loop can drive another library's networks for a like-for-like
benchmark (the torch twin in benchmarks/suites/rl.py).
"""

import time
from dataclasses import asdict, dataclass, field

import gymnasium as gym
import numpy as np
import scratch_nn as snn
from scratch_nn import nn
from scratch_optim import linear_lr

from ..evaluation import evaluate
from ..schedules import LinearSchedule
from .networks import mlp
from .replay import ReplayBuffer


@dataclass
class DQNConfig:
    hidden_sizes: tuple = (256, 256)  # the MLP's hidden layers
    learning_rate: float = 1e-3  # Adam, at the start
    learning_rate_end_factor: float = 0.0  # decays linearly to learning_rate * this by the end
    gamma: float = 0.99  # discount
    buffer_size: int = 100_000  # replay capacity (transitions)
    batch_size: int = 64
    learning_starts: int = 1_000  # random-ish steps before the first update
    train_frequency: int = 4  # env steps between update rounds
    gradient_steps: int = 2  # updates per round
    target_update_interval: int = 500  # env steps between target-network copies
    epsilon_start: float = 1.0
    epsilon_end: float = 0.02
    exploration_fraction: float = 0.2  # of total_steps, for the linear epsilon decay
    huber_delta: float = 1.0
    max_grad_norm: float | None = 10.0  # None: no clipping
    double_dqn: bool = True
    eval_interval: int | None = 5_000  # env steps between greedy evaluations; None: never
    eval_episodes: int = 10
    keep_best: bool = True  # restore the best-evaluated weights at the end

    def __post_init__(self):
        positive = ("learning_rate", "buffer_size", "batch_size", "train_frequency",
                    "gradient_steps", "target_update_interval", "huber_delta", "eval_episodes")
        for name in positive:
            if not getattr(self, name) > 0:
                raise ValueError(f"DQNConfig.{name} must be positive, got {getattr(self, name)!r}")
        if not 0 <= self.learning_rate_end_factor <= 1:
            raise ValueError("DQNConfig.learning_rate_end_factor must be in [0, 1]")
        if not 0 <= self.gamma <= 1:
            raise ValueError(f"DQNConfig.gamma must be in [0, 1], got {self.gamma!r}")
        if not 0 < self.exploration_fraction <= 1:
            raise ValueError("DQNConfig.exploration_fraction must be in (0, 1]")


@dataclass
class TrainingHistory:
    episode_returns: list = field(default_factory=list)
    episode_end_steps: list = field(default_factory=list)  # env step at which each episode ended
    evaluations: list = field(default_factory=list)  # (env step, mean return, wall seconds)
    losses: list = field(default_factory=list)
    best_mean_return: float = -np.inf
    best_step: int | None = None  # env step of the best evaluation
    first_step_reaching: dict = field(default_factory=dict)  # threshold -> first env step reaching it
    steps: int = 0
    seconds: float = 0.0


class DQN:
    def __init__(self, env, config=None, seed=0, eval_env=None):
        if not isinstance(env.action_space, gym.spaces.Discrete):
            raise ValueError(f"DQN needs a Discrete action space, got {env.action_space}")
        if not isinstance(env.observation_space, gym.spaces.Box):
            raise ValueError(f"DQN needs a Box observation space, got {env.observation_space}")
        self.env = env
        self.eval_env = eval_env
        self.config = config or DQNConfig()
        self.seed = int(seed)
        self.observation_shape = env.observation_space.shape
        self.n_actions = int(env.action_space.n)
        self.rng = np.random.default_rng(self.seed)
        self.build_networks(int(np.prod(self.observation_shape)), self.n_actions)

    # -- the network work (what a twin in another library overrides) ---------------------------
    def build_networks(self, observation_size, n_actions):
        snn.manual_seed(self.seed)
        self.q_network = mlp(observation_size, self.config.hidden_sizes, n_actions)
        self.target_network = mlp(observation_size, self.config.hidden_sizes, n_actions)
        self.sync_target()
        self.optimizer = snn.optim.Adam(self.q_network.parameters(), lr=self.config.learning_rate)
        self.loss_function = nn.HuberLoss(delta=self.config.huber_delta)

    def q_values(self, observations):
        """Q_online(s, .) for a batch: (B, *obs_shape) float32 -> (B, A) numpy."""
        with snn.no_grad():
            return self.q_network(snn.from_numpy(observations)).data

    def train_step(self, batch):
        """One gradient step on a replay Batch; returns the loss."""
        with snn.no_grad():
            next_observations = snn.from_numpy(batch.next_observations)
            next_target = self.target_network(next_observations).data  # (B, A)
            if self.config.double_dqn:
                best = self.q_network(next_observations).data.argmax(axis=1)  # (B,)
            else:
                best = next_target.argmax(axis=1)
            bootstrap = next_target[np.arange(len(best)), best]  # (B,)
            targets = batch.rewards + self.config.gamma * (1 - batch.terminated) * bootstrap  # (B,)
        q = self.q_network(snn.from_numpy(batch.observations))  # (B, A)
        q_taken = q[np.arange(len(best)), batch.actions]  # (B,)
        loss = self.loss_function(q_taken, snn.from_numpy(targets.astype(np.float32)))
        self.optimizer.zero_grad()
        loss.backward()
        if self.config.max_grad_norm is not None:
            nn.utils.clip_grad_norm_(self.q_network.parameters(), self.config.max_grad_norm)
        self.optimizer.step()
        return loss.item()

    def sync_target(self):
        self.target_network.load_state_dict(self.q_network.state_dict())

    def set_learning_rate(self, learning_rate):
        for group in self.optimizer.param_groups:
            group["lr"] = learning_rate

    def state_dict(self):
        return {name: value.data.copy() for name, value in self.q_network.state_dict().items()}

    def load_state_dict(self, state):
        self.q_network.load_state_dict({name: snn.from_numpy(np.asarray(value)) for name, value in state.items()})
        self.sync_target()

    # -- acting ---------------------------------------------------------------------------------
    def predict(self, observation):
        """The greedy action for one observation."""
        observation = np.asarray(observation, dtype=np.float32).reshape(1, *self.observation_shape)
        return int(self.q_values(observation)[0].argmax())

    def act(self, observation, epsilon):
        if self.rng.random() < epsilon:
            return int(self.rng.integers(self.n_actions))
        return self.predict(observation)

    def save(self, path):
        """The online network's weights as safetensors (atomic, via scratch_nn.save)."""
        snn.save({name: snn.from_numpy(value) for name, value in self.state_dict().items()}, path,
                 metadata={"config": str(asdict(self.config))})

    def load(self, path):
        self.load_state_dict({name: tensor.data for name, tensor in snn.load(path).items()})
        return self

    # -- the loop -------------------------------------------------------------------------------
    def learn(self, total_steps, reach=(), callback=None):
        """Train for `total_steps` env steps; returns a TrainingHistory.

        `reach`: mean evaluation returns whose first env step is recorded (e.g. (475,)).
        `callback(step, history)` runs after each episode; returning False stops training.
        """
        config, history = self.config, TrainingHistory()
        if int(total_steps) < 1:
            raise ValueError(f"total_steps must be >= 1, got {total_steps!r}")
        epsilon = LinearSchedule(config.epsilon_start, config.epsilon_end,
                                 max(1, int(config.exploration_fraction * total_steps)))
        buffer = ReplayBuffer(config.buffer_size, self.observation_shape, seed=self.seed)
        eval_env = self.eval_env
        if config.eval_interval and eval_env is None:
            eval_env = gym.make(self.env.spec) if self.env.spec is not None else None
        self.env.action_space.seed(self.seed)
        best_state, start = None, time.perf_counter()
        observation, _ = self.env.reset(seed=self.seed)
        episode_return = 0.0
        for step in range(1, int(total_steps) + 1):
            action = self.act(observation, epsilon(step - 1))
            next_observation, reward, terminated, truncated, _ = self.env.step(action)
            buffer.add(observation, action, reward, next_observation, terminated)
            episode_return += reward
            observation = next_observation
            if terminated or truncated:
                history.episode_returns.append(episode_return)
                history.episode_end_steps.append(step)
                episode_return = 0.0
                observation, _ = self.env.reset()
                if callback is not None and callback(step, history) is False:
                    break
            if step > config.learning_starts and step % config.train_frequency == 0:
                self.set_learning_rate(linear_lr(config.learning_rate, step, 1.0,
                                                 config.learning_rate_end_factor, int(total_steps)))
                for _ in range(config.gradient_steps):
                    history.losses.append(self.train_step(buffer.sample(config.batch_size)))
            if step % config.target_update_interval == 0:
                self.sync_target()
            if config.eval_interval and eval_env is not None and step % config.eval_interval == 0:
                mean_return = float(evaluate(self.predict, eval_env, config.eval_episodes,
                                             seed=10_000 + step).mean())
                history.evaluations.append((step, mean_return, time.perf_counter() - start))
                for threshold in reach:
                    if mean_return >= threshold and threshold not in history.first_step_reaching:
                        history.first_step_reaching[threshold] = step
                if mean_return > history.best_mean_return:
                    history.best_mean_return, history.best_step = mean_return, step
                    best_state = self.state_dict()
        history.steps, history.seconds = step, time.perf_counter() - start
        if config.keep_best and best_state is not None:
            self.load_state_dict(best_state)
        return history
