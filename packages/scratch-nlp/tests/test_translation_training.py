"""Training, batching, schedules and checkpoints of scratch_nlp.translation.

The end-to-end check: a tiny Transformer overfits 50 sentence pairs and translates them back
(real Tatoeba pairs when SCRATCH_DATA_DIR holds them, else a built-in number-words corpus).
Resuming from a checkpoint must give bit-identical weights to an uninterrupted run.
"""

import functools
import hashlib
import json
import math
from pathlib import Path

import numpy as np
import pytest
import scratch_nn as snn
from scratch_nlp.datasets import SentencePair, load_tatoeba, normalize_pairs
from scratch_nlp.schedules import Noam, warmup_cosine_factor
from scratch_nlp.translation import (
    CheckpointError,
    Seq2SeqConfig,
    Seq2SeqTransformer,
    StopEvent,
    Trainer,
    TrainingConfig,
    Translator,
    encode_pairs,
    evaluate_bleu,
    length_batches,
    load_model,
    load_training_state,
    make_batch,
    save_checkpoint,
    special_ids,
    train_shared_tokenizer,
)
from scratch_nn.datasets import data_dir

ENGLISH = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
SPANISH = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]


@functools.lru_cache(maxsize=1)
def _fifty_pairs():
    """50 real Tatoeba pairs if the data is there, else 50 number sentences ("two five." -> "dos cinco.")."""
    root = data_dir()
    if Path(root, "spa-eng", "spa.txt").is_file():
        pairs = normalize_pairs(load_tatoeba("spa", root).pairs)
        rng = np.random.default_rng(0)
        return [pairs[i] for i in rng.choice(len(pairs), 50, replace=False)]
    rng = np.random.default_rng(0)
    numbers = [rng.integers(0, 10, rng.integers(1, 5)) for _ in range(50)]
    return [SentencePair(" ".join(ENGLISH[n] for n in row) + ".", " ".join(SPANISH[n] for n in row) + ".")
            for row in numbers]


def fifty_pairs():
    return list(_fifty_pairs())


def tiny_setup(pairs, vocab_size=400, dropout=0.0, seed=0):
    tokenizer = train_shared_tokenizer(pairs, vocab_size)
    config = Seq2SeqConfig(vocab_size=tokenizer.vocab_size, d_model=64, nhead=4, num_encoder_layers=1,
                           num_decoder_layers=1, dim_feedforward=128, dropout=dropout, max_length=40,
                           **special_ids(tokenizer))
    snn.manual_seed(seed)
    return tokenizer, Seq2SeqTransformer(config)


def test_tiny_model_overfits_fifty_pairs_and_translates_them_back():
    pairs = fifty_pairs()
    tokenizer, model = tiny_setup(pairs)
    examples = encode_pairs(tokenizer, pairs, model.config)
    config = TrainingConfig(epochs=70, max_tokens=1500, learning_rate=5e-3, warmup_steps=20, label_smoothing=0.0,
                            weight_decay=0.0)
    trainer = Trainer(model, config, examples)
    events = list(trainer.fit())
    assert isinstance(events[-1], StopEvent) and events[-1].reason == "epochs"
    assert trainer.history[-1]["train_loss"] < 0.1 < trainer.history[0]["train_loss"]
    translator = Translator(model, tokenizer)
    sources = [pair.source for pair in pairs]
    greedy = translator.translate(sources, beam_size=1)
    assert sum(h == p.target for h, p in zip(greedy, pairs)) >= 45
    score, _ = evaluate_bleu(translator, sources, [[p.target] for p in pairs], beam_size=4)
    assert score.score > 90


def test_resume_from_a_checkpoint_equals_an_uninterrupted_run(tmp_path):
    pairs = fifty_pairs()[:12]
    config = TrainingConfig(epochs=2, max_tokens=60, learning_rate=1e-3, warmup_steps=3, seed=4)

    tokenizer, straight = tiny_setup(pairs, 300, dropout=0.1, seed=1)
    examples = encode_pairs(tokenizer, pairs, straight.config)
    straight_trainer = Trainer(straight, config, examples)
    list(straight_trainer.fit())

    _, first = tiny_setup(pairs, 300, dropout=0.1, seed=1)
    first_trainer = Trainer(first, config, examples)
    for event in first_trainer.fit():
        if first_trainer.step == 3:  # stop mid-epoch
            break
    save_checkpoint(tmp_path, first, tokenizer, config, first_trainer)

    resumed, resumed_tokenizer, saved = load_model(tmp_path)
    assert saved["training"] == config.to_dict()
    resumed_trainer = Trainer(resumed, config, encode_pairs(resumed_tokenizer, pairs, resumed.config))
    load_training_state(tmp_path, resumed_trainer)
    # subtle: where step 3 falls (which epoch, which batch) depends on the corpus: the number
    # sentences used without the Tatoeba file are short, so an epoch holds fewer batches
    assert (resumed_trainer.epoch, resumed_trainer.batch, resumed_trainer.step) == (
        first_trainer.epoch, first_trainer.batch, 3)
    list(resumed_trainer.fit())
    assert resumed_trainer.step == straight_trainer.step > 3
    for (name, ours), (_, expected) in zip(resumed.state_dict().items(), straight.state_dict().items()):
        np.testing.assert_array_equal(ours.data, expected.data, err_msg=name)


def test_time_budget_stops_training():
    pairs = fifty_pairs()[:10]
    tokenizer, model = tiny_setup(pairs, 300)
    trainer = Trainer(model, TrainingConfig(epochs=1000, max_tokens=200, max_minutes=1e-6),
                      encode_pairs(tokenizer, pairs, model.config))
    events = list(trainer.fit())
    assert events[-1].reason == "time" and trainer.step == 1


def saved_checkpoint(tmp_path, with_trainer=True):
    pairs = fifty_pairs()[:10]
    tokenizer, model = tiny_setup(pairs, 300)
    config = TrainingConfig(epochs=1, max_tokens=200)
    trainer = Trainer(model, config, encode_pairs(tokenizer, pairs, model.config))
    save_checkpoint(tmp_path, model, tokenizer, config, trainer if with_trainer else None)
    return tokenizer, model, trainer


def test_checkpoint_round_trip_translates_the_same(tmp_path):
    tokenizer, model, _ = saved_checkpoint(tmp_path)
    loaded = Translator.from_checkpoint(tmp_path)
    texts = ["one two.", "Where is Tom?"]
    assert loaded.translate(texts, beam_size=2) == Translator(model, tokenizer).translate(texts, beam_size=2)


def test_missing_checkpoint_files_are_named(tmp_path):
    saved_checkpoint(tmp_path)
    (tmp_path / "model.safetensors").unlink()
    with pytest.raises(CheckpointError, match="missing model.safetensors"):
        load_model(tmp_path)
    with pytest.raises(CheckpointError, match="does not exist"):
        load_model(tmp_path / "nowhere")


def test_a_checkpoint_without_training_state_cannot_be_resumed(tmp_path):
    _, _, trainer = saved_checkpoint(tmp_path, with_trainer=False)
    load_model(tmp_path)  # translating works
    with pytest.raises(CheckpointError, match="cannot be resumed"):
        load_training_state(tmp_path, trainer)


def test_files_from_different_saves_are_refused(tmp_path):
    saved_checkpoint(tmp_path / "a")
    pairs = fifty_pairs()[10:20]
    tokenizer, model = tiny_setup(pairs, 320)
    save_checkpoint(tmp_path / "b", model, tokenizer)
    (tmp_path / "a" / "tokenizer.json").write_bytes((tmp_path / "b" / "tokenizer.json").read_bytes())
    with pytest.raises(CheckpointError, match="tokenizer.json does not match checkpoint.json"):
        load_model(tmp_path / "a")


def test_config_that_does_not_fit_the_weights_is_refused(tmp_path):
    saved_checkpoint(tmp_path)
    config = json.loads((tmp_path / "config.json").read_text())
    config["model"]["dim_feedforward"] = 96
    (tmp_path / "config.json").write_text(json.dumps(config))
    manifest = json.loads((tmp_path / "checkpoint.json").read_text())  # a consistent-looking but wrong save
    manifest["files"]["config.json"] = hashlib.sha256((tmp_path / "config.json").read_bytes()).hexdigest()
    (tmp_path / "checkpoint.json").write_text(json.dumps(manifest))
    with pytest.raises(CheckpointError, match="(?s)does not fit config.json.s model.*size mismatch"):
        load_model(tmp_path)


def test_length_batches_cover_every_example_once_under_the_token_budget(rng):
    examples = [([5] * int(rng.integers(1, 9)) + [2], [1] + [6] * int(rng.integers(1, 9)) + [2]) for _ in range(200)]
    batches = length_batches(examples, max_tokens=64, pad_id=0, seed=3)
    assert sum(len(b.src) for b in batches) == 200
    for batch in batches:
        assert batch.src.size <= 64 and batch.tgt_in.size <= 64
        assert np.all(batch.tgt_in[:, 0] == 1)
    again = length_batches(examples, max_tokens=64, pad_id=0, seed=3)
    assert all(np.array_equal(a.src, b.src) for a, b in zip(batches, again))
    with pytest.raises(ValueError, match="below the longest"):
        length_batches(examples, max_tokens=5, pad_id=0)


def test_make_batch_shifts_the_target():
    batch = make_batch([([7, 2], [1, 8, 9, 2]), ([7, 7, 7, 2], [1, 8, 2])], pad_id=0)
    assert batch.src.tolist() == [[7, 2, 0, 0], [7, 7, 7, 2]]
    assert batch.tgt_in.tolist() == [[1, 8, 9], [1, 8, 2]]
    assert batch.tgt_out.tolist() == [[8, 9, 2], [8, 2, 0]]


def test_schedules():
    noam = Noam(100)
    assert noam(99) == pytest.approx(1.0) and noam(0) == pytest.approx(0.01)
    assert noam(399) == pytest.approx(math.sqrt(100 / 400))
    cosine = warmup_cosine_factor(10, 110, floor=0.1)
    assert cosine(4) == pytest.approx(0.5) and cosine(9) == pytest.approx(1.0)
    assert cosine(59) == pytest.approx(0.55) and cosine(500) == pytest.approx(0.1)
    with pytest.raises(ValueError, match="warmup_steps < total_steps"):
        warmup_cosine_factor(10, 5)
