"""PPO: GAE against its definition, the clipped loss and its gradients against torch, CartPole."""

import gymnasium as gym
import numpy as np
import pytest
import torch
from scratch_rl import evaluate
from scratch_rl.deep import PPO, PPOConfig, generalized_advantages


def test_gae_equals_the_discounted_sum_of_td_errors(rng):
    T, gamma, lam = 12, 0.9, 0.8
    rewards, values, next_values = rng.standard_normal(T), rng.standard_normal(T), rng.standard_normal(T)
    dones = np.zeros(T)
    dones[[4, 9]] = 1
    advantages, returns = generalized_advantages(rewards, values, next_values, dones, gamma, lam)
    deltas = rewards + gamma * next_values * (1 - dones) - values
    for t in range(T):
        expected, weight = 0.0, 1.0
        for k in range(t, T):  # sum_k (gamma lambda)^(k - t) delta_k up to the episode's end
            expected += weight * deltas[k]
            if dones[k]:
                break
            weight *= gamma * lam
        assert advantages[t] == pytest.approx(expected, abs=1e-12)
    np.testing.assert_allclose(returns, advantages + values)


def _torch_copy(network):
    layers = []
    for layer in network:
        if type(layer).__name__ == "Linear":
            linear = torch.nn.Linear(layer.in_features, layer.out_features)
            linear.load_state_dict({k: torch.from_numpy(v.data.copy()) for k, v in layer.state_dict().items()})
            layers.append(linear)
        else:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def test_clipped_loss_and_gradients_equal_torchs(rng):
    config = PPOConfig(hidden_sizes=(8,), clip_range=0.1, entropy_coefficient=0.05, value_coefficient=0.7)
    agent = PPO(gym.make("CartPole-v1"), config, seed=0)
    actor, critic = _torch_copy(agent.actor), _torch_copy(agent.critic)
    B = 16
    observations = rng.standard_normal((B, 4)).astype(np.float32)
    actions = rng.integers(0, 2, B)
    old = (np.log(rng.uniform(0.2, 0.8, B))).astype(np.float32)  # ratios far from 1: clipping is active
    advantages, returns = rng.standard_normal(B), rng.standard_normal(B)
    total, _ = agent.loss(observations, actions, old, advantages, returns)
    total.backward()

    states = torch.from_numpy(observations)
    log_p = torch.log_softmax(actor(states), dim=1)
    ratio = (log_p[torch.arange(B), torch.from_numpy(actions)] - torch.from_numpy(old)).exp()
    a = torch.from_numpy(advantages.astype(np.float32))
    a = (a - a.mean()) / (a.std(correction=0) + 1e-8)
    policy_loss = -torch.min(ratio * a, ratio.clamp(0.9, 1.1) * a).mean()
    value_loss = ((critic(states)[:, 0] - torch.from_numpy(returns.astype(np.float32))) ** 2).mean()
    entropy = -(log_p.exp() * log_p).sum(dim=1).mean()
    expected = policy_loss + 0.7 * value_loss - 0.05 * entropy
    expected.backward()
    assert total.item() == pytest.approx(expected.item(), rel=1e-5)
    for ours, theirs in ((agent.actor, actor), (agent.critic, critic)):
        for (name, parameter), (_, twin) in zip(ours.named_parameters(), theirs.named_parameters()):
            np.testing.assert_allclose(parameter.grad.data, twin.grad.numpy(), rtol=1e-4, atol=1e-6, err_msg=name)


def test_short_seeded_cartpole_run_learns():
    agent = PPO(gym.make("CartPole-v1"), seed=0)
    history = agent.learn(10_240)  # 20 rollouts of 512 steps, about 10 s
    returns = np.array(history.episode_returns)
    assert returns[:20].mean() < 40  # random play scores about 22
    assert evaluate(agent.predict, gym.make("CartPole-v1"), 5, seed=3).mean() > 150


def test_bad_config_is_refused():
    with pytest.raises(ValueError, match="clip_range"):
        PPOConfig(clip_range=0)
    with pytest.raises(ValueError, match="gae_lambda"):
        PPOConfig(gae_lambda=1.5)
    with pytest.raises(ValueError, match="Discrete action"):
        PPO(gym.make("Pendulum-v1"))
