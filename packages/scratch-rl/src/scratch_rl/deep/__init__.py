"""Deep RL on scratch-nn networks: DQN (with Double DQN) and REINFORCE with a learned baseline."""

from .dqn import DQN, DQNConfig, TrainingHistory
from .networks import mlp
from .reinforce import Reinforce, ReinforceConfig
from .replay import Batch, ReplayBuffer

__all__ = ["DQN", "DQNConfig", "TrainingHistory", "Reinforce", "ReinforceConfig", "ReplayBuffer",
           "Batch", "mlp"]
