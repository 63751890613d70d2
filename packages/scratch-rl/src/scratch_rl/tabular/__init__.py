"""Tabular control: Q-learning, SARSA, Expected SARSA and first-visit Monte Carlo."""

from .agent import Step, TabularAgent
from .monte_carlo import MonteCarloControl
from .temporal_difference import SARSA, ExpectedSARSA, QLearning

AGENTS = {"q-learning": QLearning, "sarsa": SARSA, "expected-sarsa": ExpectedSARSA,
          "monte-carlo": MonteCarloControl}

__all__ = ["AGENTS", "SARSA", "ExpectedSARSA", "MonteCarloControl", "QLearning", "Step", "TabularAgent"]
