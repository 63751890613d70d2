"""Tabular control: agents reach the optimal policy (value iteration is the reference)."""

import numpy as np
import pytest
from scratch_rl import planning
from scratch_rl.envs import GridWorld
from scratch_rl.evaluation import evaluate
from scratch_rl.schedules import ConstantSchedule, ExponentialSchedule, LinearSchedule
from scratch_rl.tabular import SARSA, ExpectedSARSA, MonteCarloControl, QLearning

DETERMINISTIC_LEVELS = [
    "S...\n.#O.\n...G",
    "S.O..\n.#..#\n...O.\n.#...\n..O.G",
    None,  # the default 8x8 level, with ice made non-slippery
]


def _greedy_return(agent, env):
    return evaluate(lambda s: int(np.argmax(agent.q[s])), env, episodes=1, seed=0, max_steps=200)[0]


@pytest.mark.parametrize("layout", DETERMINISTIC_LEVELS)
def test_q_learning_reaches_the_optimal_policy_on_deterministic_levels(layout):
    env = GridWorld(layout, slip_probability=0.0)
    gamma = 0.95
    plan = planning.value_iteration(env.P, gamma=gamma)
    agent = QLearning.for_env(env, learning_rate=0.5, gamma=gamma,
                              epsilon=LinearSchedule(1.0, 0.1, 300), seed=0)
    agent.train(env, episodes=600, seed=0)
    # the greedy policy, followed from the start, takes optimal actions all the way to the goal
    optimal = planning.optimal_action_mask(plan.q_values, atol=1e-6)
    state, steps = env.reset(seed=0)[0], 0
    while True:
        action = agent.act(state, greedy=True)
        assert optimal[state, action], f"non-optimal action {action} in state {state}"
        state, _, terminated, _, _ = env.step(action)
        steps += 1
        if terminated:
            break
        assert steps < 100
    assert env.level.surfaces[env.position()] == 4  # on the goal
    # and Q there equals the optimal values (deterministic: every TD target is exact at the fixpoint)
    np.testing.assert_allclose(agent.state_values()[env.start_state], plan.values[env.start_state], atol=1e-3)


@pytest.mark.parametrize("agent_class", [SARSA, ExpectedSARSA, MonteCarloControl])
def test_other_agents_learn_to_reach_the_goal(agent_class):
    env = GridWorld("S.O..\n.#..#\n...O.\n.#...\n..O.G", slip_probability=0.0)
    plan = planning.value_iteration(env.P, gamma=0.95)
    kwargs = {} if agent_class is MonteCarloControl else {"learning_rate": 0.5}
    agent = agent_class.for_env(env, gamma=0.95, epsilon=LinearSchedule(1.0, 0.05, 800), seed=1, **kwargs)
    agent.train(env, episodes=1200, seed=0)
    optimal_return = evaluate(lambda s: int(plan.policy[s]), env, episodes=1, seed=0, max_steps=200)[0]
    assert _greedy_return(agent, env) == pytest.approx(optimal_return, abs=1e-9)


def test_sarsa_is_safer_than_q_learning_on_a_cliff():
    """The classic cliff walk (Sutton & Barto, example 6.6): under constant epsilon, SARSA's
    online returns beat Q-learning's because it learns the path away from the edge."""
    layout = "......\n......\nSOOOOG"
    returns = {}
    for agent_class in (QLearning, SARSA):
        env = GridWorld(layout, slip_probability=0.0, hole_reward=-1.0, step_cost=0.01)
        agent = agent_class.for_env(env, learning_rate=0.5, gamma=1.0, epsilon=0.1, seed=0)
        returns[agent_class] = agent.train(env, episodes=500, seed=0)[100:].mean()
    assert returns[SARSA] > returns[QLearning]


def test_same_seed_same_q_table():
    def q_table():
        env = GridWorld(slip_probability=0.3)
        agent = QLearning.for_env(env, epsilon=0.2, seed=4)
        agent.train(env, 50, seed=4)
        return agent.q

    np.testing.assert_array_equal(q_table(), q_table())


def test_expected_sarsa_target_uses_the_epsilon_greedy_mean():
    agent = ExpectedSARSA(2, 2, learning_rate=1.0, gamma=1.0, epsilon=0.5, seed=0)
    agent.q[1] = [0.0, 4.0]
    agent.learn_step(0, 0, 1.0, 1, None, terminated=False)
    assert agent.q[0, 0] == pytest.approx(1.0 + 0.25 * 0.0 + 0.75 * 4.0)


def test_first_visit_monte_carlo_averages_first_visit_returns():
    agent = MonteCarloControl(2, 2, gamma=0.5, epsilon=0.0)
    agent.learn_episode([(0, 1, 1.0), (1, 0, 0.0), (0, 1, 2.0)])  # (0, 1) visited twice
    assert agent.q[0, 1] == pytest.approx(1.0 + 0.5 * 0.0 + 0.25 * 2.0)  # only the first visit
    assert agent.q[1, 0] == pytest.approx(0.0 + 0.5 * 2.0)
    agent.learn_episode([(0, 1, 0.0)])
    assert agent.q[0, 1] == pytest.approx((1.5 + 0.0) / 2)


def test_schedules_follow_their_formulas():
    linear = LinearSchedule(1.0, 0.1, 10)
    assert [linear(t) for t in (0, 5, 10, 50)] == pytest.approx([1.0, 0.55, 0.1, 0.1])
    exponential = ExponentialSchedule(1.0, 0.05, 0.5)
    assert [exponential(t) for t in (0, 1, 3, 20)] == pytest.approx([1.0, 0.5, 0.125, 0.05])
    assert ConstantSchedule(0.3)(1000) == 0.3
    with pytest.raises(ValueError, match="end <= start"):
        LinearSchedule(0.1, 0.5, 10)
    with pytest.raises(ValueError, match="probability"):
        ConstantSchedule(1.5)


def test_bad_agent_arguments_are_refused():
    with pytest.raises(ValueError, match="learning_rate"):
        QLearning(4, 2, learning_rate=0.0)
    with pytest.raises(ValueError, match="gamma"):
        SARSA(4, 2, gamma=2.0)
    with pytest.raises(ValueError, match="positive"):
        QLearning(0, 2)
