"""Each package installs alone, in the two forms the README gives (a path, and a git URL with a
subdirectory), brings only its declared dependencies, and works with nothing else from the
workspace present."""

import subprocess

import pytest

WORKSPACE_MODULES = ("scratch_linalg", "scratch_optim", "scratch_classic", "scratch_nn", "scratch_rl", "scratch_nlp")

NOTHING_ELSE_LEAKED = """
import importlib.util
expected = {expected!r}
present = {{m for m in {modules!r} if importlib.util.find_spec(m) is not None}}
assert present == expected, f"workspace packages present: {{sorted(present)}}, expected {{sorted(expected)}}"
"""

# package directory -> (import names it must bring, distributions it may install, code that uses it)
PACKAGES = {
    "scratch-linalg": (
        {"scratch_linalg"},
        {"scratch-linalg", "numpy"},
        """
import numpy as np, scratch_linalg
a = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
x = scratch_linalg.solve(a, np.array([5.0, 5.0, 3.0]))
assert np.allclose(x, [1.0, 1.0, 1.0], atol=1e-12), x
print("ok", x)
""",
    ),
    "scratch-optim": (
        {"scratch_linalg", "scratch_optim"},
        {"scratch-optim", "scratch-linalg", "numpy"},
        """
import numpy as np, scratch_optim
rosenbrock = lambda x: (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
result = scratch_optim.minimize(rosenbrock, np.array([-1.2, 1.0]), method="BFGS")
assert result.success and np.allclose(result.x, [1.0, 1.0], atol=1e-4), result
solution = scratch_optim.qp(np.eye(2), np.array([-1.0, -1.0]), G=np.array([[1.0, 1.0]]), h=np.array([1.0]))
assert solution["status"] == "optimal" and np.allclose(solution["x"], [0.5, 0.5], atol=1e-6), solution
print("ok", result.x, solution["x"])
""",
    ),
    "scratch-classic": (
        {"scratch_linalg", "scratch_optim", "scratch_classic"},
        # joblib (for n_jobs) brings cloudpickle along; threadpoolctl sizes KMeans' threads
        {"scratch-classic", "scratch-optim", "scratch-linalg", "numpy", "joblib", "cloudpickle",
         "threadpoolctl"},
        """
import numpy as np
from scratch_classic.linear_model import Ridge
from scratch_classic.tree import DecisionTreeClassifier
X = np.random.default_rng(0).standard_normal((50, 3))
y = X @ np.array([1.0, -2.0, 0.5]) + 3.0
model = Ridge(alpha=1e-8).fit(X, y)
assert np.allclose(model.coef_, [1.0, -2.0, 0.5], atol=1e-6) and abs(model.intercept_ - 3.0) < 1e-6
assert DecisionTreeClassifier(max_depth=2).fit(X, y > 3).score(X, y > 3) > 0.7
print("ok", model.coef_)
""",
    ),
    "scratch-nn": (
        {"scratch_linalg", "scratch_optim", "scratch_nn"},
        {"scratch-nn", "scratch-optim", "scratch-linalg", "numpy", "safetensors"},
        """
import os, tempfile
import numpy as np, scratch_nn as snn
from scratch_nn import nn
snn.manual_seed(0)
X = snn.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = snn.tensor([0, 1, 1, 0])
model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 2))
optimizer = snn.optim.Adam(model.parameters(), lr=0.05)
for _ in range(300):
    loss = nn.CrossEntropyLoss()(model(X), y)
    optimizer.zero_grad(); loss.backward(); optimizer.step()
assert (model(X).argmax(dim=1).numpy() == y.numpy()).all(), loss.item()
path = os.path.join(tempfile.mkdtemp(), "xor.safetensors")
snn.save(model.state_dict(), path)
assert set(snn.load(path)) == {"0.weight", "0.bias", "2.weight", "2.bias"}
print("ok", loss.item())
""",
    ),
    "scratch-rl": (
        {"scratch_linalg", "scratch_optim", "scratch_nn", "scratch_rl"},
        # gymnasium brings cloudpickle, farama-notifications and typing-extensions; no pygame or
        # imageio without the `render` extra
        {"scratch-rl", "scratch-nn", "scratch-optim", "scratch-linalg", "numpy", "safetensors",
         "gymnasium", "cloudpickle", "farama-notifications", "typing-extensions"},
        """
import gymnasium as gym, numpy as np, scratch_rl
from scratch_rl import planning
from scratch_rl.tabular import QLearning
env = gym.make("scratch_rl/GridWorld-v0", layout="S.O\\n...\\n#.G", slip_probability=0.0, render_mode="rgb_array")
plan = planning.value_iteration(env.unwrapped.P, gamma=0.9)
exact = planning.policy_evaluation_exact(env.unwrapped.P, plan.policy, gamma=0.9)
assert np.allclose(plan.values, exact, atol=1e-8), (plan.values, exact)
agent = QLearning.for_env(env, learning_rate=0.5, gamma=0.9, epsilon=0.3, seed=0)
agent.train(env, episodes=300, seed=0)
returns = scratch_rl.evaluate(lambda s: agent.act(s, greedy=True), env, episodes=1, seed=0)
assert np.isclose(returns[0], 1.0 - 3 * 0.01), returns
assert env.render().shape == (144, 144, 3)
from scratch_rl.deep import DQN, DQNConfig
dqn = DQN(gym.make("CartPole-v1"), DQNConfig(hidden_sizes=(16,), learning_starts=50, eval_interval=None), seed=0)
history = dqn.learn(300)
assert history.losses and np.isfinite(history.losses).all()
print("ok", plan.values[0], returns[0])
""",
    ),
    "scratch-nlp": (
        {"scratch_linalg", "scratch_optim", "scratch_nn", "scratch_nlp"},
        # no extras: the GPT-2 import from transformers is behind scratch-nlp[hf]
        {"scratch-nlp", "scratch-nn", "scratch-optim", "scratch-linalg", "numpy", "regex", "safetensors"},
        """
import os, tempfile
import numpy as np
from scratch_nlp.tokenizers import ByteLevelBPETokenizer, CharTokenizer
from scratch_nlp.gpt import GPT, GPTConfig, Trainer, TrainConfig, generate, save_checkpoint, load_model
text = "to be or not to be, that is the question. " * 30
bpe = ByteLevelBPETokenizer().train([text], vocab_size=300)
ids = bpe.encode("to be or not").ids
assert bpe.decode(ids) == "to be or not" and len(ids) < 12, ids
chars = CharTokenizer().train([text])
data = np.array(chars.encode(text).ids)
model = GPT(GPTConfig(vocab_size=chars.vocab_size, block_size=16, n_layer=1, n_head=2, n_embd=32, bias=False), seed=0)
trainer = Trainer(model, data[:1000], data[1000:], TrainConfig(batch_size=8, max_iters=60, learning_rate=1e-2,
                  min_lr=1e-3, warmup_iters=5, lr_decay_iters=60, eval_interval=60, eval_iters=2))
history = trainer.run()
assert history[-1]["val"] < history[0]["val"] - 1.0, history
directory = os.path.join(tempfile.mkdtemp(), "run")
save_checkpoint(directory, model, trainer)
restored, _ = load_model(directory)
sample = chars.decode(generate(restored, [chars.encode("to be").ids], 20, greedy=True)[0].tolist())
assert sample.startswith("to be") and len(sample) == 25, sample
print("ok", round(history[-1]["val"], 3), repr(sample))
""",
    ),
}


def normalized(names):
    return {name.lower().replace("_", "-") for name in names}


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_path_install_works_alone(fresh_venv, repo_root, package):
    modules, distributions, usage = PACKAGES[package]
    fresh_venv.install(repo_root / "packages" / package)
    assert normalized(fresh_venv.installed()) == distributions
    fresh_venv.python(NOTHING_ELSE_LEAKED.format(expected=modules, modules=WORKSPACE_MODULES))
    assert fresh_venv.python(usage).startswith("ok")


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_git_subdirectory_install_works_alone(fresh_venv, repo_root, package):
    head = subprocess.run(["git", "-C", str(repo_root), "rev-parse", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("the repository is not a git checkout, so there is no commit to install from")
    modules, distributions, usage = PACKAGES[package]
    url = f"git+file://{repo_root}@{head.stdout.strip()}#subdirectory=packages/{package}"
    fresh_venv.install(f"{package} @ {url}")
    assert normalized(fresh_venv.installed()) == distributions
    fresh_venv.python(NOTHING_ELSE_LEAKED.format(expected=modules, modules=WORKSPACE_MODULES))
    assert fresh_venv.python(usage).startswith("ok")
