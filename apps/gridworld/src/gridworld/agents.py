"""The learners the game can show, built the same way for the window and for headless runs."""

from scratch_rl import planning
from scratch_rl.schedules import LinearSchedule
from scratch_rl.tabular import AGENTS

GAMMA = 0.97


def make_agent(name, env, episodes, seed):
    """A tabular agent whose epsilon decays from 1 to 0.05 over the first 60% of `episodes`."""
    if name not in AGENTS:
        raise ValueError(f"unknown agent {name!r}; known: {', '.join(AGENTS)}")
    epsilon = LinearSchedule(1.0, 0.05, max(1, int(0.6 * episodes)))
    kwargs = {} if name == "monte-carlo" else {"learning_rate": 0.3}
    return AGENTS[name].for_env(env, gamma=GAMMA, epsilon=epsilon, seed=seed, **kwargs)


def plan(env):
    """Value iteration on the env's model: (values (S,), greedy policy (S,))."""
    result = planning.value_iteration(env.P, gamma=GAMMA, theta=1e-9)
    return result.values, result.policy
