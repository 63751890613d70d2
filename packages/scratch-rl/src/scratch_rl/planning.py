"""Dynamic programming on a known model P[s][a] -> [(prob, next_state, reward, terminated)].

Works on any env exposing gymnasium's toy-text `P` (our GridWorld, FrozenLake, Taxi, ...).
The model is first tabulated into arrays:

    R[s, a]      = sum_outcomes p r                          expected reward      (S, A)
    T[s, a, s']  = sum_outcomes p [not terminated] 1{s'}     continuing mass      (S, A, S)

so that a terminated outcome contributes its reward and no bootstrap. Then

    Q(s, a)  = R[s, a] + gamma sum_s' T[s, a, s'] V(s')          (Bellman backup)
    value iteration      V <- max_a Q(s, a) until max |dV| < theta
    policy evaluation    V = R_pi + gamma T_pi V, iteratively, or exactly as the linear system
                         (I - gamma T_pi) V = R_pi  solved by scratch_linalg.solve
    policy iteration     evaluate, act greedily, repeat until the policy is stable
"""

from dataclasses import dataclass

import numpy as np
import scratch_linalg


@dataclass
class Plan:
    values: np.ndarray  # V(s), (S,)
    q_values: np.ndarray  # Q(s, a), (S, A)
    policy: np.ndarray  # greedy action per state, (S,) int
    iterations: int  # sweeps (value iteration) or improvement steps (policy iteration)


def tabulate(P):
    """(T, R): continuing transition mass (S, A, S) and expected reward (S, A) from P."""
    if not P:
        raise ValueError("the transition model P is empty")
    n_states = len(P)
    n_actions = len(P[0])
    T = np.zeros((n_states, n_actions, n_states))
    R = np.zeros((n_states, n_actions))
    for s in range(n_states):
        if s not in P or len(P[s]) != n_actions:
            raise ValueError(f"P must map every state 0..{n_states - 1} to {n_actions} actions; state {s} does not")
        for a in range(n_actions):
            outcomes = P[s][a]
            total = sum(p for p, *_ in outcomes)
            if not np.isclose(total, 1.0, atol=1e-9):
                raise ValueError(f"P[{s}][{a}] probabilities sum to {total}, not 1")
            for p, next_state, reward, terminated in outcomes:
                R[s, a] += p * reward
                if not terminated:
                    T[s, a, next_state] += p
    return T, R


def _check_gamma(gamma):
    if not 0 <= gamma <= 1:
        raise ValueError(f"gamma must be in [0, 1], got {gamma!r}")


def _policy_matrix(policy, n_states, n_actions):
    """A deterministic (S,) action array or a stochastic (S, A) matrix -> (S, A) probabilities."""
    policy = np.asarray(policy)
    if policy.shape == (n_states,):
        if policy.min() < 0 or policy.max() >= n_actions or not np.issubdtype(policy.dtype, np.integer):
            raise ValueError(f"a deterministic policy holds integer actions in 0..{n_actions - 1}")
        return np.eye(n_actions)[policy]
    if policy.shape == (n_states, n_actions):
        if (policy < 0).any() or not np.allclose(policy.sum(axis=1), 1.0):
            raise ValueError("a stochastic policy's rows must be probabilities summing to 1")
        return policy.astype(float)
    raise ValueError(f"policy must have shape ({n_states},) or ({n_states}, {n_actions}), got {policy.shape}")


def q_from_values(T, R, values, gamma):
    """Q(s, a) = R[s, a] + gamma T[s, a, :] @ V: (S, A)."""
    return R + gamma * T @ values  # (S, A, S) @ (S,) -> (S, A)


def _expected_under(pi, T, R):
    """(R_pi (S,), T_pi (S, S)): the model averaged over the policy's action probabilities."""
    return (pi * R).sum(axis=1), np.einsum("sa,sat->st", pi, T)


def _evaluate_iteratively(T, R, pi, gamma, theta, max_iterations):
    R_pi, T_pi = _expected_under(pi, T, R)
    values = np.zeros(len(R))
    for _ in range(max_iterations):
        new_values = R_pi + gamma * T_pi @ values
        if np.max(np.abs(new_values - values)) < theta:
            return new_values
        values = new_values
    raise RuntimeError(f"policy evaluation did not converge in {max_iterations} sweeps "
                       f"(gamma={gamma}: does the policy loop forever without discount?)")


def _evaluate_exactly(T, R, pi, gamma):
    R_pi, T_pi = _expected_under(pi, T, R)
    system = np.eye(len(R)) - gamma * T_pi  # (S, S)
    return scratch_linalg.solve(system, R_pi)


def policy_evaluation(P, policy, gamma=0.99, theta=1e-10, max_iterations=100_000):
    """V_pi by repeated Bellman expectation backups (synchronous sweeps): (S,).

    `policy`: (S,) actions, or (S, A) action probabilities."""
    _check_gamma(gamma)
    T, R = tabulate(P)
    return _evaluate_iteratively(T, R, _policy_matrix(policy, *R.shape), gamma, theta, max_iterations)


def policy_evaluation_exact(P, policy, gamma=0.99):
    """V_pi as the solution of (I - gamma T_pi) V = R_pi, one scratch_linalg.solve: (S,).

    Singular when gamma = 1 and the policy can loop forever; scratch_linalg.LinAlgError then.
    """
    _check_gamma(gamma)
    T, R = tabulate(P)
    return _evaluate_exactly(T, R, _policy_matrix(policy, *R.shape), gamma)


def value_iteration(P, gamma=0.99, theta=1e-10, max_iterations=100_000):
    """The optimal values and a greedy optimal policy by value iteration; returns a Plan."""
    _check_gamma(gamma)
    T, R = tabulate(P)
    values = np.zeros(len(R))
    for iteration in range(1, max_iterations + 1):
        q_values = q_from_values(T, R, values, gamma)
        new_values = q_values.max(axis=1)
        delta = np.max(np.abs(new_values - values))
        values = new_values
        if delta < theta:
            q_values = q_from_values(T, R, values, gamma)
            return Plan(values, q_values, q_values.argmax(axis=1), iteration)
    raise RuntimeError(f"value iteration did not converge in {max_iterations} sweeps (gamma={gamma})")


def value_iteration_sweeps(P, gamma=0.99):
    """Value iteration one sweep at a time (for watching it): yields (values, greedy policy)."""
    _check_gamma(gamma)
    T, R = tabulate(P)
    values = np.zeros(len(R))
    while True:
        q_values = q_from_values(T, R, values, gamma)
        values = q_values.max(axis=1)
        yield values, q_values.argmax(axis=1)


def policy_iteration(P, gamma=0.99, exact=True, max_iterations=1_000):
    """Howard's policy iteration from the all-zeros policy; evaluation by the linear solve
    (`exact=True`) or by iterative sweeps. Improvement keeps the current action on ties, so it
    stops. Returns a Plan."""
    _check_gamma(gamma)
    T, R = tabulate(P)
    policy = np.zeros(len(R), dtype=np.int64)
    identity = np.eye(R.shape[1])
    for iteration in range(1, max_iterations + 1):
        pi = identity[policy]  # (S, A) one-hot
        values = (_evaluate_exactly(T, R, pi, gamma) if exact
                  else _evaluate_iteratively(T, R, pi, gamma, 1e-12, 100_000))
        q_values = q_from_values(T, R, values, gamma)
        best = q_values.max(axis=1)
        current = q_values[np.arange(len(policy)), policy]
        improvable = best > current + 1e-10 * np.maximum(1.0, np.abs(best))
        if not improvable.any():
            return Plan(values, q_values, policy, iteration)
        policy = np.where(improvable, q_values.argmax(axis=1), policy)
    raise RuntimeError(f"policy iteration did not stabilise in {max_iterations} steps")


def optimal_action_mask(q_values, atol=1e-8):
    """(S, A) bool: True where an action's value is within atol of the best in its state."""
    return q_values >= q_values.max(axis=1, keepdims=True) - atol
