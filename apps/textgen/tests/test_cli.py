"""textgen end to end on a small text: train (char and BPE), resume, generate, eval, and errors."""

import io
import math
import re

import pytest
from textgen.cli import main

TINY = ["--n-layer", "1", "--n-head", "2", "--n-embd", "32", "--block-size", "16", "--batch-size", "8",
        "--eval-iters", "2"]


@pytest.fixture
def text_file(tmp_path):
    lines = ["To be, or not to be, that is the question.", "Whether 'tis nobler in the mind to suffer",
             "The slings and arrows of outrageous fortune,", "Or to take arms against a sea of troubles."]
    path = tmp_path / "poem.txt"
    path.write_text("\n".join(lines * 25), encoding="utf-8")
    return path


def run(*argv):
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def test_char_model_trains_generates_and_reports_perplexity(text_file, tmp_path):
    run_dir = tmp_path / "run"
    status, out = run("train", "--data", str(text_file), "--out", str(run_dir), "--max-iters", "60",
                      "--eval-interval", "20", "--sample-interval", "30", "--sample-tokens", "20", "--lr", "1e-2",
                      *TINY)
    assert status == 0, out
    losses = [float(v) for v in re.findall(r"val loss (\d+\.\d+)", out)]
    assert len(losses) == 5 and losses[-2] < losses[0] - 1.0  # it learns
    assert "--- sample at iter 30 ---" in out
    assert {"model.safetensors", "optimizer.safetensors", "checkpoint.json", "tokenizer.json"} <= {
        p.name for p in run_dir.iterdir()}

    status, first = run("generate", "--run", str(run_dir), "--prompt", "To be", "--max-new-tokens", "40")
    assert status == 0 and first.startswith("To be") and len(first.rstrip("\n")) == 45
    assert run("generate", "--run", str(run_dir), "--prompt", "To be", "--max-new-tokens", "40")[1] == first
    status, greedy = run("generate", "--run", str(run_dir), "--prompt", "To be", "--greedy", "--num-samples", "2")
    assert status == 0 and greedy.count("--- sample") == 2

    status, out = run("eval", "--run", str(run_dir))
    loss, perplexity = map(float, re.search(r"loss (\d+\.\d+), perplexity (\d+\.\d+)", out).groups())
    assert status == 0 and perplexity == pytest.approx(math.exp(loss), rel=1e-3)
    assert abs(loss - losses[-1]) < 0.5  # the whole split, close to the sampled estimate


def test_bpe_model_and_resume(text_file, tmp_path):
    run_dir = tmp_path / "bpe"
    args = ["train", "--data", str(text_file), "--out", str(run_dir), "--tokenizer", "bpe", "--vocab-size", "300",
            "--max-iters", "10", "--eval-interval", "5", "--sample-interval", "0", *TINY]
    status, out = run(*args)
    assert status == 0, out
    assert "bpe tokenizer with 300 ids" in out
    status, out = run(*args)
    assert status == 1  # the folder already holds a run
    status, out = run("train", "--out", str(run_dir), "--resume")
    assert status == 0 and "resuming" in out and "iteration 10/10" in out
    status, out = run("generate", "--run", str(run_dir), "--prompt", "Whether é", "--max-new-tokens", "5",
                      "--top-k", "5", "--top-p", "0.9")
    assert status == 0 and out.startswith("Whether é")


def test_errors_name_the_problem(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SCRATCH_DATA_DIR", str(tmp_path / "empty"))
    assert run("train", "--out", str(tmp_path / "r"), "--max-iters", "1")[0] == 1
    assert "tinyshakespeare" in capsys.readouterr().err
    assert run("train", "--data", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "r"))[0] == 1
    assert "no such text file" in capsys.readouterr().err
    short = tmp_path / "short.txt"
    short.write_text("abc")
    assert run("train", "--data", str(short), "--out", str(tmp_path / "r"))[0] == 1
    assert "fewer than block size" in capsys.readouterr().err
    assert run("generate", "--run", str(tmp_path / "missing"))[0] == 1
    assert "checkpoint.json" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--max-iters", "0"])
    assert exit_info.value.code == 2
