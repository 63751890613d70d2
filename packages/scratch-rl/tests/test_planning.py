"""Dynamic programming against exact solutions (numpy.linalg as the oracle) and FrozenLake's model."""

import gymnasium as gym
import numpy as np
import pytest
from scratch_rl import planning
from scratch_rl.envs import GridWorld, Level


def _oracle_values(P, policy, gamma):
    """V_pi by numpy.linalg.solve on the Bellman system, built straight from P."""
    n = len(P)
    system, rewards = np.eye(n), np.zeros(n)
    for s in range(n):
        for p, next_state, reward, terminated in P[s][int(policy[s])]:
            rewards[s] += p * reward
            if not terminated:
                system[s, next_state] -= gamma * p
    return np.linalg.solve(system, rewards)


@pytest.mark.parametrize("slip", [0.0, 0.2, 2 / 3])
@pytest.mark.parametrize("gamma", [0.9, 0.99])
def test_value_iteration_equals_the_exact_linear_solve_of_its_policy(slip, gamma):
    env = GridWorld(slip_probability=slip)
    plan = planning.value_iteration(env.P, gamma=gamma, theta=1e-12)
    exact = planning.policy_evaluation_exact(env.P, plan.policy, gamma)
    np.testing.assert_allclose(exact, _oracle_values(env.P, plan.policy, gamma), atol=1e-10)
    np.testing.assert_allclose(plan.values, exact, atol=1e-9)


def test_value_iteration_on_our_frozenlake_equals_it_on_gymnasiums():
    lake = gym.make("FrozenLake-v1", map_name="8x8", is_slippery=True).unwrapped
    ours = GridWorld(level=Level.from_frozenlake(lake.desc), slip_probability=2 / 3,
                     goal_reward=1.0, hole_reward=0.0, step_cost=0.0)
    on_lake = planning.value_iteration(lake.P, gamma=0.99, theta=1e-12)
    on_ours = planning.value_iteration(ours.P, gamma=0.99, theta=1e-12)
    np.testing.assert_allclose(on_ours.values, on_lake.values, atol=1e-10)
    np.testing.assert_allclose(on_ours.values, _oracle_values(lake.P, on_lake.policy, 0.99), atol=1e-8)
    assert 0.3 < on_lake.values[0] < 1  # slippery FrozenLake 8x8 is won often, not always


def test_policy_iteration_finds_the_value_iteration_optimum():
    env = GridWorld(slip_probability=0.3)
    vi = planning.value_iteration(env.P, gamma=0.95, theta=1e-12)
    for exact in (True, False):
        pi = planning.policy_iteration(env.P, gamma=0.95, exact=exact)
        np.testing.assert_allclose(pi.values, vi.values, atol=1e-8)
        assert planning.optimal_action_mask(vi.q_values, atol=1e-8)[np.arange(env.n_states), pi.policy].all()


def test_iterative_and_exact_evaluation_agree_on_a_stochastic_policy(rng):
    env = GridWorld(slip_probability=0.4)
    policy = rng.dirichlet(np.ones(4), size=env.n_states)  # (S, A)
    np.testing.assert_allclose(planning.policy_evaluation(env.P, policy, 0.9, theta=1e-13),
                               planning.policy_evaluation_exact(env.P, policy, 0.9), atol=1e-10)


def test_terminal_states_are_worth_nothing_and_the_goal_neighbour_its_reward():
    env = GridWorld("S.G")
    plan = planning.value_iteration(env.P, gamma=0.9)
    assert plan.values[2] == 0.0
    assert plan.values[1] == pytest.approx(1.0)
    assert plan.values[0] == pytest.approx(-0.01 + 0.9 * 1.0)
    assert plan.policy[0] == plan.policy[1] == 2  # right


def test_value_iteration_sweeps_converge_to_the_plan():
    env = GridWorld(slip_probability=0.2)
    sweeps = planning.value_iteration_sweeps(env.P, gamma=0.9)
    for _ in range(400):
        values, _ = next(sweeps)
    np.testing.assert_allclose(values, planning.value_iteration(env.P, 0.9).values, atol=1e-9)


@pytest.mark.parametrize("call, message", [
    (lambda P: planning.value_iteration(P, gamma=1.5), "gamma"),
    (lambda P: planning.policy_evaluation_exact(P, np.zeros(3), 0.9), "integer actions"),
    (lambda P: planning.policy_evaluation_exact(P, np.zeros((5, 4), dtype=int), 0.9), "shape"),
    (lambda P: planning.tabulate({}), "empty"),
    (lambda P: planning.tabulate({0: {0: [(0.5, 0, 0.0, False)]}}), "sum to 0.5"),
])
def test_bad_input_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call(GridWorld("S.G").P)
