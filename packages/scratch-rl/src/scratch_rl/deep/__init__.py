"""Deep RL on scratch-nn networks: DQN (with Double DQN), REINFORCE with a learned baseline, PPO."""

from .dqn import DQN, DQNConfig, TrainingHistory
from .networks import mlp
from .ppo import PPO, PPOConfig, generalized_advantages
from .reinforce import Reinforce, ReinforceConfig
from .replay import Batch, ReplayBuffer

__all__ = [
           "DQN",
           "PPO",
           "Batch",
           "DQNConfig",
           "PPOConfig",
           "Reinforce",
           "ReinforceConfig",
           "ReplayBuffer",
           "TrainingHistory",
           "generalized_advantages",
           "mlp",
]
