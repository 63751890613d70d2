"""--resume and Ctrl-C: a run stopped anywhere and resumed ends bit-identical to one run straight.

Equality is exact (tolerance 0) for every weight and for the history (minus wall times): the
batch order depends only on (seed, epoch), and a checkpoint carries the optimizer state and the
running sums of an unfinished epoch. Ctrl-C is a real SIGINT sent to a real `uv run`-style
process (python apps/mnist-trainer) while it trains.
"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scratch_nn as snn
from support import needs_mnist

APP = Path(__file__).resolve().parents[1]
TIMINGS = ("seconds", "images_per_second")


def assert_same_run(left, right):
    a, b = snn.load(left / "weights.safetensors"), snn.load(right / "weights.safetensors")
    assert sorted(a) == sorted(b)
    for name in a:
        np.testing.assert_array_equal(a[name].numpy(), b[name].numpy(), err_msg=name)
    history = [json.loads((run / "metrics.json").read_text())["history"] for run in (left, right)]
    strip = [[{k: v for k, v in record.items() if k not in TIMINGS} for record in h] for h in history]
    assert strip[0] == strip[1]
    opt = [snn.load(run / "optimizer.safetensors") for run in (left, right)]
    for name in opt[0]:
        np.testing.assert_array_equal(opt[0][name].numpy(), opt[1][name].numpy(), err_msg=name)


@needs_mnist
def test_resuming_at_an_epoch_boundary_equals_one_uninterrupted_run(run_cli, tmp_path):
    common = ("--limit", "1000", "--schedule", "none", "--optimizer", "sgd", "--seed", "5")
    assert run_cli("train", *common, "--epochs", "3", "--out", tmp_path / "straight")[0] == 0
    assert run_cli("train", *common, "--epochs", "2", "--out", tmp_path / "resumed")[0] == 0
    code, out, _ = run_cli("train", "--out", tmp_path / "resumed", "--resume", "--epochs", "3")
    assert code == 0 and "resuming" in out and "at epoch 3, batch 0" in out
    assert_same_run(tmp_path / "straight", tmp_path / "resumed")


@needs_mnist
def test_a_different_seed_gives_a_different_run(run_cli, tmp_path):
    # the equality above is meaningful only if runs do differ when they should
    for seed in ("1", "2"):
        assert run_cli("train", "--limit", "500", "--epochs", "1", "--seed", seed, "--out", tmp_path / seed)[0] == 0
    a, b = (snn.load(tmp_path / seed / "weights.safetensors") for seed in ("1", "2"))
    assert not np.array_equal(a["1.weight"].numpy(), b["1.weight"].numpy())


@needs_mnist
def test_ctrl_c_saves_mid_epoch_and_resume_finishes_identically(run_cli, tmp_path):
    common = ("--limit", "3000", "--epochs", "3", "--seed", "7")
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, str(APP), "train", *common, "--out", str(tmp_path / "stopped")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
    lines = []
    for line in process.stdout:                  # wait for the first epoch's summary, then Ctrl-C
        lines.append(line)
        if line.startswith("epoch 1/3"):           # lands in epoch 2 (or, at worst, 3)
            process.send_signal(signal.SIGINT)
            break
    lines += process.stdout.readlines()
    assert process.wait(timeout=120) == 130, "".join(lines)
    output = "".join(lines)
    assert "interrupted at epoch" in output and "--resume" in output and "Traceback" not in output
    position = json.loads((tmp_path / "stopped" / "metrics.json").read_text())["position"]
    assert position["epoch"] >= 1 and (position["epoch"], position["batch"]) != (3, 0)

    code, out, _ = run_cli("train", "--out", tmp_path / "stopped", "--resume")
    assert code == 0 and f"at epoch {position['epoch'] + 1}, batch {position['batch']}" in out
    assert run_cli("train", *common, "--out", tmp_path / "straight")[0] == 0
    assert_same_run(tmp_path / "straight", tmp_path / "stopped")


@needs_mnist
def test_resuming_a_finished_run_does_nothing(run_cli, tmp_path):
    assert run_cli("train", "--limit", "300", "--epochs", "1", "--out", tmp_path / "r")[0] == 0
    before = (tmp_path / "r" / "weights.safetensors").read_bytes()
    code, out, _ = run_cli("train", "--out", tmp_path / "r", "--resume")
    assert code == 0 and "nothing to resume" in out
    assert (tmp_path / "r" / "weights.safetensors").read_bytes() == before


@needs_mnist
@pytest.mark.parametrize("args, message", [
    (("--epochs", "4"), "cosine schedule was planned for 1 epochs"),
    (("--lr", "0.1"), "--lr 0.1 differs from the run's 0.001"),
    (("--model", "cnn"), "--model cnn differs from the run's mlp"),
])
def test_resume_refuses_changed_settings(args, message, run_cli, tmp_path):
    assert run_cli("train", "--limit", "300", "--epochs", "1", "--out", tmp_path / "r")[0] == 0
    code, _, err = run_cli("train", "--out", tmp_path / "r", "--resume", *args)
    assert code == 2 and message in err


@needs_mnist
def test_a_torn_checkpoint_is_refused(run_cli, tmp_path):
    assert run_cli("train", "--limit", "300", "--epochs", "1", "--schedule", "none", "--out", tmp_path / "r")[0] == 0
    metrics_path = tmp_path / "r" / "metrics.json"
    metrics = json.loads(metrics_path.read_text())
    metrics["position"] = {"epoch": 0, "batch": 2}          # as if the crash hit between two writes
    metrics_path.write_text(json.dumps(metrics))
    code, _, err = run_cli("train", "--out", tmp_path / "r", "--resume", "--epochs", "2")
    assert code == 1 and "torn" in err and "weights.safetensors" in err
    code, _, err = run_cli("evaluate", "--run", tmp_path / "r", "--no-plots")
    assert code == 1 and "torn" in err
