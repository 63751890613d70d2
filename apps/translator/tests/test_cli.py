"""The translator CLI end to end on a small corpus written here (number sentences, English<TAB>Spanish).

One tiny model is trained once for the module (a few seconds); the tests then translate from
arguments, stdin and the interactive prompt, evaluate (its BLEU equal to sacrebleu's on the same
translations), resume training, and check the error messages for missing or mismatched files.
"""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sacrebleu
from translator.cli import main

ENGLISH = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
SPANISH = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
APP = Path(__file__).resolve().parents[1]
TRAIN_ARGS = ["--limit", "400", "--validation-size", "10", "--test-size", "20", "--vocab-size", "300",
              "--d-model", "64", "--heads", "4", "--layers", "1", "--feedforward", "128", "--dropout", "0.0",
              "--max-tokens", "600", "--lr", "3e-3", "--warmup", "30", "--bleu-sentences", "10"]


def write_corpus(path, count=300, seed=0):
    rng = np.random.default_rng(seed)
    lines = set()
    while len(lines) < count:
        numbers = rng.integers(0, 10, rng.integers(1, 4))
        english = " ".join(ENGLISH[n] for n in numbers).capitalize() + "."
        spanish = " ".join(SPANISH[n] for n in numbers).capitalize() + "."
        lines.add(f"{english}\t{spanish}\n")
    path.write_text("".join(sorted(lines)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("translator")
    corpus = write_corpus(root / "spa.txt")
    checkpoint = root / "run"
    code = main(["train", "-c", str(checkpoint), "--data", str(corpus), "--epochs", "6", *TRAIN_ARGS])
    assert code == 0
    return checkpoint, corpus


def test_train_writes_a_complete_checkpoint(trained):
    checkpoint, _ = trained
    names = {p.name for p in checkpoint.iterdir()}
    assert {"config.json", "tokenizer.json", "model.safetensors", "optimizer.safetensors", "trainer.json",
            "checkpoint.json", "test.tsv", "ATTRIBUTION.txt"} <= names
    history = json.loads((checkpoint / "trainer.json").read_text())["trainer"]["history"]
    assert len(history) == 6
    assert all("validation_loss" in epoch and "validation_bleu" in epoch for epoch in history)
    assert history[-1]["validation_loss"] < history[0]["validation_loss"]


def test_translate_from_arguments_and_stdin(trained, capsys, monkeypatch):
    checkpoint, _ = trained
    assert main(["translate", "-c", str(checkpoint), "Two three.", "Five."]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(lines)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Two three.\n\nFive.\n"))
    assert main(["translate", "-c", str(checkpoint), "--beam", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and out[1] == ""


def test_interactive_prompt(trained, capsys, monkeypatch):
    checkpoint, _ = trained
    monkeypatch.setattr(sys, "stdin", io.StringIO("One.\nTwo one.\n\n"))
    assert main(["translate", "-c", str(checkpoint), "--interactive"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert "Type a sentence" in captured.err


def test_evaluate_reports_sacrebleu_s_score(trained, capsys):
    checkpoint, _ = trained
    assert main(["evaluate", "-c", str(checkpoint), "--samples", "3"]) == 0
    out = capsys.readouterr().out
    reported = float(re.search(r"BLEU = ([0-9.]+)", out).group(1))
    assert out.count("  en:   ") == 3
    test = [line.split("\t") for line in (checkpoint / "test.tsv").read_text().splitlines()]
    sources = list(dict.fromkeys(source for source, _ in test))
    references = {source: [target for s, target in test if s == source] for source in sources}
    assert main(["translate", "-c", str(checkpoint), *sources]) == 0
    hypotheses = capsys.readouterr().out.splitlines()
    width = max(len(refs) for refs in references.values())
    streams = [[references[s][k] if k < len(references[s]) else None for s in sources] for k in range(width)]
    assert abs(sacrebleu.corpus_bleu(hypotheses, streams).score - reported) <= 0.01


def test_resume_continues_the_run(trained, tmp_path, capsys):
    checkpoint, corpus = trained
    copy = tmp_path / "run"
    copy.mkdir()
    for path in checkpoint.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    assert main(["train", "-c", str(copy), "--data", str(corpus), "--resume", "--epochs", "7"]) == 0
    assert "resumed at epoch 7" in capsys.readouterr().err
    history = json.loads((copy / "trainer.json").read_text())["trainer"]["history"]
    assert [epoch["epoch"] for epoch in history] == list(range(7))


def test_errors_are_one_clear_line(trained, tmp_path, capsys):
    checkpoint, corpus = trained
    assert main(["translate", "-c", str(tmp_path / "none"), "Hi."]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["train", "-c", str(checkpoint), "--data", str(corpus)]) == 2
    assert "pass --resume" in capsys.readouterr().err
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in checkpoint.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    (broken / "model.safetensors").write_bytes((broken / "model.safetensors").read_bytes()[:-10])
    assert main(["evaluate", "-c", str(broken)]) == 2
    assert "model.safetensors does not match checkpoint.json" in capsys.readouterr().err
    (broken / "tokenizer.json").unlink()
    assert main(["translate", "-c", str(broken), "Hi."]) == 2
    assert "missing tokenizer.json" in capsys.readouterr().err
    other = write_corpus(tmp_path / "other.txt", seed=1)
    assert main(["train", "-c", str(checkpoint), "--data", str(other), "--resume"]) == 2
    assert "not the corpus this checkpoint was trained on" in capsys.readouterr().err
    assert main(["train", "-c", str(tmp_path / "x"), "--data", str(tmp_path / "absent.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_runs_as_uv_run_apps_translator():
    result = subprocess.run([sys.executable, str(APP), "translate", "--help"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and "interactive" in result.stdout
