"""Attention against torch: F.scaled_dot_product_attention, F.multi_head_attention_forward,
nn.MultiheadAttention and the Transformer layers and stacks, with the same weights (torch's
state_dict loaded into ours) and inputs: outputs, then the gradients of every input and every
parameter. Tolerance: float64 1e-8, float32 1e-4 (parity / module_pairs). Dropout is checked
exactly where the output reveals the mask and statistically for the fraction dropped; SDPA's
gradient is also checked by finite differences (scratch_optim.check_grad).
"""

import math
import warnings

import numpy as np
import pytest
import safetensors.numpy
import safetensors.torch
import scratch_nn as snn
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from module_pairs import assert_module_parity, build_pair
from parity import assert_parity
from scratch_optim import check_grad

F = snn.nn.functional
TF = torch.nn.functional
DTYPES = [np.float64, np.float32]
E, HEADS, L, S, B = 8, 2, 4, 5, 3


@pytest.fixture(autouse=True, scope="module")
def _torch_on_one_thread():
    """torch's small kernels are slower with threads than without on a shared 2-core machine; one
    thread keeps this file fast. The previous setting is restored afterwards."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


# ---------------------------------------------------------------------- scaled_dot_product_attention
def _sdpa_case(name, arrays, **kwargs):
    return pytest.param(arrays, kwargs, id=name)


def _sdpa_cases():
    rng = np.random.default_rng(0)
    q, k, v = rng.standard_normal((2, 3, L, 6)), rng.standard_normal((2, 3, S, 6)), rng.standard_normal((2, 3, S, 7))
    bool_mask = rng.random((L, S)) < 0.7
    bool_mask[1] = False  # a query that may attend to nothing: output and gradient 0, as torch
    float_mask = rng.standard_normal((2, 1, L, S))
    float_mask[0, 0, 2] = -np.inf
    return [
        _sdpa_case("plain", [q, k, v]),
        _sdpa_case("causal", [q, k, v], is_causal=True),
        _sdpa_case("causal-square", [q, k[..., :L, :], v[..., :L, :]], is_causal=True),
        _sdpa_case("scale", [q, k, v], scale=0.3),
        _sdpa_case("bool-mask", [q, k, v, bool_mask]),
        _sdpa_case("float-mask-with-grad", [q, k, v, float_mask]),
        _sdpa_case("broadcast-batch", [q, k[:1], v[:1]]),
        _sdpa_case("3d", [q[0], k[0], v[0]]),
        _sdpa_case("gqa", [rng.standard_normal((2, 6, L, 6)), k, v], enable_gqa=True),
    ]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("arrays, kwargs", _sdpa_cases())
def test_scaled_dot_product_attention_matches_torch(arrays, kwargs, dtype):
    def call(function):
        return lambda q, k, v, mask=None: function(q, k, v, attn_mask=mask, **kwargs)

    assert_parity(call(F.scaled_dot_product_attention), call(TF.scaled_dot_product_attention), arrays, dtype)


@settings(max_examples=25, deadline=None)
@given(batch=st.integers(1, 3), length=st.integers(1, 6), source_length=st.integers(1, 6),
       dim=st.integers(1, 5), masked=st.booleans(), seed=st.integers(0, 2**16))
def test_sdpa_on_random_shapes_is_torchs_and_a_convex_combination_of_values(batch, length, source_length, dim,
                                                                            masked, seed):
    rng = np.random.default_rng(seed)
    q, k = rng.standard_normal((batch, length, dim)), rng.standard_normal((batch, source_length, dim))
    v = rng.standard_normal((batch, source_length, 3))
    arrays = [q, k, v] + ([rng.random((length, source_length)) < 0.6] if masked else [])
    (output,) = assert_parity(lambda *t: F.scaled_dot_product_attention(*t[:3], attn_mask=t[3] if masked else None),
                              lambda *t: TF.scaled_dot_product_attention(*t[:3], attn_mask=t[3] if masked else None),
                              arrays, np.float64)
    # each output row is a weighted average of value rows (or 0 when every key is masked)
    low, high = np.minimum(v.min(axis=1, keepdims=True), 0), np.maximum(v.max(axis=1, keepdims=True), 0)
    assert np.all(output.data >= low - 1e-12) and np.all(output.data <= high + 1e-12)


def test_sdpa_dropout_drops_a_fraction_p_and_scales_the_rest():
    """With V = I the output IS the dropped-out weight matrix P * keep / (1 - p)."""
    rng = np.random.default_rng(1)
    q, k = snn.tensor(rng.standard_normal((64, 8, 16, 4))), snn.tensor(rng.standard_normal((64, 8, 16, 4)))
    identity = snn.tensor(np.broadcast_to(np.eye(16), (64, 8, 16, 16)).copy(), requires_grad=True)
    weights = F.scaled_dot_product_attention(q, k, identity).data  # P
    generator = snn.Generator().manual_seed(3)
    dropped = F.scaled_dot_product_attention(q, k, identity, dropout_p=0.25, generator=generator)
    kept = dropped.data != 0
    np.testing.assert_allclose(dropped.data[kept], weights[kept] / 0.75, rtol=1e-12)
    standard_error = math.sqrt(0.25 * 0.75 / kept.size)
    assert abs((1 - kept.mean()) - 0.25) < 4 * standard_error
    upstream = rng.standard_normal(dropped.shape)
    dropped.backward(snn.tensor(upstream))  # dV = P'^T G: backward reuses the forward's mask
    np.testing.assert_allclose(identity.grad.data, np.swapaxes(dropped.data, -1, -2) @ upstream, rtol=1e-10)
    again = F.scaled_dot_product_attention(q, k, identity, dropout_p=0.25, generator=generator.manual_seed(3))
    np.testing.assert_array_equal(again.data, dropped.data)


def test_sdpa_gradient_by_finite_differences():
    rng = np.random.default_rng(2)
    point = rng.standard_normal(2 * 3 * 4 + 2 * 5 * 4 + 2 * 5 * 3)
    mask = snn.tensor(rng.random((3, 5)) < 0.8)
    weights = snn.tensor(rng.standard_normal((2, 3, 3)))

    def loss(vector):
        q, k, v = vector[:24].reshape(2, 3, 4), vector[24:64].reshape(2, 5, 4), vector[64:].reshape(2, 5, 3)
        return (F.scaled_dot_product_attention(q, k, v, attn_mask=mask) * weights).sum()

    def value(x):
        return float(loss(snn.tensor(x)).item())

    def gradient(x):
        leaf = snn.tensor(x, requires_grad=True)
        loss(leaf).backward()
        return leaf.grad.data

    error = check_grad(value, gradient, point)
    assert error < 1e-5 * max(1.0, np.linalg.norm(gradient(point)))


# ---------------------------------------------------------------------- multi_head_attention_forward
def _mha_arrays(rng, self_attention, key_padding, attn_mask):
    source = L if self_attention else S
    x, memory = rng.standard_normal((L, B, E)), rng.standard_normal((S, B, E))
    kpm = {None: None, "bool": rng.random((B, source)) < 0.3, "float": rng.standard_normal((B, source))}[key_padding]
    am = {None: None, "bool2d": rng.random((L, source)) < 0.3,
          "float3d": rng.standard_normal((B * HEADS, L, source))}[attn_mask]
    return x, memory, kpm, am


MHA_FUNCTIONAL_CASES = [  # self-attention, need_weights, average, key padding mask, attn_mask, bias_kv, zero_attn
    (True, True, True, None, None, False, False),
    (True, False, True, "bool", "bool2d", False, False),
    (False, True, False, "float", "float3d", True, False),
    (False, False, True, None, "float3d", False, True),
    (True, True, True, "bool", None, True, True),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", MHA_FUNCTIONAL_CASES, ids=str)
def test_multi_head_attention_forward_matches_torch(case, dtype):
    self_attention, need_weights, average, key_padding, attn_mask, bias_kv, zero_attn = case
    rng = np.random.default_rng(3)
    x, memory, kpm, am = _mha_arrays(rng, self_attention, key_padding, attn_mask)
    params = [rng.standard_normal((3 * E, E)) * 0.3, rng.standard_normal(3 * E), rng.standard_normal((E, E)) * 0.3,
              rng.standard_normal(E), rng.standard_normal((1, 1, E)), rng.standard_normal((1, 1, E))]

    def call(function):
        def run(x, memory, kpm, am, w_in, b_in, w_out, b_out, bias_k, bias_v):
            source = x if self_attention else memory
            output, weights = function(x, source, source, E, HEADS, w_in, b_in, bias_k if bias_kv else None,
                                       bias_v if bias_kv else None, zero_attn, 0.0, w_out, b_out,
                                       key_padding_mask=kpm, need_weights=need_weights, attn_mask=am,
                                       average_attn_weights=average)
            return [output] if weights is None else [output, weights]
        return run

    assert_parity(call(F.multi_head_attention_forward), call(TF.multi_head_attention_forward),
                  [x, memory, kpm, am] + params, dtype)


# ---------------------------------------------------------------------- nn.MultiheadAttention
MHA_MODULE_CASES = [  # constructor kwargs, self-attention, batched, forward kwargs, masks
    ({}, True, True, {}, (None, None)),
    ({"batch_first": True}, True, True, {"need_weights": False}, ("bool", "bool2d")),
    ({"kdim": 3, "vdim": 5}, False, True, {"average_attn_weights": False}, ("float", "float3d")),
    ({"bias": False, "add_bias_kv": True}, False, True, {}, ("bool", None)),
    ({"add_zero_attn": True, "batch_first": True}, False, True, {"need_weights": False}, (None, "float3d")),
    ({}, True, False, {"average_attn_weights": False}, (None, "bool2d")),
    ({"kdim": 3, "vdim": 3}, False, False, {"need_weights": False}, ("bool", None)),
    ({}, False, False, {}, ("float", "float3d")),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", MHA_MODULE_CASES, ids=str)
def test_multihead_attention_module_matches_torch(case, dtype):
    kwargs, self_attention, batched, forward_kwargs, (key_padding, attn_mask) = case
    kwargs = dict(embed_dim=E, num_heads=HEADS, **kwargs)
    torch.manual_seed(0)
    ours, theirs = build_pair(torch.nn.MultiheadAttention(**kwargs), snn.nn.MultiheadAttention, kwargs, dtype)
    rng = np.random.default_rng(4)
    batch_first = kwargs.get("batch_first", False)

    def shaped(length, features):
        if not batched:
            return rng.standard_normal((length, features))
        return rng.standard_normal((B, length, features) if batch_first else (length, B, features))

    x = shaped(L, E)
    key, value = shaped(S, kwargs.get("kdim", E)), shaped(S, kwargs.get("vdim", E))
    _, _, kpm, am = _mha_arrays(rng, self_attention, key_padding, attn_mask)
    if not batched:
        kpm = None if kpm is None else kpm[0]
        am = am if am is None or am.ndim == 2 else am[:HEADS]  # a 3-D mask is (heads, L, S) unbatched
    if self_attention:
        def call(module, x, kpm, am):
            return module(x, x, x, key_padding_mask=kpm, attn_mask=am, **forward_kwargs)
        arrays = [x, kpm, am]
    else:
        def call(module, x, key, value, kpm, am):
            return module(x, key, value, key_padding_mask=kpm, attn_mask=am, **forward_kwargs)
        arrays = [x, key, value, kpm, am]
    assert_module_parity(ours, theirs, arrays, dtype, call=call)


def test_multihead_attention_causal_hint_matches_torch():
    """is_causal=True with the causal attn_mask: the fused path uses the hint, the weights path the mask."""
    torch.manual_seed(0)
    kwargs = {"embed_dim": E, "num_heads": HEADS}
    ours, theirs = build_pair(torch.nn.MultiheadAttention(**kwargs), snn.nn.MultiheadAttention, kwargs, np.float64)
    causal = np.triu(np.ones((L, L), dtype=bool), k=1)
    x = np.random.default_rng(5).standard_normal((L, B, E))
    for need_weights in (False, True):
        def call(module, x, mask, need_weights=need_weights):
            return module(x, x, x, attn_mask=mask, is_causal=True, need_weights=need_weights)

        assert_module_parity(ours, theirs, [x, causal], np.float64, call=call)
        ours.zero_grad()
        theirs.zero_grad()


@pytest.mark.parametrize("need_weights", [True, False])
def test_a_query_with_every_key_masked_behaves_as_torch(need_weights):
    """torch gives NaN on the explicit-weights path and 0 (then out_proj's bias) on the fused one."""
    torch.manual_seed(0)
    kwargs = {"embed_dim": E, "num_heads": HEADS}
    ours, theirs = build_pair(torch.nn.MultiheadAttention(**kwargs), snn.nn.MultiheadAttention, kwargs, np.float64)
    x = np.random.default_rng(12).standard_normal((L, B, E))
    padding = np.zeros((B, L), dtype=bool)
    padding[1] = True  # batch entry 1 may attend to nothing
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # NaN as torch, without numpy's "invalid value" warning
        outputs = assert_module_parity(ours, theirs, [x, padding], np.float64,
                                       call=lambda m, x, kpm: m(x, x, x, key_padding_mask=kpm, need_weights=need_weights))
    assert np.isnan(outputs[0].data[:, 1]).all() == need_weights
    assert not np.isnan(outputs[0].data[:, [0, 2]]).any()


def test_nan_in_a_query_propagates_as_in_torchs_reference_backend():
    """Deviation: torch's CPU flash kernel turns a NaN query row into 0s; its math backend (the
    documented reference) and ours propagate the NaN, which does not hide the problem."""
    rng = np.random.default_rng(13)
    q, k, v = rng.standard_normal((2, L, 4)), rng.standard_normal((2, S, 4)), rng.standard_normal((2, S, 4))
    q[0, 1, 2] = np.nan
    ours = F.scaled_dot_product_attention(snn.tensor(q), snn.tensor(k), snn.tensor(v)).data
    with torch.nn.attention.sdpa_kernel(torch.nn.attention.SDPBackend.MATH):
        theirs = TF.scaled_dot_product_attention(torch.tensor(q), torch.tensor(k), torch.tensor(v)).numpy()
    np.testing.assert_array_equal(np.isnan(ours), np.isnan(theirs))
    assert np.isnan(ours[0, 1]).all() and np.isnan(ours).sum() == 4


def test_multihead_attention_dropout_applies_to_the_weights_in_training_only():
    snn.manual_seed(0)
    attention = snn.nn.MultiheadAttention(16, 4, dropout=0.4, dtype=np.float64)
    x = snn.tensor(np.random.default_rng(6).standard_normal((32, 8, 16)))
    _, weights = attention(x, x, x, average_attn_weights=False)  # (8, 4, 32, 32), dropped out
    dropped = np.mean(weights.data == 0)
    assert abs(dropped - 0.4) < 4 * math.sqrt(0.4 * 0.6 / weights.data.size)
    row_sums = weights.data.sum(-1)  # E[sum] = 1: the kept weights are scaled by 1 / (1 - p)
    assert abs(row_sums.mean() - 1.0) < 0.02 and row_sums.std() > 0.05
    attention.eval()
    output, weights = attention(x, x, x, average_attn_weights=False)
    np.testing.assert_allclose(weights.data.sum(-1), 1.0, rtol=1e-12)
    no_dropout = snn.nn.MultiheadAttention(16, 4, dtype=np.float64)
    no_dropout.load_state_dict(attention.state_dict())
    np.testing.assert_array_equal(no_dropout(x, x, x)[0].data, output.data)


def test_multihead_attention_default_init_is_torchs():
    torch.manual_seed(0)
    snn.manual_seed(0)
    ours = snn.nn.MultiheadAttention(64, 4, add_bias_kv=True)
    theirs = torch.nn.MultiheadAttention(64, 4, add_bias_kv=True)
    in_bound = math.sqrt(6 / (64 + 3 * 64))  # xavier_uniform on (3E, E)
    assert np.abs(ours.in_proj_weight.data).max() <= in_bound
    np.testing.assert_allclose(ours.in_proj_weight.data.var(), in_bound ** 2 / 3, rtol=0.05)
    np.testing.assert_allclose(ours.in_proj_weight.data.var(), theirs.in_proj_weight.detach().var().item(), rtol=0.05)
    assert np.abs(ours.out_proj.weight.data).max() <= 1 / math.sqrt(64)  # a Linear's default
    assert not ours.in_proj_bias.data.any() and not ours.out_proj.bias.data.any()
    assert ours.bias_k.shape == (1, 1, 64) and ours.bias_k.data.std() > 0  # xavier_normal, std sqrt(2 / 128)
    assert [name for name, _ in ours.named_parameters()] == [name for name, _ in theirs.named_parameters()]


# ---------------------------------------------------------------------- Transformer layers and stacks
def _layer_arrays(rng, batch_first, masks):
    def seq(length):
        return rng.standard_normal((B, length, E) if batch_first else (length, B, E))
    tgt, memory = seq(L), seq(S)
    causal = np.triu(np.full((L, L), -np.inf), k=1) if "causal" in masks else None
    tgt_kpm = (rng.random((B, L)) < 0.3) & ~np.eye(B, L, dtype=bool) if "padding" in masks else None
    memory_kpm = rng.random((B, S)) < 0.3 if "padding" in masks else None
    if memory_kpm is not None:
        memory_kpm[:, 0] = False  # every query keeps one key
    return tgt, memory, causal, tgt_kpm, memory_kpm


LAYER_CASES = [  # batch_first, norm_first, activation, bias, masks
    (False, False, "relu", True, ()),
    (True, True, "gelu", True, ("causal", "padding")),
    (False, True, "relu", False, ("padding",)),
    (True, False, "gelu", True, ("causal",)),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", LAYER_CASES, ids=str)
def test_transformer_encoder_layer_matches_torch(case, dtype):
    batch_first, norm_first, activation, bias, masks = case
    kwargs = {"d_model": E, "nhead": HEADS, "dim_feedforward": 16, "dropout": 0.0, "activation": activation,
                  "batch_first": batch_first, "norm_first": norm_first, "bias": bias}
    torch.manual_seed(0)
    ours, theirs = build_pair(torch.nn.TransformerEncoderLayer(**kwargs), snn.nn.TransformerEncoderLayer, kwargs, dtype)
    src, _, causal, kpm, _ = _layer_arrays(np.random.default_rng(7), batch_first, masks)
    assert_module_parity(ours, theirs, [src, causal, kpm], dtype,
                         call=lambda m, x, mask, kpm: m(x, src_mask=mask, src_key_padding_mask=kpm))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("case", LAYER_CASES, ids=str)
def test_transformer_decoder_layer_matches_torch(case, dtype):
    batch_first, norm_first, activation, bias, masks = case
    kwargs = {"d_model": E, "nhead": HEADS, "dim_feedforward": 16, "dropout": 0.0, "activation": activation,
                  "batch_first": batch_first, "norm_first": norm_first, "bias": bias}
    torch.manual_seed(0)
    ours, theirs = build_pair(torch.nn.TransformerDecoderLayer(**kwargs), snn.nn.TransformerDecoderLayer, kwargs, dtype)
    arrays = list(_layer_arrays(np.random.default_rng(8), batch_first, masks))

    def call(module, tgt, memory, mask, tgt_kpm, memory_kpm):
        return module(tgt, memory, tgt_mask=mask, tgt_key_padding_mask=tgt_kpm, memory_key_padding_mask=memory_kpm,
                      tgt_is_causal=mask is not None)

    assert_module_parity(ours, theirs, arrays, dtype, call=call)


def _stacks(nn, dtype, batch_first):
    common = {"d_model": E, "nhead": HEADS, "dim_feedforward": 16, "dropout": 0.0, "batch_first": batch_first}
    if nn is torch.nn:
        encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(**common), 2, norm=nn.LayerNorm(E),
                                        enable_nested_tensor=False)
    else:
        encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(**common, dtype=dtype), 2,
                                        norm=nn.LayerNorm(E, dtype=dtype))
    extra = {} if nn is torch.nn else {"dtype": dtype}
    decoder = nn.TransformerDecoder(nn.TransformerDecoderLayer(**common, norm_first=True, **extra), 2)
    return encoder, decoder


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("batch_first", [False, True])
def test_transformer_stacks_match_torch(batch_first, dtype):
    torch.manual_seed(0)
    torch_encoder, torch_decoder = _stacks(torch.nn, dtype, batch_first)
    encoder, _ = build_pair(torch_encoder, lambda dtype: _stacks(snn.nn, dtype, batch_first)[0], {}, dtype)
    decoder, _ = build_pair(torch_decoder, lambda dtype: _stacks(snn.nn, dtype, batch_first)[1], {}, dtype)
    tgt, memory, causal, _, memory_kpm = _layer_arrays(np.random.default_rng(9), batch_first, ("causal", "padding"))
    assert_module_parity(encoder, torch_encoder, [memory, memory_kpm], dtype,
                         call=lambda m, x, kpm: m(x, src_key_padding_mask=kpm))
    assert_module_parity(decoder, torch_decoder, [tgt, memory, causal, memory_kpm], dtype,
                         call=lambda m, t, mem, mask, kpm: m(t, mem, tgt_mask=mask, memory_key_padding_mask=kpm))


@pytest.mark.parametrize("dtype", DTYPES)
def test_full_transformer_matches_torch(dtype):
    kwargs = {"d_model": E, "nhead": HEADS, "num_encoder_layers": 2, "num_decoder_layers": 1, "dim_feedforward": 16,
                  "dropout": 0.0}
    torch.manual_seed(0)
    ours, theirs = build_pair(torch.nn.Transformer(**kwargs), snn.nn.Transformer, kwargs, dtype)
    rng = np.random.default_rng(10)
    src, tgt = rng.standard_normal((S, B, E)), rng.standard_normal((L, B, E))
    tgt_mask = torch.nn.Transformer.generate_square_subsequent_mask(L, dtype=torch.float64).numpy()
    np.testing.assert_array_equal(snn.nn.Transformer.generate_square_subsequent_mask(L, dtype=snn.float64).data,
                                  tgt_mask)
    assert_module_parity(ours, theirs, [src, tgt, tgt_mask], dtype,
                         call=lambda m, src, tgt, mask: m(src, tgt, tgt_mask=mask))


def test_transformer_init_is_xavier_on_every_matrix():
    snn.manual_seed(0)
    model = snn.nn.Transformer(d_model=32, nhead=4, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=64)
    weight = model.encoder.layers[0].linear1.weight.data  # (64, 32)
    bound = math.sqrt(6 / (32 + 64))
    assert np.abs(weight).max() <= bound
    np.testing.assert_allclose(weight.var(), bound ** 2 / 3, rtol=0.1)
    bias = model.encoder.layers[0].linear1.bias.data  # vectors keep their own init: Linear's U(+-1/sqrt(32))
    assert bias.any() and np.abs(bias).max() <= 1 / math.sqrt(32)


def test_activation_may_be_a_function_or_a_module_as_in_torch():
    snn.manual_seed(0)
    by_name = snn.nn.TransformerEncoderLayer(E, HEADS, 16, dropout=0.0, activation="gelu", dtype=np.float64)
    by_function = snn.nn.TransformerEncoderLayer(E, HEADS, 16, dropout=0.0, activation=lambda x: F.gelu(x),
                                                 dtype=np.float64)
    by_module = snn.nn.TransformerEncoderLayer(E, HEADS, 16, dropout=0.0, activation=snn.nn.GELU(), dtype=np.float64)
    for layer in (by_function, by_module):
        layer.load_state_dict(by_name.state_dict())
    x = snn.tensor(np.random.default_rng(14).standard_normal((L, B, E)))
    expected = by_name(x).data
    for layer in (by_function, by_module):
        np.testing.assert_array_equal(layer(x).data, expected)
    assert [by_name.activation_relu_or_gelu, by_function.activation_relu_or_gelu] == [2, 0]
    assert "activation" in dict(by_module.named_children())  # a Module activation is a child, as in torch


def test_stack_layers_are_independent_copies_with_equal_initial_weights():
    layer = snn.nn.TransformerEncoderLayer(E, HEADS, 16)
    encoder = snn.nn.TransformerEncoder(layer, 3)
    first, second = encoder.layers[0].linear1.weight, encoder.layers[1].linear1.weight
    assert first is not second and first.data is not second.data and first.data.base is not second.data
    np.testing.assert_array_equal(first.data, second.data)


def test_transformer_layers_dropout_in_training_and_torchs_output_in_eval():
    kwargs = {"d_model": E, "nhead": HEADS, "dim_feedforward": 16, "dropout": 0.3}
    torch.manual_seed(0)
    ours, theirs = build_pair(torch.nn.TransformerEncoderLayer(**kwargs), snn.nn.TransformerEncoderLayer, kwargs,
                              np.float64)
    x = np.random.default_rng(11).standard_normal((L, B, E))
    snn.manual_seed(1)
    first = ours(snn.tensor(x)).data
    second = ours(snn.tensor(x)).data
    assert not np.allclose(first, second)  # fresh masks each call
    ours.eval()
    theirs.eval()
    assert_module_parity(ours, theirs, [x], np.float64)


@pytest.mark.parametrize("build", [
    lambda nn: nn.MultiheadAttention(8, 2, kdim=3, vdim=5, add_bias_kv=True),
    lambda nn: nn.TransformerDecoderLayer(8, 2, 16, norm_first=True),
])
def test_state_dict_round_trips_through_safetensors(tmp_path, build):
    ours, theirs = build(snn.nn), build(torch.nn)
    path = tmp_path / "weights.safetensors"
    safetensors.numpy.save_file({name: value.data for name, value in ours.state_dict().items()}, str(path))
    theirs.load_state_dict(safetensors.torch.load_file(str(path)))  # strict: every name and shape must match
    for name, value in theirs.state_dict().items():
        np.testing.assert_array_equal(value.numpy(), ours.state_dict()[name].data)


# ---------------------------------------------------------------------- bad input
def test_sdpa_rejects_bad_arguments():
    q = snn.zeros(2, 4, 8)
    with pytest.raises(ValueError, match="must have the same last dim"):
        F.scaled_dot_product_attention(q, snn.zeros(2, 5, 7), snn.zeros(2, 5, 7))
    with pytest.raises(ValueError, match="same sequence length"):
        F.scaled_dot_product_attention(q, snn.zeros(2, 5, 8), snn.zeros(2, 6, 8))
    with pytest.raises(ValueError, match="give attn_mask or is_causal=True, not both"):
        F.scaled_dot_product_attention(q, q, q, attn_mask=snn.ones(4, 4, dtype=snn.bool), is_causal=True)
    with pytest.raises(ValueError, match="does not broadcast"):
        F.scaled_dot_product_attention(q, q, q, attn_mask=snn.ones(3, 4, dtype=snn.bool))
    with pytest.raises(TypeError, match="attn_mask must be bool or float32"):
        F.scaled_dot_product_attention(q, q, q, attn_mask=snn.ones(4, 4, dtype=snn.int64))
    with pytest.raises(ValueError, match=r"dropout_p must be in \[0, 1\)"):
        F.scaled_dot_product_attention(q, q, q, dropout_p=1.0)
    with pytest.raises(TypeError, match="share a dtype"):
        F.scaled_dot_product_attention(q, q.double(), q)
    with pytest.raises(ValueError, match="needs shape"):
        F.scaled_dot_product_attention(snn.zeros(8), q, q)
    with pytest.raises(ValueError, match="must be a multiple of the key and value heads"):
        F.scaled_dot_product_attention(snn.zeros(1, 3, 4, 8), snn.zeros(1, 2, 4, 8), snn.zeros(1, 2, 4, 8),
                                       enable_gqa=True)


def test_multihead_attention_rejects_bad_arguments():
    with pytest.raises(ValueError, match="embed_dim must be divisible by num_heads"):
        snn.nn.MultiheadAttention(10, 3)
    with pytest.raises(ValueError, match="dropout probability"):
        snn.nn.MultiheadAttention(8, 2, dropout=2.0)
    attention = snn.nn.MultiheadAttention(8, 2)
    x = snn.zeros(4, 3, 8)
    with pytest.raises(ValueError, match="query should be unbatched 2D"):
        attention(snn.zeros(4, 3, 8, 1), x, x)
    with pytest.raises(ValueError, match=r"expected embedding dimension 8, got query of shape \(4, 3, 6\)"):
        y = snn.zeros(4, 3, 6)
        attention(y, y, y)
    with pytest.raises(ValueError, match=r"The shape of the 2D attn_mask is \(4, 5\), but should be \(4, 4\)"):
        attention(x, x, x, attn_mask=snn.zeros(4, 5))
    with pytest.raises(ValueError, match=r"The shape of the 3D attn_mask is \(3, 4, 4\), but should be \(6, 4, 4\)"):
        attention(x, x, x, attn_mask=snn.zeros(3, 4, 4))
    with pytest.raises(ValueError, match=r"key_padding_mask must have shape \(3, 4\)"):
        attention(x, x, x, key_padding_mask=snn.zeros(3, 5, dtype=snn.bool))
    with pytest.raises(ValueError, match="Need attn_mask if specifying the is_causal hint"):
        attention(x, x, x, is_causal=True)
    with pytest.raises(TypeError, match="only bool and floating types of attn_mask"):
        attention(x, x, x, attn_mask=snn.zeros(4, 4, dtype=snn.int64))
    with pytest.raises(ValueError, match="must share"):
        attention(x, snn.zeros(5, 2, 8), snn.zeros(5, 2, 8))
    with pytest.raises(TypeError, match="query must be a Tensor"):
        attention(np.zeros((4, 3, 8)), x, x)


def test_transformer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="activation should be relu/gelu"):
        snn.nn.TransformerEncoderLayer(8, 2, activation="swish")
    with pytest.raises(TypeError, match="must be a Module"):
        snn.nn.TransformerEncoder("layer", 2)
    with pytest.raises(ValueError, match="num_layers must be >= 1"):
        snn.nn.TransformerDecoder(snn.nn.TransformerDecoderLayer(8, 2, 16), 0)
    model = snn.nn.Transformer(8, 2, 1, 1, 16)
    with pytest.raises(ValueError, match="the batch number of src and tgt must be equal"):
        model(snn.zeros(5, 2, 8), snn.zeros(4, 3, 8))
    with pytest.raises(ValueError, match="the feature number of src and tgt must be equal to d_model=8"):
        model(snn.zeros(5, 2, 8), snn.zeros(4, 2, 6))


def test_every_layer_repr_matches_torch():
    for build in (lambda nn: nn.MultiheadAttention(8, 2, kdim=4), lambda nn: nn.TransformerDecoderLayer(8, 2, 16)):
        assert repr(build(snn.nn)) == repr(build(torch.nn))
    assert list(snn.nn.Transformer(8, 2, 1, 1, 16).state_dict()) == list(torch.nn.Transformer(8, 2, 1, 1, 16).state_dict())
