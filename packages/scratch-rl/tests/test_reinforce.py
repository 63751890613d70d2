"""REINFORCE with a baseline: returns computed right, gradients equal torch's, CartPole improves."""

import gymnasium as gym
import numpy as np
import torch
from scratch_rl.deep import Reinforce, ReinforceConfig


def test_discounted_returns_are_computed_backwards():
    agent = Reinforce(gym.make("CartPole-v1"), ReinforceConfig(gamma=0.5), seed=0)
    np.testing.assert_allclose(agent.discounted_returns([1.0, 0.0, 2.0]), [1.5, 1.0, 2.0])


def test_one_update_equals_torchs():
    config = ReinforceConfig(hidden_sizes=(8,), policy_learning_rate=1e-2, baseline_learning_rate=1e-2,
                             gamma=0.9)
    agent = Reinforce(gym.make("CartPole-v1"), config, seed=0)
    twins = []
    for network in (agent.policy, agent.baseline):
        twin = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, network[2].out_features))
        twin.load_state_dict({k: torch.from_numpy(v.data.copy()) for k, v in network.state_dict().items()})
        twins.append(twin)
    policy, baseline = twins
    rng = np.random.default_rng(0)
    observations = rng.standard_normal((6, 4)).astype(np.float32)
    actions, rewards = rng.integers(0, 2, 6), [1.0] * 6
    agent.update(observations, actions, rewards)

    states = torch.from_numpy(observations)
    returns = torch.from_numpy(agent.discounted_returns(rewards).astype(np.float32))
    values = baseline(states)[:, 0]
    advantages = returns - values.detach()
    advantages = (advantages - advantages.mean()) / (advantages.std(correction=0) + 1e-8)
    log_probabilities = torch.log_softmax(policy(states), dim=1)[torch.arange(6), torch.from_numpy(actions)]
    for net, loss in ((policy, -(log_probabilities * advantages).mean()), (baseline, ((values - returns) ** 2).mean())):
        optimizer = torch.optim.Adam(net.parameters(), lr=1e-2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    for ours, theirs in ((agent.policy, policy), (agent.baseline, baseline)):
        for name, value in ours.state_dict().items():
            np.testing.assert_allclose(value.data, theirs.state_dict()[name].numpy(), rtol=1e-4, atol=1e-5)


def test_cartpole_returns_rise_in_a_short_seeded_run():
    agent = Reinforce(gym.make("CartPole-v1"), seed=3)
    returns = np.array(agent.learn(200).episode_returns)  # about 2 s; seed 3 ends near 240
    assert returns[:30].mean() < 40  # it starts near random play (about 22)
    assert returns[-30:].mean() > 100, returns[-30:]
