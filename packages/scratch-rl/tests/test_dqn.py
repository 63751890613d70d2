"""DQN: one update equals torch's on the same weights and batch; a short CartPole run learns."""

import gymnasium as gym
import numpy as np
import pytest
import torch
from scratch_rl.deep import DQN, Batch, DQNConfig, ReplayBuffer
from scratch_rl.evaluation import evaluate


def _torch_twin(agent):
    """torch MLPs holding the same weights as the agent's online and target networks."""
    def copy(module):
        layers = []
        for layer in module:
            if type(layer).__name__ == "Linear":
                linear = torch.nn.Linear(layer.in_features, layer.out_features)
                with torch.no_grad():
                    linear.weight.copy_(torch.from_numpy(layer.weight.data.copy()))
                    linear.bias.copy_(torch.from_numpy(layer.bias.data.copy()))
                layers.append(linear)
            else:
                layers.append(torch.nn.ReLU())
        return torch.nn.Sequential(*layers)

    return copy(agent.q_network), copy(agent.target_network)


def _random_batch(rng, size=32):
    return Batch(rng.standard_normal((size, 4)).astype(np.float32), rng.integers(0, 2, size),
                 rng.standard_normal(size).astype(np.float32),
                 rng.standard_normal((size, 4)).astype(np.float32),
                 (rng.random(size) < 0.2).astype(np.float32))


@pytest.mark.parametrize("double_dqn", [True, False])
def test_one_update_equals_torchs(double_dqn, rng):
    config = DQNConfig(hidden_sizes=(16, 16), learning_rate=1e-2, double_dqn=double_dqn,
                       max_grad_norm=0.5, huber_delta=1.0, gamma=0.9)
    agent = DQN(gym.make("CartPole-v1"), config, seed=3)
    with_other_target = DQN(gym.make("CartPole-v1"), config, seed=4)  # target != online
    agent.target_network.load_state_dict(with_other_target.q_network.state_dict())
    online, target = _torch_twin(agent)
    optimizer = torch.optim.Adam(online.parameters(), lr=config.learning_rate)
    for _ in range(3):
        batch = _random_batch(rng)
        loss = agent.train_step(batch)
        # the same update in torch, written out
        next_observations = torch.from_numpy(batch.next_observations)
        with torch.no_grad():
            next_target = target(next_observations)
            best = (online(next_observations) if double_dqn else next_target).argmax(dim=1)
            bootstrap = next_target.gather(1, best[:, None])[:, 0]
            y = torch.from_numpy(batch.rewards) + 0.9 * (1 - torch.from_numpy(batch.terminated)) * bootstrap
        q = online(torch.from_numpy(batch.observations)).gather(1, torch.from_numpy(batch.actions)[:, None])[:, 0]
        torch_loss = torch.nn.functional.smooth_l1_loss(q, y)
        optimizer.zero_grad()
        torch_loss.backward()
        torch.nn.utils.clip_grad_norm_(online.parameters(), 0.5)
        optimizer.step()
        assert loss == pytest.approx(torch_loss.item(), rel=1e-5, abs=1e-6)
    for (name, ours), (torch_name, theirs) in zip(agent.q_network.state_dict().items(),
                                                  online.state_dict().items()):
        assert name == torch_name
        np.testing.assert_allclose(ours.data, theirs.numpy(), rtol=1e-4, atol=1e-5, err_msg=name)


def test_short_seeded_cartpole_run_learns():
    config = DQNConfig(hidden_sizes=(64, 64), eval_interval=4_000, eval_episodes=5,
                       learning_starts=500, exploration_fraction=0.3)
    agent = DQN(gym.make("CartPole-v1"), config, seed=0)
    history = agent.learn(12_000)
    assert history.best_mean_return >= 150, history.evaluations  # random play scores about 22
    assert history.steps == 12_000 and len(history.evaluations) == 3
    # keep_best: the agent now holds the best-evaluated weights
    evaluation_env = gym.make("CartPole-v1")
    rerun = evaluate(agent.predict, evaluation_env, 5, seed=10_000 + history.best_step).mean()
    assert rerun == pytest.approx(history.best_mean_return)


def test_same_seed_same_training():
    def run():
        agent = DQN(gym.make("CartPole-v1"), DQNConfig(hidden_sizes=(16,), learning_starts=200,
                                                       eval_interval=None), seed=7)
        history = agent.learn(1_000)
        return history.losses, agent.q_values(np.ones((1, 4), np.float32))

    (losses, q), (losses_again, q_again) = run(), run()
    assert losses == losses_again and len(losses) > 0
    np.testing.assert_array_equal(q, q_again)


def test_weights_round_trip_and_torch_reads_them(tmp_path):
    safetensors_torch = pytest.importorskip("safetensors.torch")
    agent = DQN(gym.make("CartPole-v1"), DQNConfig(hidden_sizes=(8,)), seed=1)
    path = tmp_path / "q.safetensors"
    agent.save(path)
    other = DQN(gym.make("CartPole-v1"), DQNConfig(hidden_sizes=(8,)), seed=2).load(path)
    observations = np.random.default_rng(0).standard_normal((5, 4)).astype(np.float32)
    np.testing.assert_array_equal(other.q_values(observations), agent.q_values(observations))
    twin = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2))
    twin.load_state_dict(safetensors_torch.load_file(path))
    np.testing.assert_allclose(twin(torch.from_numpy(observations)).detach().numpy(),
                               agent.q_values(observations), rtol=1e-5, atol=1e-6)


def test_missing_weights_file_is_reported(tmp_path):
    agent = DQN(gym.make("CartPole-v1"), DQNConfig(hidden_sizes=(8,)), seed=1)
    with pytest.raises(FileNotFoundError):
        agent.load(tmp_path / "absent.safetensors")


def test_replay_buffer_is_a_seeded_ring():
    buffer = ReplayBuffer(3, (2,), seed=0)
    with pytest.raises(ValueError, match="empty"):
        buffer.sample(1)
    for i in range(5):
        buffer.add(np.full(2, i), i % 2, float(i), np.full(2, i + 1), i == 4)
    assert len(buffer) == 3
    assert sorted(buffer.rewards.tolist()) == [2.0, 3.0, 4.0]  # 0 and 1 overwritten
    first = ReplayBuffer(3, (2,), seed=5)
    second = ReplayBuffer(3, (2,), seed=5)
    for b in (first, second):
        for i in range(3):
            b.add(np.full(2, i), 0, float(i), np.full(2, i), False)
    np.testing.assert_array_equal(first.sample(8).rewards, second.sample(8).rewards)


def test_dqn_refuses_what_it_cannot_learn():
    with pytest.raises(ValueError, match="Box observation"):
        DQN(gym.make("FrozenLake-v1"))
    with pytest.raises(ValueError, match="batch_size"):
        DQNConfig(batch_size=0)
    with pytest.raises(ValueError, match="Discrete action"):
        DQN(gym.make("Pendulum-v1"))
