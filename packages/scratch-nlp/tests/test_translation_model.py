"""Seq2SeqTransformer, its masks and positional encodings, against torch (the oracle).

The torch mirror below is the same architecture written with torch.nn (torch.nn.Transformer,
Embedding, the same tied projection); our state_dict loads into it unchanged (torch's names),
so logits are compared on the same weights. Tolerance: 1e-4 absolute on float32 logits
(float32 sums in another order), 1e-3 on the loss's gradients relative to their size.
"""

import math

import numpy as np
import pytest
import scratch_nn as snn
import torch
from scratch_nlp.translation import (
    Seq2SeqConfig,
    Seq2SeqTransformer,
    causal_mask,
    padding_mask,
    sinusoidal_positional_encoding,
)

CONFIG = Seq2SeqConfig(vocab_size=50, d_model=32, nhead=4, num_encoder_layers=2, num_decoder_layers=2,
                       dim_feedforward=48, dropout=0.0, max_length=12)


class TorchSeq2Seq(torch.nn.Module):
    """The same model in torch: what scratch_nlp.translation.model does, line for line."""

    def __init__(self, config):
        super().__init__()
        self.config = config
        self.transformer = torch.nn.Transformer(config.d_model, config.nhead, config.num_encoder_layers,
                                                config.num_decoder_layers, config.dim_feedforward, config.dropout,
                                                batch_first=True, norm_first=config.norm_first)
        self.embedding = torch.nn.Embedding(config.vocab_size, config.d_model, padding_idx=config.pad_id)
        table = torch.from_numpy(sinusoidal_positional_encoding(config.max_length, config.d_model))
        self.register_buffer("positional_encoding", table, persistent=False)

    def embed(self, ids):
        return self.embedding(ids) * math.sqrt(self.config.d_model) + self.positional_encoding[: ids.shape[1]]

    def forward(self, src, tgt_in):
        source_padding = src == self.config.pad_id
        memory = self.transformer.encoder(self.embed(src), src_key_padding_mask=source_padding)
        mask = torch.nn.Transformer.generate_square_subsequent_mask(tgt_in.shape[1], dtype=torch.bool)
        hidden = self.transformer.decoder(self.embed(tgt_in), memory, tgt_mask=mask, tgt_is_causal=True,
                                          memory_key_padding_mask=source_padding)
        return hidden @ self.embedding.weight.T


def random_batch(rng, batch=4, config=CONFIG):
    """Source and target ids with padding at the ends of some rows."""
    src = rng.integers(3, config.vocab_size, (batch, 7))
    tgt = rng.integers(3, config.vocab_size, (batch, 6))
    src[1, 4:] = config.pad_id
    src[2, 2:] = config.pad_id
    tgt[0, :] = np.r_[config.bos_id, tgt[0, 1:]]
    return src, tgt


def test_sinusoidal_encoding_is_the_paper_formula():
    table = sinusoidal_positional_encoding(10, 6)
    for pos in range(10):
        for i in range(3):
            assert table[pos, 2 * i] == pytest.approx(math.sin(pos / 10000 ** (2 * i / 6)), abs=1e-6)
            assert table[pos, 2 * i + 1] == pytest.approx(math.cos(pos / 10000 ** (2 * i / 6)), abs=1e-6)
    assert sinusoidal_positional_encoding(4, 5).shape == (4, 5)


def test_masks_follow_torch_conventions():
    assert padding_mask([[5, 7, 0], [0, 1, 2]], 0).data.tolist() == [[False, False, True], [True, False, False]]
    expected = torch.nn.Transformer.generate_square_subsequent_mask(4, dtype=torch.bool).numpy()
    np.testing.assert_array_equal(causal_mask(4).data, expected)
    with pytest.raises(ValueError, match="batch, length"):
        padding_mask([1, 2], 0)


@pytest.mark.filterwarnings("ignore:enable_nested_tensor is True")
def test_logits_and_gradients_equal_torch_on_the_same_weights(rng):
    snn.manual_seed(1)
    ours = Seq2SeqTransformer(CONFIG)
    theirs = TorchSeq2Seq(CONFIG)
    theirs.load_state_dict({name: torch.from_numpy(value.data.copy()) for name, value in ours.state_dict().items()})
    src, tgt = random_batch(rng)
    tgt_out = np.roll(tgt, -1, axis=1)
    logits, loss = ours(snn.tensor(src), snn.tensor(tgt), snn.tensor(tgt_out), label_smoothing=0.1)
    assert logits.shape == (4, 6, CONFIG.vocab_size)
    torch_logits = theirs(torch.from_numpy(src), torch.from_numpy(tgt))
    np.testing.assert_allclose(logits.data, torch_logits.detach().numpy(), atol=1e-4)
    torch_loss = torch.nn.functional.cross_entropy(torch_logits.reshape(-1, CONFIG.vocab_size),
                                                   torch.from_numpy(tgt_out).reshape(-1),
                                                   ignore_index=CONFIG.pad_id, label_smoothing=0.1)
    assert loss.item() == pytest.approx(torch_loss.item(), abs=1e-5)
    loss.backward()
    torch_loss.backward()
    torch_grads = dict(theirs.named_parameters())
    for name, parameter in ours.named_parameters():
        expected = torch_grads[name].grad.numpy()
        np.testing.assert_allclose(parameter.grad.data, expected, atol=1e-3 * (np.abs(expected).max() + 1e-6))


def test_padding_and_future_tokens_do_not_leak(rng):
    model = Seq2SeqTransformer(CONFIG).eval()
    src, tgt = random_batch(rng)
    with snn.no_grad():
        base = model(snn.tensor(src), snn.tensor(tgt))[0].data
        longer = np.concatenate([src, np.full((4, 3), CONFIG.pad_id)], axis=1)  # extra padding columns
        np.testing.assert_allclose(model(snn.tensor(longer), snn.tensor(tgt))[0].data, base, atol=1e-5)
        future = tgt.copy()
        future[:, 4:] = 9  # changing positions 4.. must not move the logits at positions 0..3
        moved = model(snn.tensor(src), snn.tensor(future))[0].data
        np.testing.assert_allclose(moved[:, :4], base[:, :4], atol=1e-5)
        assert not np.allclose(moved[:, 4:], base[:, 4:])


def test_embeddings_are_tied_and_padding_row_is_zero():
    model = Seq2SeqTransformer(CONFIG)
    names = [name for name, _ in model.named_parameters()]
    assert "embedding.weight" in names and not any("generator" in name or "lm_head" in name for name in names)
    assert np.all(model.embedding.weight.data[CONFIG.pad_id] == 0)


@pytest.mark.parametrize("overrides, match", [
    ({"d_model": 30, "nhead": 4}, "divisible"),
    ({"dropout": 1.0}, "dropout"),
    ({"pad_id": 1}, "distinct"),
    ({"vocab_size": 0}, "positive"),
])
def test_bad_config_is_refused(overrides, match):
    values = {"vocab_size": 50, **overrides}
    with pytest.raises(ValueError, match=match):
        Seq2SeqConfig(**values)


def test_bad_ids_are_refused():
    model = Seq2SeqTransformer(CONFIG)
    with pytest.raises(ValueError, match="max_length"):
        model(snn.tensor(np.ones((1, 13), dtype=np.int64)), snn.tensor(np.ones((1, 2), dtype=np.int64)))
    with pytest.raises(ValueError, match="outside"):
        model(snn.tensor(np.array([[50]])), snn.tensor(np.array([[1]])))
    with pytest.raises(ValueError, match="integer Tensor"):
        model(snn.tensor(np.ones((1, 2))), snn.tensor(np.array([[1]])))
